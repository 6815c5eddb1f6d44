"""The one entry point: ranked, explained suggestions for a person (issue 15, ADR 0030)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings

from .candidates import gather, with_next_session
from .constraints import Candidate, Seeker, broken
from .ranking import Suggestion, order_key, points, score

TOP = 10


def allowed(s: Seeker, found: list[Candidate]) -> list[Candidate]:
    """Those breaking no hard constraint."""
    return [c for c in found if not broken(s, c)]


def best(
    s: Seeker, found: list[Candidate], limit: int = TOP, similarity: dict | None = None, now: datetime | None = None
) -> list[Suggestion]:
    """The top `limit`, one place per activity (its best-scoring place), with their next sessions.

    `similarity` (service id -> 0..1) is a second ranker's say, added to the score (`ranking.score`)."""
    similarity = similarity or {}
    near = {c.service_id: similarity.get(c.service_id, 0.0) for c in found}
    out, seen = [], set()
    for c in sorted(allowed(s, found), key=lambda c: order_key(c, points(s, c, near[c.service_id]))):
        if c.service_id not in seen:
            seen.add(c.service_id)
            out.append(score(s, with_next_session(c, now), near[c.service_id]))  # the reason may name the session
        if len(out) == limit:
            break
    return out


def suggestions(s: Seeker, limit: int = TOP, now: datetime | None = None) -> list[Suggestion]:
    """Candidates from directory search, constrained, ranked and explained."""
    ranker = getattr(settings, "MATCHING_RANKER", "lexical")
    if ranker != "lexical":  # by meaning (ADR 0047)
        from .semantic import suggestions as by_meaning

        return by_meaning(s, ranker, limit, now)
    found = gather(s, now)
    return best(s, found, limit, now=now)
