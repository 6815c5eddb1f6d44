"""The sides of the four-way search benchmark: one function each, a `Case` in, the total out.

Every side answers the same question (docs/benchmarks.md, "Search against baselines"): the places
(service at a location) within the radius on a sphere of radius 6,371.0088 km, of active services that are
not duplicates of another, whose text holds every word of the query that is in the directory (stemmed,
typos corrected, as `search()` resolves them), passing the same filters; with no point, every listing
(with or without a place) whose text holds the words. Each side also fetches the page a results page shows.

- `orm_search`: the Django ORM over the directory's own tables, as a careful Django project would write it
  with no search index: a box on indexed latitude and longitude, the great-circle distance in the database
  for the rows in the box, whole-word regular expressions for the words (every spelling of the stem that the
  directory uses), EXISTS for the filters.
- `postgis_search`: PostgreSQL + PostGIS, as a good implementer writes it: `ST_DWithin` on a geography column
  with a GiST index, a GIN-indexed tsvector of the same stems, filter columns on the same denormalised rows,
  the total from a window count in the same query.
- `our_search`: `connected.directory.search.search()`.

The baselines get their words already resolved (stems and spellings, worked out before the clock starts),
and no reasons, next sessions or typo correction to do: every difference flatters them.
"""

# SQL here is assembled from fixed fragments and %s placeholders only; every value goes as a parameter.

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from connected.core.places import EARTH_RADIUS_KM, bounding_box
from connected.directory import models as m
from connected.directory.search import SearchQuery, search
from connected.directory.search.backends import backend_for_connection
from connected.directory.search.text import STOP_WORDS, stem, words

WIDE = (
    "id, service_id, location_id, service_name, organization_name, location_name, address, postcode, latitude, "
    "longitude, is_free, delivery_mask, rules, also_listed_by"
)


@dataclass(frozen=True)
class Case:
    kind: str
    query: SearchQuery
    stems: tuple[str, ...]  # the words every row must hold, as the index stores them
    spellings: tuple[tuple[str, ...], ...]  # for each stem, every word in the directory with that stem


def resolve(kind: str, q: SearchQuery) -> Case:
    """The query's words as `search()` resolves them, for the baselines (before any clock starts)."""
    p = backend_for_connection().prepare(q)
    stems = p.stems
    if p.impossible:  # none of the words is in the directory: the baselines look them up as typed
        stems = tuple(dict.fromkeys(stem(w) for w in words(q.text) if w not in STOP_WORDS))
    spellings = []
    with connection.cursor() as cursor:
        for s in stems:
            cursor.execute("SELECT DISTINCT word FROM directory_search_vocab WHERE stem = %s", [s])
            spellings.append(tuple(sorted({r[0] for r in cursor.fetchall()} | ({s} if p.impossible else set()))))
    return Case(kind, q, stems, tuple(spellings))


def our_search(case: Case) -> int:
    page = search(case.query)
    return page.total


# --- the ORM ---------------------------------------------------------------------------------------------------


def _word_q(spellings: tuple[str, ...], service: str, location: str | None) -> Q:
    """The row's text holds one of these spellings as a whole word: service, organisation, place, address, terms."""
    pattern = rf"(^|[^a-z0-9])({'|'.join(spellings)})([^a-z0-9]|$)"
    fields = ("name", "alternate_name", "description", "organization__name")
    q = Q()
    for field in fields:
        q |= Q(**{f"{service}{field}__iregex": pattern})
    service_id = OuterRef(f"{service}id" if service else "id")
    q |= Exists(
        m.Attribute.objects.filter(link_entity="service", link_id=service_id, taxonomy_term__name__iregex=pattern)
    )
    if location is not None:
        q |= Q(**{f"{location}name__iregex": pattern})
        addresses = Q(address_1__iregex=pattern) | Q(address_2__iregex=pattern) | Q(city__iregex=pattern)
        q |= Exists(m.Address.objects.filter(addresses, location=OuterRef(f"{location}id")))
    return q


def _filters(qs, q: SearchQuery, service: str, location: str | None):
    service_id = OuterRef(f"{service}id" if service else "id")
    if q.free_only:
        costs = m.CostOption.objects.filter(service=service_id)
        qs = qs.filter(Exists(costs.filter(amount=0)), ~Exists(costs.exclude(amount=0)))
    if q.age is not None:
        qs = qs.filter(Q(**{f"{service}minimum_age__isnull": True}) | Q(**{f"{service}minimum_age__lte": q.age}))
        qs = qs.filter(Q(**{f"{service}maximum_age__isnull": True}) | Q(**{f"{service}maximum_age__gte": q.age}))
    if q.days or q.start_time:
        sessions = m.Schedule.objects.filter(service=service_id)
        if q.days:
            days = Q()
            for day in q.days:
                days |= Q(byday__contains=day)
            sessions = sessions.filter(days)
        if q.start_time:
            sessions = sessions.filter(opens_at__lt=q.end_time, closes_at__gt=q.start_time)
        qs = qs.filter(Exists(sessions))
    for code in q.accessibility:
        if location is None:
            return qs.none()  # a service with no place has no step-free access
        places = m.Attribute.objects.filter(link_entity="location", taxonomy_term__code=code)
        qs = qs.filter(Exists(places.filter(link_id=OuterRef(f"{location}id"))))
    if q.term_codes:
        terms = m.Attribute.objects.filter(link_entity="service", taxonomy_term__code__in=q.term_codes)
        qs = qs.filter(Exists(terms.filter(link_id=service_id)))
    return qs


def _canonical(qs, case: Case, service: str, location: str | None):
    qs = qs.filter(**{f"{service}status": "active", f"{service}duplicate_of__isnull": True})
    for spellings in case.spellings:
        qs = qs.filter(_word_q(spellings, service, location))
    return _filters(qs, case.query, service, location)


def orm_search(case: Case) -> int:
    q = case.query
    offset = (q.page - 1) * q.per_page
    places = m.ServiceAtLocation.objects.all()
    if q.latitude is None:
        places = _canonical(places, case, "service__", "location__")
        alone = m.Service.objects.filter(~Exists(m.ServiceAtLocation.objects.filter(service=OuterRef("id"))))
        alone = _canonical(alone, case, "", None)
        total = places.count() + alone.count()
        list(places.select_related("service", "location").order_by("service__name")[offset : offset + q.per_page])
        return total
    min_lat, max_lat, min_lon, max_lon = bounding_box(q.latitude, q.longitude, q.radius_km)
    lat, lon = F("location__latitude"), F("location__longitude")
    distance = 2 * EARTH_RADIUS_KM * ASin(Sqrt(
        Power(Sin(Radians(lat - Value(q.latitude)) / 2), 2)
        + Cos(Radians(Value(q.latitude))) * Cos(Radians(lat)) * Power(Sin(Radians(lon - Value(q.longitude)) / 2), 2)
    ))  # fmt: skip
    places = places.filter(
        location__latitude__range=(min_lat, max_lat), location__longitude__range=(min_lon, max_lon)
    ).annotate(distance=distance)
    places = _canonical(places.filter(distance__lte=q.radius_km), case, "service__", "location__")
    total = places.count()
    page = places.select_related("service", "location").order_by("distance", "service__name")
    list(page[offset : offset + q.per_page])
    return total


# --- PostGIS ---------------------------------------------------------------------------------------------------


def _entry_filters(q: SearchQuery) -> tuple[list[str], list]:
    """The filters on the denormalised row's own columns (a session table for day and time together)."""
    from connected.directory.search.masks import ACCESS_BIT, DAY_BIT, TERM_BIT
    from connected.directory.vocabulary import DAYS

    parts, params = [], []
    if q.free_only:
        parts.append("is_free = 1")
    if q.age is not None:
        parts += ["min_age <= %s", "max_age >= %s"]
        params += [q.age, q.age]
    if q.start_time:
        day = " AND s.day = ANY(%s)" if q.days else ""
        parts.append(
            f"EXISTS (SELECT 1 FROM directory_search_session s WHERE s.entry_id = e.id{day} AND s.opens < %s "
            "AND s.closes > %s)"
        )
        params += [[DAYS.index(d) for d in q.days]] if q.days else []
        params += [q.end_time.hour * 60 + q.end_time.minute, q.start_time.hour * 60 + q.start_time.minute]
    elif q.days:
        parts.append("(day_mask & %s) <> 0")
        params.append(sum(DAY_BIT[d] for d in q.days))
    if q.accessibility:
        bits = sum(ACCESS_BIT[c] for c in q.accessibility)
        parts.append("(access_mask & %s) = %s")
        params += [bits, bits]
    if q.term_codes:
        parts.append("(term_mask & %s) <> 0")
        params.append(sum(TERM_BIT[c] for c in q.term_codes))
    return parts, params


def postgis_search(case: Case) -> int:
    q = case.query
    parts, params = _entry_filters(q)
    if case.stems:
        parts.insert(0, "tsv @@ to_tsquery('simple', %s)")
        params.insert(0, " & ".join(case.stems))
    offset = (q.page - 1) * q.per_page
    if q.latitude is not None:
        point = "ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography"
        parts.insert(0, f"ST_DWithin(geog, {point}, %s, false)")
        params = [q.longitude, q.latitude, q.radius_km * 1000, *params]
        select, order = f"ST_Distance(geog, {point}, false) AS d", "d, sort_name"
        sparams = [q.longitude, q.latitude]
    else:
        select, order, sparams = "NULL AS d", "sort_name", []
    where = " AND ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {WIDE}, {select}, count(*) OVER () AS total FROM directory_search_entry e WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [*sparams, *params, q.per_page, offset],
        )
        rows = cursor.fetchall()
        if rows:
            return rows[0][-1]
        if not offset:
            return 0
        cursor.execute(f"SELECT count(*) FROM directory_search_entry e WHERE {where}", params)
        return cursor.fetchone()[0]
