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
from typing import NamedTuple
from uuid import UUID

from django.db import connection

from connected.directory.search.masks import ACCESS_BIT
from connected.directory.vocabulary import ACCESSIBILITY_TAXONOMY


class Schedule(NamedTuple):
    """A schedule's fields the index reads: those that make its rule first, so `x[:SCHEDULE_RULE]` keys a memo."""

    freq: str
    interval: int | None
    byday: str
    bymonthday: str
    dtstart: date | None
    valid_from: date | None
    valid_to: date | None
    until: date | None
    opens_at: time | None
    closes_at: time | None
    count: int | None
    attending_type: str


SCHEDULE_RULE = 11


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


def _rows(cursor, sql: str, params: list) -> list[dict]:
    """The rows as dicts keyed by the SELECT's column names (so a row is read by name, not position)."""
    cursor.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class Source:
    """Everything needed to index a batch of canonical services: one method per table, run in order."""

    def __init__(self, cursor, service_hex: list[str]) -> None:
        self.cursor = cursor
        self.services = self._services(native(service_hex))
        ids = native([s["id"] for s in self.services])
        self.sals = self._services_at_locations(ids)
        sal_ids = native([x["id"] for v in self.sals.values() for x in v])
        location_ids = native(sorted({x["location_id"] for v in self.sals.values() for x in v}))
        self.addresses = self._addresses(location_ids)
        self.terms, self.access = self._attributes(ids, location_ids, sal_ids)
        self.schedules = self._schedules(ids, sal_ids)
        self.costs = self._costs(ids)
        self.also = self._also_listed_by(ids)

    def _where_in(self, select: str, column: str, values: list, order: str = "") -> list[dict]:
        """The rows of `select` (SELECT ... FROM ...) whose `column` is one of `values`, in `order`."""
        where, params = _in(column, values)
        return _rows(self.cursor, f"{select} WHERE {where} {order}", params)

    def _services(self, ids: list) -> list[dict]:
        rows = self._where_in(
            "SELECT s.id, s.name, s.alternate_name, s.description, s.feed_id, f.name AS feed__name, s.minimum_age, "
            "s.maximum_age, s.fees_description, o.name AS organization__name, s.status, s.duplicate_of_id "
            "FROM directory_service s LEFT JOIN directory_feed f ON f.id = s.feed_id "
            "LEFT JOIN directory_organization o ON o.id = s.organization_id",
            "s.id",
            ids,
            "ORDER BY s.id",
        )
        kept = []
        for r in rows:
            if indexable(r.pop("status"), r.pop("duplicate_of_id")):
                kept.append({**r, "id": hexid(r["id"])})
        return kept

    def _services_at_locations(self, ids: list) -> dict[str, list[dict]]:
        sals: dict[str, list[dict]] = defaultdict(list)
        for r in self._where_in(
            "SELECT sal.id, sal.service_id, sal.location_id, l.name AS location__name, "
            "l.latitude AS location__latitude, l.longitude AS location__longitude, "
            "l.location_type AS location__location_type "
            "FROM directory_serviceatlocation sal JOIN directory_location l ON l.id = sal.location_id",
            "sal.service_id",
            ids,
            "ORDER BY sal.id",
        ):
            r.update(id=hexid(r["id"]), service_id=hexid(r["service_id"]), location_id=hexid(r["location_id"]))
            sals[r["service_id"]].append(r)
        return sals

    def _addresses(self, location_ids: list) -> dict[str, dict]:
        addresses: dict[str, dict] = {}
        for r in self._where_in(
            "SELECT location_id, address_1, address_2, city, postal_code FROM directory_address",
            "location_id",
            location_ids,
            "ORDER BY id",
        ):
            addresses.setdefault(hexid(r.pop("location_id")), r)  # a location's first address
        return addresses

    def _attributes(
        self, ids: list, location_ids: list, sal_ids: list
    ) -> tuple[dict[str, list[tuple]], dict[str, set[str]]]:
        """The services' taxonomy terms, and the accessibility codes of their places (location or service at
        location)."""
        terms: dict[str, list[tuple]] = defaultdict(list)
        access: dict[str, set[str]] = defaultdict(set)
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
        if not branches:
            return terms, access
        for r in _rows(
            self.cursor,
            "SELECT a.link_entity, a.link_id, a.taxonomy_term_id, t.code, t.name, t.taxonomy_name, x.name AS taxonomy "
            f"FROM ({' UNION ALL '.join(branches)}) a JOIN directory_taxonomyterm t ON t.id = a.taxonomy_term_id "
            "LEFT JOIN directory_taxonomy x ON x.id = t.taxonomy_id",
            params,
        ):
            taxonomy = r["taxonomy"] or r["taxonomy_name"]
            if r["link_entity"] == "service":
                terms[hexid(r["link_id"])].append((hexid(r["taxonomy_term_id"]), r["code"], r["name"], taxonomy))
            elif taxonomy == ACCESSIBILITY_TAXONOMY and r["code"] in ACCESS_BIT:
                access[hexid(r["link_id"])].add(r["code"])
        return terms, access

    def _schedules(self, ids: list, sal_ids: list) -> dict[str, list[Schedule]]:
        """Schedules by the service at location they belong to, else by their service."""
        schedules: dict[str, list[Schedule]] = defaultdict(list)
        w1, p1 = _in("service_id", ids)
        w2, p2 = _in("service_at_location_id", sal_ids)
        for r in _rows(
            self.cursor,
            'SELECT service_id, service_at_location_id, freq, "interval", byday, bymonthday, dtstart, valid_from, '
            'valid_to, until, opens_at, closes_at, attending_type, "count" FROM directory_schedule '
            f"WHERE {w1} OR {w2} ORDER BY id",
            p1 + p2,
        ):
            sal_id, service_id = r.pop("service_at_location_id"), r.pop("service_id")
            key = hexid(sal_id) or hexid(service_id)
            for name in ("dtstart", "valid_from", "valid_to", "until"):
                r[name] = _date(r[name])
            r["opens_at"], r["closes_at"] = _time(r["opens_at"]), _time(r["closes_at"])
            schedules[key].append(Schedule(**r))
        return schedules

    def _costs(self, ids: list) -> dict[str, list[dict]]:
        costs: dict[str, list[dict]] = defaultdict(list)
        for r in self._where_in("SELECT service_id, amount FROM directory_costoption", "service_id", ids):
            costs[hexid(r["service_id"])].append({"amount": r["amount"]})
        return costs

    def _also_listed_by(self, ids: list) -> dict[str, set[str]]:
        """For each canonical service, the names of the feeds whose duplicates fold into it."""
        also: dict[str, set[str]] = defaultdict(set)
        for r in self._where_in(
            "SELECT s.duplicate_of_id, f.name FROM directory_service s LEFT JOIN directory_feed f ON f.id = s.feed_id",
            "s.duplicate_of_id",
            ids,
        ):
            also[hexid(r["duplicate_of_id"])].add(r["name"] or "")
        return also
