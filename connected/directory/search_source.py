"""Reads what the search index needs from the directory tables, a batch of services at a time.

Plain SQL with a handful of queries per batch: at national scale the ORM's
per-value conversions were most of a rebuild's time. Ids come back as 32-digit
hex strings on both databases; dates and times as Python objects.
"""

# SQL here is assembled from fixed fragments and %s placeholders only; every value goes as a parameter.
# ruff: noqa: S608

from __future__ import annotations

from collections import defaultdict
from datetime import date, time
from types import SimpleNamespace
from uuid import UUID

from django.db import connection

from .search_masks import ACCESS_BIT
from .vocabulary import ACCESSIBILITY_TAXONOMY


def hexid(value) -> str | None:
    """A UUID as stored on either database (hex text on SQLite, uuid on PostgreSQL) -> 32-digit hex."""
    if value is None:
        return None
    return value.hex if isinstance(value, UUID) else str(value).replace("-", "")


def native(hex_ids) -> list:
    """Hex ids as query parameters the database compares with its uuid columns."""
    return list(hex_ids) if connection.vendor == "sqlite" else [UUID(h) for h in hex_ids]


def _in(column: str, values: list) -> tuple[str, list]:
    if not values:
        return "1 = 0", []
    return f"{column} IN ({','.join(['%s'] * len(values))})", values


def _date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _time(value) -> time | None:
    return time.fromisoformat(value) if isinstance(value, str) else value


def indexable(status: str, duplicate_of) -> bool:
    """Whether a service belongs in the search index: active, and not a duplicate folded into another.

    Tested in Python on rows fetched by primary key, not in the WHERE clause: without statistics, SQLite
    answers `id IN (...) AND status = 'active'` from the status index, reading every active service for each
    batch (150 ms a batch at 500,000 services, most of a national import's index SQL, measured).
    """
    return status == "active" and duplicate_of is None


def _rows(cursor, sql: str, params: list) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


class Source:
    """Everything needed to index a batch of canonical services."""

    def __init__(self, cursor, service_hex: list[str]) -> None:
        where, params = _in("s.id", native(service_hex))
        self.services = [
            {
                "id": hexid(r[0]), "name": r[1], "alternate_name": r[2], "description": r[3], "feed_id": r[4],
                "feed__name": r[5], "minimum_age": r[6], "maximum_age": r[7], "fees_description": r[8],
                "organization__name": r[9],
            }
            for r in _rows(
                cursor,
                "SELECT s.id, s.name, s.alternate_name, s.description, s.feed_id, f.name, s.minimum_age, "
                "s.maximum_age, s.fees_description, o.name, s.status, s.duplicate_of_id FROM directory_service s "
                "LEFT JOIN directory_feed f ON f.id = s.feed_id "
                "LEFT JOIN directory_organization o ON o.id = s.organization_id "
                f"WHERE {where} ORDER BY s.id",
                params,
            )
            if indexable(r[10], r[11])
        ]  # fmt: skip
        ids = native([s["id"] for s in self.services])
        self.sals: dict[str, list[dict]] = defaultdict(list)
        where, params = _in("sal.service_id", ids)
        for r in _rows(
            cursor,
            "SELECT sal.id, sal.service_id, sal.location_id, l.name, l.latitude, l.longitude, l.location_type "
            "FROM directory_serviceatlocation sal JOIN directory_location l ON l.id = sal.location_id "
            f"WHERE {where} ORDER BY sal.id",
            params,
        ):
            self.sals[hexid(r[1])].append(
                {"id": hexid(r[0]), "service_id": hexid(r[1]), "location_id": hexid(r[2]), "location__name": r[3],
                 "location__latitude": r[4], "location__longitude": r[5], "location__location_type": r[6]}
            )  # fmt: skip
        sal_ids = native([x["id"] for v in self.sals.values() for x in v])
        location_ids = native(sorted({x["location_id"] for v in self.sals.values() for x in v}))
        self.addresses: dict[str, dict] = {}
        where, params = _in("location_id", location_ids)
        for r in _rows(
            cursor,
            "SELECT location_id, address_1, address_2, city, postal_code FROM directory_address "
            f"WHERE {where} ORDER BY id",
            params,
        ):
            self.addresses.setdefault(
                hexid(r[0]), {"address_1": r[1], "address_2": r[2], "city": r[3], "postal_code": r[4]}
            )
        self.terms: dict[str, list[tuple]] = defaultdict(list)
        self.access: dict[str, set[str]] = defaultdict(set)
        # One branch per kind of record, each its own index lookup: ORed together, PostgreSQL judged the lists
        # of a batch of 1,000 services too long for the index and scanned every attribute (50 ms a batch).
        branches, params = [], []
        for entity, values in (("service", ids), ("location", location_ids), ("service_at_location", sal_ids)):
            if values:
                w, p = _in("link_id", values)
                branches.append(
                    "SELECT link_entity, link_id, taxonomy_term_id FROM directory_attribute "
                    f"WHERE link_entity = %s AND {w}"
                )
                params += [entity, *p]
        if branches:
            for entity, link_id, term_id, code, name, taxonomy_name, taxonomy in _rows(
                cursor,
                "SELECT a.link_entity, a.link_id, a.taxonomy_term_id, t.code, t.name, t.taxonomy_name, x.name "
                f"FROM ({' UNION ALL '.join(branches)}) a JOIN directory_taxonomyterm t ON t.id = a.taxonomy_term_id "
                "LEFT JOIN directory_taxonomy x ON x.id = t.taxonomy_id",
                params,
            ):
                taxonomy = taxonomy or taxonomy_name
                if entity == "service":
                    self.terms[hexid(link_id)].append((hexid(term_id), code, name, taxonomy))
                elif taxonomy == ACCESSIBILITY_TAXONOMY and code in ACCESS_BIT:
                    self.access[hexid(link_id)].add(code)
        self.schedules: dict[str, list] = defaultdict(list)
        w1, p1 = _in("service_id", ids)
        w2, p2 = _in("service_at_location_id", sal_ids)
        for r in _rows(
            cursor,
            'SELECT service_id, service_at_location_id, freq, "interval", byday, bymonthday, dtstart, valid_from, '
            "valid_to, until, opens_at, closes_at, attending_type FROM directory_schedule "
            f"WHERE {w1} OR {w2} ORDER BY id",
            p1 + p2,
        ):
            key = hexid(r[1]) or hexid(r[0])
            self.schedules[key].append(
                SimpleNamespace(
                    freq=r[2], interval=r[3], byday=r[4], bymonthday=r[5], dtstart=_date(r[6]),
                    valid_from=_date(r[7]), valid_to=_date(r[8]), until=_date(r[9]), opens_at=_time(r[10]),
                    closes_at=_time(r[11]), attending_type=r[12],
                )
            )  # fmt: skip
        self.costs: dict[str, list[dict]] = defaultdict(list)
        where, params = _in("service_id", ids)
        for service_id, amount in _rows(
            cursor,
            f"SELECT service_id, amount FROM directory_costoption WHERE {where}",
            params,
        ):
            self.costs[hexid(service_id)].append({"amount": amount})
        self.also: dict[str, set[str]] = defaultdict(set)
        where, params = _in("s.duplicate_of_id", ids)
        for canonical, feed_name in _rows(
            cursor,
            "SELECT s.duplicate_of_id, f.name FROM directory_service s LEFT JOIN directory_feed f ON f.id = s.feed_id "
            f"WHERE {where}",
            params,
        ):
            self.also[hexid(canonical)].add(feed_name or "")
