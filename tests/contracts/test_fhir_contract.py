"""The FHIR endpoints under /fhir/ keep the contract of their OpenAPI document (connected/casework/bars/openapi.py).

Generated bodies and ids, with a valid token, without one and with a wrong one: never a 5xx, always FHIR JSON,
and every refusal an OperationOutcome with at least one issue. The BaRS examples (tests/casework) prove the
accepted paths; this proves the edges.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from schemathesis import Case

from connected.core.models import ApiToken
from tests.casework.builders import make_world

from .checks import CONTRACT_SETTINGS, EXCLUDED_CHECKS, header
from .conftest import APPLICATION

fhir = schemathesis.openapi.from_wsgi("/fhir/openapi.json", APPLICATION)


@pytest.fixture
def token(wsgi_db) -> str:
    world = make_world()
    return ApiToken.issue(user=world.users["referrer"], name="contract test")[1]


def holds(case: Case, response) -> None:
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
    content_type = (header(response, "Content-Type") or "").split(";")[0]
    assert content_type == "application/fhir+json", content_type
    body = json.loads(response.text)
    if response.status_code >= 400:
        assert body["resourceType"] == "OperationOutcome", body
        assert body["issue"] and all(issue.get("diagnostics", "").strip() for issue in body["issue"]), body


def test_the_document_lists_the_four_operations() -> None:
    operations = {(op.method.upper(), op.path) for op in (r.ok() for r in fhir.get_all_operations())}
    assert operations == {
        ("GET", "/fhir/metadata"),
        ("POST", "/fhir/$process-message"),
        ("POST", "/fhir/ServiceRequest"),
        ("GET", "/fhir/ServiceRequest/{id}"),
    }


@fhir.parametrize()
@CONTRACT_SETTINGS
def test_every_operation_keeps_its_contract_with_a_valid_token(case: Case, token) -> None:
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    case.validate_response(response, excluded_checks=EXCLUDED_CHECKS)
    holds(case, response)


@fhir.parametrize()
@CONTRACT_SETTINGS
def test_without_a_valid_token_nothing_is_made_or_shown(case: Case, token) -> None:
    response = case.call(headers={"Authorization": "Bearer not-a-token"})
    holds(case, response)
    if case.path != "/fhir/metadata":
        assert response.status_code in (401, 404, 405), response.status_code
