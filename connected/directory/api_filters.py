"""The ORUK API's filters (the UK profile's parameter names) as querysets.

One interface, kept apart from the views: `parse_filters(query)` turns the
request's parameters into an `ApiFilters` (or raises `FilterError` naming the
parameter), and `filter_services` / `filter_service_at_locations` answer it
with the ORM, the text test excepted: that is the public search's own, run as
a subquery over its index.

Meanings:
- `search`: the public search's text matching (`search.services_matching_text`:
  stop words dropped, typos corrected, stemmed, every word in the indexed text,
  which covers name, description, organisation, location, address and
  taxonomy labels), so the API and the pages agree. The index holds only
  active, canonical services: a text search finds those plus the duplicates
  folded into them (`duplicate_of`), and never a service that is not active
  or a duplicate whose canonical service is not. Words that are all stop words
  ask nothing, so they filter nothing.
- `taxonomy_term_id` / `taxonomy_id`: the service carries that term, or any
  term of that taxonomy (comma-separated ids: any of them).
- `minimum_age` / `maximum_age`: a person of that age (each bound given) is
  eligible; a service with no age limit is open to every age.
- `day`: has a session on that day (MO..SU or monday..sunday; comma-separated:
  any of them). `start_time` / `end_time` (HH:MM): has a session overlapping
  that window; with `day`, the same session must match both.
- `postcode` (service_at_locations only): ordered by distance from the
  postcode's centre; with `proximity` (metres), only those within it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any
from uuid import UUID

from django.db.models import ExpressionWrapper, F, FloatField, Q, QuerySet, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

from . import models as m
from .search import services_matching_text

EARTH_RADIUS_M = 6_371_008.8
MAX_PROXIMITY_M = 1_000_000  # 1,000 km: the whole of Great Britain
MAX_AGE = 150
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
    minimum_age: int | None = None
    maximum_age: int | None = None
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
        minimum_age=minimum_age,
        maximum_age=maximum_age,
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


# --- querysets ---------------------------------------------------------------------------------------------------


def _session_query(filters: ApiFilters) -> Q | None:
    """Schedules that match the day and time window (None when neither is asked)."""
    if not (filters.days or filters.start_time or filters.end_time):
        return None
    query = Q()
    if filters.days:
        any_day = Q()
        for day in filters.days:
            any_day |= Q(byday__icontains=day)  # "TU,TH", "2MO", "-1FR": two-letter codes never straddle a comma
        query &= any_day
    if filters.start_time is not None:
        query &= Q(closes_at__gt=filters.start_time) | Q(closes_at__isnull=True, opens_at__gte=filters.start_time)
    if filters.end_time is not None:
        query &= Q(opens_at__lt=filters.end_time)
    return query


def _service_query(filters: ApiFilters, prefix: str = "") -> Q:
    """Conditions on a service (reached through `prefix`, e.g. 'service__')."""
    query = Q()
    matches = services_matching_text(filters.search) if filters.search else None
    if matches is not None:  # the public search's own text test; a duplicate goes with its canonical service
        query &= Q(**{f"{prefix}pk__in": matches}) | Q(**{f"{prefix}duplicate_of_id__in": matches})
    # Uncorrelated IN (subquery) throughout: the database works each set out once, not once per service.
    tagged = m.Attribute.objects.filter(link_entity=m.Attribute.LinkEntity.SERVICE)
    if filters.taxonomy_term_ids:
        query &= Q(
            **{f"{prefix}pk__in": tagged.filter(taxonomy_term_id__in=filters.taxonomy_term_ids).values("link_id")}
        )
    if filters.taxonomy_ids:
        by_taxonomy = tagged.filter(taxonomy_term__taxonomy_id__in=filters.taxonomy_ids)
        query &= Q(**{f"{prefix}pk__in": by_taxonomy.values("link_id")})
    for age in (filters.minimum_age, filters.maximum_age):
        if age is not None:
            query &= Q(**{f"{prefix}minimum_age__isnull": True}) | Q(**{f"{prefix}minimum_age__lte": age})
            query &= Q(**{f"{prefix}maximum_age__isnull": True}) | Q(**{f"{prefix}maximum_age__gte": age})
    return query


def filter_services(filters: ApiFilters) -> QuerySet[m.Service]:
    """Services matching the filters, every status, in a stable order (name, then id) for paging."""
    query = _service_query(filters)
    sessions = _session_query(filters)
    if sessions is not None:
        matching = m.Schedule.objects.filter(sessions)
        at_places = m.ServiceAtLocation.objects.filter(
            Q(pk__in=matching.filter(service_at_location__isnull=False).values("service_at_location_id"))
            | Q(location_id__in=matching.filter(location__isnull=False).values("location_id"))
        )
        query &= Q(pk__in=matching.filter(service__isnull=False).values("service_id")) | Q(
            pk__in=at_places.values("service_id")
        )
    return m.Service.objects.filter(query).select_related("organization").order_by("name", "id")


def _distance_m(latitude: float, longitude: float) -> Any:
    """Great-circle distance (haversine) from a point to the location, in metres, as a database expression."""
    lat1, lon1 = math.radians(latitude), math.radians(longitude)
    lat2, lon2 = Radians(F("location__latitude")), Radians(F("location__longitude"))
    half = Power(Sin((lat2 - Value(lat1)) / 2), 2) + Value(math.cos(lat1)) * Cos(lat2) * Power(
        Sin((lon2 - Value(lon1)) / 2), 2
    )
    return Value(2 * EARTH_RADIUS_M) * ASin(Least(Sqrt(half), Value(1.0)))  # rounding must not leave asin's domain


def filter_service_at_locations(filters: ApiFilters) -> QuerySet[m.ServiceAtLocation]:
    """Services at locations matching the filters; by distance when a postcode is given, else by name."""
    query = _service_query(filters, prefix="service__")
    sessions = _session_query(filters)
    if sessions is not None:
        matching = m.Schedule.objects.filter(sessions)
        query &= (
            Q(service_id__in=matching.filter(service__isnull=False).values("service_id"))
            | Q(pk__in=matching.filter(service_at_location__isnull=False).values("service_at_location_id"))
            | Q(location_id__in=matching.filter(location__isnull=False).values("location_id"))
        )
    rows = m.ServiceAtLocation.objects.filter(query).select_related("service__organization", "location")
    if filters.latitude is None or filters.longitude is None:
        return rows.order_by("service__name", "location__name", "id")
    if filters.proximity_m is not None:
        # A box around the circle first, so the database can skip far-away rows cheaply.
        dlat = math.degrees(filters.proximity_m / EARTH_RADIUS_M)
        dlon = dlat / max(math.cos(math.radians(filters.latitude)), 0.01)
        rows = rows.filter(
            location__latitude__range=(filters.latitude - dlat, filters.latitude + dlat),
            location__longitude__range=(filters.longitude - dlon, filters.longitude + dlon),
        )
    rows = rows.annotate(
        distance_m=ExpressionWrapper(_distance_m(filters.latitude, filters.longitude), output_field=FloatField())
    )
    if filters.proximity_m is not None:
        rows = rows.filter(distance_m__lte=filters.proximity_m)
    return rows.order_by(F("distance_m").asc(nulls_last=True), "service__name", "id")
