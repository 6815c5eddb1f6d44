"""Enumerations match the compiled UK schema; fixtures are schema-shaped; scheduled harvests; the admin."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import jsonschema
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from connected.directory import models as m
from connected.directory.tasks import harvest_due_feeds

from .conftest import FIXTURES


def compiled(standards_dir, name: str) -> dict:
    return json.loads((standards_dir / "openreferral/schema/compiled" / name).read_text())


def test_enumerations_match_the_compiled_schema(standards_dir):
    schema = compiled(standards_dir, "service.json")["properties"]
    location = schema["service_at_locations"]["items"]["properties"]["location"]["properties"]
    assert m.Service.Status.values == schema["status"]["enum"]
    assert m.Schedule.Freq.values == schema["schedules"]["items"]["properties"]["freq"]["enum"]
    assert m.Location.LocationType.values == location["location_type"]["enum"]


def test_well_formed_fixture_is_valid_against_the_compiled_schema(standards_dir):
    schema = compiled(standards_dir, "service.json")
    for service in json.loads((FIXTURES / "well_formed.json").read_text()):
        service = {k: v for k, v in service.items() if v is not None}
        jsonschema.validate(service, schema)  # no format checker: our fixture's ids are not all UUIDs, on purpose


@pytest.mark.django_db
def test_due_feeds_are_enqueued_once():
    feed = m.Feed.objects.create(name="Leeds", kind="json", source=str(FIXTURES / "well_formed.json"))
    m.Feed.objects.create(name="Local", kind="local")
    m.Feed.objects.create(name="Fresh", kind="json", source="x", last_harvest_started_at=timezone.now())
    assert harvest_due_feeds() == ["Leeds"]
    assert DBTaskResult.objects.count() == 1
    assert harvest_due_feeds() == []  # started just now: not due again
    m.Feed.objects.filter(pk=feed.pk).update(last_harvest_started_at=timezone.now() - timedelta(hours=25))
    out = StringIO()
    call_command("harvest_feeds", "--now", stdout=out)
    assert "Harvested 1 feed(s): Leeds" in out.getvalue()
    feed.refresh_from_db()
    assert feed.last_status == "ok" and feed.last_counts["added"] == 5


@pytest.mark.django_db
def test_admin_shows_feeds_and_harvests_now(admin_client):
    feed = m.Feed.objects.create(name="Broken", kind="json", source=str(FIXTURES / "broken.json"))
    response = admin_client.post(
        reverse("admin:directory_feed_changelist"),
        {"action": "harvest_now", "_selected_action": [feed.pk]},
        follow=True,
    )
    assert b"Broken: added 3" in response.content
    page = admin_client.get(reverse("admin:directory_feed_change", args=[feed.pk]))
    assert b"open-ish" in page.content and b"<table>" in page.content
    service = m.Service.objects.filter(feed=feed).first()
    assert admin_client.get(reverse("admin:directory_service_change", args=[service.pk])).status_code == 200
    for model in ("location", "organization", "taxonomyterm", "attribute", "schedule", "costoption"):
        assert admin_client.get(reverse(f"admin:directory_{model}_changelist")).status_code == 200
