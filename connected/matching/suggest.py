"""The one entry point: ranked, explained suggestions for a person (issue 15, ADR 0030)."""

from __future__ import annotations

from datetime import datetime

from .candidates import gather, with_next_session
from .constraints import Candidate, Seeker, broken
from .ranking import Suggestion, ranked, score

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
    out, seen = [], set()
    for x in ranked(s, [score(s, c, similarity.get(c.service_id, 0.0)) for c in allowed(s, found)]):
        if x.candidate.service_id not in seen:
            seen.add(x.candidate.service_id)
            shown = with_next_session(x.candidate, now)  # the reason may name it
            out.append(score(s, shown, similarity.get(shown.service_id, 0.0)))
        if len(out) == limit:
            break
    return out


def suggestions(s: Seeker, limit: int = TOP, now: datetime | None = None) -> list[Suggestion]:
    """Candidates from directory search, constrained, ranked and explained."""
    found = gather(s, now)
    return best(s, found, limit, now=now)
