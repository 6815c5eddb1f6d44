"""A pure-Python search over the index rows: the oracle both database backends are checked against.

It shares only query preparation (validation, typo correction) with the
backends; filtering, distance, ranking and paging are written out here plainly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db import connection

from connected.directory.search import SearchQuery
from connected.directory.search.backends import backend_for_connection
from connected.directory.search.masks import REMOTE

EARTH_RADIUS_KM = 6371.0088


@dataclass
class Row:
    values: dict
    sessions: list[tuple[int, int, int]]
    term_ids: set[str]


def load_rows() -> list[Row]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM directory_search_entry")
        names = [c[0] for c in cursor.description]
        rows = {r[0]: Row(dict(zip(names, r, strict=True)), [], set()) for r in cursor.fetchall()}
        cursor.execute("SELECT entry_id, day, opens, closes FROM directory_search_session")
        for entry_id, day, opens, closes in cursor.fetchall():
            rows[entry_id].sessions.append((day, opens, closes))
        cursor.execute("SELECT entry_id, term_id FROM directory_search_term")
        for entry_id, term_id in cursor.fetchall():
            rows[entry_id].term_ids.add(term_id)
    return list(rows.values())


def distance(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def reference_search(rows: list[Row], q: SearchQuery) -> tuple[int, list[tuple[str, float | None]]]:
    """(total, [(entry_key, distance_km)] for the requested page)."""
    p = backend_for_connection().prepare(q)
    if p.impossible:
        return 0, []

    def keep(row: Row) -> bool:
        v = row.values
        tokens = set(v["stems"].split())
        if not all(s in tokens for s in p.stems):
            return False
        if p.term_mask and not v["term_mask"] & p.term_mask:
            return False
        if p.term_ids and not row.term_ids & set(p.term_ids):
            return False
        if q.age is not None and not v["min_age"] <= q.age <= v["max_age"]:
            return False
        if p.opens_before is not None or p.closes_after is not None:
            if not any(
                (not p.day_numbers or day in p.day_numbers)
                and (p.opens_before is None or opens < p.opens_before)
                and (p.closes_after is None or closes > p.closes_after)
                for day, opens, closes in row.sessions
            ):
                return False
        elif p.day_mask and not v["day_mask"] & p.day_mask:
            return False
        if q.free_only and not v["is_free"]:
            return False
        if p.access_mask and v["access_mask"] & p.access_mask != p.access_mask:
            return False
        return not (p.delivery_mask and not v["delivery_mask"] & p.delivery_mask)

    def relevance(row: Row) -> int:
        return sum(1 for s in p.stems if s in row.values["name_stems"].split())

    matched = [r for r in rows if keep(r)]
    if q.latitude is not None:
        near = []
        for r in matched:
            if r.values["latitude"] is None:
                continue
            d = distance(q.latitude, q.longitude, r.values["latitude"], r.values["longitude"])
            if d <= q.radius_km:
                near.append((math.floor(d * 1000), -relevance(r), r.values["sort_name"], r.values["entry_key"], d))
        near.sort(key=lambda t: t[:4])
        remote = [r for r in matched if r.values["latitude"] is None and r.values["delivery_mask"] & REMOTE]
        if not p.delivery_mask & REMOTE:
            remote = []  # services with no place join a search near a point only when online or phone is asked for
        far = sorted((-relevance(r), r.values["sort_name"], r.values["entry_key"]) for r in remote)
        ordered = [(t[3], t[4]) for t in near] + [(t[2], None) for t in far]
    else:
        ordered = [
            (t[2], None) for t in sorted((-relevance(r), r.values["sort_name"], r.values["entry_key"]) for r in matched)
        ]
    start = (q.page - 1) * q.per_page
    return len(ordered), ordered[start : start + q.per_page]
