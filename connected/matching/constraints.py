"""Who is looking and what is on offer, in plain terms, and the hard constraints between them.

Pure Python: `Seeker` and `Candidate` are built elsewhere (from casework and the search index), so the rules
here can be tested over generated people and directories (tests/matching/test_constraints_property.py).
A constraint broken means the activity is never suggested; everything else only ranks (`ranking`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from connected.directory.search.facts import Session

from .concepts import Cue

# How far each way of travelling reaches (km), and minutes for a distance (km) by it.
REACH_KM = {"walk": 1.6, "bus": 8.0, "car": 25.0, "none": 0.0}
SEARCH_RADIUS_KM = {"walk": 1.6, "bus": 8.0, "car": 25.0}
PARTS = {"morning": (0, 12 * 60), "afternoon": (12 * 60, 17 * 60), "evening": (17 * 60, 24 * 60)}


def minutes_by(travel: str, km: float) -> int:
    """A rough door-to-door time: walking 4.8 km/h; a bus 18 km/h plus 10 minutes' wait; a car 30 km/h plus 5."""
    if travel == "walk":
        return max(1, round(km / 4.8 * 60))
    if travel == "bus":
        return round(10 + km / 18 * 60)
    return round(5 + km / 30 * 60)


@dataclass(frozen=True)
class Seeker:
    age: int | None = None
    point: tuple[float, float] | None = None
    travel: str = "bus"  # walk, bus, car, none (online and phone only)
    free: frozenset[tuple[int, str]] = frozenset()  # (day 0-6, part of day); empty = free any time
    max_cost: Decimal | None = None  # 0 = free only; None = any
    access_needs: tuple[str, ...] = ()
    digital: str = ""  # casework's DigitalAccess: yes, with_help, no, or unknown
    language: str = ""
    words: str = ""  # their goals, interests and hopes, in their own words
    cues: tuple[Cue, ...] = ()
    need_codes: tuple[str, ...] = ()
    stopped: dict[str, tuple[str, str]] = field(default_factory=dict)  # activity type -> (activity, why stopped)
    current: frozenset[UUID] = frozenset()  # services they are already introduced to and not stopped


@dataclass(frozen=True)
class Candidate:
    service_id: UUID
    location_id: UUID | None
    name: str
    organisation: str
    distance_km: float | None  # None: no place (online, phone, or visits)
    delivery: tuple[str, ...]
    term_codes: tuple[str, ...]
    access_codes: tuple[str, ...]
    min_age: int
    max_age: int
    is_free: bool
    sessions: tuple[Session, ...]
    has_rules: bool
    upcoming: bool  # a session is still to come (false for a schedule that has ended)
    text: str = ""  # stemmed words of the listing
    next_session_text: str = ""
    cheapest: Decimal | None = None  # the cheapest listed cost option, when costs are listed
    rules: tuple[dict, ...] = ()  # its schedules as the index stores them (next session: for those shown)


def in_person_route(s: Seeker, c: Candidate) -> bool:
    """They can get there: a place within reach of how they travel, with the access they need."""
    return (
        c.distance_km is not None
        and "in_person" in c.delivery
        and s.travel != "none"
        and c.distance_km <= REACH_KM[s.travel]
        and set(s.access_needs) <= set(c.access_codes)
    )


def remote_route(s: Seeker, c: Candidate) -> str:
    """'phone' or 'online' when they can join from home, else ''."""
    if "phone" in c.delivery:
        return "phone"
    if "online" in c.delivery and s.digital != "no":
        return "online"
    return ""


def fits_time(session: Session, free: frozenset[tuple[int, str]]) -> bool:
    """A session fits when it overlaps a part of a day the person is free."""
    return any(
        (session.day, part) in free and session.opens < end and session.closes > start
        for part, (start, end) in PARTS.items()
    )


def broken(s: Seeker, c: Candidate) -> list[str]:
    """The hard constraints `c` breaks for `s`, in words; empty when it may be suggested."""
    out = []
    if c.has_rules and not c.upcoming:
        out.append("it has ended")
    if s.age is not None and not c.min_age <= s.age <= c.max_age:
        out.append(f"it is for ages {c.min_age} to {c.max_age}")
    if not in_person_route(s, c) and not remote_route(s, c):
        out.append("they cannot get there")
    if s.free and c.sessions and not any(fits_time(x, s.free) for x in c.sessions):
        out.append("it only meets when they are not free")
    if s.max_cost is not None and s.max_cost == 0 and not c.is_free:
        out.append("it is not free")
    elif s.max_cost is not None and not c.is_free and c.cheapest is not None and c.cheapest > s.max_cost:
        out.append("it costs more than they can pay")
    if c.service_id in s.current:
        out.append("they are already introduced to it")
    return out
