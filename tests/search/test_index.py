"""The index rows say what the directory says: one row per place, the right flags, duplicates folded in."""

from __future__ import annotations

import json
from datetime import time
from decimal import Decimal

import pytest

from connected.directory import models as m
from connected.directory.search import refresh_index
from connected.directory.search.index import is_free
from connected.directory.search.masks import ACCESS_BIT, DAY_BIT, DELIVERY_BIT, TERM_BIT

from .factories import add_service, vocabulary_terms
from .reference import load_rows


@pytest.fixture
def terms(db):
    return vocabulary_terms()


@pytest.fixture
def feed(db):
    return m.Feed.objects.create(name="Feed")


def rows_by_key():
    return {r.values["entry_key"]: r for r in load_rows()}


def test_one_row_per_location_and_one_for_a_service_with_none(feed, terms):
    service = add_service(feed, terms, name="Lunch club", point=(52.0, -1.0), activity="lunch-club")
    second = m.Location.objects.create(name="Second hall", latitude=52.1, longitude=-1.1)
    m.ServiceAtLocation.objects.create(service=service, location=second)
    phone = add_service(feed, terms, name="Phone friends", activity="telephone-friendship", attending="Phone call")
    assert refresh_index() == 3
    rows = rows_by_key()
    assert sorted(k.split(":")[0] for k in rows) == sorted([service.id.hex, service.id.hex, phone.id.hex])
    no_place = rows[f"{phone.id.hex}:"].values
    assert (no_place["latitude"], no_place["delivery_mask"]) == (None, DELIVERY_BIT["phone"])


def test_flags_from_terms_sessions_costs_and_access(feed, terms):
    service = add_service(
        feed, terms, name="Choir", point=(52.0, -1.0), activity="choir", needs=("loneliness",),
        access=("step-free", "bsl"), byday="TU,TH", opens=time(18, 30), closes=time(20), price=Decimal("0"),
        ages=(18, None),
    )  # fmt: skip
    refresh_index()
    (row,) = load_rows()
    v = row.values
    assert v["term_mask"] == TERM_BIT["choir"] | TERM_BIT["loneliness"]
    assert v["access_mask"] == ACCESS_BIT["step-free"] | ACCESS_BIT["bsl"]
    assert v["day_mask"] == DAY_BIT["TU"] | DAY_BIT["TH"]
    assert sorted(row.sessions) == [(1, 1110, 1200), (3, 1110, 1200)]
    assert (v["min_age"], v["is_free"], v["delivery_mask"]) == (18, 1, DELIVERY_BIT["in_person"])
    assert row.term_ids == {terms["choir"].id.hex, terms["loneliness"].id.hex}
    assert " choir " in v["stems"] and " choir " in v["name_stems"]
    assert json.loads(v["rules"])[0]["byday"] == [[0, 1], [0, 3]]
    assert v["service_id"] == service.id.hex


def test_session_times_missing_or_past_midnight_cover_the_rest_of_the_day(feed, terms):
    add_service(feed, terms, name="A", point=(52.0, -1.0), byday="MO", opens=None, closes=None)
    add_service(feed, terms, name="B", point=(52.0, -1.0), byday="SA", opens=time(22), closes=time(1))
    refresh_index()
    sessions = sorted(s for r in load_rows() for s in r.sessions)
    assert sessions == [(0, 0, 1440), (5, 1320, 1440)]


def test_online_attendance_and_a_virtual_location(feed, terms):
    add_service(feed, terms, name="Zoom quiz", attending="Online via Zoom", point=None)
    refresh_index()
    (row,) = load_rows()
    assert row.values["delivery_mask"] == DELIVERY_BIT["online"]


def test_duplicates_and_inactive_services_get_no_rows_of_their_own(feed, terms):
    original = add_service(feed, terms, name="Walk", point=(52.0, -1.0))
    other = m.Feed.objects.create(name="Neighbour council")
    m.Service.objects.create(feed=other, source_id="d", name="WALK", duplicate_of=original)
    add_service(feed, terms, name="Gone", point=(52.0, -1.0), status="defunct")
    refresh_index()
    (row,) = load_rows()
    assert row.values["service_name"] == "Walk"
    assert json.loads(row.values["also_listed_by"]) == ["Neighbour council"]


@pytest.mark.parametrize(
    ("fees", "amounts", "free"),
    [
        ("", [0], True),
        ("", [0, 0], True),
        ("", [0, 3], False),
        ("", [None], False),
        ("Free", [], True),
        ("Free; donations welcome", [], True),
        ("£2, free for carers", [], False),
        ("", [], False),
    ],
)
def test_is_free(fees, amounts, free):
    assert is_free(fees, [{"amount": a} for a in amounts]) is free


def test_vocabulary_holds_indexed_words_for_typo_correction(feed, terms):
    add_service(feed, terms, name="Gardening club", point=(52.0, -1.0), activity="gardening")
    refresh_index()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT stem, df FROM directory_search_vocab WHERE word = 'gardening'")
        assert cursor.fetchone() == ("garden", 1)


def test_a_service_listed_twice_at_one_place_is_one_row_with_both_sessions(feed, terms):
    # Some feeds give a service at location per session: Tuesdays and Thursdays at the same hall.
    service = add_service(feed, terms, name="Choir", point=(52.0, -1.0), activity="choir", byday="TU")
    first = m.ServiceAtLocation.objects.get(service=service)
    again = m.ServiceAtLocation.objects.create(service=service, location=first.location, description="Thursdays")
    m.Schedule.objects.create(
        service_at_location=again, freq="WEEKLY", byday="TH", opens_at=time(18), closes_at=time(20)
    )
    m.Attribute.objects.create(taxonomy_term=terms["hearing-loop"], link_entity="service_at_location", link_id=again.id)
    assert refresh_index() == 1
    (row,) = load_rows()
    assert row.values["day_mask"] == DAY_BIT["TU"] | DAY_BIT["TH"]
    assert (3, 1080, 1200) in row.sessions
    assert row.values["access_mask"] == ACCESS_BIT["hearing-loop"]
