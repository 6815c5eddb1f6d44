"""The one search interface: a query object in, a page of ranked results out.

Callers (public pages, the ORUK API, matching) build a `SearchQuery` and call
`search()`; the backend for the current database (SQLite FTS5 + R*Tree, or
PostgreSQL full text + a GiST point index) answers it from the denormalised
index that `search_index` keeps. Both backends share the query preparation
and result shaping in `search_backends.common`, so they give the same answers.
The ORUK API's filters use `matching_rows_sql`: the same text test and filters
as SQL over the index, for lists that page by name or distance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, time
from uuid import UUID

from django.db import connection


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""  # free text; stemmed, and corrected for typos against the indexed words
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None  # required with a point; results sorted by distance when a point is given
    term_codes: tuple[str, ...] = ()  # vocabulary codes (activity types / needs), any-of
    taxonomy_term_ids: tuple[str, ...] = ()  # raw TaxonomyTerm UUIDs (ORUK API filter), any-of
    taxonomy_ids: tuple[str, ...] = ()  # raw Taxonomy UUIDs (ORUK API filter): any term of these, any-of
    age: int | None = None  # the person's age: within minimum_age..maximum_age
    age_upto: int | None = None  # with `age`: everyone from `age` to this age is eligible (ORUK API filter)
    days: tuple[str, ...] = ()  # "MO".."SU": has a session on any of these days
    start_time: time | None = None  # sessions overlapping this window
    end_time: time | None = None
    free_only: bool = False
    accessibility: tuple[str, ...] = ()  # accessibility codes, all-of
    delivery: tuple[str, ...] = ()  # Delivery values, any-of
    page: int = 1
    per_page: int = 20


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


class SearchError(ValueError):
    """A query that cannot be answered, with a message naming the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def search(query: SearchQuery) -> SearchPage:
    """Answer a query with the backend for the current database."""
    from .search_backends import backend_for_connection

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
    from .search_backends import backend_for_connection
    from .search_backends.common import bounding_box

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
    from .search_index import refresh

    return refresh(service_ids)
