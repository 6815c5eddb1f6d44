"""The one search interface: a query object in, a page of ranked results out.

Callers (public pages, the ORUK API, matching) build a `SearchQuery` and call
`search()`; the backend for the current database (SQLite FTS5 + R*Tree, or
PostgreSQL full text + a GiST point index) answers it from the denormalised
index that `index` keeps. The package, one job a module:

- `query`: the query object, its checks, and its preparation in the index's terms;
- `text`, `masks`: words (stems, typo correction) and filter codes as bit masks;
- `source`, `index`: reading the directory tables and writing the index from them;
- `backends`: the SQL shared by both databases (`base`), and each database's own (`sqlite`, `postgresql`);
- `ranking`: places nearest first on slim columns; `results`: shaping rows for people.

The ORUK API's filters use `matching_rows_sql`: the same text test and filters
as SQL over the index, for lists that page by name or distance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from uuid import UUID

from django.db import connection

from connected.core.places import bounding_box
from connected.directory.search.backends import backend_for_connection
from connected.directory.search.query import SearchError, SearchQuery
from connected.directory.search.results import SearchPage, SearchResult

__all__ = [
    "SearchError",
    "SearchPage",
    "SearchQuery",
    "SearchResult",
    "matching_rows_sql",
    "refresh_index",
    "search",
]


def search(query: SearchQuery) -> SearchPage:
    """Answer a query with the backend for the current database."""
    return backend_for_connection().search(query)


def matching_rows_sql(
    query: SearchQuery, near: tuple[float, float] | None = None, within_km: float | None = None
) -> tuple[str, list] | None:
    """SQL for the index rows passing the query's words and filters: `service_id`, `location_id`, `dist`, `sort_name`.

    The ORUK API's filters are this SQL, so they are the public search's own: the backend's text test and
    `filters_sql`, nothing restated. The query's own point and radius are not used (the API's radius may be
    wider than the pages allow): `near` is the point to measure `dist` (km) from, NULL for a row with no
    position; with `within_km`, only rows within it, found through the spatial index's box first. Ids come
    back as the database compares them with the directory's keys (uuid on PostgreSQL, hex text on SQLite).
    None when there is no point and the query asks nothing (words that are all stop words ask nothing): the
    index holds only active, canonical services, and a caller listing more should not narrow to it for nothing.
    """
    backend = backend_for_connection()
    p = backend.prepare(replace(query, latitude=None, longitude=None, radius_km=None, page=1))
    filters, fparams = backend.filters_sql(p)
    if near is None and not (p.stems or p.impossible or filters != "1 = 1"):
        return None
    dist, dparams = "NULL", []
    if near is not None:
        box = bounding_box(*near, within_km) if within_km is not None else None
        p = replace(p, query=replace(p.query, latitude=near[0], longitude=near[1], radius_km=within_km), box=box)
        dist, dparams = backend.distance_sql(p)
    if p.has_point:
        source, sparams = backend.located_from(p)  # before located_text: SQLite may check the words here
        text, tparams = backend.located_text(p)
    else:
        (source, sparams), (text, tparams) = backend.text_only_from(p), ("1 = 1", [])
    if p.impossible:
        text, tparams = "1 = 0", []
    ids = "CAST(e.{0} AS uuid)" if connection.vendor == "postgresql" else "e.{0}"
    # Only our own SQL is interpolated (columns, the backend's fragments); every value is a parameter.
    sql = (
        f"SELECT {ids.format('service_id')} AS service_id, {ids.format('location_id')} AS location_id, "
        f"{dist} AS dist, e.sort_name AS sort_name {source} AND {text} AND {filters}"
    )
    params = [*dparams, *sparams, *tparams, *fparams]
    if within_km is not None:
        return f"SELECT * FROM ({sql}) w WHERE w.dist <= %s", [*params, within_km]  # noqa: S608
    return sql, params


def refresh_index(service_ids: Iterable[UUID] | None = None) -> int:
    """Rebuild index rows for these services (None = everything); returns the number of rows written.

    A duplicate's canonical service is refreshed with it. When a duplicate link is removed or moved, pass
    the former canonical service too: nothing in the duplicate names it any more.
    """
    from connected.directory.search.index import refresh  # the index reads the models: loaded when asked for

    return refresh(service_ids)
