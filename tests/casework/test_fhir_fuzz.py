"""Arbitrary JSON at both FHIR endpoints: never a 5xx, and every refusal an OperationOutcome with an issue.

Run more examples with HYPOTHESIS_FUZZ_EXAMPLES (see tests/fuzz.py).
"""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from connected.core.models import ApiToken
from tests.fuzz import FUZZ, encoded, json_values, mutated, nested

from .builders import make_world
from .fhir_samples import BUNDLE, service_request_with_contained_patient

ENDPOINTS = ("/fhir/$process-message", "/fhir/ServiceRequest")
BUNDLE_SLOTS = [
    "type",
    "entry",
    "entry.0",
    "entry.0.fullUrl",
    "entry.0.resource",
    "entry.0.resource.focus",
    "entry.0.resource.focus.0.reference",
    "entry.0.resource.eventCoding",
    "entry.1",
    "entry.1.fullUrl",
    "entry.1.resource",
    "entry.1.resource.id",
    "entry.1.resource.identifier",
    "entry.1.resource.status",
    "entry.1.resource.priority",
    "entry.1.resource.subject",
    "entry.1.resource.subject.reference",
    "entry.1.resource.requester",
    "entry.1.resource.code",
    "entry.1.resource.code.coding",
    "entry.1.resource.reasonCode",
    "entry.1.resource.reasonCode.0.text",
    "entry.1.resource.note",
    "entry.1.resource.patientInstruction",
    "entry.2.fullUrl",
    "entry.2.resource",
    "entry.2.resource.id",
    "entry.2.resource.name",
    "entry.2.resource.name.0.family",
    "entry.2.resource.identifier",
    "entry.2.resource.identifier.0.value",
    "entry.2.resource.birthDate",
    "entry.2.resource.address",
    "entry.2.resource.address.0.postalCode",
    "entry.2.resource.telecom",
    "entry.2.resource.telecom.0.value",
    "entry.3.resource",
    "entry.3.resource.name",
    "entry.4.resource",
    "entry.4.resource.name",
    "entry.5",
]
REQUEST_SLOTS = [
    "status",
    "identifier",
    "subject",
    "subject.reference",
    "contained",
    "contained.0",
    "contained.0.id",
    "contained.0.name",
    "contained.0.birthDate",
    "contained.0.telecom",
    "reasonCode",
    "reasonCode.0.text",
    "note",
    "code.coding",
    "resourceType",
]
bodies = st.one_of(
    json_values,
    mutated(BUNDLE, BUNDLE_SLOTS),
    mutated(service_request_with_contained_patient(), REQUEST_SLOTS),
    st.integers(min_value=60, max_value=3000).map(nested),
)


@pytest.fixture
def post(db):
    """POST JSON to a FHIR endpoint as a referrer; an exception in the view comes back as a 500, not raised."""
    world = make_world()
    _, plain = ApiToken.issue(user=world.users["referrer"], name="fuzz")
    client = Client(raise_request_exception=False)

    def _post(path: str, body: object):
        return client.post(
            path, data=encoded(body), content_type="application/fhir+json", HTTP_AUTHORIZATION=f"Bearer {plain}"
        )

    return _post


def _check(response) -> None:
    assert response.status_code < 500, response.content[:500]
    assert response["Content-Type"].startswith("application/fhir+json")
    if response.status_code >= 400:
        outcome = response.json()
        assert outcome["resourceType"] == "OperationOutcome" and outcome["issue"], outcome
        assert all(i["diagnostics"] and i["expression"] for i in outcome["issue"]), outcome


@FUZZ
@given(body=bodies)
def test_process_message_never_answers_5xx(post, body):
    _check(post(ENDPOINTS[0], body))


@FUZZ
@given(body=bodies)
def test_service_request_never_answers_5xx(post, body):
    _check(post(ENDPOINTS[1], body))
