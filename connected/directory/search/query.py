"""The question search answers: the query object, its checks, and its preparation in the index's terms.

Pure Python apart from the word corrector a backend passes in (it reads the index's vocabulary), so every
rule about what may be asked lives here, once, for both databases and the ORUK API's filters.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from uuid import UUID

from connected.core.places import EARTH_RADIUS_KM, bounding_box
from connected.directory.vocabulary import DAYS

from .masks import ACCESS_BIT, DAY_BIT, DELIVERY_BIT, TERM_BIT, mask
from .text import STOP_WORDS, QueryWord, words

MAX_RADIUS_KM = 200.0
MAX_PER_PAGE = 100
# Worst relative error of the flat-earth distance `within_sql` settles most rows with; beyond it, haversine only.
PLANAR_MAX_ERROR = 0.1


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""  # free text; stemmed, and corrected for typos against the indexed words
    any_words: bool = False  # a row needs any one of the words (else every one)
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


class SearchError(ValueError):
    """A query that cannot be answered, with a message naming the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def planar_bounds(lat: float, radius_km: float) -> tuple[float, float, float] | None:
    """(inside, outside, scale) for a cheap test of which points lie within radius_km of latitude `lat`.

    The flat-earth distance in degrees, squared: s = dlat² + scale · dlon², with scale = cos²(lat). Within
    the radius's bounding box it differs from the haversine distance by a relative error of at most
    tan|lat| · radius/R (the meridians converge) plus terms in (radius/R)²; `error` doubles that. So a point
    with s <= inside is certainly within the radius and one with s > outside certainly beyond it; only the thin
    ring between needs the haversine. None near the poles or for huge radii, where the error is not small.
    """
    angular = radius_km / EARTH_RADIUS_KM
    error = 2 * (abs(math.tan(math.radians(lat))) * angular + angular * angular) + 1e-3
    if abs(lat) >= 85 or error > PLANAR_MAX_ERROR:
        return None
    degrees = math.degrees(angular)
    scale = math.cos(math.radians(lat)) ** 2
    return (degrees * (1 - error)) ** 2, (degrees * (1 + error)) ** 2, scale


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


@dataclass(frozen=True)
class Prepared:
    """A checked query, in the terms of the index's columns."""

    query: SearchQuery
    words: tuple[QueryWord, ...]
    stems: tuple[str, ...]  # every one must be in a row's text
    impossible: bool  # text given, and none of it is in the index
    box: tuple[float, float, float, float] | None
    term_mask: int
    term_ids: tuple[str, ...]
    day_mask: int
    day_numbers: tuple[int, ...]
    opens_before: int | None  # a session must open before this minute
    closes_after: int | None  # ... and close after this one
    access_mask: int
    delivery_mask: int

    @property
    def has_point(self) -> bool:
        return self.box is not None


def _codes(field: str, values: tuple[str, ...], known: dict[str, int]) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    unknown = [v for v in values if v not in known]
    if unknown:
        raise SearchError(field, f"unknown value {unknown[0]!r}; expected one of {', '.join(known)}")
    return tuple(values)


def _validate_point(q: SearchQuery) -> None:
    if (q.latitude is None) != (q.longitude is None):
        raise SearchError("latitude" if q.latitude is None else "longitude", "give both latitude and longitude")
    if q.latitude is not None:
        if not -90 <= q.latitude <= 90:
            raise SearchError("latitude", "must be between -90 and 90")
        if not -180 <= q.longitude <= 180:
            raise SearchError("longitude", "must be between -180 and 180")
        if q.radius_km is None or not 0 < q.radius_km <= MAX_RADIUS_KM:
            raise SearchError("radius_km", f"give a radius above 0 and at most {MAX_RADIUS_KM:g} km with a point")
    elif q.radius_km is not None:
        raise SearchError("radius_km", "a radius needs a point (latitude and longitude)")


def validate(q: SearchQuery) -> None:
    """Raise SearchError naming the field for anything search cannot answer."""
    _validate_point(q)
    for name in ("age", "age_upto"):
        if getattr(q, name) is not None and not 0 <= getattr(q, name) <= 130:
            raise SearchError(name, "must be between 0 and 130")
    if q.start_time and q.end_time and q.start_time >= q.end_time:
        raise SearchError("end_time", "must be after start_time")
    if q.page < 1:
        raise SearchError("page", "must be 1 or more")
    if not 1 <= q.per_page <= MAX_PER_PAGE:
        raise SearchError("per_page", f"must be between 1 and {MAX_PER_PAGE}")
    for name in ("taxonomy_term_ids", "taxonomy_ids"):
        for value in getattr(q, name):
            try:
                UUID(str(value))
            except ValueError:
                raise SearchError(name, f"{value!r} is not a UUID") from None


def prepare(q: SearchQuery, correct_words: Callable[[list[str]], list[QueryWord]]) -> Prepared:
    """Check `q` and put it in the index's terms; `correct_words` resolves typed words against the index."""
    validate(q)
    typed = [w for w in words(q.text) if w not in STOP_WORDS]
    resolved = tuple(correct_words(typed)) if typed else ()
    found = tuple(dict.fromkeys(w.stem for w in resolved if w.stem))
    day_codes = _codes("days", q.days, DAY_BIT)
    return Prepared(
        query=q,
        words=resolved,
        stems=found,
        impossible=bool(typed) and not found,
        box=bounding_box(q.latitude, q.longitude, q.radius_km) if q.latitude is not None else None,
        term_mask=mask(TERM_BIT, _codes("term_codes", q.term_codes, TERM_BIT)),
        term_ids=tuple(sorted({UUID(str(v)).hex for v in q.taxonomy_term_ids})),
        day_mask=mask(DAY_BIT, day_codes),
        day_numbers=tuple(sorted(DAYS.index(d) for d in set(day_codes))),
        opens_before=_minutes(q.end_time) if q.end_time else None,
        closes_after=_minutes(q.start_time) if q.start_time else None,
        access_mask=mask(ACCESS_BIT, _codes("accessibility", q.accessibility, ACCESS_BIT)),
        delivery_mask=mask(DELIVERY_BIT, _codes("delivery", q.delivery, DELIVERY_BIT)),
    )
