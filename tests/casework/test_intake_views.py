"""Referral form, self-referral page and "My referrals": each referral lands in the right caseload."""

from __future__ import annotations

import pytest

from connected.casework import services
from connected.casework.models import Person, Referral
from connected.casework.selectors import caseload

from .builders import make_world, sign_in


@pytest.fixture
def world(db):
    return make_world()


FORM = {
    "given_name": "Mary",
    "family_name": "Somerville",
    "date_of_birth_day": "26",
    "date_of_birth_month": "12",
    "date_of_birth_year": "1940",
    "nhs_number": "943 476 5862",
    "postcode": "ls6 3hn",
    "phone": "0113 496 0002",
    "needs": ["loneliness", "bereavement"],
    "reason": "",
    "hopes": "A choir",
    "urgency": "soon",
    "consent_given": "on",
}


def test_referrer_form_to_caseload_and_status_back(world, client):
    referrer, lw = world.users["referrer"], world.users["link_worker"]
    sign_in(client, referrer)
    assert client.get("/casework/refer/").status_code == 200
    response = client.post("/casework/refer/", FORM)
    assert response.status_code == 302
    referral = Referral.objects.get(person__family_name="Somerville")
    assert response["Location"] == f"/casework/referrals/{referral.pk}/?sent=1"  # read back once sent
    assert referral.source == "gp" and referral.person.postcode == "LS6 3HN" and referral.urgency == "soon"
    assert referral in caseload(lw).waiting
    page = client.get("/casework/my-referrals/").content.decode()
    assert "Somerville" in page and "Received" in page
    services.referral_accept(referral=referral, by=lw)
    services.contact_record(referral=referral, by=lw, mode="phone", notes="Private note about her health")
    status_page = client.get(f"/casework/referrals/{referral.pk}/").content.decode()
    assert "Contacted" in status_page
    assert "Private note" not in status_page  # referrers never see case notes


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nhs_number", "9434765861", "NHS number is not valid"),
        ("postcode", "XX", "is not a UK postcode"),
        ("date_of_birth_month", "13", "Date of birth must be a real date"),
    ],
)
def test_bad_form_input_is_refused_naming_the_field(world, client, field, value, message):
    sign_in(client, world.users["referrer"])
    response = client.post("/casework/refer/", FORM | {field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Person.objects.filter(family_name="Somerville").exists()


# A self-referral as a person in Manchester fills it in (shared with the public-form abuse tests).
SELF_REFERRAL = {
    "given_name": "Tom",
    "family_name": "Kilburn",
    "date_of_birth_day": "11",
    "date_of_birth_month": "8",
    "date_of_birth_year": "1961",
    "postcode": "M13 9PL",
    "phone": "0161 496 0000",
    "contact_methods": ["phone"],
    "reason": "I have not spoken to anyone for weeks",
    "consent_given": "on",
}


def test_self_referral_is_routed_by_postcode(world, client):
    page = client.get("/refer-yourself/")
    assert page.status_code == 200 and "link worker" in page.content.decode()
    response = client.post("/refer-yourself/", SELF_REFERRAL, follow=True)
    assert response.redirect_chain == [("/refer-yourself/sent/", 302)]
    assert "We have your request" in response.content.decode()
    referral = Referral.objects.get(person__family_name="Kilburn")
    assert referral.source == "self" and referral.scheme == world.scheme_b and referral.referrer is None
    assert referral.person.consent_to_contact and referral.person.consent_recorded_by == "self"
    assert referral in caseload(world.users["link_worker_b"]).waiting
    assert referral not in caseload(world.users["link_worker"]).waiting


def test_self_referral_without_consent_or_contact_saves_nothing(world, client):
    response = client.post("/refer-yourself/", {"given_name": "Tom", "family_name": "Kilburn", "postcode": "M13 9PL"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Agree to be contacted" in body and "Enter your date of birth" in body
    assert not Referral.objects.filter(person__family_name="Kilburn").exists()


def test_link_worker_works_a_case_through_the_pages(world, client):
    lw = world.users["link_worker"]
    referral = world.records["own_scheme"]
    sign_in(client, lw)
    assert "Lovelace" in client.get("/casework/caseload/").content.decode()
    assert client.post(f"/casework/cases/{referral.pk}/accept/").status_code == 302
    response = client.post(
        f"/casework/cases/{referral.pk}/contact/",
        {"mode": "phone", "duration_minutes": "25", "notes": "Talked about the allotment"},
    )
    assert response.status_code == 302
    client.post(f"/casework/cases/{referral.pk}/what-matters/", {"goals": "I want to garden with others"})
    client.post(
        f"/casework/cases/{referral.pk}/tasks/",
        {"description": "Ring back", "due_on_day": "1", "due_on_month": "1", "due_on_year": "2030"},
    )
    page = client.get(f"/casework/cases/{referral.pk}/").content.decode()
    assert "Talked about the allotment" in page and "I want to garden with others" in page and "Ring back" in page
    assert "In progress" in page
    bad = client.post(f"/casework/cases/{referral.pk}/contact/", {"mode": "carrier pigeon"})
    assert bad.status_code == 400 and "Select how you were in touch" in bad.content.decode()
    client.post(f"/casework/cases/{referral.pk}/close/", {"outcome": "connected", "notes": "Done"})
    referral.refresh_from_db()
    assert referral.status == "closed" and referral.tasks.filter(done_at__isnull=True).count() == 0


def test_introductions_to_directory_services(world, client):
    from connected.directory.models import Service

    service = Service.objects.create(name="Tuesday Walking Group")
    referral = world.records["own_scheme"]
    sign_in(client, world.users["link_worker"])
    # Finding one is matching's page (tests/matching); the old name-only search is gone.
    found = client.get(f"/casework/cases/{referral.pk}/introductions/?q=walking")
    assert found.status_code == 302 and found["Location"] == f"/matching/cases/{referral.pk}/"
    client.post(f"/casework/cases/{referral.pk}/introductions/", {"service": str(service.pk)})
    intro = referral.introductions.get()
    assert intro.status == "suggested"
    refused = client.post(f"/casework/cases/{referral.pk}/introductions/{intro.pk}/", {"status": "stopped"})
    assert refused.status_code == 400 and "Enter why they stopped" in refused.content.decode()
    client.post(
        f"/casework/cases/{referral.pk}/introductions/{intro.pk}/",
        {"status": "stopped", "stopped_reason": "Too far to walk"},
    )
    intro.refresh_from_db()
    assert intro.status == "stopped" and intro.stopped_reason == "Too far to walk"


@pytest.mark.parametrize(
    ("role", "target", "status"),
    [
        ("link_worker", "/casework/caseload/", 302),
        ("scheme_manager", "/casework/caseload/", 302),
        ("referrer", "/casework/my-referrals/", 302),
        ("commissioner", "/evidence/", 302),
        ("administrator", "/evidence/", 302),
        ("provider", "/providers/", 302),
        ("no_role", None, 403),
    ],
)
def test_each_role_starts_on_its_own_page(world, client, role, target, status):
    sign_in(client, world.users[role])
    response = client.get("/casework/")
    assert response.status_code == status
    if target:
        assert response["Location"] == target
        assert client.get(target).status_code == 200
