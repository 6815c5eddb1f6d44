"""Every published BaRS request example (tests/fixtures/bars, with its source) is accepted, updated or cancelled.

New-referral examples are posted one by one; update and cancellation examples
follow the message they change, as a sender sends them. Each reply is checked
as FHIR R4 and against the BaRS response shape.
"""

from __future__ import annotations

import json

import pytest

from connected.casework.models import Referral
from connected.core.models import ApiToken

from .bars_checks import check_refusal, check_reply, fixture_names, fresh_id, load
from .builders import make_world

NEW = [name for name in fixture_names() if load(name)["entry"][0]["resource"]["reason"]["coding"][0]["code"] == "new"]
CHAINS = {
    "CAD out of area C1": [n for n in fixture_names() if n.startswith("xml/REFREQ8")],
    "CAD out of area C2": [n for n in fixture_names() if n.startswith("xml/REFREQ9A")],
    "validation, update, revoked": ["xml/VALREQ01", "xml/VALREQ02", "xml/SERVREQ01"],
    "validation, then deleted": ["xml/VALREQ01", "xml/SERVREQ02"],
}


def _named(prefix: str) -> str:
    return next(n for n in fixture_names() if n.startswith(prefix))


@pytest.fixture
def send(db):
    world = make_world()
    _, plain = ApiToken.issue(user=world.users["referrer"], name="111 service")

    def _send(client, message: dict):
        return client.post(
            "/fhir/$process-message",
            data=json.dumps(message),
            content_type="application/fhir+json",
            HTTP_AUTHORIZATION=f"Bearer {plain}",
        )

    return _send


def test_every_fixture_is_used():
    """No example is left out: each is a new referral or part of a chain below."""
    chained = {_named(p) if not p.endswith((".xml", ".json")) else p for c in CHAINS.values() for p in c}
    assert set(fixture_names()) == set(NEW) | chained
    assert len(fixture_names()) == 20


@pytest.mark.parametrize("name", NEW)
def test_each_new_referral_example_is_accepted(client, send, name):
    message = load(name)
    response = send(client, message)
    assert response.status_code == 200, response.content[:600]
    check_reply(response.json(), message["id"])
    referral = Referral.objects.get(source="fhir")
    patient = next(e["resource"] for e in message["entry"] if e["resource"]["resourceType"] == "Patient")
    numbers = [i["value"] for i in patient.get("identifier", [])]
    assert referral.person.nhs_number == (numbers[0] if numbers else "")
    if patient.get("extension"):
        assert referral.person.ethnic_category == "A"
    if patient.get("generalPractitioner"):
        practice = next(
            e["resource"] for e in message["entry"] if e["fullUrl"] == patient["generalPractitioner"][0]["reference"]
        )
        expected = (practice["identifier"][0]["value"], practice["name"])
        assert (referral.person.gp_practice_code, referral.person.gp_practice_name) == expected


@pytest.mark.parametrize("chain", CHAINS, ids=list(CHAINS))
def test_updates_and_cancellations_change_the_first_referral(client, send, chain):
    names = [n if n.endswith((".xml", ".json")) else _named(n) for n in CHAINS[chain]]
    for name in names:
        message = fresh_id(load(name))
        response = send(client, message)
        assert response.status_code == 200, (name, response.content[:600])
        check_reply(response.json(), message["id"])
    referral = Referral.objects.get(source="fhir")
    assert referral.person.family_name != "not given"
    last = load(names[-1])["entry"][0]["resource"]["reason"]["coding"][0]["code"]
    cancelled = last == "delete" or "revoked" in names[-1].lower()
    assert (referral.status, referral.outcome) == (("closed", "cancelled") if cancelled else ("received", ""))


def test_the_published_nhs_numbers_are_refused_naming_the_nhs_number(client, send):
    """The examples' own NHS number (3478526985) fails Modulus 11: refused, naming the element, nothing saved."""
    message = json.loads(json.dumps(load(_named("xml/REFREQ01"))).replace("3478526981", "3478526985"))
    response = send(client, message)
    assert response.status_code == 422
    expressions = check_refusal(response.json(), "REC_UNPROCESSABLE_ENTITY")
    assert any(e.endswith(".identifier[0].value") for e in expressions)
    assert "NHS number" in response.json()["issue"][0]["diagnostics"]
    assert not Referral.objects.filter(source="fhir").exists()


def test_two_published_messages_sharing_a_bundle_id_conflict(client, send):
    """REFREQ8A and 8B, as published, reuse Bundle id 86e3371d-…: the second is a different message, so 409."""
    first, second = load(_named("xml/REFREQ8A")), load(_named("xml/REFREQ8B"))
    assert first["id"] == second["id"]
    assert send(client, first).status_code == 200
    response = send(client, second)
    assert response.status_code == 409
    assert check_refusal(response.json(), "REC_CONFLICT") == ["Bundle.id"]
    assert Referral.objects.get(source="fhir").person.family_name == "not given"


@pytest.mark.parametrize("prefix", ["xml/REFREQ8B", "xml/SERVREQ01", "xml/SERVREQ02"])
def test_an_update_or_cancellation_for_an_unknown_referral_is_not_found(client, send, prefix):
    response = send(client, load(_named(prefix)))
    assert response.status_code == 404
    assert check_refusal(response.json(), "REC_NOT_FOUND") == ["ServiceRequest"]
    assert not Referral.objects.filter(source="fhir").exists()


def test_the_111_to_ed_example_gives_the_link_worker_what_they_need(client, send):
    """REFREQ01: the person's own numbers come from the contact who is ONESELF, best-ranked first."""
    assert send(client, load(_named("xml/REFREQ01"))).status_code == 200
    person = Referral.objects.get(source="fhir").person
    assert (person.given_name, person.family_name, str(person.date_of_birth)) == ("Julie", "Jones", "1959-05-04")
    assert (person.phone, person.email, person.postcode) == ("07736312544", "jjones@hotmail.co.uk", "LS10 4YU")
    assert (person.gender, person.ethnic_category, person.gp_practice_code) == ("female", "A", "G82080")
