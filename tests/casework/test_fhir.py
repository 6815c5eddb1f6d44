"""FHIR R4 intake: BaRS message bundles and plain ServiceRequests, and OperationOutcomes naming the element."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connected.casework import fhir
from connected.casework.models import Person, Referral
from connected.core.models import ApiToken

from .builders import make_world
from .fhir_samples import PATIENT, bundle, service_request_with_contained_patient


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def token(world):
    _, plain = ApiToken.issue(user=world.users["referrer"], name="EMIS at Park Surgery")
    return plain


def post(client, path, body, token=None, raw=False):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = body if raw else json.dumps(body)
    return client.post(path, data=data, content_type="application/fhir+json", **headers)


def test_message_bundle_creates_a_referral_in_the_right_caseload(world, client, token):
    before = Referral.objects.count()
    response = post(client, "/fhir/$process-message", bundle(), token)
    assert response.status_code == 200, response.content
    reply = response.json()
    assert reply["resourceType"] == "Bundle" and reply["type"] == "message"
    header = reply["entry"][0]["resource"]
    assert header["response"] == {"identifier": "msg-bundle-1", "code": "ok"}
    created = reply["entry"][1]["resource"]
    assert created["resourceType"] == "ServiceRequest"
    referral = Referral.objects.get(pk=created["id"])
    assert Referral.objects.count() == before + 1
    assert response["Location"].endswith(f"/fhir/ServiceRequest/{referral.pk}")
    assert referral.source == "fhir" and referral.urgency == "urgent"
    assert referral.person.nhs_number == "9434765838" and referral.person.postcode == "LS6 2AB"
    assert referral.referrer_name == "Dr Sam Jones" and referral.referrer_organisation == "Park Surgery (B86001)"
    assert "Lonely since his wife died" in referral.reason
    assert referral.external_id == "EMIS-REF-0001"
    # The referrer's organisation runs no scheme, so the postcode (LS) routes it to scheme A.
    assert referral.scheme == world.scheme_a
    # The unknown Flag entry is kept in the payload, not refused.
    assert any(e["resource"]["resourceType"] == "Flag" for e in referral.source_payload["entry"])
    from connected.casework.selectors import caseload

    waiting = caseload(world.users["link_worker"]).waiting
    assert referral in waiting
    assert referral not in caseload(world.users["link_worker_b"]).waiting


def test_resending_the_same_message_does_not_duplicate(world, client, token):
    first = post(client, "/fhir/$process-message", bundle(), token)
    again = post(client, "/fhir/$process-message", bundle(), token)
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert Referral.objects.filter(source="fhir").count() == 1


def test_plain_service_request_with_contained_patient(world, client, token):
    response = post(client, "/fhir/ServiceRequest", service_request_with_contained_patient(), token)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["resourceType"] == "ServiceRequest" and body["status"] == "active"
    assert body["code"]["coding"][0]["code"] == "871731000000106"
    referral = Referral.objects.get(pk=body["id"])
    assert referral.person.family_name == "Babbage"
    read = client.get(f"/fhir/ServiceRequest/{referral.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert read.status_code == 200 and "businessStatus" not in read.json()
    assert read.json()["extension"][0]["valueCodeableConcept"]["text"] == "Received"


def _expressions(response) -> list[str]:
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    return [e for issue in body["issue"] for e in issue.get("expression", [])]


@pytest.mark.parametrize(
    ("changes", "status", "expression"),
    [
        (
            {
                "entry.2.resource": {
                    **PATIENT,
                    "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765918"}],
                }
            },
            422,
            "Bundle.entry[2].resource.identifier[0].value",
        ),
        (
            {"entry.2.resource": {**PATIENT, "address": [{"postalCode": "NOT A CODE"}]}},
            422,
            "Bundle.entry[2].resource.address[0].postalCode",
        ),
        ({"entry.2.resource": {**PATIENT, "birthDate": "2999-01-01"}}, 422, "Bundle.entry[2].resource.birthDate"),
        ({"entry.2.resource": {**PATIENT, "birthDate": "1950-13-40"}}, 400, "Bundle.entry[2].resource.birthDate"),
        ({"entry.2.resource": {**PATIENT, "name": [{"family": "Babbage"}]}}, 422, "Bundle.entry[2].resource.name"),
        (
            {"entry.1.resource.code": {"coding": [{"system": "http://snomed.info/sct", "code": "12345"}]}},
            422,
            "Bundle.entry[1].resource.code",
        ),
        ({"entry.1.resource.status": "bogus"}, 422, "Bundle.entry[1].resource.status"),
        ({"type": "collection"}, 422, "Bundle.type"),
        ({"entry.0.resource": {"resourceType": "Patient"}}, 422, "Bundle.entry[0]"),
    ],
)
def test_bad_payloads_get_an_operation_outcome_naming_the_element(world, client, token, changes, status, expression):
    people, referrals = Person.objects.count(), Referral.objects.count()
    response = post(client, "/fhir/$process-message", bundle(**changes), token)
    assert response.status_code == status, response.content
    assert expression in _expressions(response)
    assert (Person.objects.count(), Referral.objects.count()) == (people, referrals)


def test_not_json_and_not_a_bundle(world, client, token):
    assert post(client, "/fhir/$process-message", "{not json", token, raw=True).status_code == 400
    response = post(client, "/fhir/$process-message", {"resourceType": "Patient"}, token)
    assert response.status_code == 400 and "Bundle" in _expressions(response)


def test_tokens_are_required_and_must_belong_to_someone_who_may_refer(world, client):
    assert post(client, "/fhir/$process-message", bundle()).status_code == 401
    assert post(client, "/fhir/$process-message", bundle(), "wrong-token").status_code == 401
    _, commissioner_token = ApiToken.issue(user=world.users["commissioner"], name="not a referrer")
    assert post(client, "/fhir/$process-message", bundle(), commissioner_token).status_code == 403
    assert Referral.objects.filter(source="fhir").count() == 0


def test_service_request_without_patient(world, client, token):
    request = service_request_with_contained_patient()
    request.pop("contained")
    response = post(client, "/fhir/ServiceRequest", copy.deepcopy(request), token)
    assert response.status_code == 422
    assert "ServiceRequest.subject" in _expressions(response)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


def _mutations():
    """The sample bundle with one element replaced by arbitrary JSON."""
    paths = [
        "type",
        "entry",
        "entry.0",
        "entry.0.resource",
        "entry.1.resource",
        "entry.1.resource.subject",
        "entry.1.resource.code",
        "entry.2.resource",
        "entry.2.resource.name",
        "entry.2.resource.identifier",
        "entry.2.resource.birthDate",
        "entry.2.resource.address",
        "entry.3.resource",
        "entry.4.resource",
    ]
    return st.tuples(st.sampled_from(paths), json_values)


@settings(max_examples=150, deadline=None)
@given(st.one_of(json_values, _mutations()))
def test_parser_never_fails_other_than_with_an_operation_outcome(value):
    """Whatever arrives, the parser returns an intake or a FhirError naming an element: never a crash."""
    data = bundle(**{value[0]: value[1]}) if isinstance(value, tuple) else value
    for parse in (fhir.parse_message, fhir.parse_service_request):
        try:
            parse(data)
        except fhir.FhirError as error:
            assert error.status in (400, 422)
            assert all(issue["expression"] and issue["diagnostics"] for issue in error.issues)
