"""import_oruk on JSON files and CSV packages: what goes in, what is rejected and why, and re-runs."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError

from connected.directory import models as m

from .conftest import FIXTURES, load, run_import

pytestmark = pytest.mark.django_db

TABLES = (m.Service, m.Organization, m.Location, m.Schedule, m.CostOption, m.Attribute, m.TaxonomyTerm, m.Phone)


def snapshot() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (*TABLES, m.Feed)}


def test_well_formed_feed_brings_in_every_service_with_its_children():
    out, _ = run_import(str(FIXTURES / "well_formed.json"), "--feed", "Leeds")
    assert "Leeds: added 5, updated 0, unchanged 0, removed 0, rejected 0" in out
    feed = m.Feed.objects.get(name="Leeds")
    assert feed.last_status == "ok" and feed.last_counts["added"] == 5 and feed.last_harvested_at
    lunch = m.Service.objects.get(feed=feed, source_id="10000000-0000-4000-8000-000000000001")
    assert lunch.name == "Tuesday Lunch Club" and lunch.fees_description == "Free, donations welcome"
    assert (lunch.minimum_age, lunch.maximum_age) == (18, 99)
    assert lunch.organization.name == "Leeds Age Friends"
    assert lunch.organization.identifiers.get().identifier == "111"
    assert lunch.organization.parent_organization.source_id == "org-b"  # parent_organization_id
    sal = lunch.service_at_locations.select_related("location").get()
    assert (sal.location.latitude, sal.location.longitude) == (53.80, -1.55)
    assert sal.location.addresses.get().postal_code == "LS1 1AA"
    assert sal.location.accessibility.get().description == "Step-free access"
    assert sal.schedules.get().byday == "TU"
    session = lunch.schedules.get()
    assert (session.freq, session.byday, str(session.opens_at), str(session.valid_to)) == (
        "WEEKLY",
        "TU",
        "12:00:00",
        "2026-12-31",
    )
    assert lunch.cost_options.get().amount == Decimal("2.50")
    assert lunch.languages.get().code == "en" and lunch.service_areas.get().name == "Leeds"
    assert lunch.funding.get().source == "Leeds City Council"
    assert lunch.contacts.get().phones.get().number == "01632 960002"
    assert lunch.phones.get().languages.get().code == "cy"
    term = m.TaxonomyTerm.objects.get(attributes__link_id=lunch.id)
    assert (term.name, term.taxonomy_name, term.taxonomy.source_id) == (
        "Lunch club", "Connected activity types", "30000000-0000-4000-8000-000000000001",
    )  # fmt: skip
    assert str(term.id) == "20000000-0000-4000-8000-000000000001"  # shared vocabulary keeps the feed's UUID
    assert m.Service.objects.filter(feed=feed).count() == 5
    assert m.Organization.objects.filter(feed=feed).count() == 3  # shared by services, written once
    assert m.Attribute.objects.filter(feed=feed, link_entity="service").count() == 5


def test_rerun_changes_nothing():
    run_import(str(FIXTURES / "well_formed.json"), "--feed", "Leeds")
    before = {model.__name__: list(model.objects.values_list("id", "content_hash")) for model in TABLES}
    out, _ = run_import(str(FIXTURES / "well_formed.json"), "--feed", "Leeds")
    assert "added 0, updated 0, unchanged 5, removed 0, rejected 0" in out
    after = {model.__name__: list(model.objects.values_list("id", "content_hash")) for model in TABLES}
    assert after == before


def test_changed_and_removed_records(tmp_path):
    run_import(str(FIXTURES / "well_formed.json"), "--feed", "Leeds")
    services = load("well_formed.json")
    first_id = m.Service.objects.get(source_id=services[0]["id"]).id
    services[0]["name"] = "Tuesday Lunch Club (new hall)"
    services[0]["schedules"][0]["byday"] = "TH"
    del services[0]["cost_options"]
    removed = services.pop()
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(services))
    out, _ = run_import(str(path), "--feed", "Leeds")
    assert "added 0, updated 1, unchanged 3, removed 1" in out
    assert m.Service.objects.filter(feed__name="Leeds").count() == 4  # the others at the same organisation stay
    assert m.ServiceAtLocation.objects.filter(feed__name="Leeds").count() == 4
    changed = m.Service.objects.get(source_id=services[0]["id"])
    assert changed.id == first_id and changed.name == "Tuesday Lunch Club (new hall)"
    assert changed.schedules.get().byday == "TH" and not changed.cost_options.exists()
    assert not m.Service.objects.filter(source_id=removed["id"]).exists()
    assert not m.Location.objects.filter(source_id="loc-5").exists()  # orphan location of that feed went too
    assert not m.Organization.objects.filter(source_id="org-c").exists()


def test_terms_no_service_uses_any_more_go_and_shared_ones_stay(tmp_path):
    run_import(str(FIXTURES / "well_formed.json"), "--feed", "Leeds")
    shared, only_theirs = "20000000-0000-4000-8000-000000000001", "20000000-0000-4000-8000-000000000002"
    assert m.TaxonomyTerm.objects.filter(source_id=only_theirs).exists()
    services = [s for s in load("well_formed.json") if s["attributes"][0]["taxonomy_term"]["id"] != only_theirs]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(services))
    out, _ = run_import(str(path), "--feed", "Leeds")
    assert "removed 2" in out
    assert not m.TaxonomyTerm.objects.filter(source_id=only_theirs).exists()
    assert m.TaxonomyTerm.objects.get(source_id=shared).attributes.count() == 3
    linked = set(m.Service.objects.values_list("id", flat=True))
    assert set(m.Attribute.objects.filter(link_entity="service").values_list("link_id", flat=True)) == linked


def test_broken_feed_imports_the_good_ones_and_reports_each_bad_one():
    out, _ = run_import(str(FIXTURES / "broken.json"), "--feed", "Broken")
    feed = m.Feed.objects.get(name="Broken")
    report = {(p["entity"], p["id"], p["field"], p["action"]) for p in feed.last_report}
    assert ("service", "10000000-0000-4000-8000-000000000001", "status", "rejected") in report
    assert ("service", "10000000-0000-4000-8000-000000000002", "assured_date", "rejected") in report
    assert ("service", "10000000-0000-4000-8000-000000000003", "name", "rejected") in report
    assert ("location", "loc-4", "latitude", "value ignored") in report
    assert ("schedule", "sched-5", "freq", "rejected") in report
    assert "'open-ish' is not one of" in out
    assert set(m.Service.objects.filter(feed=feed).values_list("source_id", flat=True)) == {
        "10000000-0000-4000-8000-000000000004", "shed-5", "org-twin",
    }  # fmt: skip
    assert m.Location.objects.get(source_id="loc-4").latitude is None  # kept, without impossible coordinates
    shed = m.Service.objects.get(source_id="shed-5")  # non-UUID id and unknown fields accepted
    assert shed.name == "Men's Shed Lunch" and not shed.schedules.exists() and shed.cost_options.exists()
    assert feed.last_counts["rejected"] == 4 and feed.last_status == "ok with problems"


def test_same_organisation_under_two_ids_is_one(tmp_path):
    services = load("well_formed.json")
    services.append(
        {
            "id": "twin",
            "name": "Twin",
            "organization": {
                "id": "org-a-again",
                "name": "leeds age friends",
                "website": "https://leedsage.example.org/",
            },
        }
    )
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(services))
    out, _ = run_import(str(path), "--feed", "Leeds")
    twin = m.Service.objects.get(source_id="twin")
    assert twin.organization.source_id == "org-a"
    assert "organization org-a-again" in out and "[merged]" in out


def test_truncated_json_changes_nothing_and_says_why():
    run_import(str(FIXTURES / "well_formed.json"), "--feed", "Leeds")
    before = snapshot()
    with pytest.raises(CommandError, match=r"Nothing imported: .*truncated\.json is not valid JSON.*truncated"):
        run_import(str(FIXTURES / "truncated.json"), "--feed", "Other")
    assert snapshot() == before
    with pytest.raises(CommandError, match="not valid JSON"):
        run_import(str(FIXTURES / "truncated.json"), "--feed", "Leeds")
    assert snapshot() == before
    leeds = m.Feed.objects.get(name="Leeds")
    assert leeds.last_status == "failed" and "truncated" in leeds.last_error


def test_dry_run_saves_nothing():
    before = snapshot()
    out, _ = run_import(str(FIXTURES / "well_formed.json"), "--dry-run")
    assert "added 5" in out and "dry run" in out
    assert snapshot() == before


def test_standard_example_service_imports(standards_dir):
    out, _ = run_import(str(standards_dir / "openreferral/examples/service_full.json"), "--feed", "Example")
    assert "added 1" in out
    service = m.Service.objects.get(source_id="ac148810-d857-441c-9679-408f346de14b")
    assert service.name == "Community Counselling" and service.fees_description == "fees_description"
    assert (service.minimum_age, service.maximum_age) == (12, 100)
    assert service.schedules.get().byday == "TH,FR"
    assert service.cost_options.get().amount == Decimal("35.00")
    location = service.service_at_locations.get().location
    assert location.name == "MyCity Civic Center" and location.latitude is None  # latitude 100 is impossible
    assert location.addresses.get().country == "US"
    assert m.TaxonomyTerm.objects.get(attributes__link_id=service.id).taxonomy_name == "taxonomy"
    assert "latitude" in out


def test_standard_csv_package_imports(standards_dir):
    out, _ = run_import(str(standards_dir / "openreferral/examples/csv"), "--feed", "CSV")
    assert "added 1" in out
    service = m.Service.objects.get(source_id="ac148810-d857-441c-9679-408f346de14b")
    assert service.organization.name == "Example Organization Inc."
    assert service.organization.identifiers.get().identifier == "1234567"
    sal = service.service_at_locations.get()
    location = sal.location
    assert location.addresses.get().address_2 == "MyVillage"  # addresses.csv (plural) wins over address.csv
    assert location.accessibility.exists()
    assert sal.schedules.get().byweekno == "41,42"  # attached to the most specific parent it names
    assert service.contacts.get().phones.get().number == "+44 1234 234567"
    assert service.cost_options.get().amount == Decimal("35.00")
    # attribute.csv's only row links to f28dd44b-..., a record the package does not have: reported, not imported
    assert not m.Attribute.objects.exists()
    report = m.Feed.objects.get(name="CSV").last_report
    assert {(p["entity"], p["id"], p["field"]) for p in report} >= {
        ("attribute", "ae58cc39-8b70-4ab1-8aea-786882e5ac8e", "link_id")
    }


def test_csv_with_ragged_rows_changes_nothing_and_says_where(tmp_path, standards_dir):
    for source in (standards_dir / "openreferral/examples/csv").glob("*.csv"):
        (tmp_path / source.name).write_text(source.read_text())
    with (tmp_path / "locations.csv").open("a") as extra:
        extra.write("x1,physical,Hall,Desc,1,2,3,UPRN,one too many\n")
    with pytest.raises(CommandError, match=r"locations\.csv line 3 has more values than the header"):
        run_import(str(tmp_path), "--feed", "CSV")
    assert not m.Service.objects.exists() and not m.Feed.objects.exists()


def test_missing_file_is_one_clear_error():
    with pytest.raises(CommandError, match=r"no-such\.json: no such file"):
        run_import("/nowhere/no-such.json")
