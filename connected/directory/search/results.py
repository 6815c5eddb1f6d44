"""What search gives back, and shaping an index row into it: the session rules back from JSON, the next
session, and why the row matched."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from uuid import UUID

from connected.core.places import KM_PER_MILE
from connected.directory.sessions import LONDON, Occurrence, Rule, clock, next_occurrence
from connected.directory.vocabulary import DAY_NAMES, DAYS

from .masks import (
    ACCESS_BIT,
    ACCESS_LABEL,
    DELIVERY_BIT,
    DELIVERY_LABEL,
    REMOTE,
    TERM_BIT,
    TERM_LABEL,
    codes,
)
from .query import Prepared


@dataclass(frozen=True)
class SearchResult:
    service_id: UUID
    service_name: str
    organization_name: str
    location_id: UUID | None
    location_name: str
    address: str
    postcode: str
    latitude: float | None
    longitude: float | None
    distance_km: float | None
    distance_miles: float | None
    next_session: datetime | None
    next_session_text: str  # e.g. "Tuesday 10am to 12pm"
    is_free: bool
    delivery: tuple[str, ...]
    reasons: tuple[str, ...]  # why it matched, in plain English
    also_listed_by: tuple[str, ...]  # other feeds' names for a collapsed duplicate


@dataclass(frozen=True)
class SearchPage:
    results: list[SearchResult]
    total: int
    page: int
    per_page: int

    @property
    def total_pages(self) -> int:
        return max(1, -(-self.total // self.per_page)) if self.per_page > 0 else 1


def rule_from_json(d: dict) -> Rule:
    return Rule(
        freq=d["freq"],
        interval=d["interval"],
        byday=tuple(tuple(x) for x in d["byday"]),
        bymonthday=tuple(d["bymonthday"]),
        starts=date.fromisoformat(d["starts"]) if d["starts"] else None,
        ends=date.fromisoformat(d["ends"]) if d["ends"] else None,
        anchor=date.fromisoformat(d["anchor"]) if d["anchor"] else None,
        opens_at=time.fromisoformat(d["opens_at"]) if d["opens_at"] else None,
        closes_at=time.fromisoformat(d["closes_at"]) if d["closes_at"] else None,
        count=d.get("count"),  # rows written before counts were kept have none
    )


@lru_cache(maxsize=4096)
def rules_from_json(text: str) -> tuple[Rule, ...]:
    """An index row's session rules. Cached by their JSON: many listings share a pattern (weekly, Tuesday 10am)."""
    return tuple(rule_from_json(r) for r in json.loads(text))


# rules JSON -> (when it was worked out, the next session then). Bounded; cleared whole when full.
_NEXT: dict[str, tuple[datetime, Occurrence | None]] = {}
_NEXT_MAX = 8192


def next_session_of(text: str, rules: tuple[Rule, ...], now: datetime) -> Occurrence | None:
    """`next_occurrence(rules, now)`, reusing an answer worked out earlier while it still holds.

    The next session after `now` is the same for any later moment before that session starts: no session of
    these rules begins in between. With no next session, the answer is reused on the same day only (the
    expansion looks a bounded number of months ahead of the day it starts from). Exact, not approximate:
    a page of results no longer expands 20 calendars when their patterns were expanded a moment ago.
    """
    if now.tzinfo is None:
        now = now.replace(tzinfo=LONDON)
    cached = _NEXT.get(text)
    if cached is not None:
        at, occurrence = cached
        if at <= now and (
            now < occurrence.start if occurrence else now.astimezone(LONDON).date() == at.astimezone(LONDON).date()
        ):
            return occurrence
    occurrence = next_occurrence(rules, now)
    if len(_NEXT) >= _NEXT_MAX:
        _NEXT.clear()
    _NEXT[text] = (now, occurrence)
    return occurrence


def reasons(row: dict, p: Prepared, rules: tuple[Rule, ...]) -> tuple[str, ...]:
    """Why this row matched, in plain English, in the order a person would ask."""
    q, out = p.query, []
    if row["dist"] is not None:
        out.append(f"{row['dist'] / KM_PER_MILE:.1f} miles away")
    elif p.has_point:
        out.append(
            "No travel needed: "
            + " or ".join(DELIVERY_LABEL[c].lower() for c in codes(DELIVERY_BIT, row["delivery_mask"] & REMOTE))
        )
    for w in p.words:
        if w.stem and w.corrected_to:
            out.append(f"Matches “{w.corrected_to}” (you typed “{w.typed}”)")
        elif w.stem:
            out.append(f"Matches “{w.typed}”")
    for code in codes(TERM_BIT, row["term_mask"] & p.term_mask):
        out.append(TERM_LABEL[code])
    if p.term_ids:
        out.append("In the chosen category")
    if q.age is not None:
        out.append(f"Open to people aged {q.age}")
    if p.day_mask or p.opens_before is not None or p.closes_after is not None:
        days = [d for r in rules for d in sorted(r.weekdays) if not p.day_numbers or d in p.day_numbers]
        names = [DAY_NAMES[DAYS[d]] for d in sorted(set(days))]
        window = ""
        if q.start_time or q.end_time:
            start = clock(q.start_time) if q.start_time else "midnight"
            window = f" between {start} and {clock(q.end_time) if q.end_time else 'midnight'}"
        out.append(f"Sessions on {', '.join(names)}{window}" if names else f"Sessions{window}")
    if q.free_only:
        out.append("Free")
    for code in codes(ACCESS_BIT, row["access_mask"] & p.access_mask):
        out.append(ACCESS_LABEL[code])
    for code in codes(DELIVERY_BIT, row["delivery_mask"] & p.delivery_mask):
        out.append(DELIVERY_LABEL[code])
    return tuple(out)


def result(row: dict, p: Prepared, now: datetime) -> SearchResult:
    """An index row (with its distance `dist`, or None) as a person reads it."""
    rules = rules_from_json(row["rules"])
    occurrence = next_session_of(row["rules"], rules, now)
    dist = row["dist"]
    return SearchResult(
        service_id=UUID(row["service_id"]),
        service_name=row["service_name"],
        organization_name=row["organization_name"],
        location_id=UUID(row["location_id"]) if row["location_id"] else None,
        location_name=row["location_name"],
        address=row["address"],
        postcode=row["postcode"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        distance_km=round(dist, 3) if dist is not None else None,
        distance_miles=round(dist / KM_PER_MILE, 3) if dist is not None else None,
        next_session=occurrence.start if occurrence else None,
        next_session_text=occurrence.text if occurrence else "",
        is_free=bool(row["is_free"]),
        delivery=codes(DELIVERY_BIT, row["delivery_mask"]),
        reasons=reasons(row, p, rules),
        also_listed_by=tuple(json.loads(row["also_listed_by"])),
    )
