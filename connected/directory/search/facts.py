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

from connected.directory.sessions import Rule

from .masks import ACCESS_BIT, DELIVERY_BIT, TERM_BIT, codes
from .results import rule_from_json


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
    rules: tuple[Rule, ...] = ()  # its schedules, for the next session (`sessions.next_occurrence`)


def _key(service_id: UUID, location_id: UUID | None) -> tuple[str, str]:
    return service_id.hex, location_id.hex if location_id else ""


def entry_facts(places: Iterable[tuple[UUID, UUID | None]]) -> dict[tuple[UUID, UUID | None], EntryFacts]:
    """The index's facts for each (service, location) given; places not in the index are left out."""
    wanted = {_key(s, loc): (s, loc) for s, loc in places}
    if not wanted:
        return {}
    services = sorted({k[0] for k in wanted})
    marks = ",".join(["%s"] * len(services))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, service_id, location_id, term_mask, access_mask, delivery_mask, min_age, max_age, is_free, "
            f"rules, stems, service_name, organization_name FROM directory_search_entry WHERE service_id IN ({marks})",
            services,
        )
        rows = {}
        for row in cursor.fetchall():
            key = (str(row[1]).replace("-", ""), str(row[2]).replace("-", "") if row[2] else "")
            if key in wanted:
                rows[row[0]] = (key, row)
        sessions: dict[int, list[Session]] = {i: [] for i in rows}
        if rows:
            cursor.execute(
                "SELECT entry_id, day, opens, closes FROM directory_search_session "
                f"WHERE entry_id IN ({','.join(['%s'] * len(rows))}) ORDER BY entry_id, day, opens",
                list(rows),
            )
            for entry_id, day, opens, closes in cursor.fetchall():
                sessions[entry_id].append(Session(day, opens, closes))
    rules = {i: tuple(rule_from_json(r) for r in json.loads(row[9] or "[]")) for i, (_, row) in rows.items()}
    out = {}
    for entry_id, (key, row) in rows.items():
        place = wanted[key]
        out[place] = EntryFacts(
            service_id=place[0],
            location_id=place[1],
            term_codes=codes(TERM_BIT, row[3]),
            access_codes=codes(ACCESS_BIT, row[4]),
            delivery=codes(DELIVERY_BIT, row[5]),
            min_age=row[6],
            max_age=row[7],
            is_free=bool(row[8]),
            sessions=tuple(sessions[entry_id]),
            has_rules=bool(rules[entry_id]),
            text=row[10] or "",
            service_name=row[11],
            organization_name=row[12],
            rules=rules[entry_id],
        )
    return out
