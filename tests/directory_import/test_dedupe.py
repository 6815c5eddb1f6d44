"""The same activity listed by two feeds is recognised; both listings are kept."""

from __future__ import annotations

import json

import pytest

from connected.directory import models as m
from connected.directory.dedupe import metres

from .conftest import load, run_import

pytestmark = pytest.mark.django_db


def relist(services: list, prefix: str) -> list:
    """The neighbouring council's copy: its own ids, slightly different wording, a venue 60 m away."""
    text = json.dumps(services)
    for old in {s["id"] for s in services}:
        text = text.replace(old, f"{prefix}-{old[-4:]}")
    out = json.loads(text)
    for s in out:
        s["name"] = s["name"].replace("Club", "club") + "!"
        s["service_at_locations"][0]["location"]["latitude"] += 0.0005
    return out


def test_same_activity_in_two_feeds_is_one_canonical_listing(tmp_path):
    services = load("well_formed.json")
    copy = relist(services[:2], "kirklees")
    copy[1]["service_at_locations"][0]["location"]["latitude"] += 0.01  # 1 km away: a different walk
    (tmp_path / "a.json").write_text(json.dumps(services))
    (tmp_path / "b.json").write_text(json.dumps(copy))
    run_import(str(tmp_path / "b.json"), "--feed", "Kirklees")
    m.Feed.objects.filter(name="Kirklees").update(priority=200)
    run_import(str(tmp_path / "a.json"), "--feed", "Leeds")
    leeds = m.Service.objects.get(feed__name="Leeds", name="Tuesday Lunch Club")
    kirklees = m.Service.objects.get(feed__name="Kirklees", name="Tuesday Lunch club!")
    assert kirklees.duplicate_of_id == leeds.id and leeds.duplicate_of_id is None  # lower priority number wins
    walk = m.Service.objects.get(feed__name="Kirklees", name="Headingley Health Walk!")
    assert walk.duplicate_of_id is None
    assert m.Service.objects.count() == 7  # both listings kept
    assert m.Service.objects.filter(duplicate_of__isnull=False).count() == 1


def test_different_sessions_are_different_activities(tmp_path):
    services = load("well_formed.json")[:1]
    copy = relist(services, "other")
    copy[0]["schedules"][0]["byday"] = "FR"
    copy[0]["service_at_locations"][0]["schedules"][0]["byday"] = "FR"
    (tmp_path / "a.json").write_text(json.dumps(services))
    (tmp_path / "b.json").write_text(json.dumps(copy))
    run_import(str(tmp_path / "a.json"), "--feed", "A")
    run_import(str(tmp_path / "b.json"), "--feed", "B")
    assert not m.Service.objects.filter(duplicate_of__isnull=False).exists()


def test_metres():
    assert 188 < metres((53.8, -1.55), (53.8017, -1.55)) < 190  # 0.0017 degrees of latitude


def test_search_shows_the_activity_once_with_both_sources(tmp_path):
    from connected.directory.search import SearchQuery, search

    services = load("well_formed.json")[:1]
    (tmp_path / "a.json").write_text(json.dumps(services))
    (tmp_path / "b.json").write_text(json.dumps(relist(services, "kirklees")))
    run_import(str(tmp_path / "a.json"), "--feed", "Leeds")
    run_import(str(tmp_path / "b.json"), "--feed", "Kirklees")
    page = search(SearchQuery(text="lunch club"))
    assert [r.service_name for r in page.results] == ["Tuesday Lunch Club"]
    assert page.results[0].also_listed_by == ("Kirklees",)
    assert m.Service.objects.count() == 2


def _phone_service(sid: str, org: str, slug: str, number: str = "0800 123 4567") -> dict:
    """A telephone befriending service: no venue, a generic name."""
    return {
        "id": sid,
        "name": "Call and Chat",
        "organization": {
            "id": f"org-{sid}",
            "name": org,
            "email": f"{slug}@example.org",
            "website": f"https://www.example.org/{slug}",
        },
        "phones": [{"id": f"ph-{sid}", "number": number}],
        "schedules": [{"id": f"sc-{sid}", "freq": "WEEKLY", "byday": "MO", "opens_at": "10:00"}],
    }


def _import_pair(a: dict, b: dict) -> None:
    from connected.directory.dedupe import find_duplicates
    from connected.directory.importer import import_services

    for name, service in (("Newcastle", a), ("Cornwall", b)):
        import_services(m.Feed.objects.create(name=name, kind=m.Feed.Kind.LOCAL), [service])
    find_duplicates()


def test_placeless_services_of_organisations_differing_by_place_are_different():
    """The demo's false positive: the same generic name, organisation names alike but for the town."""
    _import_pair(
        _phone_service("a1", "Newcastle upon Tyne Telephone Friends", "ncl-friends", "0191 496 0001"),
        _phone_service("b1", "Newquay Telephone Friends", "newquay-friends", "01637 960 002"),
    )
    assert not m.Service.objects.filter(duplicate_of__isnull=False).exists()


def test_placeless_copy_by_the_same_organisation_is_a_duplicate():
    copy = _phone_service("b1", "Newquay  Telephone Friends!", "newquay-friends", "01637 960 002")
    copy["organization"]["email"] = ""  # the neighbour lists the website only: one shared way in is enough
    _import_pair(_phone_service("a1", "Newquay Telephone Friends", "newquay-friends", "+44 1637 960002"), copy)
    dup = m.Service.objects.get(duplicate_of__isnull=False)
    assert dup.source_id == "b1" and dup.duplicate_of.source_id == "a1"


def test_placeless_same_name_but_no_shared_way_in_is_not_a_duplicate():
    a = _phone_service("a1", "Telephone Friends", "friends-north", "0191 496 0001")
    b = _phone_service("b1", "Telephone Friends", "friends-south", "01637 960 002")
    _import_pair(a, b)
    assert not m.Service.objects.filter(duplicate_of__isnull=False).exists()
    b["service_areas"] = [{"id": "sa-b1", "name": "Cornwall"}]
    a["service_areas"] = [{"id": "sa-a1", "name": "cornwall"}]
    m.Service.objects.all().delete()
    m.Feed.objects.all().delete()
    _import_pair(a, b)
    assert m.Service.objects.filter(duplicate_of__isnull=False).count() == 1  # overlapping service areas
