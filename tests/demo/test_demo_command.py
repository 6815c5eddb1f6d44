"""`manage.py demo` loads a seeded directory through the import path and is safe to run again."""

from __future__ import annotations

import sys
from io import StringIO
from types import ModuleType

import pytest
from django.core.management import CommandError, call_command

from connected.demo.councils import AREAS
from connected.demo.directory import generate_listings
from connected.demo.management.commands import demo as demo_command
from connected.demo.management.commands.demo import BUILDER_APPS, app_builders, describe_login
from connected.directory import models as m

pytestmark = pytest.mark.django_db


def run(*args: str, directory_only: bool = True) -> str:
    out = StringIO()
    call_command("demo", *args, *(["--directory-only"] if directory_only else []), stdout=out, verbosity=0)
    return out.getvalue()


def test_demo_loads_the_services_asked_for_into_one_feed_per_council():
    output = run("--services", "60", "--seed", "5")
    assert m.Service.objects.count() == 60
    assert set(m.Feed.objects.values_list("name", flat=True)) == {a.feed_name for a in AREAS.values()}
    assert "Demo directory: 60 services in 11 feeds" in output
    expected = {listing.service["id"] for listing in generate_listings(60, seed=5)}
    assert set(m.Service.objects.values_list("source_id", flat=True)) == expected
    # Every record passed the importer's validation, and the feeds show it as a harvest would.
    for feed in m.Feed.objects.all():
        assert feed.kind == m.Feed.Kind.LOCAL
        assert feed.last_status == "ok", feed.last_report
        assert feed.last_counts["rejected"] == 0 and feed.last_counts["warnings"] == 0
    assert sum(f.last_counts["added"] for f in m.Feed.objects.all()) == 60
    # Each service landed in its own council's feed.
    for listing in generate_listings(60, seed=5):
        service = m.Service.objects.get(source_id=listing.service["id"])
        assert service.feed.name == listing.area.feed_name


def test_demo_data_carries_sessions_costs_places_and_terms():
    run("--services", "80", "--seed", "2")
    assert m.Schedule.objects.filter(service__isnull=False).count() >= 80
    assert m.CostOption.objects.filter(amount=0).count() > m.CostOption.objects.exclude(amount=0).count()
    located = m.Location.objects.exclude(latitude=None)
    assert located.exists()
    assert all(49.8 <= lat <= 55.9 and -6.5 <= lon <= 1.8 for lat, lon in located.values_list("latitude", "longitude"))
    assert m.Address.objects.filter(postal_code__regex=r"^[A-Z]{1,2}[0-9]{1,2} [0-9][A-Z]{2}$").exists()
    assert m.Attribute.objects.filter(link_entity="service", taxonomy_term__code__isnull=False).count() >= 160
    assert m.Attribute.objects.filter(link_entity="location").exists()


def test_if_empty_does_nothing_when_the_directory_has_services():
    run("--services", "30", "--seed", "4")
    before = sorted(m.Service.objects.values_list("id", flat=True))
    output = run("--if-empty", "--services", "50")
    assert "already has 30 services" in output
    assert sorted(m.Service.objects.values_list("id", flat=True)) == before


def test_if_empty_loads_an_empty_directory():
    run("--if-empty", "--services", "25")
    assert m.Service.objects.count() == 25


def test_running_the_same_seed_again_adds_nothing():
    run("--services", "30", "--seed", "4")
    counts = (m.Service.objects.count(), m.Organization.objects.count(), m.Location.objects.count())
    run("--services", "30", "--seed", "4")
    assert (m.Service.objects.count(), m.Organization.objects.count(), m.Location.objects.count()) == counts


def test_areas_can_be_chosen():
    run("--services", "20", "--areas", "hackney,norwich")
    assert set(m.Feed.objects.values_list("name", flat=True)) == {
        "London Borough of Hackney directory",
        "Norwich City Council directory",
    }
    assert m.Service.objects.count() == 20


def test_bad_arguments_are_refused_and_change_nothing():
    with pytest.raises(CommandError, match="Unknown area 'narnia'"):
        run("--areas", "narnia")
    with pytest.raises(CommandError, match="--services"):
        run("--services", "-3")
    assert not m.Feed.objects.exists()
    assert not m.Service.objects.exists()


def test_builders_are_found_in_data_flow_order_and_logins_print_plainly():
    found = [app for app, _ in app_builders()]
    assert found == [app for app in BUILDER_APPS if app in found]
    assert describe_login({"username": "linkworker", "password": "pw"}) == "username: linkworker, password: pw"
    assert describe_login(("admin", "pw", "superuser")) == "admin / pw / superuser"


def test_other_apps_demo_builders_run_after_the_directory_and_their_logins_are_printed(monkeypatch):
    calls = []
    module = ModuleType("connected.demo.evidence")

    def demo(*, seed: int, if_empty: bool):
        calls.append((seed, if_empty, m.Service.objects.count()))
        return [{"username": "commissioner", "password": "demo-only-password"}]

    module.demo = demo
    monkeypatch.setitem(sys.modules, "connected.demo.evidence", module)
    monkeypatch.setattr(demo_command, "BUILDER_APPS", ("evidence",))  # this app's hook alone, not the others' data
    output = run("--services", "10", "--seed", "9", directory_only=False)
    assert calls == [(9, False, 10)]
    assert "Demo logins from evidence (local use only):" in output
    assert "username: commissioner, password: demo-only-password" in output


def test_search_filters_find_the_demo_activities():
    from connected.directory.search import SearchQuery, search

    run("--services", "200", "--seed", "6")
    generated = [listing.service for listing in generate_listings(200, seed=6)]
    lunch_clubs = sum(any(a["taxonomy_term"]["code"] == "lunch-club" for a in s["attributes"]) for s in generated)
    assert 0 < search(SearchQuery(term_codes=("lunch-club",))).total <= lunch_clubs
    assert search(SearchQuery(free_only=True)).total > 100
    assert search(SearchQuery(accessibility=("step-free",))).total > 0
    assert search(SearchQuery(delivery=("phone",))).total > 0
    leeds = search(SearchQuery(latitude=53.7997, longitude=-1.5492, radius_km=15))
    assert leeds.total > 0 and all(r.distance_km <= 15 for r in leeds.results)


def test_activities_listed_by_two_neighbouring_feeds_are_linked_as_duplicates():
    run("--services", "600", "--seed", "1")
    pairs = [(item.relist_of, item.service["id"]) for item in generate_listings(600, seed=1) if item.relist_of]
    assert len(pairs) >= 5
    by_source = {s.source_id: s for s in m.Service.objects.all()}
    for first, second in pairs:
        a, b = by_source[first], by_source[second]
        assert a.feed_id != b.feed_id
        assert a.duplicate_of_id == b.id or b.duplicate_of_id == a.id
