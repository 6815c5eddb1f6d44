"""Ranking volunteers for one person waiting for a befriender: plain rules, each with its reason (ADR 0041).

Pure Python over two small records, so hypothesis can check the rules exhaustively. First the gates:
a volunteer is never proposed whose checks have lapsed (or were never complete), who is at capacity,
who shares no time of the week with the person, no way of meeting (phone, video, a visit within their
travel distance), no language, or who is not the gender the person asked for. Then the points, each
written down as the reason the coordinator reads:

* 3 a shared interest (up to four);
* 3 a shared language other than English (a first language matters more than a common one);
* 1 a shared slot of the week (up to four: more choice of time when life changes);
* 2 a visit close by (scaled by how far within the volunteer's travel distance);
* 2 the age band the person asked for.

Ties go to the volunteer with more spare capacity, then to the lower id, so a ranking is repeatable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from connected.core.places import distance_km

from .vocabulary import AGE_BANDS, INTERESTS, SLOTS, label


@dataclass(frozen=True)
class Candidate:
    """What the ranker knows of a volunteer."""

    id: int
    checks_until: dt.date | None  # the day the first of their checks lapses; None while any is missing
    active_matches: int
    capacity: int
    slots: frozenset[str]
    modes: frozenset[str]
    languages: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    gender: str = ""
    age: int | None = None
    location: tuple[float, float] | None = None
    travel_km: float = 0


@dataclass(frozen=True)
class Wish:
    """What the ranker knows of the person: their times, ways of meeting, languages, interests, preferences."""

    slots: frozenset[str]
    modes: frozenset[str]
    languages: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    prefers_gender: str = ""
    prefers_age: str = ""
    location: tuple[float, float] | None = None


@dataclass
class Proposal:
    volunteer_id: int
    score: float
    reasons: list[str] = field(default_factory=list)
    slots: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)


def checks_clear(candidate: Candidate, today: dt.date) -> bool:
    return candidate.checks_until is not None and candidate.checks_until >= today


def ways_to_meet(candidate: Candidate, wish: Wish) -> tuple[set[str], float | None]:
    """The modes both accept (a visit only within the volunteer's travel distance), and the distance if known."""
    modes = set(candidate.modes & wish.modes)
    km = None
    if candidate.location and wish.location:
        km = distance_km(*candidate.location, *wish.location)
    if "visit" in modes and (km is None or km > candidate.travel_km):
        modes.discard("visit")
    return modes, km


def in_band(age: int | None, band: str) -> bool:
    if age is None or not band:
        return False
    if band.endswith("+"):
        return age >= int(band[:-1])
    low, high = (int(part) for part in band.split("-"))
    return low <= age <= high


def excluded_because(candidate: Candidate, wish: Wish, today: dt.date) -> str | None:
    """Why the volunteer may not be proposed, or None when they may."""
    if not checks_clear(candidate, today):
        return "checks not complete or expired"
    if candidate.active_matches >= candidate.capacity:
        return "at capacity"
    if not candidate.slots & wish.slots:
        return "no time of the week in common"
    if not ways_to_meet(candidate, wish)[0]:
        return "no way of meeting in common (or too far to visit)"
    if wish.languages and not candidate.languages & wish.languages:
        return "no language in common"
    if wish.prefers_gender and candidate.gender != wish.prefers_gender:
        return "not the gender the person asked for"
    return None


def score(candidate: Candidate, wish: Wish) -> Proposal:
    """Points and their reasons, for a volunteer who passed the gates."""
    proposal = Proposal(volunteer_id=candidate.id, score=0)
    reasons = proposal.reasons
    interests = sorted(candidate.interests & wish.interests)[:4]
    if interests:
        proposal.score += 3 * len(interests)
        reasons.append("Shared interests: " + ", ".join(label(INTERESTS, i).lower() for i in interests))
    languages = sorted(candidate.languages & wish.languages)
    if any(lang != "English" for lang in languages):
        proposal.score += 3
    if languages:
        reasons.append("Both speak " + " and ".join(languages))
    proposal.slots = sorted(candidate.slots & wish.slots, key=[code for code, _ in SLOTS].index)
    proposal.score += min(len(proposal.slots), 4)
    reasons.append("Free at the same times: " + ", ".join(label(SLOTS, s) for s in proposal.slots[:4]))
    modes, km = ways_to_meet(candidate, wish)
    proposal.modes = sorted(modes)
    if "visit" in modes and km is not None:
        proposal.score += round(2 * (1 - km / max(candidate.travel_km, 1)), 2)
        reasons.append(f"Can visit: about {km:.1f} km away (travels up to {candidate.travel_km:g} km)")
    reasons.append("Can meet by " + ", ".join(proposal.modes))
    if wish.prefers_gender:
        reasons.append(f"A {wish.prefers_gender} volunteer, as the person asked")
    if in_band(candidate.age, wish.prefers_age):
        proposal.score += 2
        reasons.append(f"In the age band the person asked for ({label(AGE_BANDS, wish.prefers_age).lower()})")
    return proposal


def rank(wish: Wish, candidates: list[Candidate], today: dt.date, limit: int = 10) -> list[Proposal]:
    """The best `limit` volunteers for the person, best first; only those who pass every gate."""
    spare = {c.id: c.capacity - c.active_matches for c in candidates}
    proposals = [score(c, wish) for c in candidates if excluded_because(c, wish, today) is None]
    proposals.sort(key=lambda p: (-p.score, -spare[p.volunteer_id], p.volunteer_id))
    return proposals[:limit]
