"""The profile's filters narrow the lists correctly, and bad values give a 400 naming the parameter."""

from __future__ import annotations

import pytest

from connected.core.models import OutcodeCentroid, Postcode
from connected.core.places import distance_km
from connected.directory import models as m
from connected.directory.api.filters import FilterError, parse_filters
from connected.directory.search import refresh_index

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(directory) -> dict:
    """The shared directory, indexed: `search` is the public search's text test, over its index."""
    refresh_index()
    return directory


def names(api, query: str, endpoint: str = "services") -> list[str]:
    response = api.get(f"/api/{endpoint}?per_page=200&{query}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["total_items"] == len(body["contents"])
    if endpoint == "services":
        return sorted(item["name"] for item in body["contents"])
    return [item["service"]["name"] for item in body["contents"]]


ALL = [
    "Community choir",
    "Digital skills drop-in",
    "Lunch club",
    "Men's shed",
    "Reading circle",
    "Walking group 0",
    "Walking group 1",
]


def test_no_filter_lists_every_service_of_every_status(api, directory) -> None:
    assert names(api, "") == ALL


# With any filter the answer is what the search index holds: active, canonical services. Lunch club is
# temporarily closed, so no filter finds it (docs/adr/0019-api-filters-through-search.md).
INDEXED = [n for n in ALL if n != "Lunch club"]
ACTIVE_WITH_WEEK = [n for n in INDEXED if n != "Men's shed"]
# The shed's Saturday session has no times: search counts it as running all day.
TEN_TO_TWELVE = ["Digital skills drop-in", "Men's shed", "Reading circle", "Walking group 0", "Walking group 1"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("search=choir", ["Community choir"]),
        ("search=CHOIR", ["Community choir"]),
        # The public search's text test: digits-only words are dropped, and only active services are indexed
        # (Lunch club is temporarily closed), so "week 3" is "week", in every active description but the shed's.
        ("search=week+3", ACTIVE_WITH_WEEK),
        ("search=choir+week+3", ["Community choir"]),  # every word, in any of the fields
        ("search=choir+reading", []),  # both indexed words, never in the same service
        ("search=choir+zebra", ["Community choir"]),  # a word the index has never seen (nor close) is dropped
        ("search=trust", ACTIVE_WITH_WEEK),  # the organisation's name; the shed has no organisation
        ("search=zebra", []),
        ("day=TU", ["Digital skills drop-in", "Reading circle", "Walking group 0"]),
        ("day=tuesday", ["Digital skills drop-in", "Reading circle", "Walking group 0"]),
        ("day=wed", ["Walking group 1"]),
        ("day=FR", []),  # only Lunch club meets on Fridays ("2FR"), and it is not active
        ("day=TH,MO", ["Community choir", "Walking group 1"]),
        ("day=SU", []),
        ("start_time=17:00", ["Community choir", "Men's shed"]),  # the shed's session has no times: all day
        ("end_time=09:30", INDEXED),  # every service also meets at 9am on the first Saturday
        ("start_time=11:00&end_time=11:30", TEN_TO_TWELVE),
        ("day=TH&start_time=09:00&end_time=12:00", []),  # Thursday's session is in the evening
        ("day=TH&start_time=19:00&end_time=19:30", ["Community choir"]),
        ("age=10", ["Reading circle", "Walking group 1"]),
        ("age=18&age_to=30", [n for n in INDEXED if n != "Digital skills drop-in"]),
        ("age=70", [n for n in INDEXED if n != "Digital skills drop-in"]),
        ("age=60&age_to=99", [n for n in INDEXED if n != "Digital skills drop-in"]),
        ("age=26&age_to=26", [n for n in INDEXED if n != "Digital skills drop-in"]),
        ("age=25&age_to=26", [n for n in INDEXED if n != "Digital skills drop-in"]),  # up to 25
        ("age=18&age_to=25", INDEXED),
        ("age=17&age_to=25", ["Reading circle", "Walking group 1"]),
        ("age=0", ["Reading circle", "Walking group 1"]),
    ],
)
def test_each_filter_narrows(api, directory, query, expected) -> None:
    assert names(api, query) == sorted(expected)


def test_sessions_at_a_location_count_for_the_day_filter(api, directory) -> None:
    # Every fixture service also meets monthly on the first Saturday at its location (a service_at_location schedule).
    assert names(api, "day=SA&start_time=09:00&end_time=09:30") == INDEXED
    assert names(api, "day=SA&start_time=09:00&end_time=09:30", "service_at_locations") == sorted(INDEXED)


def test_a_locations_opening_hours_are_not_sessions(api, directory) -> None:
    # The search index counts the service's schedules and its service-at-location's, as the public pages do.
    shed = directory["services"][6]
    m.Schedule.objects.create(location=shed.service_at_locations.get().location, freq="WEEKLY", byday="SU")
    refresh_index([shed.id])
    assert names(api, "day=SU") == []
    assert names(api, "day=sunday", "service_at_locations") == []


def test_taxonomy_filters(api, directory) -> None:
    terms = directory["terms"]
    walking, lonely = terms["walking"].id, terms["lonely"].id
    assert names(api, f"taxonomy_term_id={walking}") == ["Walking group 0", "Walking group 1"]
    assert names(api, f"taxonomy_term_id={lonely}") == ["Reading circle", "Walking group 0"]
    assert names(api, f"taxonomy_term_id={walking},{lonely}") == [
        "Reading circle",
        "Walking group 0",
        "Walking group 1",
    ]
    needs = directory["taxonomies"][1].id
    assert names(api, f"taxonomy_id={needs}") == ["Reading circle", "Walking group 0"]
    assert names(api, f"taxonomy_id={needs}&search=reading") == ["Reading circle"]
    # Stemmed: "walking" finds "a friendly walk", which Reading circle's description has too.
    assert names(api, f"taxonomy_id={needs}&search=walking") == ["Reading circle", "Walking group 0"]
    assert names(api, f"taxonomy_term_id={walking}&search=walking") == ["Walking group 0", "Walking group 1"]
    # The term on Reading circle's *location* does not make the service a reading service.
    assert names(api, f"taxonomy_term_id={terms['reading'].id}") == ["Reading circle"]


def test_service_at_locations_take_the_same_filters(api, directory) -> None:
    assert names(api, "search=choir", "service_at_locations") == ["Community choir"]
    assert names(api, "day=MO", "service_at_locations") == ["Walking group 1"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("per_page=0", "per_page"),
        ("per_page=201", "per_page"),
        ("per_page=ten", "per_page"),
        ("minimum_age=old", "minimum_age"),
        ("minimum_age=-1", "minimum_age"),
        ("maximum_age=200", "maximum_age"),
        ("minimum_age=131", "minimum_age"),  # the public search's limit
        ("minimum_age=40&maximum_age=20", "minimum_age"),
        ("age=old", "age"),
        ("age=40&age_to=20", "age"),
        ("age_to=20", "age_to"),
        ("day=funday", "day"),
        ("start_time=25:00", "start_time"),
        ("start_time=9am", "start_time"),
        ("end_time=10", "end_time"),
        ("start_time=12:00&end_time=11:00", "start_time"),
        ("taxonomy_term_id=walking", "taxonomy_term_id"),
        ("taxonomy_id=1234", "taxonomy_id"),
        ("search=" + "x" * 201, "search"),
        ("search=walk%00ing", "search"),
        ("day=MO%00", "day"),
        ("taxonomy_id=%00", "taxonomy_id"),
    ],
)
@pytest.mark.parametrize("endpoint", ["services", "service_at_locations"])
def test_bad_values_are_a_400_naming_the_parameter(api, directory, endpoint, query, parameter) -> None:
    response = api.get(f"/api/{endpoint}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["errors"][0]["parameter"] == parameter
    assert parameter in body["detail"]


@pytest.mark.parametrize("endpoint", ["organizations", "taxonomies", "taxonomy_terms"])
def test_paging_parameters_are_checked_on_every_list(api, db, endpoint) -> None:
    for query, parameter in (("page=0", "page"), ("per_page=500", "per_page")):
        response = api.get(f"/api/{endpoint}?{query}")
        assert response.status_code == 400
        assert response.json()["errors"][0]["parameter"] == parameter


# --- postcode and proximity --------------------------------------------------------------------------------------


@pytest.fixture
def places(db) -> None:
    """Three real Leeds-area postcodes and an outcode centre, written straight into the postcode tables."""
    Postcode.objects.create(postcode="LS1 1UR", lat=53.79648, lon=-1.54785, outcode="LS1")
    Postcode.objects.create(postcode="LS6 3HN", lat=53.8213, lon=-1.5740, outcode="LS6")
    Postcode.objects.create(postcode="BD1 1HY", lat=53.7935, lon=-1.7520, outcode="BD1")
    OutcodeCentroid.objects.create(outcode="LS1", lat=53.7965, lon=-1.5470, n_postcodes=100)


@pytest.fixture
def spread(db, places) -> dict:
    """A service in central Leeds, one in Headingley (about 3 km away), one in Bradford (about 13.5 km)."""
    org = f.organization(9)
    made = {
        "centre": f.service(org, 10, name="City centre cafe", latitude=53.7970, longitude=-1.5480),
        "headingley": f.service(org, 11, name="Headingley walk", latitude=53.8213, longitude=-1.5760),
        "bradford": f.service(org, 12, name="Bradford choir", latitude=53.7935, longitude=-1.7530),
        "online": f.service(org, 13, name="Phone friends", latitude=None, longitude=None),
    }
    refresh_index()
    return made


def test_postcode_orders_by_distance_and_proximity_cuts(api, spread) -> None:
    order = names(api, "postcode=ls11ur", "service_at_locations")
    assert order == ["City centre cafe", "Headingley walk", "Bradford choir", "Phone friends"]  # no position: last
    assert names(api, "postcode=LS1 1UR&proximity=1000", "service_at_locations") == ["City centre cafe"]
    assert names(api, "postcode=LS1+1UR&proximity=5000", "service_at_locations") == [
        "City centre cafe",
        "Headingley walk",
    ]
    assert len(names(api, "postcode=LS1+1UR&proximity=20000", "service_at_locations")) == 3
    assert names(api, "postcode=BD1+1HY&proximity=2000", "service_at_locations") == ["Bradford choir"]
    assert names(api, "postcode=LS1&proximity=1000", "service_at_locations") == ["City centre cafe"]  # outcode


def test_proximity_is_measured_in_metres_on_the_great_circle(api, spread) -> None:
    metres = distance_km(53.79648, -1.54785, 53.8213, -1.5760) * 1000  # LS1 1UR to the Headingley location
    assert 3300 < metres < 3340
    assert "Headingley walk" in names(api, f"postcode=LS1+1UR&proximity={metres + 20:.0f}", "service_at_locations")
    assert "Headingley walk" not in names(api, f"postcode=LS1+1UR&proximity={metres - 20:.0f}", "service_at_locations")


def test_postcode_combines_with_other_filters(api, spread) -> None:
    assert names(api, "postcode=LS1+1UR&proximity=20000&search=choir", "service_at_locations") == ["Bradford choir"]


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("postcode=NOTAPOSTCODE", "postcode", "postcode"),
        ("postcode=ZZ99+9ZZ", "postcode", "postcode"),
        ("postcode=LS1+1UR&proximity=far", "proximity", "metres"),
        ("postcode=LS1+1UR&proximity=0", "proximity", "metres"),
        ("postcode=LS1+1UR&proximity=-5", "proximity", "metres"),
        ("proximity=1000", "proximity", "postcode"),
        ("postcode=LS1%001UR", "postcode", "nul"),
    ],
)
def test_bad_postcode_or_proximity_is_a_400_with_a_clear_message(api, places, query, parameter, words) -> None:
    response = api.get(f"/api/service_at_locations?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["parameter"] == parameter
    assert words in body["detail"].lower()


def test_parse_filters_reads_days_and_times() -> None:
    parsed = parse_filters({"day": "monday, TU,we", "start_time": "09:30", "end_time": "12:00:00"})
    assert parsed.days == ("MO", "TU", "WE")
    assert (parsed.start_time.isoformat(), parsed.end_time.isoformat()) == ("09:30:00", "12:00:00")
    with pytest.raises(FilterError) as error:
        parse_filters({"day": "someday"})
    assert error.value.parameter == "day"


# Places due north of LS1 1UR, at distances on both sides of every circle the API tries before sorting all.
RINGS_KM = (0.5, 1.5, 1.9, 2.5, 6, 9, 20, 40, 100, 150, 300, 500)


@pytest.fixture
def rings(db, places) -> list[str]:
    org = f.organization(8)
    for i, km in enumerate(RINGS_KM):
        f.service(org, 20 + i, name=f"Ring {km} km", latitude=53.79648 + km / 111.2, longitude=-1.54785)
    f.service(org, 40, name="Ring nowhere", latitude=None, longitude=None)
    refresh_index()
    return [f"Ring {km} km" for km in RINGS_KM] + ["Ring nowhere"]


@pytest.mark.parametrize("per_page", [1, 2, 3, 5])
def test_pages_by_distance_from_a_postcode_are_the_whole_list_in_order(api, rings, per_page) -> None:
    """Each page comes from the smallest circle that holds it, or from every place: together, the list by distance."""
    seen, page = [], 1
    while True:
        body = api.get(f"/api/service_at_locations?postcode=LS1+1UR&per_page={per_page}&page={page}").json()
        assert body["total_items"] == len(rings)
        seen += [item["service"]["name"] for item in body["contents"]]
        if body["last_page"]:
            break
        page += 1
    assert seen == rings
