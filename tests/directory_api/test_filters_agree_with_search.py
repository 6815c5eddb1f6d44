"""The API's filters give exactly what the public search gives for the same question (issue 4, item 3).

One seeded directory (varied text, terms, ages, days, times, places, inactive services and cross-feed
duplicates); for each filter combination the API's answer, paged to the end, is compared with `search()`'s,
paged to the end, for the equivalent `SearchQuery`. `/services` is search's services plus the duplicates
folded into them; `/service_at_locations` is search's rows that have a place; with a postcode, the API's
order and distances are search's.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, time
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connected.core.models import Postcode
from connected.core.places import locate
from connected.directory import models as m
from connected.directory.api.filters import (
    ApiFilters,
    FilterError,
    filter_service_at_locations,
    filter_services,
    parse_filters,
)
from connected.directory.search import SearchQuery, refresh_index, search
from connected.directory.vocabulary import ACCESSIBILITY_TAXONOMY, DAYS, NEEDS_TAXONOMY
from tests.search.factories import CENTRE, random_directory

pytestmark = pytest.mark.django_db

POSTCODE = "LS6 3HN"  # placed a little north-west of the directory's centre


@pytest.fixture
def world(db) -> dict:
    services = random_directory(seed=11, count=160)
    # One service at two places with different sessions at each (per-place matching), one at a place with no
    # position (listed last by distance), and an inactive service's duplicate (found by nothing).
    two = services[0]
    for k, byday in enumerate(("MO", "SA")):
        where = m.Location.objects.create(name=f"Hall {k}", latitude=CENTRE[0] + 0.01 * k, longitude=CENTRE[1])
        sal = m.ServiceAtLocation.objects.create(service=two, location=where)
        m.Schedule.objects.create(
            service_at_location=sal, freq="WEEKLY", byday=byday, opens_at=time(14), closes_at=time(15),
            dtstart=date(2025, 1, 6),
        )  # fmt: skip
    nowhere = m.Location.objects.create(name="Somewhere unmapped")
    m.ServiceAtLocation.objects.create(service=services[1], location=nowhere)
    Postcode.objects.create(postcode=POSTCODE, lat=CENTRE[0] + 0.03, lon=CENTRE[1] - 0.05, outcode="LS6")
    refresh_index()
    taxonomies = {t.name: t.id for t in m.Taxonomy.objects.all()}
    terms = {t.code: t.id for t in m.TaxonomyTerm.objects.filter(attributes__link_entity="service").distinct()}
    place = locate(POSTCODE)
    return {"taxonomies": taxonomies, "terms": terms, "point": (place.latitude, place.longitude)}


def api_items(api, endpoint: str, params: dict) -> list[dict]:
    """Every item the API lists for these parameters, page by page, in its order."""
    items, page = [], 1
    while True:
        response = api.get(f"/api/{endpoint}?{urlencode({**params, 'page': page, 'per_page': 200})}")
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["contents"]
        if body["last_page"]:
            assert len(items) == body["total_items"]
            return items
        page += 1


def search_results(query: SearchQuery) -> list:
    """Every result search gives, page by page, in its order."""
    results, page = [], 1
    while True:
        answer = search(replace(query, page=page, per_page=100))
        results += answer.results
        if page >= answer.total_pages:
            assert len(results) == answer.total
            return results
        page += 1


def with_duplicates(service_ids: set[uuid.UUID]) -> set[uuid.UUID]:
    folded = m.Service.objects.filter(duplicate_of_id__in=service_ids).values_list("id", flat=True)
    return service_ids | set(folded)


def key(service_id, location_id) -> tuple[str, str]:
    return (uuid.UUID(str(service_id)).hex, uuid.UUID(str(location_id)).hex)


def assert_services_agree(api, params: dict, query: SearchQuery) -> set:
    found = {uuid.UUID(item["id"]) for item in api_items(api, "services", params)}
    expected = with_duplicates({r.service_id for r in search_results(query)})
    assert found == expected, params
    return found


def assert_places_agree(api, params: dict, query: SearchQuery) -> set:
    found = {key(i["service_id"], i["location_id"]) for i in api_items(api, "service_at_locations", params)}
    expected = {key(r.service_id, r.location_id) for r in search_results(query) if r.location_id}
    assert found == expected, params
    return found


def cases(w: dict) -> list[tuple[dict, SearchQuery]]:
    """(API parameters, the same question to search)."""
    needs, access = w["taxonomies"][NEEDS_TAXONOMY], w["taxonomies"][ACCESSIBILITY_TAXONOMY]
    walking, lonely = w["terms"]["walking-group"], w["terms"]["loneliness"]
    return [
        ({"taxonomy_term_id": walking}, SearchQuery(taxonomy_term_ids=(str(walking),))),
        ({"taxonomy_term_id": f"{walking},{lonely}"}, SearchQuery(taxonomy_term_ids=(str(walking), str(lonely)))),
        ({"taxonomy_id": needs}, SearchQuery(taxonomy_ids=(str(needs),))),
        ({"taxonomy_id": access}, SearchQuery(taxonomy_ids=(str(access),))),  # only on places: finds nothing
        (
            {"taxonomy_id": needs, "taxonomy_term_id": walking},
            SearchQuery(taxonomy_ids=(str(needs),), taxonomy_term_ids=(str(walking),)),
        ),
        ({"age": 20}, SearchQuery(age=20)),
        ({"age": 11}, SearchQuery(age=11)),
        ({"age": 16, "age_to": 25}, SearchQuery(age=16, age_upto=25)),
        ({"age": 8, "age_to": 60}, SearchQuery(age=8, age_upto=60)),
        ({"day": "TU"}, SearchQuery(days=("TU",))),
        ({"day": "monday,fri"}, SearchQuery(days=("MO", "FR"))),  # 2MO and -1FR count for their weekdays
        (
            {"day": "TU", "start_time": "10:00", "end_time": "11:00"},
            SearchQuery(days=("TU",), start_time=time(10), end_time=time(11)),
        ),
        ({"start_time": "13:00"}, SearchQuery(start_time=time(13))),
        ({"end_time": "10:00"}, SearchQuery(end_time=time(10))),
        ({"start_time": "18:00", "end_time": "19:00"}, SearchQuery(start_time=time(18), end_time=time(19))),
        ({"search": "walkng"}, SearchQuery(text="walkng")),
        (
            {"search": "coffee", "day": "TU,TH", "age": 30},
            SearchQuery(text="coffee", days=("TU", "TH"), age=30),
        ),
        ({"search": "the and", "day": "SA"}, SearchQuery(text="the and", days=("SA",))),  # stop words ask nothing
        ({"search": "choirs", "taxonomy_id": needs}, SearchQuery(text="choirs", taxonomy_ids=(str(needs),))),
    ]


def test_each_filter_agrees_with_search(api, world) -> None:
    sizes = []
    for params, query in cases(world):
        services = assert_services_agree(api, params, query)
        assert_places_agree(api, params, query)
        sizes.append(len(services))
    assert max(sizes) > 20 and 0 in sizes  # the table narrows in earnest, both ways


def test_places_match_per_place(api, world) -> None:
    two = m.Service.objects.filter(service_at_locations__location__name__startswith="Hall ").distinct().get()
    found = assert_places_agree(
        api, {"day": "SA", "start_time": "14:30"}, SearchQuery(days=("SA",), start_time=time(14, 30))
    )
    hall_1 = two.service_at_locations.get(location__name="Hall 1").location_id
    hall_0 = two.service_at_locations.get(location__name="Hall 0").location_id
    assert key(two.id, hall_1) in found and key(two.id, hall_0) not in found


@pytest.mark.parametrize("proximity", [None, 2500, 6000, 30000])
@pytest.mark.parametrize("extra", [{}, {"search": "coffee"}, {"day": "TU,WE", "age": 40}])
def test_postcode_order_and_distances_agree(api, world, proximity, extra) -> None:
    params = {"postcode": POSTCODE, **extra} | ({"proximity": proximity} if proximity else {})
    base = SearchQuery(
        text=extra.get("search", ""),
        days=tuple(extra["day"].split(",")) if "day" in extra else (),
        age=extra.get("age"),
    )
    lat, lon = world["point"]
    # Without proximity nothing is cut: search's widest radius holds the whole directory.
    radius = proximity / 1000 if proximity else 200.0
    results = search_results(replace(base, latitude=lat, longitude=lon, radius_km=radius))
    km = {key(r.service_id, r.location_id): r.distance_km for r in results}
    items = api_items(api, "service_at_locations", params)
    keys = [key(i["service_id"], i["location_id"]) for i in items]
    placed = [k for k in keys if k in km]
    assert set(placed) == set(km)
    unplaced = keys[len(placed) :]
    assert keys[: len(placed)] == placed  # places with no position come last
    assert all(i["location"].get("latitude") is None for i in items[len(placed) :])
    if proximity:
        assert not unplaced
    metres = [round(km[k] * 1000) for k in placed]
    assert metres == sorted(metres)  # nearest first, by search's own distances
    # The distances the API orders by are search's (to the metre it reports).
    rows = filter_service_at_locations(parse_filters(params, allow_postcode=True))
    page = rows[0 : rows.count()]
    assert [key(r.service_id, r.location_id) for r in page] == keys
    for r in page[: len(placed)]:
        assert r.distance_m / 1000 == pytest.approx(km[key(r.service_id, r.location_id)], abs=0.0006)
    if not extra and proximity == 6000:
        assert 5 < len(placed) < len(km) + 1 and len(placed) < m.ServiceAtLocation.objects.count() - 5


# --- any combination -----------------------------------------------------------------------------------------------

TEXTS = ("", "", "", "walking", "coffe", "singing together", "garden friends", "the", "xyzzy", "headingley")
TIMES = (None, time(9), time(10), time(11, 30), time(13), time(18))


@st.composite
def questions(draw, w: dict) -> tuple[dict, SearchQuery, bool]:
    """Random API parameters, the equivalent SearchQuery, and whether they are for /service_at_locations."""
    params: dict = {}
    text = draw(st.sampled_from(TEXTS))
    none = st.just([])  # each filter is left out half the time, so combinations still find something
    terms = draw(none | st.lists(st.sampled_from(sorted(w["terms"].values())), min_size=1, max_size=3, unique=True))
    taxonomies = draw(none | st.lists(st.sampled_from(sorted(w["taxonomies"].values())), min_size=1, max_size=1))
    ages = sorted(draw(st.lists(st.integers(0, 100), max_size=2)))
    which = draw(st.sampled_from(("both", "minimum", "maximum")))
    days = draw(none | st.lists(st.sampled_from(DAYS), min_size=1, max_size=3, unique=True))
    start, end = draw(st.sampled_from(TIMES)), draw(st.sampled_from(TIMES))
    if start and end and start >= end:
        start, end = end if end < start else None, start
    age = age_upto = None
    if len(ages) == 2 and which == "both":
        age, age_upto = ages
        params |= {"age": age, "age_to": age_upto}
    elif ages:
        age = ages[0]
        params["age"] = age
    if text:
        params["search"] = text
    if terms:
        params["taxonomy_term_id"] = ",".join(str(t) for t in terms)
    if taxonomies:
        params["taxonomy_id"] = str(taxonomies[0])
    if days:
        params["day"] = ",".join(days)
    if start:
        params["start_time"] = start.strftime("%H:%M")
    if end:
        params["end_time"] = end.strftime("%H:%M")
    query = SearchQuery(
        text=text, taxonomy_term_ids=tuple(str(t) for t in terms), taxonomy_ids=tuple(str(t) for t in taxonomies),
        age=age, age_upto=age_upto, days=tuple(days), start_time=start, end_time=end,
    )  # fmt: skip
    return params, query, draw(st.booleans())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_combination_agrees_with_search(api, world, data) -> None:
    params, query, places = data.draw(questions(world))
    if places:
        proximity = data.draw(st.sampled_from((None, 1500, 4000, 12000)))
        if proximity:
            lat, lon = world["point"]
            located = {
                key(r.service_id, r.location_id)
                for r in search_results(replace(query, latitude=lat, longitude=lon, radius_km=proximity / 1000))
            }
            items = api_items(api, "service_at_locations", {**params, "postcode": POSTCODE, "proximity": proximity})
            assert {key(i["service_id"], i["location_id"]) for i in items} == located
        elif set(params) - {"search"} or params.get("search", "the") != "the":
            assert_places_agree(api, params, query)
    elif set(params) - {"search"} or params.get("search", "the") != "the":  # else it asks nothing: lists all
        assert_services_agree(api, params, query)


def test_pages_by_distance_are_stable(api, world) -> None:
    params = {"postcode": POSTCODE, "day": "TU,TH,SA"}
    whole = [i["id"] for i in api_items(api, "service_at_locations", params)]
    pages, page = [], 1
    while True:
        body = api.get(f"/api/service_at_locations?{urlencode({**params, 'page': page, 'per_page': 7})}").json()
        pages += [i["id"] for i in body["contents"]]
        if body["last_page"]:
            break
        page += 1
    assert pages == whole and len(whole) > 14
    full = api.get(f"/api/service_at_locations?{urlencode({**params, 'per_page': 200, 'full': 'true'})}").json()
    assert [i["id"] for i in full["contents"]] == whole  # the nested form, same rows, same order


def test_what_search_refuses_is_a_400_naming_the_parameter(world) -> None:
    with pytest.raises(FilterError) as error:
        filter_services(ApiFilters(age=140))  # parse_filters refuses it first; this is the safety net
    assert error.value.parameter == "age"
