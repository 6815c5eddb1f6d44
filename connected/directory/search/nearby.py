"""Bounded answers for callers that rank for themselves (matching): no total, no page, little work.

`search()` counts every match in its circle and ranks a page, which at national scale reads every place in
a city. A caller that ranks a bounded set of candidates itself needs neither: `nearest` widens a circle from
1 km until it holds `limit` places passing the query (so a city is answered from a few streets, the country
from wider), and `remote` reads listings with no place through the index of them, stopping at `limit`.

The same prepared query, filters, distance and word tests as search (`backends`), nothing restated. With
`either`, a row passes when it has any of the query's words or any of its term codes, so one question asks
for everything a person said; otherwise words are all needed and term codes any-of, as in search.
"""

# SQL here is assembled from fixed fragments and %s placeholders only; every value goes as a parameter.
# ruff: noqa: S608

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from django.utils import timezone

from connected.core.places import bounding_box
from connected.directory.search.backends import backend_for_connection
from connected.directory.search.backends.base import Backend
from connected.directory.search.query import Prepared, SearchQuery
from connected.directory.search.results import SearchResult, result

FIRST_RADIUS_KM = 1.0


def _wanted(backend: Backend, p: Prepared, either: bool, slim: bool) -> tuple[str, list]:
    """Filters, and the words and term codes: both needed, or (with `either`) any one of them."""
    if not p.stems:
        return backend.filters_sql(p)
    filters, params = backend.filters_sql(replace(p, term_mask=0) if either else p)
    join = " OR " if either else " AND "
    test = join.join(backend.has_token_sql("x.stems" if slim else "e.stems") for _ in p.stems)
    # Slim rows have no text on SQLite: their words are read from the row itself, for these rows only.
    words = f"EXISTS (SELECT 1 FROM directory_search_entry x WHERE x.id = e.id AND ({test}))" if slim else f"({test})"
    tokens = [f" {s} " for s in p.stems]
    if either and p.term_mask:
        return f"{filters} AND ((e.term_mask & %s) <> 0 OR {words})", [*params, p.term_mask, *tokens]
    return f"{filters} AND {words}", [*params, *tokens]


def _rows(backend: Backend, p: Prepared, ranked: list[dict], now: datetime | None) -> list[SearchResult]:
    now = now or timezone.now()
    return [result(r, p, now) for r in backend._with_details(ranked)]


def nearest(q: SearchQuery, limit: int, *, either: bool = False, now: datetime | None = None) -> list[SearchResult]:
    """Up to `limit` places within q's radius passing it, nearest first (ties by index row)."""
    backend = backend_for_connection()
    p = backend.prepare(q)
    if not p.has_point:
        raise ValueError("nearest needs a point and a radius")
    if p.impossible and not (either and p.term_mask):
        return []
    radius, top = min(FIRST_RADIUS_KM, q.radius_km), []
    while True:
        circle = replace(p, query=replace(q, radius_km=radius), box=bounding_box(q.latitude, q.longitude, radius))
        source, sparams = backend.slim_from(circle)
        within, iparams = backend.within_sql(circle)
        wanted, wparams = _wanted(backend, circle, either, slim=True)
        dist, dparams = backend.distance_sql(circle)
        top = backend._run(
            f"SELECT q.id, q.dist, 0 AS rel FROM (SELECT e.id, {dist} AS dist {source} AND {within} AND {wanted}) q "
            "ORDER BY q.dist, q.id LIMIT %s",
            [*dparams, *sparams, *iparams, *wparams, limit],
        )
        if len(top) >= limit or radius >= q.radius_km:
            return _rows(backend, p, top, now)
        radius = min(radius * 2, q.radius_km)


def remote(q: SearchQuery, limit: int, *, either: bool = False, now: datetime | None = None) -> list[SearchResult]:
    """Up to `limit` listings with no place (online, phone) passing q, by name: the first found, not a ranking."""
    backend = backend_for_connection()
    p = backend.prepare(replace(q, latitude=None, longitude=None, radius_km=None))
    if p.impossible and not (either and p.term_mask):
        return []
    source, sparams = backend.remote_from()
    wanted, wparams = _wanted(backend, p, either, slim=False)
    ranked = backend._run(
        f"SELECT e.id, NULL AS dist, 0 AS rel {source} AND {wanted} ORDER BY e.sort_name, e.entry_key LIMIT %s",
        [*sparams, *wparams, limit],
    )
    return _rows(backend, p, ranked, now)
