"""Bounded answers for callers that rank for themselves (matching): no total, no page, little work.

`search()` counts every match in its circle and shapes a page of results, which at national scale reads every
place in a city. A caller that ranks a bounded set itself needs neither: `nearest` widens a circle from 1 km
until it holds `limit` places passing the query (a city is answered from a few streets, the country from
wider), and `remote` reads listings with no place through the index of them, stopping at `limit`. Both give
bare places (index rows and distance); `facts.facts_by_entry` reads what the caller needs to judge them.

The same prepared query, filters, distance and text tests as search (`backends`), nothing restated. With
`either`, a row passes when it has any of the query's words or any of its term codes, so one question asks
for everything a person said; otherwise as in search (words as `any_words` says, term codes any-of).
"""

# SQL here is assembled from fixed fragments and %s placeholders only; every value goes as a parameter.
# ruff: noqa: S608

from __future__ import annotations

import math
from dataclasses import replace
from typing import NamedTuple

from django.db import connection

from connected.core.places import bounding_box
from connected.directory.search.backends import backend_for_connection
from connected.directory.search.backends.base import Backend
from connected.directory.search.query import Prepared, SearchQuery, prepare
from connected.directory.search.text import QueryWord

FIRST_RADIUS_KM = 1.0
# In an any-of question, a word in more than this share of the index's rows (and more than the floor) tells
# little and would bring in (and make the text index list) a large part of the country: it is left out, and
# the term codes still ask. A small directory keeps every word.
TELLING_SHARE, TELLING_FLOOR = 0.02, 5_000


class Place(NamedTuple):
    entry_id: int  # the index row (`facts.facts_by_entry` reads it): one service at one place, or with none
    distance_km: float | None  # None: a listing with no place


_CORRECTED: dict[tuple, list[QueryWord]] = {}


def _prepare(backend: Backend, q: SearchQuery) -> Prepared:
    """`backend.prepare(q)`, correcting a text's typos once per version of the index, not once per question."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM directory_search_meta WHERE key = 'version'")
        version = (cursor.fetchone() or [0])[0]

    def correct(typed: list[str]) -> list[QueryWord]:
        key = (connection.vendor, connection.settings_dict["NAME"], version, tuple(typed))
        if key not in _CORRECTED:
            if len(_CORRECTED) > 1000:
                _CORRECTED.clear()
            _CORRECTED[key] = backend.correct_words(typed)
        return _CORRECTED[key]

    return prepare(q, correct)


def _telling(p: Prepared) -> Prepared:
    """`p` without the words too common to tell anything (`TELLING_SHARE`)."""
    if not p.stems:
        return p
    marks = ",".join(["%s"] * len(p.stems))
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(id) FROM directory_search_entry")  # about the number of rows, from the key
        most = max(TELLING_FLOOR, TELLING_SHARE * ((cursor.fetchone() or [0])[0] or 0))
        cursor.execute(
            f"SELECT stem, SUM(df) FROM directory_search_vocab WHERE stem IN ({marks}) GROUP BY stem", list(p.stems)
        )
        common = {stem for stem, df in cursor.fetchall() if df > most}
    if not common:
        return p
    kept = tuple(x for x in p.stems if x not in common)
    return replace(p, stems=kept, impossible=not kept)


def _wanted(backend: Backend, p: Prepared, either: bool) -> tuple[str, list]:
    """Filters, and the words and term codes: both needed, or (with `either`) any one of them."""
    if not p.stems:
        return backend.filters_sql(p)
    filters, params = backend.filters_sql(replace(p, term_mask=0) if either else p)
    text, tparams = backend.slim_text(p)  # through the text index, on the row's id (alias e)
    if either and p.term_mask:
        return f"{filters} AND ((e.term_mask & %s) <> 0 OR {text})", [*params, p.term_mask, *tparams]
    return f"{filters} AND {text}", [*params, *tparams]


def _places(rows: list[dict]) -> list[Place]:
    return [Place(r["id"], r["dist"]) for r in rows]


def nearest(q: SearchQuery, limit: int, *, either: bool = False) -> list[Place]:
    """Up to `limit` places within q's radius passing it, nearest first (ties by index row)."""
    backend = backend_for_connection()
    q = replace(q, any_words=q.any_words or either)
    p = _prepare(backend, q)
    p = _telling(p) if either else p
    if not p.has_point:
        raise ValueError("nearest needs a point and a radius")
    if p.impossible and not (either and p.term_mask):
        return []
    radius = min(FIRST_RADIUS_KM, q.radius_km)
    while True:
        circle = replace(p, query=replace(q, radius_km=radius), box=bounding_box(q.latitude, q.longitude, radius))
        source, sparams = backend.slim_from(circle)
        within, iparams = backend.within_sql(circle)
        wanted, wparams = _wanted(backend, circle, either)
        dist, dparams = backend.distance_sql(circle)
        sql = (
            f"SELECT q.id, q.dist FROM (SELECT e.id, {dist} AS dist {source} AND {within} AND {wanted}) q "
            "ORDER BY q.dist, q.id LIMIT %s"
        )
        rows = backend._run(sql, [*dparams, *sparams, *iparams, *wparams, limit])
        if len(rows) >= limit or radius >= q.radius_km:
            return _places(rows)
        # Wide enough for `limit` if places are spread as evenly as in this circle: at least twice, at most 5 times.
        radius = min(q.radius_km, radius * min(5.0, max(2.0, 1.25 * math.sqrt(limit / max(len(rows), 1)))))


def remote(q: SearchQuery, limit: int, *, either: bool = False) -> list[Place]:
    """Up to `limit` listings with no place (online, phone) passing q, by name: the first found, not a ranking."""
    backend = backend_for_connection()
    p = _prepare(backend, replace(q, latitude=None, longitude=None, radius_km=None, any_words=q.any_words or either))
    p = _telling(p) if either else p
    if p.impossible and not (either and p.term_mask):
        return []
    source, sparams = backend.remote_from()
    wanted, wparams = _wanted(backend, p, either)
    rows = backend._run(
        f"SELECT e.id, NULL AS dist {source} AND {wanted} ORDER BY e.sort_name, e.entry_key LIMIT %s",
        [*sparams, *wparams, limit],
    )
    return _places(rows)
