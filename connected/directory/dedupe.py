"""The same activity listed by two feeds: recognise it, point the copies at one canonical listing, keep both.

Two services from different feeds are the same activity when all of these hold:
- their names are alike (rapidfuzz token-set ratio >= NAME_SCORE);
- their organisations' names are alike (>= ORG_SCORE) when both have one;
- they meet within PLACE_METRES of each other when both have coordinates;
- services with no place (phone and online groups) are held to more, since a
  generic name ("Call and Chat") says little and distance cannot help: their
  organisations' names must be the same after normalisation (almost every
  character; a place in the name counts, so "Newquay Telephone Friends" is
  not "Newcastle upon Tyne Telephone Friends"), or both have none, and they
  must share a way in (website, email or phone number of the service or its
  organisation) or a named service area;
- their sessions overlap (a weekday in common and start times within
  SESSION_MINUTES) when both list sessions.
Candidates are only compared within blocks (a ~1 km grid cell and its
neighbours, or the name's first word for services without a place), so the
work grows with the directory, not with its square.
The canonical listing is the one from the feed with the lower priority, then
the older record; the others get `duplicate_of`. Nothing is deleted.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time

from rapidfuzz import fuzz

from connected.core.places import distance_km

from . import models as m

NAME_SCORE = 85
ORG_SCORE = 80
EXACT_ORG_SCORE = 95  # rapidfuzz plain ratio for services without a place: spelling slips only
PLACE_METRES = 200
SESSION_MINUTES = 30
CELL = 0.01  # degrees of latitude, about 1.1 km


@dataclass
class Entry:
    id: object
    feed_id: int
    priority: int
    imported_at: datetime | None
    name: str
    org: str
    duplicate_of: object
    places: list[tuple[float, float]] = field(default_factory=list)
    sessions: set[tuple[str, int]] = field(default_factory=set)
    contacts: set[str] = field(default_factory=set)  # websites, emails and phone numbers, normalised
    areas: set[str] = field(default_factory=set)  # service area names, normalised


def _norm(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def _contact(value: str) -> str:
    """A website, email or phone number in one spelling: no scheme, no www, no spaces, no trailing slash."""
    text = value.strip().casefold().removeprefix("https://").removeprefix("http://").removeprefix("www.")
    if "@" not in text and "." not in text:  # a phone number: its digits
        return "".join(c for c in text if c.isdigit()).removeprefix("44").lstrip("0")
    return text.rstrip("/")


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points, in metres (`core.places.distance_km`)."""
    return distance_km(*a, *b) * 1000


def _minutes(value: time | None) -> int:
    return value.hour * 60 + value.minute if value else -1


def load_entries() -> dict[object, Entry]:
    entries: dict[object, Entry] = {}
    rows = m.Service.objects.filter(feed__isnull=False).values_list(
        "id", "feed_id", "feed__priority", "imported_at", "name", "organization__name", "duplicate_of_id",
        "url", "email", "organization__website", "organization__email",
    )  # fmt: skip
    for sid, feed_id, priority, imported_at, name, org, dup, *ways in rows.iterator(chunk_size=5000):
        entry = Entry(sid, feed_id, priority, imported_at, _norm(name), _norm(org or ""), dup)
        entry.contacts.update(_contact(w) for w in ways if w)
        entries[sid] = entry
    places = m.ServiceAtLocation.objects.filter(location__latitude__isnull=False, location__longitude__isnull=False)
    for sid, lat, lon in places.values_list("service_id", "location__latitude", "location__longitude").iterator(
        chunk_size=5000
    ):
        if sid in entries:
            entries[sid].places.append((lat, lon))
    sessions = m.Schedule.objects.exclude(byday="").values_list(
        "service_id", "service_at_location__service_id", "byday", "opens_at"
    )
    for sid, sal_sid, byday, opens in sessions.iterator(chunk_size=5000):
        entry = entries.get(sid or sal_sid)
        if entry is not None:
            for day in byday.split(","):
                entry.sessions.add((day.strip()[-2:], _minutes(opens)))
    _load_ways_in(entries)
    return entries


def _load_ways_in(entries: dict[object, Entry]) -> None:
    """Phone numbers and service areas: only services without a place need them (see same_activity)."""
    placeless = [sid for sid, e in entries.items() if not e.places]
    for start in range(0, len(placeless), 900):
        chunk = placeless[start : start + 900]
        for sid, number in m.Phone.objects.filter(service_id__in=chunk).values_list("service_id", "number"):
            entries[sid].contacts.add(_contact(number))
        phones = m.Phone.objects.filter(organization__services__in=chunk).values_list(
            "organization__services", "number"
        )
        for sid, number in phones:
            entries[sid].contacts.add(_contact(number))
        for sid, area in m.ServiceArea.objects.filter(service_id__in=chunk).values_list("service_id", "name"):
            if area:
                entries[sid].areas.add(_norm(area))
    for entry in entries.values():
        entry.contacts.discard("")


def _blocks(entries: dict[object, Entry]) -> dict[tuple, list[Entry]]:
    blocks: dict[tuple, list[Entry]] = defaultdict(list)
    for entry in entries.values():
        if entry.places:
            for lat, lon in entry.places:
                blocks[("cell", int(lat // CELL), int(lon // (CELL * 1.6)))].append(entry)
        elif entry.name:
            blocks[("name", entry.name.split()[0])].append(entry)
    return blocks


def _sessions_overlap(a: Entry, b: Entry) -> bool:
    if not a.sessions or not b.sessions:
        return True
    for day, start in a.sessions:
        for other_day, other_start in b.sessions:
            if day == other_day and (start < 0 or other_start < 0 or abs(start - other_start) <= SESSION_MINUTES):
                return True
    return False


def same_activity(a: Entry, b: Entry) -> bool:
    if a.feed_id == b.feed_id or fuzz.token_set_ratio(a.name, b.name) < NAME_SCORE:
        return False
    if a.org and b.org and fuzz.token_set_ratio(a.org, b.org) < ORG_SCORE:
        return False
    if a.places and b.places and min(metres(p, q) for p in a.places for q in b.places) > PLACE_METRES:
        return False
    if bool(a.places) != bool(b.places):
        return False
    if not a.places and not _same_placeless_provider(a, b):
        return False
    return _sessions_overlap(a, b)


def _same_placeless_provider(a: Entry, b: Entry) -> bool:
    """Without a place, the same organisation (by its full name) reached the same way, or serving the same area."""
    if bool(a.org) != bool(b.org) or (a.org and fuzz.ratio(a.org, b.org) < EXACT_ORG_SCORE):
        return False
    return bool(a.contacts & b.contacts) or bool(a.areas & b.areas)


def _seniority(e: Entry) -> tuple:
    """Lower feed priority wins, then the older feed, then the record imported first."""
    return (e.priority, e.feed_id, e.imported_at.timestamp() if e.imported_at else math.inf, str(e.id))


def find_duplicates() -> int:
    """Recompute `duplicate_of` for every harvested service; returns how many are duplicates."""
    return update_duplicates()[0]


def update_duplicates() -> tuple[int, set]:
    """Recompute `duplicate_of`; returns how many are duplicates and the services whose search listing changes."""
    entries = load_entries()
    parent: dict[object, object] = {k: k for k in entries}

    def root(key: object) -> object:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    blocks = _blocks(entries)
    for key, members in blocks.items():
        neighbours = list(members)
        if key[0] == "cell":
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    if (dy, dx) != (0, 0):
                        neighbours.extend(blocks.get(("cell", key[1] + dy, key[2] + dx), ()))
        for a in members:
            for b in neighbours:
                if a.id != b.id and root(a.id) != root(b.id) and same_activity(a, b):
                    parent[root(a.id)] = root(b.id)
    groups: dict[object, list[Entry]] = defaultdict(list)
    for entry in entries.values():
        groups[root(entry.id)].append(entry)
    changed: list[m.Service] = []
    touched: set = set()  # the services whose listing in search changes: both ends of every old and new link
    duplicates = 0
    for members in groups.values():
        canonical = min(members, key=_seniority)
        for entry in members:
            target = None if entry is canonical else canonical.id
            duplicates += target is not None
            if entry.duplicate_of != target:
                changed.append(m.Service(id=entry.id, duplicate_of_id=target))
                touched.update(x for x in (entry.id, entry.duplicate_of, target) if x is not None)
    m.Service.objects.bulk_update(changed, ["duplicate_of"], batch_size=500)
    return duplicates, touched
