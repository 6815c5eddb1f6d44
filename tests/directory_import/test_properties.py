"""Whatever JSON a feed puts in a field, the importer accepts it or reports it: it never crashes."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from connected.directory import models as m
from connected.directory.importer import fields as f
from connected.directory.importer import import_services
from connected.directory.importer.validate import SPECS, clean_record

from .conftest import load

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=300),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)
ENTITY_FIELDS = [(entity, key) for entity, spec in SPECS.items() for field in spec.values() for key in field.keys]


@given(st.sampled_from(ENTITY_FIELDS), json_values)
def test_any_value_is_cleaned_or_reported(entity_field, value):
    entity, key = entity_field
    values, issues = clean_record(entity, {key: value})
    assert all(i.field and i.problem for i in issues)
    for issue in issues:
        assert isinstance(issue.problem, str)
    model = m.Service if entity == "service" else None
    if model and not any(i.field == key for i in issues) and key == "name" and not f.is_blank(value):
        assert values["name"]


@given(st.dates())
def test_dates_round_trip(day):
    assert f.iso_date(day.isoformat()) == day


@given(st.text(max_size=40))
def test_text_is_never_longer_than_allowed(value):
    try:
        assert len(f.text(20)(value)) <= 20
    except f.Invalid as error:
        assert str(error)


SERVICE_KEYS = ["name", "status", "minimum_age", "assured_date", "url", "email", "last_modified"]
CHILD_PATHS = [("schedules", "opens_at"), ("schedules", "byday"), ("cost_options", "amount"), ("schedules", "freq")]


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(st.sampled_from(SERVICE_KEYS + [f"{a}.{b}" for a, b in CHILD_PATHS]), json_values)
def test_any_value_in_a_service_is_imported_or_reported(path, value):
    feed, _ = m.Feed.objects.get_or_create(name="Property")
    m.Service.objects.filter(feed=feed).delete()  # examples share one database transaction
    service = load("well_formed.json")[0]
    if "." in path:
        key, field_name = path.split(".")
        service[key][0][field_name] = value
    else:
        service[path] = value
    json.dumps(service)  # still a JSON document
    result = import_services(feed, [service])
    service_rejected = any(p.entity == "service" and p.action == "rejected" for p in result.problems)
    assert result.added == (0 if service_rejected else 1)
    assert m.Service.objects.filter(feed=feed, source_id=service["id"]).exists() == (not service_rejected)
    if result.added and "." in path and result.rejected:  # a bad child is rejected on its own, the service stays
        assert {p.entity for p in result.problems} <= {"schedule", "cost_option"}
    for problem in result.problems:
        assert problem.entity and problem.field and problem.problem


@given(json_values)
def test_any_json_document_is_services_or_one_clear_error(document):
    from connected.directory.importer.sources import FeedError, services_in

    try:
        services = services_in(document, "feed.json")
    except FeedError as error:
        assert "feed.json" in str(error)
    else:
        assert isinstance(services, list)


names = st.text(alphabet="abcdefgh lunchclub", min_size=1, max_size=30)


@given(names, names, st.floats(-0.01, 0.01), st.sampled_from(["MO", "TU"]), st.sampled_from(["MO", "TU"]))
def test_same_activity_is_symmetric(name_a, name_b, dlat, day_a, day_b):
    from connected.directory.dedupe import Entry, same_activity

    a = Entry(1, 1, 100, None, name_a, "org", None, [(53.8, -1.5)], {(day_a, 600)})
    b = Entry(2, 2, 100, None, name_b, "org", None, [(53.8 + dlat, -1.5)], {(day_b, 600)})
    assert same_activity(a, b) == same_activity(b, a)
    if day_a != day_b or abs(dlat) > 0.002:  # different day, or more than ~220 m apart
        assert not same_activity(a, b)


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_datetimes_that_leave_the_calendar_in_utc_are_reported(value):
    with pytest.raises(f.Invalid, match="years 1 to 9999"):
        f.iso_datetime(value)


# The first draws read the time-zone database from disk: slow on a loaded machine, not a slow strategy.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.datetimes(timezones=st.timezones()))
def test_datetimes_are_read_back_as_the_same_instant(moment):
    try:
        text = moment.isoformat()  # (a zone's DST gap has times with no instant: compare with what the text says)
        assert f.iso_datetime(text) == datetime.fromisoformat(text)
    except f.Invalid as error:
        assert "years 1 to 9999" in str(error)


term_ids = st.one_of(st.none(), st.integers(-3, 3), st.sampled_from(["t1", " t1 ", "t2", "", "  ", "x" * 256]))


@given(
    term_id=term_ids,
    taxonomy_id=term_ids,
    detail=st.sampled_from([None, {}, {"id": "k1", "name": "Kinds"}, "text"]),
    nested=st.booleans(),
    taxonomy_again=term_ids,
)
@example(term_id="t1", taxonomy_id="t1", detail=None, nested=False, taxonomy_again="t2")  # a new taxonomy
@example(term_id="t1", taxonomy_id="t1", detail=None, nested=False, taxonomy_again=" t1 ")  # planned already
def test_a_term_planned_already_gives_what_planning_it_again_would(
    term_id, taxonomy_id, detail, nested, taxonomy_again
):
    """`Planner._known_term` (a shortcut for repeated terms) answers only where the full path would add nothing."""
    from connected.directory.importer.mapping import Planner

    def plan_twice(shortcut: bool):
        problems: list = []
        planner = Planner(problems.append, {})
        if not shortcut:
            planner._known_term = lambda raw: None
        term = {"id": term_id, "name": "Walking", "taxonomy_id": taxonomy_id, "taxonomy_detail": detail}
        if nested:
            term["taxonomy"] = {"id": "k2", "name": "Nested"}
        service = {"name": "Club", "attributes": [{"id": "a1", "taxonomy_term": term}]}
        first = planner.plan(service, "s1", "h1")
        again = planner.term({**term, "taxonomy_id": taxonomy_again}, None, {"id": "a2"})
        rows = [(r.entity, r.source_id) for r in (first.rows if first else [])] + list(planner.rows)
        return again, rows, [str(p) for p in problems]

    assert plan_twice(True) == plan_twice(False)
