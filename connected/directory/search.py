"""The one search interface: a query object in, a page of ranked results out.

Callers (public pages, the ORUK API, matching) build a `SearchQuery` and call
`search()`; the backend for the current database (SQLite FTS5 + R*Tree, or
PostgreSQL full text + a GiST point index) answers it from the denormalised
index that `search_index` keeps. Both backends share the query preparation
and result shaping in `search_backends.common`, so they give the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING
from uuid import UUID

if TYPE_CHECKING:
    from django.db.models.expressions import RawSQL


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""  # free text; stemmed, and corrected for typos against the indexed words
    latitude: float | None = None
    longitude: float | None = None
    radius_km: float | None = None  # required with a point; results sorted by distance when a point is given
    term_codes: tuple[str, ...] = ()  # vocabulary codes (activity types / needs), any-of
    taxonomy_term_ids: tuple[str, ...] = ()  # raw TaxonomyTerm UUIDs (ORUK API filter), any-of
    age: int | None = None  # the person's age: within minimum_age..maximum_age
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


def services_matching_text(text: str) -> RawSQL | None:
    """The ids of indexed services whose text matches `text`, as a subquery for `pk__in` (None: no words to match).

    Exactly the public search's text test (stop words dropped, typos corrected, stems, every word), run as SQL
    so it scales: only active, canonical services are indexed, so callers that list every status or every
    duplicate decide what to do with those. The index keeps ids as 32-digit hex text on both databases;
    PostgreSQL casts them back to uuid so the ORM's comparison uses the primary key's index.
    """
    from django.db import connection
    from django.db.models.expressions import RawSQL

    from .search_backends import backend_for_connection

    backend = backend_for_connection()
    prepared = backend.prepare(SearchQuery(text=text))
    if not prepared.stems and not prepared.impossible:
        return None
    column = "CAST(e.service_id AS uuid)" if connection.vendor == "postgresql" else "e.service_id"
    if prepared.impossible:
        return RawSQL(f"SELECT {column} FROM directory_search_entry e WHERE 1 = 0", [])  # noqa: S608, S611
    source, params = backend.text_only_from(prepared)
    # Only our own SQL is interpolated (the column, the backend's FROM); the user's words are parameters.
    return RawSQL(f"SELECT {column} {source}", params)  # noqa: S611 (IN is a semi-join: no DISTINCT needed)


def refresh_index(service_ids: Iterable[UUID] | None = None) -> int:
    """Rebuild index rows for these services (None = everything); returns the number of rows written.

    A duplicate's canonical service is refreshed with it. When a duplicate link is removed or moved, pass
    the former canonical service too: nothing in the duplicate names it any more.
    """
    from .search_index import refresh

    return refresh(service_ids)
