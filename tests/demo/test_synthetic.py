"""The synthetic directory: ORUK-valid, deterministic, plausible, and free of anything personal."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from connected.demo.councils import AREAS, ENGLAND_BBOX, postcodes_file, resolve_areas
from connected.demo.directory import generate_listings, generate_services
from connected.demo.sessions import first_session
from connected.directory.vocabulary import (
    ACCESSIBILITY,
    ACCESSIBILITY_TAXONOMY,
    ACTIVITIES,
    ACTIVITIES_TAXONOMY,
    DAYS,
    NEEDS,
    NEEDS_TAXONOMY,
    Delivery,
    normalise_delivery,
)
from tests.conftest import STANDARDS

BYDAY = re.compile(r"^([1-4])?(MO|TU|WE|TH|FR|SA|SU)$")


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads((STANDARDS / "openreferral/schema/compiled/service.json").read_text())
    return Draft202012Validator(schema, format_checker=FormatChecker())


def activity(service: dict) -> str:
    return next(a["taxonomy_term"]["code"] for a in service["attributes"] if a["link_type"] == ACTIVITIES_TAXONOMY)


def standard_price(service: dict) -> float:
    return service["cost_options"][0]["amount"]


# Determinism ---------------------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_services():
    assert list(generate_services(300, seed=7)) == list(generate_services(300, seed=7))


def test_a_different_seed_gives_a_different_directory():
    first = [s["name"] for s in generate_services(50, seed=7)]
    other = [s["name"] for s in generate_services(50, seed=8)]
    assert first != other


def test_asking_for_more_services_keeps_the_first_ones():
    assert list(generate_services(40, seed=3)) == list(generate_services(120, seed=3))[:40]


def test_count_is_exact_and_negative_counts_are_refused():
    assert sum(1 for _ in generate_services(257, seed=2)) == 257
    with pytest.raises(ValueError, match="count"):
        list(generate_services(-1))


def test_areas_are_chosen_by_key_council_or_feed_name():
    chosen = resolve_areas(["leeds", "Cornwall Council", "Norwich City Council directory"])
    assert [a.key for a in chosen] == ["leeds", "cornwall", "norwich"]
    assert {listing.area.key for listing in generate_listings(200, seed=1, feeds=["leeds", "norwich"])} == {
        "leeds",
        "norwich",
    }
    with pytest.raises(ValueError, match="Unknown area 'atlantis'"):
        resolve_areas(["atlantis"])


# Shape ---------------------------------------------------------------------------------------------------------


def test_every_service_validates_against_the_compiled_oruk_schema(services, validator):
    problems = [(s["id"], e.message) for s in services for e in validator.iter_errors(s)]
    assert problems == []


def test_dates_and_links_are_well_formed(services):
    for s in services:
        assert datetime.fromisoformat(s["last_modified"]).year >= 2025
        date.fromisoformat(s["assured_date"])
        assert s["url"].startswith("https://www.example.org/")
        assert s["organization"]["website"].startswith("https://www.example.org/")


def test_references_inside_a_service_agree(services):
    for s in services:
        assert s["organization_id"] == s["organization"]["id"]
        for part in ("schedules", "cost_options", "languages", "contacts", "service_areas", "funding"):
            assert all(item["service_id"] == s["id"] for item in s[part])
        for sal in s["service_at_locations"]:
            assert sal["location_id"] == sal["location"]["id"]
        assert all(a["link_id"] == s["id"] for a in s["attributes"])


def test_ids_are_unique_except_shared_organisations_venues_and_terms(services):
    ids = Counter(s["id"] for s in services)
    assert max(ids.values()) == 1
    schedule_ids = Counter(x["id"] for s in services for x in s["schedules"])
    assert max(schedule_ids.values()) == 1


def test_terms_come_from_the_shared_vocabulary(services):
    known = {
        ACTIVITIES_TAXONOMY: {t.code for t in ACTIVITIES},
        NEEDS_TAXONOMY: {t.code for t in NEEDS},
        ACCESSIBILITY_TAXONOMY: {t.code for t in ACCESSIBILITY},
    }
    seen_access = set()
    for s in services:
        attributes = list(s["attributes"])
        for sal in s["service_at_locations"]:
            location_attributes = sal["location"]["attributes"]
            assert len(location_attributes) == len(sal["location"]["accessibility"])
            seen_access |= {a["taxonomy_term"]["code"] for a in location_attributes}
            attributes += location_attributes
        for a in attributes:
            term = a["taxonomy_term"]
            assert term["code"] in known[term["taxonomy"]]
            assert a["taxonomy_term_id"] == term["id"]
        assert sum(a["link_type"] == ACTIVITIES_TAXONOMY for a in s["attributes"]) == 1
        assert any(a["link_type"] == NEEDS_TAXONOMY for a in s["attributes"])
    assert seen_access == known[ACCESSIBILITY_TAXONOMY]


# Plausible distribution ----------------------------------------------------------------------------------------


def test_every_activity_kind_and_every_feed_is_present(listings):
    assert {activity(item.service) for item in listings} == {t.code for t in ACTIVITIES}
    assert {item.area.key for item in listings} == set(AREAS)
    per_feed = Counter(item.area.feed_name for item in listings)
    assert all(name.endswith(" directory") for name in per_feed)
    assert per_feed["Birmingham City Council directory"] > per_feed["Norwich City Council directory"]


def test_most_activities_are_free_and_prices_are_modest(services):
    free = [s for s in services if standard_price(s) == 0]
    assert len(free) / len(services) > 0.6
    assert all(0 <= c["amount"] <= 6 for s in services for c in s["cost_options"])
    assert all(c["currency"] == "GBP" for s in services for c in s["cost_options"])
    lunches = [standard_price(s) for s in services if activity(s) == "lunch-club" and standard_price(s) > 0]
    assert lunches and all(3 <= price <= 6 for price in lunches)
    paid = [standard_price(s) for s in services if activity(s) in {"choir", "exercise"} and standard_price(s) > 0]
    assert paid and all(2 <= price <= 5 for price in paid)
    assert all(Decimal(str(c["amount"])) % Decimal("0.5") == 0 for s in services for c in s["cost_options"])


def test_sessions_are_valid_recurrences_at_sensible_times(services):
    freqs = Counter()
    for s in services:
        for x in s["schedules"]:
            freqs[(x["freq"], x["interval"])] += 1
            tokens = [BYDAY.match(t) for t in x["byday"].split(",")]
            assert all(tokens), x["byday"]
            assert all(t.group(2) in DAYS for t in tokens)
            opens, closes = time.fromisoformat(x["opens_at"]), time.fromisoformat(x["closes_at"])
            assert time(8, 0) <= opens < closes <= time(21, 30)
            start = date.fromisoformat(x["dtstart"])
            assert start.weekday() == DAYS.index(tokens[0].group(2)), "dtstart must be a session day"
            if x["freq"] == "MONTHLY":
                assert (start.day - 1) // 7 + 1 == int(tokens[0].group(1))
            else:
                assert tokens[0].group(1) is None
            if "valid_to" in x:
                assert date.fromisoformat(x["valid_to"]) > date.fromisoformat(x["valid_from"])
    assert set(freqs) == {("WEEKLY", 1), ("WEEKLY", 2), ("MONTHLY", 1)}
    assert freqs[("WEEKLY", 1)] > freqs[("WEEKLY", 2)]


def test_delivery_matches_locations(services):
    seen = Counter()
    for s in services:
        delivery = normalise_delivery(s["schedules"][0]["attending_type"])
        seen[delivery] += 1
        assert bool(s["service_at_locations"]) == (delivery == Delivery.IN_PERSON)
    assert set(seen) == {Delivery.IN_PERSON, Delivery.ONLINE, Delivery.PHONE}
    assert seen[Delivery.IN_PERSON] > seen[Delivery.ONLINE] + seen[Delivery.PHONE]


def test_eligibility_ages_fit_the_activity(services):
    ages = Counter((s.get("minimum_age"), s.get("maximum_age")) for s in services)
    assert {(16, None), (16, 24), (50, None), (65, None), (18, None), (None, None)} <= set(ages)
    for s in services:
        if activity(s) == "parent-baby":
            assert s["minimum_age"] == 16
        if s.get("maximum_age") is not None:
            assert s["minimum_age"] < s["maximum_age"]


def test_locations_are_in_england_at_real_postcodes(services):
    used = {
        sal["location"]["addresses"][0]["postal_code"]: (sal["location"]["latitude"], sal["location"]["longitude"])
        for s in services
        for sal in s["service_at_locations"]
    }
    real = {}
    with gzip.open(postcodes_file(), "rt") as handle:
        for line in handle:
            postcode, lat, lon = line.rstrip("\n").split(",")
            if postcode in used:
                real[postcode] = (float(lat), float(lon))
    assert set(used) == set(real)
    south, west, north, east = ENGLAND_BBOX
    for postcode, (lat, lon) in used.items():
        assert south <= lat <= north and west <= lon <= east
        assert abs(lat - real[postcode][0]) < 1e-3 and abs(lon - real[postcode][1]) < 1e-3


def test_venues_are_in_their_own_or_a_neighbouring_councils_districts(listings):
    for item in listings:
        areas = [item.area, *(AREAS[n] for n in item.area.neighbours)]
        districts = {outcode for area in areas for outcode, _ in area.districts}
        for sal in item.service["service_at_locations"]:
            assert sal["location"]["addresses"][0]["postal_code"].split()[0] in districts


def test_some_activities_are_listed_by_two_neighbouring_feeds(listings):
    def key(item):
        s = item.service
        return (s["name"].lower().replace(" & ", " and "), s["organization"]["name"], s["schedules"][0]["byday"])

    by_key: dict[tuple, set[str]] = {}
    for item in listings:
        by_key.setdefault(key(item), set()).add(item.area.key)
    pairs = [areas for areas in by_key.values() if len(areas) == 2]
    assert 5 <= len(pairs) < len(listings) * 0.05
    for areas in pairs:
        first, second = (AREAS[a] for a in sorted(areas))
        assert second.key in first.neighbours
    relists = [item for item in listings if item.relist_of]
    assert len(relists) == len(pairs)
    originals = {item.service["id"]: item for item in listings}
    for item in relists:
        original = originals[item.relist_of]
        assert item.area.key in original.area.neighbours
        assert item.service["id"] != original.service["id"]
        assert item.service["organization"]["name"] == original.service["organization"]["name"]
        assert item.service["schedules"][0]["byday"] == original.service["schedules"][0]["byday"]


# Nothing personal ----------------------------------------------------------------------------------------------


def test_no_personal_looking_data(services):
    text = json.dumps(services)
    emails = re.findall(r"[\w.+-]+@[\w.-]+", text)
    assert emails and all(e.endswith("@example.org") for e in emails)
    numbers = [
        p["number"]
        for s in services
        for p in s["phones"] + [p for c in s["contacts"] for p in c["phones"]] + s["organization"]["phones"]
    ]
    assert numbers and all(re.fullmatch(r"01632 960\d{3}", n) for n in numbers)
    # No other digit runs that could be a phone number anywhere in the text.
    assert not re.search(r"\b0(?!1632)\d{3,4} ?\d{6}\b", text)
    assert all("example.org" in s["url"] for s in services)


# Properties ----------------------------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), count=st.integers(min_value=0, max_value=25))
def test_any_seed_gives_valid_deterministic_services(validator, seed, count):
    first = list(generate_services(count, seed=seed))
    assert first == list(generate_services(count, seed=seed))
    assert len(first) == count
    for s in first:
        assert not list(validator.iter_errors(s))


@given(
    after=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
    day=st.sampled_from(DAYS),
    nth=st.sampled_from(["", "1", "2", "3", "4"]),
)
def test_first_session_is_the_first_date_the_rule_meets(after, day, nth):
    found = first_session(after, f"{nth}{day}")
    assert found >= after
    assert found.weekday() == DAYS.index(day)
    if nth:
        assert (found.day - 1) // 7 + 1 == int(nth)
        assert found - after < timedelta(days=63)
    else:
        assert found - after < timedelta(days=7)
