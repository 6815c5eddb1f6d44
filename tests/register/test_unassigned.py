"""Routing that tells the truth (issue 16, item 2): the public are told, staff and FHIR referrals wait unassigned."""

from __future__ import annotations

import json

import pytest

from connected.casework.models import Person, Referral
from connected.core.models import ApiToken, AuditEvent
from tests.casework.builders import make_world, sign_in
from tests.casework.fhir_samples import service_request_with_contained_patient
from tests.casework.test_intake_views import FORM, SELF_REFERRAL


@pytest.fixture
def world(db):
    return make_world()


def test_out_of_area_self_referral_is_told_the_truth_and_nothing_is_kept(world, client):
    before = (Referral.objects.count(), Person.objects.count())
    response = client.post("/refer-yourself/", SELF_REFERRAL | {"postcode": "TR1 1AA"}, REMOTE_ADDR="192.0.2.7")
    page = response.content.decode()
    assert response.status_code == 200
    assert "No social prescribing scheme in Connected covers TR1 1AA yet" in page
    assert "Leeds" not in page and "We have your request" not in page
    assert "/social-prescribing/?postcode=TR1%201AA" in page and "/find/?postcode=TR1%201AA" in page
    assert (Referral.objects.count(), Person.objects.count()) == before


def test_staff_and_fhir_referrals_nobody_covers_wait_unassigned_until_an_administrator_places_them(world, client):
    referrer, admin, worker = world.users["referrer"], world.users["administrator"], world.users["link_worker"]
    sign_in(client, referrer)
    made = client.post("/casework/refer/", FORM | {"postcode": "TR1 1AA", "reason": "Alone since moving"})
    assert made.status_code == 302, made.content.decode()[:2000]
    staff_made = Referral.objects.get(pk=made["Location"].split("?")[0].rstrip("/").split("/")[-1])
    assert staff_made.scheme is None
    status_page = client.get(made["Location"]).content.decode()
    assert "Not yet placed" in status_page and "Leeds North" not in status_page
    _, token = ApiToken.issue(user=referrer, name="EMIS")
    request = service_request_with_contained_patient()
    request["contained"][0]["address"] = [{"line": ["1 Lemon Street"], "city": "Truro", "postalCode": "TR1 2LS"}]
    fhir = client.post(
        "/fhir/ServiceRequest",
        json.dumps(request),
        content_type="application/fhir+json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert fhir.status_code == 201, fhir.content
    fhir_made = Referral.objects.get(pk=fhir.json()["id"])
    assert fhir_made.scheme is None
    # Link workers never see them; the administrator's queue does, with the register's gaps beside it.
    sign_in(client, worker)
    assert client.get(f"/casework/cases/{staff_made.pk}/").status_code == 403
    assert client.get("/casework/unassigned/").status_code == 403
    sign_in(client, admin)
    queue = client.get("/casework/unassigned/").content.decode()
    assert queue.count("Place ") >= 2 and "TR1 1AA" in queue and "Gaps and overlaps" in queue
    assert AuditEvent.objects.filter(why="unassigned queue").exists()
    refused = client.post(f"/casework/unassigned/{staff_made.pk}/", {"scheme": ""})
    assert refused.status_code == 400 and "Choose the scheme" in refused.content.decode()
    placed = client.post(f"/casework/unassigned/{staff_made.pk}/", {"scheme": world.scheme_a.pk})
    assert placed.status_code == 302
    staff_made.refresh_from_db()
    assert staff_made.scheme == world.scheme_a and staff_made.person.scheme == world.scheme_a
    assert client.post(f"/casework/unassigned/{staff_made.pk}/", {"scheme": world.scheme_a.pk}).status_code == 404
    sign_in(client, worker)
    assert client.get(f"/casework/cases/{staff_made.pk}/").status_code == 200
