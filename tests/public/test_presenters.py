"""Page shaping: distances, ages, costs, pagination and the service page's sections."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from urllib.parse import parse_qs

import pytest
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from connected.core.places import Place
from connected.directory.models import CostOption, Feed, Service
from connected.public import presenters
from connected.public import service_page as listing

from .builders import make_service

MONDAY = datetime(2026, 11, 23, 9, 0)


def test_distance_gives_miles_then_kilometres():
    assert presenters.distance_text(0.8, 1.29) == "0.8 miles (1.3 km)"
    assert presenters.distance_text(1.0, 1.61) == "1 mile (1.6 km)"
    assert presenters.distance_text(0.04, 0.06).startswith("Less than 0.1 miles")
    assert presenters.distance_text(None, None) == ""


def test_age_text():
    assert listing.age_text(16, 24) == "Ages 16 to 24"
    assert listing.age_text(18, None) == "Ages 18 and over"
    assert listing.age_text(None, 11) == "Ages up to 11"
    assert listing.age_text(None, None) == "All ages"


@pytest.mark.django_db
def test_cost_lines():
    service = Service.objects.create(name="Choir")
    assert listing.cost_lines(service) == ["Ask the organiser about any cost"]
    service.fees_description = "Bring £1 for tea"
    assert listing.cost_lines(service) == ["Bring £1 for tea"]
    CostOption.objects.create(service=service, option="Free", amount=Decimal("0"), amount_description="Free")
    assert listing.cost_lines(service) == ["Free"], "options win over the free text that repeats them"
    CostOption.objects.create(
        service=service, option="Per session", amount=Decimal("3.50"), amount_description="per class"
    )
    CostOption.objects.create(service=service, option="Concession", amount=Decimal("2.00"))
    assert listing.cost_lines(service) == ["Free", "£3.50 per class", "£2 concession"]


def test_free_options_keep_their_own_words():
    def line(**kw):
        return listing.cost_line(CostOption(**kw))

    assert line(amount=Decimal("0"), amount_description="Free; donations welcome") == "Free; donations welcome"
    assert line(amount=Decimal("0"), amount_description="for carers") == "Free (for carers)"
    assert line(amount=None, option="Pay what you can") == "Pay what you can"


def test_pagination_keeps_the_search_and_marks_the_current_page():
    params = QueryDict("postcode=LS1+4AP&day=TU&day=TH&page=10")
    nav = presenters.pagination(params, 10, 20)
    numbers = [i.get("number") for i in nav["items"]]
    assert numbers == [1, None, 9, 10, 11, None, 20]
    assert [i["number"] for i in nav["items"] if i.get("current")] == [10]
    query = parse_qs(nav["next"]["href"].lstrip("?"))
    assert query == {"postcode": ["LS1 4AP"], "day": ["TU", "TH"], "page": ["11"]}
    assert presenters.pagination(params, 1, 1) is None


@given(page_count=st.integers(1, 500), data=st.data())
def test_pagination_always_offers_first_last_and_neighbours(page_count, data):
    page = data.draw(st.integers(1, page_count))
    nav = presenters.pagination(QueryDict(), page, page_count)
    if page_count == 1:
        assert nav is None
        return
    numbers = [i["number"] for i in nav["items"] if "number" in i]
    assert numbers == sorted(set(numbers))
    assert {1, page_count, page} <= set(numbers)
    assert (nav["previous"] is None) == (page == 1) and (nav["next"] is None) == (page == page_count)


def test_links_to_other_pages_only_when_they_exist():
    assert presenters.url_if_exists("/find/") == "/find/"
    assert presenters.url_if_exists("/no-such-page-here/") is None


def test_outcode_searches_say_distances_are_approximate():
    outcode = Place(query="LS1", postcode=None, outcode="LS1", latitude=53.8, longitude=-1.55, precision="outcode")
    exact = Place(
        query="LS1 4AP", postcode="LS1 4AP", outcode="LS1", latitude=53.8, longitude=-1.55, precision="postcode"
    )
    assert presenters.location_note(outcode) == (
        "Distances are from the centre of LS1. Enter your full postcode for exact distances."
    )
    assert presenters.location_note(exact) == ""
    assert presenters.result_heading(1, outcode, 5) == "1 activity within 5 miles of LS1"
    assert presenters.result_heading(12, exact, 1) == "12 activities within 1 mile of LS1 4AP"


@pytest.mark.django_db
def test_service_page_gathers_every_section():
    feed = Feed.objects.create(name="Leeds directory", publisher="Leeds City Council")
    service = make_service("Park walk", latitude=53.8, longitude=-1.55, feed=feed)
    other_feed = Feed.objects.create(name="Open Active", publisher="Active Leeds")
    Service.objects.create(name="Park walk", feed=other_feed, source_id="pw", duplicate_of=service)
    page = listing.service_page(service, MONDAY)
    assert page.sessions == ["Every Tuesday, 10am to 12pm"]
    assert page.next_session == "Tomorrow, 10am"
    assert page.cost == ["Free"]
    assert page.ages == "Ages 18 and over"
    assert page.activity_types == ["Walking group"]
    assert page.venues[0].accessibility == ["Step-free access", "Ramp at the side entrance"]
    assert page.venues[0].directions_url.endswith("route=%3B53.80000%2C-1.55000")
    assert page.phones[0]["href"] == "tel:01134960000"
    assert page.also_listed_by == ["Active Leeds (Open Active)"]
    assert page.source == "Leeds City Council (Leeds directory)"
    assert page.delivery == "In person"
    assert page.status_warning == ""


def test_result_card_words_a_search_result():
    from connected.directory.search import SearchResult

    result = SearchResult(
        service_id=uuid.UUID(int=1),
        service_name="Park walk",
        organization_name="Friends of the Park",
        location_id=None,
        location_name="Park gates",
        address="Park gates, 1 Park Lane, Leeds, LS1 4AP",
        postcode="LS1 4AP",
        latitude=53.8,
        longitude=-1.5,
        distance_km=1.2,
        distance_miles=0.75,
        next_session=datetime(2026, 11, 24, 10, 0),
        next_session_text="Tuesday 10am to 12pm",
        is_free=True,
        delivery=("in_person", "online"),
        reasons=("0.7 miles away", "Free"),
        also_listed_by=("Leeds directory",),
    )
    card = presenters.result_card(result, MONDAY)
    assert card.href == f"/services/{uuid.UUID(int=1)}/"
    assert card.place == "Park gates, 1 Park Lane, Leeds, LS1 4AP"
    assert card.distance == "0.8 miles (1.2 km)"
    assert card.next_session == "Tomorrow, 10am"
    assert card.cost == "Free"
    assert card.delivery == "In person, Online"
    assert card.reasons == ["0.7 miles away", "Free"]
    assert card.also_listed_by == ["Leeds directory"]


@pytest.mark.django_db
def test_the_venue_name_is_not_repeated_as_an_address_line_and_feeds_are_named_once():
    feed = Feed.objects.create(name="Leeds City Council directory", publisher="Leeds City Council")
    service = make_service("Walk", latitude=53.8, longitude=-1.55, feed=feed)
    address = service.sal.location.addresses.get()
    address.address_1 = "Walk Hall"
    address.save()
    page = listing.service_page(service, MONDAY)
    assert page.venues[0].address == ["Leeds", "LS1 4AP"]
    assert page.source == "Leeds City Council directory"
