"""The Open Referral UK API at /api/ keeps the contract its own OpenAPI document publishes.

Schemathesis reads /api/openapi.json from the app in-process and generates requests for every
operation (valid and invalid parameters alike) against a small directory in the test database.
Every response must be documented (status, content type, body schema), never a 5xx, carry CORS,
and any 4xx must be a JSON Problem naming what was wrong.
"""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
import schemathesis
from django.test import Client
from hypothesis import event
from schemathesis import Case

from .checks import CONTRACT_SETTINGS, EXCLUDED_CHECKS, assert_oruk_problem, header, json_body
from .conftest import APPLICATION

oruk = schemathesis.openapi.from_wsgi("/api/openapi.json", APPLICATION)

ID_ENDPOINTS = ("services", "service_at_locations", "organizations", "taxonomies", "taxonomy_terms")


def test_the_schema_lists_only_get_operations_and_every_one_is_tested() -> None:
    """The generated tests below cover what the document lists; a new operation joins them without edits."""
    operations = [result.ok() for result in oruk.get_all_operations()]
    assert {op.method.upper() for op in operations} == {"GET"}
    assert {op.path for op in operations} >= {"/api/", "/api/services", *(f"/api/{e}/{{id}}" for e in ID_ENDPOINTS)}


@oruk.parametrize()
@CONTRACT_SETTINGS
def test_every_operation_keeps_its_contract(case: Case, small_directory) -> None:
    response = case.call()
    event(f"status {response.status_code}")
    case.validate_response(response, excluded_checks=EXCLUDED_CHECKS)
    assert header(response, "Access-Control-Allow-Origin") == "*"
    if case.method.upper() != "GET":
        # Schemathesis also tries methods the operation does not have: a 405 Problem that says what is allowed.
        assert response.status_code == 405
        assert "GET" in (header(response, "Allow") or "")
        body = json_body(response)
        assert body["status"] == 405 and "not allowed here; use GET" in body["detail"], body
    elif 400 <= response.status_code < 500:
        assert_oruk_problem(case, response)
    elif (header(response, "Content-Type") or "").startswith("application/x-ndjson"):  # format=ndjson
        assert response.status_code == 200
        assert all(isinstance(json.loads(line), dict) for line in response.text.splitlines())
    else:
        assert response.status_code == 200
        body = json_body(response)
        if "contents" in body:  # a page: its counts agree with what it holds
            assert body["size"] == len(body["contents"]) <= body["total_items"]
            assert body["empty"] == (body["size"] == 0)
            assert body["page_number"] >= 1
            assert body["total_pages"] >= 1


@pytest.mark.parametrize("endpoint", ID_ENDPOINTS)
def test_every_published_row_is_found_and_documented(endpoint: str, small_directory) -> None:
    """Generated ids almost never exist; here each real id is fetched and held to the same contract."""
    operation = oruk[f"/api/{endpoint}/{{id}}"]["GET"]
    ids = small_directory[endpoint]
    assert ids
    for row_id in ids:
        case = operation.Case(path_parameters={"id": row_id})
        response = case.call()
        case.validate_response(response, excluded_checks=EXCLUDED_CHECKS)
        assert response.status_code == 200, (row_id, response.content[:300])
        assert json_body(response)["id"] == row_id
        assert header(response, "Access-Control-Allow-Origin") == "*"


@pytest.mark.parametrize("path", ["/api/services/a%2Fb", "/api/no-such-list", "/api/services/x/y"])
def test_a_path_the_api_does_not_have_is_a_problem_not_the_site_page(path: str, small_directory) -> None:
    """Formerly O1: Django's HTML 404 page answered ids holding an encoded '/' (tests/contracts/README.md)."""
    response = Client().get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body == {"status": 404, "detail": f"No API resource at {unquote(path)}", "errors": []}
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("endpoint", ["services", "service_at_locations", "organizations", "taxonomies"])
def test_list_pages_hold_the_directory_and_match_the_page_schema(endpoint: str, small_directory) -> None:
    operation = oruk[f"/api/{endpoint}"]["GET"]
    case = operation.Case(query={"per_page": 200})
    response = case.call()
    case.validate_response(response, excluded_checks=EXCLUDED_CHECKS)
    body = json_body(response)
    assert {item["id"] for item in body["contents"]} == set(small_directory[endpoint])
    assert body["total_items"] == len(small_directory[endpoint])
