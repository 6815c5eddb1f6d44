"""Hostile FHIR bodies: each gets a 4xx OperationOutcome naming the element, never a 500, and saves nothing."""

from __future__ import annotations

import json

import pytest
from django.test import Client, override_settings

from connected.casework.models import Person, Referral
from connected.casework.validation import LIMITS
from connected.core.models import ApiToken

from .builders import make_world
from .fhir_samples import bundle, service_request_with_contained_patient

ENDPOINTS = ("/fhir/$process-message", "/fhir/ServiceRequest")


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def send(world):
    """POST a body (JSON-encoded unless it is already text) with a referrer's token; 500s come back as status."""
    _, plain = ApiToken.issue(user=world.users["referrer"], name="EMIS at Park Surgery")
    client = Client(raise_request_exception=False)

    def _send(path: str, body) -> object:
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return client.post(path, data=data, content_type="application/fhir+json", HTTP_AUTHORIZATION=f"Bearer {plain}")

    return _send


def _outcome(response, status: int) -> list[str]:
    """The expressions of a refusal, after checking it is an OperationOutcome with that status and saved nothing."""
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/fhir+json")
    body = response.json()
    assert body["resourceType"] == "OperationOutcome" and body["issue"]
    assert not Referral.objects.filter(source="fhir").exists()
    return [e for i in body["issue"] for e in i.get("expression", [])]


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("opener", ["[", '{"a":'])
def test_deep_nesting_is_refused_before_parsing(send, path, opener):
    closer = "]" if opener == "[" else "}"
    assert _outcome(send(path, opener * 100_000 + "1" + closer * 100_000), 400) == ["Bundle"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_nesting_past_64_levels_names_the_element(send, path):
    deep: object = "x"
    for _ in range(70):
        deep = [deep]
    expressions = _outcome(send(path, bundle(**{"entry.5.resource.code": deep})), 400)
    assert expressions[0].startswith("Bundle.entry[5].resource.code[0][0]")


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("value", [["urn:uuid:header-1"], {"a": 1}, 7])
def test_full_url_must_be_a_string(send, path, value):
    assert "Bundle.entry[0].fullUrl" in _outcome(send(path, bundle(**{"entry.0.fullUrl": value})), 400)


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    ("changes", "expression"),
    [
        ({"entry": 7}, "Bundle.entry"),
        ({"entry": {"resource": {}}}, "Bundle.entry"),
        ({"entry.1": "a string"}, "Bundle.entry[1]"),
        ({"entry.1.resource": ["not", "an", "object"]}, "Bundle.entry[1].resource"),
        ({"entry.1.resource.code.coding": {"code": "x"}}, "Bundle.entry[1].resource.code.coding"),
    ],
)
def test_wrong_json_types_are_400_naming_the_element(send, path, changes, expression):
    assert expression in _outcome(send(path, bundle(**changes)), 400)


def test_contained_must_be_a_list_of_objects(send):
    request = service_request_with_contained_patient()
    assert "ServiceRequest.contained" in _outcome(send(ENDPOINTS[1], request | {"contained": 7}), 400)
    assert "ServiceRequest.contained[0]" in _outcome(send(ENDPOINTS[1], request | {"contained": [7]}), 400)


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("body", ["{not json", "NaN", '{"a": 1e400}', b"\xff\xfe", "", "a=1&b=2"])
def test_bodies_that_are_not_json_get_an_operation_outcome(send, path, body):
    _outcome(send(path, body), 400)


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("text", ["nul \u0000 byte", "lone \ud800 surrogate"])
def test_text_a_database_cannot_store_is_refused(send, path, text):
    expressions = _outcome(send(path, bundle(**{"entry.1.resource.note": [{"text": text}]})), 400)
    assert expressions == ["Bundle.entry[1].resource.note[0].text"]


@pytest.mark.parametrize("path", ENDPOINTS)
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_a_body_over_the_size_limit_is_413(send, path):
    big = bundle(**{"entry.1.resource.note": [{"text": "x" * 20_000}]})
    assert _outcome(send(path, big), 413) == ["Bundle"]


def test_a_million_character_reason_is_refused_not_stored(send):
    big = bundle(**{"entry.1.resource.reasonCode": [{"text": "x" * 1_000_000}]})
    expressions = _outcome(send(ENDPOINTS[0], big), 400)
    assert expressions == ["Bundle.entry[1].resource.reasonCode[0].text"]


@pytest.mark.parametrize(
    ("changes", "expression"),
    [
        ({"entry.1.resource.note": [{"text": "n" * (LIMITS["reason"] + 1)}]}, "Bundle.entry[1].resource.note[0].text"),
        ({"entry.1.resource.patientInstruction": "h" * 2001}, "Bundle.entry[1].resource.patientInstruction"),
        (
            {"entry.2.resource.telecom": [{"system": "phone", "value": "0" * 31}]},
            "Bundle.entry[2].resource.telecom[0].value",
        ),
        (
            {"entry.2.resource.name": [{"use": "official", "family": "F" * 101, "given": ["G"]}]},
            "Bundle.entry[2].resource.name[0].family",
        ),
        ({"entry.3.resource.name": [{"text": "D" * 151}]}, "Bundle.entry[3].resource.name[0]"),
        ({"entry.4.resource.name": "O" * 201}, "Bundle.entry[4].resource.name"),
    ],
)
def test_text_past_the_forms_limits_is_refused_not_cut_short(send, changes, expression):
    people = Person.objects.count()
    assert expression in _outcome(send(ENDPOINTS[0], bundle(**changes)), 400)
    assert Person.objects.count() == people


def test_text_at_the_limit_is_taken_whole(send):
    reason = "r" * (LIMITS["reason"] - len("Prefers phone calls in the morning") - 1)
    response = send(ENDPOINTS[0], bundle(**{"entry.1.resource.reasonCode": [{"text": reason}]}))
    assert response.status_code == 200, response.content[:300]
    assert len(Referral.objects.get(source="fhir").reason) == LIMITS["reason"]
