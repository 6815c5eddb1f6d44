"""The round trip (issue 3): serve a directory from our API, harvest it with our importer, get the same directory.

Feed A is built with every child table filled, served by the real server
(pytest-django's `live_server`), and harvested over HTTP with
`manage.py import_oruk <live server>/api --feed B`. Feed B must then hold a
twin of every A record with equal fields and equivalent links (`feeds.py`).
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from connected.directory import models as m

from . import factories as f
from .conftest import FIXTURES
from .feeds import MODELS, differences

pytestmark = pytest.mark.django_db(transaction=True)
FIXTURE_FEED = FIXTURES / "oruk" / "well_formed.json"  # the importer's own test feed

# Not compared: `duplicate_of` is ours, not ORUK (recomputed by dedupe after each harvest, and here it rightly
# pairs every B service with its A original). Everything else the API publishes must come back, children of
# every parent included (contacts of organisations, locations and service_at_locations; organisation funding).
SKIP_FIELDS = {m.Service: {"duplicate_of"}}


def _own(feed: m.Feed) -> None:
    """Put every directory row in `feed`, as if it had been harvested from there."""
    for model in MODELS:
        for row in model.objects.filter(feed__isnull=True):
            row.feed, row.source_id = feed, f"a-{row.pk}"
            row.save(update_fields=["feed", "source_id"])


def _directory() -> None:
    _, (walking, singing, reading) = f.taxonomy_with_terms("Activities")
    _, (lonely, _) = f.taxonomy_with_terms("Needs", ("lonely", "bereaved"))
    orgs = [f.organization(i) for i in range(3)]
    f.service(orgs[0], 0, terms=(walking, lonely))
    f.service(orgs[0], 1, byday="MO,WE", minimum_age=0, maximum_age=None)
    f.service(orgs[1], 2, terms=(singing,), name="Community choir", status="temporarily closed")
    reading_circle = f.service(orgs[1], 3, terms=(reading,), name="Reading circle", latitude=None, longitude=None)
    f.service(None, 4, name="Men's shed", description="", opens=None, closes=None)
    for i in range(5, 12):  # enough to need several pages at per_page=5
        f.service(orgs[2], i, name=f"Lunch club {i}")
    sal = reading_circle.service_at_locations.get()
    f.tag(reading, "location", sal.location)
    f.tag(singing, "organization", orgs[1])
    f.tag(lonely, "service_at_location", sal)
    # Contacts hang off every kind of parent HSDS allows, not only services.
    m.Contact.objects.create(organization=orgs[1], name="Office", email="office@trust1.example.org")
    m.Contact.objects.create(location=sal.location, name="Caretaker", title="Keys")
    m.Contact.objects.create(service_at_location=sal, name="Session lead")


def test_our_api_harvested_by_our_importer_reproduces_the_directory(live_server) -> None:
    feed_a = m.Feed.objects.create(name="Feed A", kind=m.Feed.Kind.LOCAL)
    _directory()
    _own(feed_a)
    assert m.Service.objects.filter(feed=feed_a).count() == 12

    out = io.StringIO()
    call_command("import_oruk", f"{live_server.url}/api", "--feed", "Feed B", stdout=out, stderr=out)

    feed_b = m.Feed.objects.get(name="Feed B")
    assert m.Service.objects.filter(feed=feed_b).count() == 12, out.getvalue()
    assert differences(feed_a, feed_b, SKIP_FIELDS) == [], out.getvalue()
    assert "rejected 0" in out.getvalue()


def test_the_importers_fixture_feed_survives_the_round_trip(live_server) -> None:
    """A messy real-shaped feed (non-UUID ids, ORUK's `fees`): imported, served, harvested, the same."""
    out = io.StringIO()
    call_command("import_oruk", str(FIXTURE_FEED), "--feed", "Feed A", stdout=out, verbosity=0)
    feed_a = m.Feed.objects.get(name="Feed A")
    services = m.Service.objects.filter(feed=feed_a).count()
    assert services == 5, out.getvalue()

    call_command("import_oruk", f"{live_server.url}/api", "--feed", "Feed B", stdout=out, verbosity=0)
    feed_b = m.Feed.objects.get(name="Feed B")
    assert m.Service.objects.filter(feed=feed_b).count() == services
    assert differences(feed_a, feed_b, SKIP_FIELDS) == [], out.getvalue()


def test_the_comparison_sees_a_changed_field_and_a_lost_child(live_server) -> None:
    feed_a = m.Feed.objects.create(name="Feed A", kind=m.Feed.Kind.LOCAL)
    _directory()
    _own(feed_a)
    call_command("import_oruk", f"{live_server.url}/api", "--feed", "Feed B", stdout=io.StringIO(), verbosity=0)
    feed_b = m.Feed.objects.get(name="Feed B")
    schedule = m.Schedule.objects.filter(feed=feed_b, service__isnull=False).first()
    schedule.opens_at = schedule.opens_at.replace(minute=59) if schedule.opens_at else f.time(7)
    schedule.save()
    m.CostOption.objects.filter(feed=feed_b).first().delete()
    found = differences(feed_a, feed_b, SKIP_FIELDS)
    assert len(found) == 2
    assert any("Schedule" in line and "opens_at" in line for line in found)
    assert any("CostOption" in line and "did not come across" in line for line in found)
