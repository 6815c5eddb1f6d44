"""The one entry point: ranked, explained suggestions for a person (issue 15, ADR 0030)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings

from .candidates import gather
from .constraints import Candidate, Seeker, broken
from .ranking import Suggestion, ranked, score

TOP = 10


def allowed(s: Seeker, found: list[Candidate]) -> list[Candidate]:
    """Those breaking no hard constraint."""
    return [c for c in found if not broken(s, c)]


def best(s: Seeker, found: list[Candidate], limit: int = TOP, similarity: dict | None = None) -> list[Suggestion]:
    """The top `limit`, one place per activity (its best-scoring place)."""
    similarity = similarity or {}
    out, seen = [], set()
    for x in ranked(s, [score(s, c, similarity.get(c.service_id, 0.0)) for c in allowed(s, found)]):
        if x.candidate.service_id not in seen:
            seen.add(x.candidate.service_id)
            out.append(x)
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
    return best(s, found, limit)
