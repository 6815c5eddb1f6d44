"""The ORUK API's filters (the UK profile's parameter names), answered by the public search's own SQL.

One interface, kept apart from the views: `parse_filters(query)` turns the
request's parameters into an `ApiFilters` (or raises `FilterError` naming the
parameter), and `filter_services` / `filter_service_at_locations` answer it.
Every filter becomes a `SearchQuery` and is answered over the search index by
`search.matching_rows_sql`: the backend's text test and `filters_sql`, the
very SQL the public pages run, so the API and the pages agree (see
docs/adr/0019-api-filters-through-search.md). Nothing is restated here.

What a filtered list holds: the index holds only active, canonical services.
With any filter, `/services` lists those that match plus the duplicates
folded into them (`duplicate_of`), and never a service that is not active or
a duplicate whose canonical service is not. `/service_at_locations` lists the
index's own rows (an active, canonical service at one of its locations) that
match: a duplicate's places are not in the index, its canonical service's
places stand for it, as on the public pages where a duplicate shows once.
Without any filter (and without a postcode) both list everything, every
status and every duplicate.

Meanings (the search's; see `SearchQuery` and `filters_sql`):
- `search`: stop words dropped, typos corrected, stemmed, every word in the
  indexed text (name, description, organisation, location, address and
  taxonomy labels). Words that are all stop words ask nothing, so they filter
  nothing.
- `taxonomy_term_id` / `taxonomy_id`: the service carries that term, or any
  term of that taxonomy (comma-separated ids: any of them). Terms on a
  location or a service at a location do not count.
- `age` / `age_to` (ours): a person of that age (both given: every age
  between) is eligible; a service with no age limit is open to every age.
- `minimum_age` / `maximum_age` (the UK profile's meaning, on the service's own
  fields, see `harvest_q`): its minimum age is at least that (no minimum counts
  as 0), its maximum at most that (no maximum never matches).
- `organization_id`, `modified_after`: HSDS 3.0's (`harvest_q`).
- `day`: has a session on that day (MO..SU or monday..sunday; comma-separated:
  any of them); a monthly rule such as 2FR counts for its weekday.
  `start_time` / `end_time` (HH:MM): has a session overlapping that window (a
  session with no closing time runs to midnight, one with no opening time from
  midnight); with `day`, the same session must match both. Sessions are the
  service's own schedules and those of the service at that location (per
  place on `/service_at_locations`); a location's opening hours are not
  sessions.
- `postcode` on services: only those whose coded service areas cover it (the register, ADR 0034).
- `postcode` on service_at_locations: ordered by distance from the
  postcode's centre (great circle, metres), then name, then id; places with no
  position last. With `proximity` (metres), only those within it.
"""

# SQL here is assembled from fixed fragments and %s placeholders only; every value goes as a parameter.
# ruff: noqa: S608, S611

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time
from functools import partial
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from connected.directory import models as m
from connected.directory.search import SearchError, SearchQuery, matching_rows_sql

MAX_PROXIMITY_M = 1_000_000  # 1,000 km: the whole of Great Britain
NEAREST_RADII_KM = (2.0, 8.0, 32.0, 128.0)  # circles tried, nearest first, for a postcode with no proximity
MAX_AGE = 130  # the public search's limit for a person's age
MAX_SEARCH_CHARS = 200
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_ALIASES = {
    **{d.lower(): d for d in DAYS},
    **{name: d for name, d in zip(_DAY_NAMES, DAYS, strict=True)},
    **{name[:3]: d for name, d in zip(_DAY_NAMES, DAYS, strict=True)},
}


class FilterError(ValueError):
    """A parameter that cannot be answered; `str()` is a sentence naming it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class ApiFilters:
    search: str = ""
    taxonomy_term_ids: tuple[UUID, ...] = ()
    taxonomy_ids: tuple[UUID, ...] = ()
    age: int | None = None
    age_to: int | None = None
    minimum_age: int | None = None  # the profile's: the service's minimum is at least this
    maximum_age: int | None = None  # the profile's: the service's maximum is at most this
    organization_ids: tuple[UUID, ...] = ()
    modified_after: datetime | None = None
    days: tuple[str, ...] = ()
    start_time: time | None = None
    end_time: time | None = None
    postcode: str = ""  # the place's label, once located
    latitude: float | None = None
    longitude: float | None = None
    proximity_m: float | None = None


def _text(raw: Mapping[str, Any], name: str) -> str:
    value = "" if raw.get(name) is None else str(raw[name]).strip()
    if "\x00" in value:  # PostgreSQL refuses NUL in text; say so rather than fail
        raise FilterError(name, "must not contain a NUL character")
    return value


def _uuids(raw: Mapping[str, Any], name: str) -> tuple[UUID, ...]:
    out = []
    for part in _text(raw, name).split(","):
        if not part.strip():
            continue
        try:
            out.append(UUID(part.strip()))
        except ValueError:
            raise FilterError(name, f"'{part.strip()[:60]}' is not an id this API publishes (a UUID)") from None
    return tuple(out)


def _age(raw: Mapping[str, Any], name: str) -> int | None:
    text = _text(raw, name)
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise FilterError(name, f"must be a whole number of years, not '{text[:20]}'") from None
    if not 0 <= value <= MAX_AGE:
        raise FilterError(name, f"must be between 0 and {MAX_AGE}")
    return value


def _time(raw: Mapping[str, Any], name: str) -> time | None:
    text = _text(raw, name)
    if not text:
        return None
    parts = text.split(":")
    try:
        if len(parts) not in (2, 3) or not all(p.isdigit() and len(p) == 2 for p in parts):
            raise ValueError
        return time(*(int(p) for p in parts))
    except ValueError:
        raise FilterError(name, f"must be a time of day as HH:MM, like 09:30, not '{text[:20]}'") from None


def _moment(raw: Mapping[str, Any], name: str) -> datetime | None:
    text = _text(raw, name)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace(" ", "+"))  # a "+01:00" unescaped in a URL arrives as a space
    except ValueError:
        raise FilterError(
            name, f"must be a date and time (ISO 8601), like 2026-01-31T09:00:00Z, not '{text[:30]}'"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _days(raw: Mapping[str, Any]) -> tuple[str, ...]:
    out: list[str] = []
    for part in _text(raw, "day").split(","):
        key = part.strip().lower()
        if not key:
            continue
        if key not in DAY_ALIASES:
            raise FilterError(
                "day", f"'{part.strip()[:20]}' is not a day: use MO, TU, WE, TH, FR, SA, SU or monday..sunday"
            )
        if DAY_ALIASES[key] not in out:
            out.append(DAY_ALIASES[key])
    return tuple(out)


def parse_filters(raw: Mapping[str, Any], *, allow_postcode: bool = False) -> ApiFilters:
    """Read the profile's parameters; raises `FilterError` for the first one that cannot be answered."""
    search = _text(raw, "search")
    if len(search) > MAX_SEARCH_CHARS:
        raise FilterError("search", f"must be at most {MAX_SEARCH_CHARS} characters")
    age, age_to = _age(raw, "age"), _age(raw, "age_to")
    if age_to is not None and age is None:
        raise FilterError("age_to", "needs age (the youngest age to be eligible)")
    if age is not None and age_to is not None and age > age_to:
        raise FilterError("age", "must not be more than age_to")
    minimum_age, maximum_age = _age(raw, "minimum_age"), _age(raw, "maximum_age")
    if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
        raise FilterError("minimum_age", "must not be more than maximum_age")
    start_time, end_time = _time(raw, "start_time"), _time(raw, "end_time")
    if start_time is not None and end_time is not None and start_time >= end_time:
        raise FilterError("start_time", "must be before end_time")
    filters = ApiFilters(
        search=search,
        taxonomy_term_ids=_uuids(raw, "taxonomy_term_id"),
        taxonomy_ids=_uuids(raw, "taxonomy_id"),
        age=age,
        age_to=age_to,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        organization_ids=_uuids(raw, "organization_id"),
        modified_after=_moment(raw, "modified_after"),
        days=_days(raw),
        start_time=start_time,
        end_time=end_time,
    )
    if not allow_postcode:
        return filters
    return _with_place(filters, _text(raw, "postcode"), _text(raw, "proximity"))


def _with_place(filters: ApiFilters, postcode: str, proximity: str) -> ApiFilters:
    proximity_m = None
    if proximity:
        try:
            proximity_m = float(proximity)
        except ValueError:
            raise FilterError("proximity", f"must be a distance in metres, like 1500, not '{proximity[:20]}'") from None
        if not (0 < proximity_m <= MAX_PROXIMITY_M) or math.isnan(proximity_m):
            raise FilterError("proximity", f"must be more than 0 and at most {MAX_PROXIMITY_M} metres")
    if not postcode:
        if proximity_m is not None:
            raise FilterError("proximity", "needs a postcode to measure from")
        return filters
    from connected.core.places import PostcodeError, locate  # postcodes live in core; loaded when asked for

    try:
        place = locate(postcode)
    except PostcodeError as error:
        raise FilterError("postcode", str(error)) from None
    return dataclasses.replace(
        filters, postcode=place.label, latitude=place.latitude, longitude=place.longitude, proximity_m=proximity_m
    )


# --- answers -----------------------------------------------------------------------------------------------------

_SEARCH_FIELDS = {"text": "search", "taxonomy_term_ids": "taxonomy_term_id", "age": "age", "days": "day"}


def search_query(filters: ApiFilters) -> SearchQuery:
    """The public search's query for these filters (point and radius apart: see `filter_service_at_locations`)."""
    return SearchQuery(
        text=filters.search,
        taxonomy_term_ids=tuple(str(i) for i in filters.taxonomy_term_ids),
        taxonomy_ids=tuple(str(i) for i in filters.taxonomy_ids),
        age=filters.age,
        age_upto=filters.age_to,
        days=filters.days,
        start_time=filters.start_time,
        end_time=filters.end_time,
    )


def _rows_sql(
    filters: ApiFilters, near: tuple[float, float] | None = None, within_km: float | None = None
) -> tuple[str, list] | None:
    try:
        return matching_rows_sql(search_query(filters), near, within_km)
    except SearchError as error:  # parse_filters checks first; this keeps any gap a 400, never a 500
        raise FilterError(_SEARCH_FIELDS.get(error.field, error.field), error.message) from None


def harvest_q(filters: ApiFilters) -> Q | None:
    """The filters on a service's own fields (HSDS 3.0's and the profile's ages), or None when there are none.

    `modified_after`: changed at its source (`last_modified`) or here (`imported_at`) at or after that moment.
    """
    q = Q()
    if filters.organization_ids:
        q &= Q(organization_id__in=filters.organization_ids)
    if filters.modified_after is not None:
        q &= Q(last_modified__gte=filters.modified_after) | Q(imported_at__gte=filters.modified_after)
    if filters.minimum_age is not None:
        at_least = Q(minimum_age__gte=filters.minimum_age)
        q &= at_least | Q(minimum_age__isnull=True) if filters.minimum_age == 0 else at_least
    if filters.maximum_age is not None:
        q &= Q(maximum_age__lte=filters.maximum_age)
    return q or None


def filter_services(filters: ApiFilters) -> QuerySet[m.Service]:
    """Services matching the filters in a stable order (name, then id) for paging; unfiltered: every one."""
    rows = m.Service.objects.select_related("organization").order_by("name", "id")
    if (own := harvest_q(filters)) is not None:
        rows = rows.filter(own)
    matching = _rows_sql(filters)
    if matching is None:
        return rows
    sql, params = matching
    # A duplicate goes with its canonical service. One uncorrelated IN (subquery), never two joined by OR: the
    # database makes it a semi-join, worked out once, where OR can leave a subplan run once per service; the
    # matches are worked out once too, and their duplicates found through the index on duplicate_of.
    ids = RawSQL(
        f"WITH q AS ({sql}) SELECT q.service_id FROM q "
        "UNION ALL SELECT d.id FROM q JOIN directory_service d ON d.duplicate_of_id = q.service_id",
        params,
    )
    return rows.filter(pk__in=ids)


def covering_service_ids(postcode: str) -> list[UUID]:
    """The services whose coded service areas cover the postcode (the register's lookup, ADR 0034)."""
    from connected.core.postcodes import InvalidPostcode, parse
    from connected.directory import register

    try:
        parse(postcode)
    except InvalidPostcode as error:
        raise FilterError("postcode", str(error)) from None
    return [c.service_id for c in register.covering(register.codes_for(postcode.strip()))]


def filter_service_at_locations(filters: ApiFilters) -> QuerySet[m.ServiceAtLocation] | PlacesPage:
    """Services at locations matching the filters; by distance when a postcode is given, else by name."""
    rows = m.ServiceAtLocation.objects.select_related("service__organization", "location")
    where: tuple[str, tuple] = ("", ())
    if (own := harvest_q(filters)) is not None:
        rows = rows.filter(service__in=m.Service.objects.filter(own).values("id"))
        sql, params = m.Service.objects.filter(own).values("id").query.sql_with_params()
        where = (f" WHERE sal.service_id IN ({sql})", tuple(params))
    if filters.latitude is not None and filters.longitude is not None:
        near = (filters.latitude, filters.longitude)
        if filters.proximity_m is not None:
            return PlacesPage(_rows_sql(filters, near, filters.proximity_m / 1000), rows, True, where=where)
        return PlacesPage(_rows_sql(filters, near), rows, True, within=partial(_rows_sql, filters, near), where=where)
    matching = _rows_sql(filters)
    if matching is None:
        return rows.order_by("service__name", "location__name", "id")
    return PlacesPage(matching, rows, by_distance=False, where=where)


@dataclass(frozen=True)
class PlacesPage:
    """Services at locations behind matching index rows, ordered and paged in the database.

    `count()` and slices, as `paginate` reads a queryset. One flat join (index rows, then the service at
    that location, its service and location for the order), so no plan can re-run the match per row; only the
    page's rows are loaded through the ORM. By distance: nearest first (places with no position last), then the
    service's name as search sorts it (lower case), then id; each row carries `distance_m`, the great-circle
    distance search measures. Otherwise as the unfiltered list: service name, location name, id.
    """

    matching: tuple[str, list]
    rows: QuerySet[m.ServiceAtLocation]
    by_distance: bool
    # By distance with no proximity: the same rows within a circle of so many km (`NEAREST_RADII_KM`, built
    # only when a page asks). A page that a circle fills is the page of the whole list (every row outside is
    # further away), found through the spatial index without measuring and sorting every place in the country.
    within: Callable[[float], tuple[str, list]] | None = None
    where: tuple[str, tuple] = ("", ())  # `harvest_q` as SQL on sal.service_id, with its parameters

    def _sql(self, matching: str, columns: str, by_name: bool = False) -> str:
        """`columns` of the services at locations behind the index rows `matching` selects."""
        sql = (
            f"SELECT {columns} FROM ({matching}) q JOIN directory_serviceatlocation sal "
            "ON sal.service_id = q.service_id AND sal.location_id = q.location_id"
        )
        if by_name:  # both keys are required foreign keys: these joins never change which rows there are
            sql += (
                " JOIN directory_service s ON s.id = sal.service_id JOIN directory_location l ON l.id = sal.location_id"
            )
        return sql + self.where[0]

    def ids(self) -> RawSQL:
        """The matching services at locations' ids, as a subquery (for `pk__in`, unordered)."""
        return RawSQL(self._sql(self.matching[0], "sal.id"), [*self.matching[1], *self.where[1]])

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(self._sql(self.matching[0], "COUNT(*)"), [*self.matching[1], *self.where[1]])
            return cursor.fetchone()[0]

    def _page(self, matching: tuple[str, list], start: int, stop: int) -> list[tuple[UUID, float | None]]:
        sql = self._sql(matching[0], "sal.id, q.dist", by_name=not self.by_distance)
        if self.by_distance:
            sql += " ORDER BY CASE WHEN q.dist IS NULL THEN 1 ELSE 0 END, q.dist, q.sort_name, sal.id"
        else:
            sql += " ORDER BY s.name, l.name, sal.id"
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} LIMIT %s OFFSET %s", [*matching[1], *self.where[1], stop - start, start])
            return [(UUID(str(pk)), dist) for pk, dist in cursor.fetchall()]

    def __getitem__(self, page: slice) -> list[m.ServiceAtLocation]:
        start, stop = page.start or 0, page.stop
        for km in NEAREST_RADII_KM if self.within else ():
            found = self._page(self.within(km), start, stop)
            if len(found) == stop - start:
                break
        else:  # no circle holds the page: every place, by distance (those with no position last)
            found = self._page(self.matching, start, stop)
        by_id = self.rows.in_bulk([pk for pk, _ in found])
        out = []
        for pk, dist in found:
            row = by_id.get(pk)  # None only if deleted since the query above
            if row is not None:
                row.distance_m = dist * 1000 if dist is not None else None
                out.append(row)
        return out
