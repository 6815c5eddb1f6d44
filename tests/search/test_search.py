"""search(): what a link worker would check by hand, on a tiny directory."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from uuid import uuid4

import pytest
from django.core.management import call_command

from connected.directory import models as m
from connected.directory.search import SearchError, SearchQuery, refresh_index, search
from connected.directory.vocabulary import Delivery

from .factories import add_service, vocabulary_terms

HERE = (52.0, -1.0)


@pytest.fixture
def directory(db):
    terms = vocabulary_terms()
    feed = m.Feed.objects.create(name="Council A")
    other = m.Feed.objects.create(name="Council B")
    made = {
        "walk": add_service(feed, terms, name="Riverside Walking Group", description="Gentle walks by the river.",
                            point=(52.01, -1.0), activity="walking-group", byday="TU", access=("step-free",),
                            needs=("older-people",)),
        "choir": add_service(feed, terms, name="Community Choir", description="Singing for all.",
                             point=(52.05, -1.0), activity="choir", byday="WE", opens=time(19), closes=time(21),
                             price=Decimal("3.00"), access=("step-free", "hearing-loop")),
        "far": add_service(feed, terms, name="Far Away Choir", description="Singing.", point=(53.0, -1.0),
                           activity="choir"),
        "kids": add_service(feed, terms, name="Toddler Music", description="Songs for little ones.",
                            point=(52.02, -1.0), activity="parent-baby", ages=(None, 5), byday="FR"),
        "phone": add_service(feed, terms, name="Telephone Friends", description="A weekly call.", point=None,
                             activity="telephone-friendship", attending="Phone call"),
        "closed": add_service(feed, terms, name="Closed Walking Club", point=(52.0, -1.0), status="inactive",
                              activity="walking-group"),
    }  # fmt: skip
    duplicate = m.Service.objects.create(
        feed=other, source_id="x1", name="RIVERSIDE WALKING GROUP", duplicate_of=made["walk"]
    )
    made["duplicate"] = duplicate
    refresh_index()
    made["terms"] = terms
    return made


def near(**kw) -> SearchQuery:
    return SearchQuery(latitude=HERE[0], longitude=HERE[1], **{"radius_km": 10.0, **kw})


def names(page) -> list[str]:
    return [r.service_name for r in page.results]


def test_sorted_by_distance_with_known_distances(directory):
    page = search(near(radius_km=150))
    assert names(page) == ["Riverside Walking Group", "Toddler Music", "Community Choir", "Far Away Choir"]
    far = page.results[-1]
    # One degree of latitude on a sphere of radius 6371.0088 km is 111.195 km (69.093 miles).
    assert far.distance_km == pytest.approx(111.195, abs=0.001)
    assert far.distance_miles == pytest.approx(69.093, abs=0.001)
    assert page.results[0].distance_km == pytest.approx(1.112, abs=0.001)


def test_radius_excludes_what_is_further(directory):
    assert "Far Away Choir" not in names(search(near(radius_km=50)))


def test_stemming_and_typos_find_the_same_listing(directory):
    for text in ("walking", "walk", "walks", "walkng group", "WALKING"):
        assert names(search(near(text=text))) == ["Riverside Walking Group"], text
    assert names(search(near(text="choirs"))) == ["Community Choir"]
    assert names(search(near(text="singng"))) == ["Community Choir"]


def test_words_nowhere_in_the_directory_find_nothing(directory):
    assert search(near(text="xylophone")).total == 0


def test_without_a_point_ranked_by_relevance_then_name(directory):
    page = search(SearchQuery(text="choir"))
    assert names(page) == ["Community Choir", "Far Away Choir"]
    assert all(r.distance_km is None for r in page.results)


def test_filters_narrow(directory):
    assert names(search(near(free_only=True))) == ["Riverside Walking Group", "Toddler Music"]
    assert names(search(near(age=30))) == ["Riverside Walking Group", "Community Choir"]
    assert names(search(near(days=("WE", "FR")))) == ["Toddler Music", "Community Choir"]
    assert names(search(near(start_time=time(18), end_time=time(20)))) == ["Community Choir"]
    assert names(search(near(start_time=time(11, 59)))) == [
        "Riverside Walking Group",
        "Toddler Music",
        "Community Choir",
    ]
    assert names(search(near(end_time=time(10)))) == []
    assert names(search(near(accessibility=("step-free", "hearing-loop")))) == ["Community Choir"]
    assert names(search(near(term_codes=("choir", "older-people")))) == ["Riverside Walking Group", "Community Choir"]
    term_id = str(directory["terms"]["parent-baby"].id)
    assert names(search(near(taxonomy_term_ids=(term_id,)))) == ["Toddler Music"]


def test_phone_services_join_a_nearby_search_when_asked_for(directory):
    assert "Telephone Friends" not in names(search(near()))
    page = search(near(delivery=(Delivery.PHONE,)))
    assert names(page) == ["Telephone Friends"]
    assert page.results[0].distance_km is None
    assert page.results[0].delivery == (Delivery.PHONE,)
    both = search(near(delivery=(Delivery.IN_PERSON, Delivery.PHONE), radius_km=150))
    assert names(both)[-1] == "Telephone Friends"  # places first, by distance; then the services with no place


def test_duplicate_across_feeds_shows_once_and_names_the_other_feed(directory):
    page = search(near(text="riverside"))
    assert page.total == 1
    assert page.results[0].service_id == directory["walk"].id
    assert page.results[0].also_listed_by == ("Council B",)


def test_inactive_services_are_not_found(directory):
    assert search(SearchQuery(text="closed")).total == 0


def test_result_details_and_reasons(directory):
    result = search(near(text="walkng", free_only=True, accessibility=("step-free",), days=("TU",))).results[0]
    assert result.next_session_text == "Tuesday 10am to 12pm"
    assert result.next_session is not None and result.next_session.weekday() == 1
    assert result.is_free
    assert result.postcode == "LS6 1AA"
    assert result.address == "1 High Street, Leeds"
    assert result.location_name == "Community Centre"
    assert result.organization_name == "Riverside Walking Group Trust"
    assert result.reasons == (
        "0.7 miles away",
        "Matches “walking” (you typed “walkng”)",
        "Sessions on Tuesday",
        "Free",
        "Step-free access",
    )


def test_paging(directory):
    first = search(near(radius_km=150, per_page=3))
    second = search(near(radius_km=150, per_page=3, page=2))
    assert (first.total, first.total_pages, second.total_pages) == (4, 2, 2)
    assert names(first) + names(second) == names(search(near(radius_km=150)))
    assert search(near(radius_km=150, per_page=3, page=5)).results == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (SearchQuery(latitude=52.0), "longitude"),
        (SearchQuery(latitude=52.0, longitude=-1.0), "radius_km"),
        (SearchQuery(radius_km=5), "radius_km"),
        (SearchQuery(latitude=95, longitude=0, radius_km=5), "latitude"),
        (SearchQuery(term_codes=("knitting-circle",)), "term_codes"),
        (SearchQuery(accessibility=("ramp",)), "accessibility"),
        (SearchQuery(delivery=("carrier-pigeon",)), "delivery"),
        (SearchQuery(days=("TUESDAY",)), "days"),
        (SearchQuery(taxonomy_term_ids=("not-a-uuid",)), "taxonomy_term_ids"),
        (SearchQuery(taxonomy_ids=("not-a-uuid",)), "taxonomy_ids"),
        (SearchQuery(start_time=time(12), end_time=time(10)), "end_time"),
        (SearchQuery(page=0), "page"),
        (SearchQuery(per_page=1000), "per_page"),
        (SearchQuery(age=-1), "age"),
        (SearchQuery(age=30, age_upto=131), "age_upto"),
    ],
)
def test_bad_queries_name_the_field(db, query, field):
    with pytest.raises(SearchError) as caught:
        search(query)
    assert caught.value.field == field


def test_refresh_for_some_services_follows_changes(directory):
    walk = directory["walk"]
    walk.name = "Riverside Rambles"
    walk.description = "Strolls along the canal."
    walk.save()
    refresh_index([walk.id])
    assert names(search(near(text="rambles"))) == ["Riverside Rambles"]
    assert names(search(near(text="canal"))) == ["Riverside Rambles"]
    assert search(near(text="gentle")).total == 0  # the old words went with the old row
    choir_id = directory["choir"].id
    directory["choir"].delete()
    assert refresh_index([choir_id, uuid4()]) == 0  # ids of services that are gone are simply dropped
    assert "Community Choir" not in names(search(near()))


def test_refresh_of_a_linked_duplicate_refreshes_its_canonical_listing(directory):
    m.Feed.objects.filter(name="Council B").update(name="Council B (renamed)")
    refresh_index([directory["duplicate"].id])
    assert search(near(text="riverside")).results[0].also_listed_by == ("Council B (renamed)",)


def test_unlinking_a_duplicate_updates_its_former_canonical_listing(directory):
    duplicate = directory["duplicate"]
    duplicate.duplicate_of = None
    duplicate.status = "inactive"
    duplicate.save()
    # Once unlinked, the duplicate no longer names its former canonical service, so the caller passes both.
    refresh_index([duplicate.id, directory["walk"].id])
    assert search(near(text="riverside")).results[0].also_listed_by == ()


def test_rebuild_command(directory, capsys):
    call_command("rebuild_search_index", verbosity=0)
    assert "Indexed 5 services as 5 search rows" in capsys.readouterr().out
    assert search(near(radius_km=150)).total == 4
