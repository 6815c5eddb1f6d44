"""A provider's listings: freshness, ORUK validity (the API's own schema check), corrections a directory manager
approves (changing the listing and its assured date) or rejects."""

from __future__ import annotations

import datetime as dt
import filecmp
from pathlib import Path

import pytest
from django.conf import settings

from connected.core.models import AuditEvent
from connected.directory import corrections
from connected.directory.freshness import DUE_AFTER_DAYS, STALE_AFTER_DAYS, freshness
from connected.directory.models import Service, ServiceCorrection
from connected.directory.oruk_validity import SERVICE_SCHEMA, service_problems
from tests.casework.builders import sign_in

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


def test_freshness_bands():
    assert freshness(None, today=TODAY).band == "stale" and freshness(None, today=TODAY).days is None
    assert freshness(TODAY, today=TODAY).band == "fresh"
    assert freshness(TODAY - dt.timedelta(days=DUE_AFTER_DAYS - 1), today=TODAY).band == "fresh"
    assert freshness(TODAY - dt.timedelta(days=DUE_AFTER_DAYS), today=TODAY).band == "due"
    assert freshness(TODAY - dt.timedelta(days=STALE_AFTER_DAYS), today=TODAY).band == "stale"
    assert freshness(TODAY + dt.timedelta(days=3), today=TODAY).days == 0  # a date in the future is not negative


def test_the_schema_kept_with_the_code_is_the_published_one():
    shared = Path(settings.SHARED_DIR) / "standards" / "openreferral" / "schema" / "compiled" / "service.json"
    assert filecmp.cmp(SERVICE_SCHEMA, shared, shallow=False)


def test_validity_names_what_breaks_the_oruk_schema(pworld):
    assert service_problems(pworld.listing) == []
    Service.objects.filter(pk=pworld.listing.pk).update(url="not a web address", email="nobody")
    problems = service_problems(Service.objects.get(pk=pworld.listing.pk))
    assert {p.where for p in problems} >= {"url", "email"}
    assert all(p.message for p in problems)


def test_listings_page_shows_freshness_validity_and_only_the_providers_listings(pworld, client):
    Service.objects.filter(pk=pworld.listing.pk).update(url="not a web address", assured_date=None)
    sign_in(client, pworld.users["provider"])
    body = client.get("/providers/listings/").content.decode()
    assert "Gardening club" in body and "Community choir" not in body
    assert "Never checked" in body and "Out of date" in body
    assert "Not valid" in body and "url:" in body


def _propose(pworld, **values):
    return corrections.correction_propose(service=pworld.listing, by=pworld.users["provider"], values=values)


def test_a_proposal_is_checked_with_the_importers_cleaners_and_changes_nothing_yet(pworld):
    with pytest.raises(corrections.CorrectionError) as caught:
        _propose(pworld, email="not an email", url="ftp://x", phone="")
    assert set(caught.value.errors) == {"email", "url", "phone"}
    assert "Email address" in caught.value.errors["email"] and "cannot be left empty" in caught.value.errors["phone"]
    assert not ServiceCorrection.objects.exists()
    made = _propose(pworld, description="Digging, planting and tea", days="MO,TH", opens_at="9:30", fees_description="")
    assert made.changes == {"description": "Digging, planting and tea", "days": "MO,TH", "opens_at": "09:30",
                            "fees_description": ""}  # fmt: skip
    assert made.before["days"] == "TU" and made.before["fees_description"] == "Free, donations welcome"
    assert Service.objects.get(pk=pworld.listing.pk).description.startswith("A friendly walk")
    with pytest.raises(corrections.CorrectionError, match="already waiting"):
        _propose(pworld, description="Again")


def test_approval_updates_the_listing_and_its_assured_date(pworld):
    made = _propose(pworld, description="Digging and tea", phone="0113 496 0999", days="SA", closes_at="13:00")
    corrections.correction_approve(correction=made, by=pworld.users["directory_manager"], today=TODAY)
    service = Service.objects.get(pk=pworld.listing.pk)
    schedule = service.schedules.order_by("id").first()
    assert service.description == "Digging and tea" and service.assured_date == TODAY
    assert service.phones.order_by("number", "id").first().number == "0113 496 0999"
    assert (schedule.byday, schedule.freq, schedule.closes_at) == ("SA", "WEEKLY", dt.time(13, 0))
    assert service_problems(service) == []  # still valid ORUK
    made.refresh_from_db()
    assert (made.status, made.reviewed_by_label) == ("approved", "dm_1")
    with pytest.raises(corrections.CorrectionError, match="already approved"):
        corrections.correction_reject(correction=made, by=pworld.users["directory_manager"], reason="No")
    assert AuditEvent.objects.filter(why="correction:approved", object_id=str(made.pk)).exists()


def test_a_confirmation_without_changes_only_stamps_the_date(pworld):
    made = _propose(pworld)
    assert made.changes == {}
    corrections.correction_approve(correction=made, by=pworld.users["directory_manager"], today=TODAY)
    service = Service.objects.get(pk=pworld.listing.pk)
    assert service.assured_date == TODAY and service.description.startswith("A friendly walk")


def test_rejection_needs_a_reason_and_leaves_the_listing(pworld):
    made = _propose(pworld, description="Wrong")
    with pytest.raises(corrections.CorrectionError):
        corrections.correction_reject(correction=made, by=pworld.users["directory_manager"], reason=" ")
    corrections.correction_reject(correction=made, by=pworld.users["directory_manager"], reason="Not this listing")
    assert Service.objects.get(pk=pworld.listing.pk).description.startswith("A friendly walk")
    assert ServiceCorrection.objects.get(pk=made.pk).review_note == "Not this listing"


def test_the_journey_through_the_pages(pworld, client):
    sign_in(client, pworld.users["provider"])
    url = f"/providers/listings/{pworld.listing.pk}/correct/"
    page = client.get(url).content.decode()
    assert "A friendly walk around the park" in page and 'value="TU" checked' in page
    response = client.post(url, {"email": "broken", "days": ["TU"], "opens_at": "10:00", "closes_at": "12:00",
                                 "phone": "0113 496 0001", "description": "A friendly walk"})  # fmt: skip
    assert response.status_code == 400 and "is not an email address" in response.content.decode()
    assert client.get(f"/providers/listings/{pworld.other_listing.pk}/correct/").status_code == 403
    form = {"description": "Walks for everyone", "days": ["TU"], "opens_at": "10:00", "closes_at": "12:00",
            "phone": "0113 496 0001", "email": "walk1@walks.example.org", "url": "https://walks.example.org/1",
            "application_process": "Just turn up.", "fees_description": "Free, donations welcome"}  # fmt: skip
    assert client.post(url, form).status_code == 302
    made = ServiceCorrection.objects.get()
    assert made.changes == {"description": "Walks for everyone"}
    sign_in(client, pworld.users["directory_manager"])
    assert "Gardening club" in client.get("/providers/corrections/").content.decode()
    review = f"/providers/corrections/{made.pk}/"
    assert client.post(review, {"decision": "reject"}).status_code == 400  # a rejection needs its reason
    assert client.post(review, {"decision": "approve"}).status_code == 302
    assert Service.objects.get(pk=pworld.listing.pk).description == "Walks for everyone"
    sign_in(client, pworld.users["provider"])
    assert "approved" in client.get("/providers/listings/").content.decode()
    assert client.get(review).status_code == 403
