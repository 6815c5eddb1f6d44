"""What the index knows about the places a search returned, for callers that judge them further (matching).

A `SearchResult` says what a person reads; matching also needs the row's codes (activity types, needs,
accessibility, delivery), its age range and every weekly session, to check a person's hard constraints and
explain a suggestion. One query for the rows and one for their sessions, by the indexed `service_id`.
"""

# SQL here is assembled from fixed fragments and %s placeholders only; every value goes as a parameter.
# ruff: noqa: S608

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.db import connection

from .masks import ACCESS_BIT, DELIVERY_BIT, TERM_BIT, codes


@dataclass(frozen=True)
class Session:
    day: int  # 0 = Monday
    opens: int  # minutes after midnight
    closes: int


@dataclass(frozen=True)
class EntryFacts:
    service_id: UUID
    location_id: UUID | None
    term_codes: tuple[str, ...]
    access_codes: tuple[str, ...]
    delivery: tuple[str, ...]
    min_age: int
    max_age: int
    is_free: bool
    sessions: tuple[Session, ...]
    has_rules: bool  # a schedule is listed (so no sessions left means it has ended)
    text: str  # the stemmed words the row is found by
    service_name: str = ""
    organization_name: str = ""
    rules: tuple[dict, ...] = ()  # its schedules as stored (`results.rule_from_json` reads one)


def _key(service_id: UUID, location_id: UUID | None) -> tuple[str, str]:
    return service_id.hex, location_id.hex if location_id else ""


_COLUMNS = (
    "SELECT id, service_id, location_id, term_mask, access_mask, delivery_mask, min_age, max_age, is_free, "
    "rules, stems, service_name, organization_name FROM directory_search_entry"
)


def entry_facts(places: Iterable[tuple[UUID, UUID | None]]) -> dict[tuple[UUID, UUID | None], EntryFacts]:
    """The index's facts for each (service, location) given; places not in the index are left out."""
    wanted = {_key(s, loc): (s, loc) for s, loc in places}
    if not wanted:
        return {}
    services = sorted({k[0] for k in wanted})
    with connection.cursor() as cursor:
        cursor.execute(f"{_COLUMNS} WHERE service_id IN ({','.join(['%s'] * len(services))})", services)
        rows = [r for r in cursor.fetchall() if _key(UUID(str(r[1])), UUID(str(r[2])) if r[2] else None) in wanted]
    return {(f.service_id, f.location_id): f for f in _facts(rows).values()}


def facts_by_entry(ids: Iterable[int]) -> dict[int, EntryFacts]:
    """The index's facts for these index rows (ids as `nearby` gives them); rows gone since are left out."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(f"{_COLUMNS} WHERE id IN ({','.join(['%s'] * len(ids))})", ids)
        return _facts(cursor.fetchall())


def _facts(rows: list[tuple]) -> dict[int, EntryFacts]:
    sessions: dict[int, list[Session]] = {row[0]: [] for row in rows}
    if rows:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT entry_id, day, opens, closes FROM directory_search_session "
                f"WHERE entry_id IN ({','.join(['%s'] * len(sessions))}) ORDER BY entry_id, day, opens",
                list(sessions),
            )
            for entry_id, day, opens, closes in cursor.fetchall():
                sessions[entry_id].append(Session(day, opens, closes))
    out, named = {}, {}  # named: (bits, mask) -> codes, worked out once per distinct mask
    for row in rows:
        for bits, value in ((TERM_BIT, row[3]), (ACCESS_BIT, row[4]), (DELIVERY_BIT, row[5])):
            if (id(bits), value) not in named:
                named[id(bits), value] = codes(bits, value)
        rules = tuple(json.loads(row[9] or "[]"))
        out[row[0]] = EntryFacts(
            service_id=UUID(str(row[1])),
            location_id=UUID(str(row[2])) if row[2] else None,
            term_codes=named[id(TERM_BIT), row[3]],
            access_codes=named[id(ACCESS_BIT), row[4]],
            delivery=named[id(DELIVERY_BIT), row[5]],
            min_age=row[6],
            max_age=row[7],
            is_free=bool(row[8]),
            sessions=tuple(sessions[row[0]]),
            has_rules=bool(rules),
            text=row[10] or "",
            service_name=row[11],
            organization_name=row[12],
            rules=rules,
        )
    return out
