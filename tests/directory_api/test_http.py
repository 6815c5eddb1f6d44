"""The HTTP surface: root document, OpenAPI and docs, 404s, CORS on every response, query counts."""

from __future__ import annotations

import uuid

import pytest

from . import factories as f

pytestmark = pytest.mark.django_db

PROFILE_PATHS = {
    "/",
    "/services",
    "/services/{id}",
    "/service_at_locations",
    "/service_at_locations/{id}",
    "/taxonomies",
    "/taxonomies/{id}",
    "/taxonomy_terms",
    "/taxonomy_terms/{id}",
}


def test_root_document_names_the_version_and_an_absolute_openapi_url(api) -> None:
    response = api.get("/api/")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == "HSDS-UK-3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"] == "http://testserver/api/openapi.json"
    assert api.get(body["openapi_url"].removeprefix("http://testserver")).status_code == 200


def test_openapi_lists_the_nine_profile_endpoints_with_their_parameters(api) -> None:
    spec = api.get("/api/openapi.json").json()
    paths = {p.removeprefix("/api") or "/" for p in spec["paths"]}
    assert paths >= PROFILE_PATHS
    assert {"/organizations", "/organizations/{id}"} <= paths
    for path in PROFILE_PATHS:
        assert set(spec["paths"]["/api" + path.rstrip("/") + ("/" if path == "/" else "")]) == {"get"}
    params = {p["name"] for p in spec["paths"]["/api/service_at_locations"]["get"]["parameters"]}
    assert params >= {
        "search", "page", "per_page", "taxonomy_term_id", "taxonomy_id", "minimum_age", "maximum_age",
        "start_time", "end_time", "day", "postcode", "proximity",
    }  # fmt: skip
    services = {p["name"] for p in spec["paths"]["/api/services"]["get"]["parameters"]}
    assert "postcode" in services and "search" in services  # the register's coverage lookup (ADR 0034)
    assert spec["info"]["version"] == "HSDS-UK-3.0"


def test_docs_page_is_served(api) -> None:
    response = api.get("/api/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
    assert b"/static/ninja/swagger-ui-bundle.js" in response.content
    assert b"https://" not in response.content and b"http://" not in response.content  # no CDN


@pytest.mark.parametrize(
    "endpoint", ["services", "service_at_locations", "organizations", "taxonomies", "taxonomy_terms"]
)
@pytest.mark.parametrize("raw_id", [str(uuid.UUID(int=7)), "not-a-uuid", "1234"])
def test_unknown_or_malformed_ids_are_404_json(api, endpoint, raw_id) -> None:
    response = api.get(f"/api/{endpoint}/{raw_id}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert raw_id in response.json()["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/", 200),
        ("/api/services", 200),
        ("/api/services?per_page=1000", 400),
        ("/api/services/nope", 404),
        ("/api/service_at_locations?day=someday", 400),
        ("/api/taxonomies", 200),
        ("/api/taxonomy_terms", 200),
        ("/api/organizations", 200),
        ("/api/openapi.json", 200),
        ("/api/docs", 200),
        ("/api/no-such-endpoint", 404),
        ("/api", 301),
    ],
)
def test_cors_header_on_every_api_response(api, path, status) -> None:
    response = api.get(path)
    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight_is_answered(api) -> None:
    response = api.options(
        "/api/services",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="accept",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert response["Access-Control-Allow-Headers"] == "accept"


def test_pages_outside_the_api_get_no_cors_header(api) -> None:
    response = api.get("/admin/login/")
    assert "Access-Control-Allow-Origin" not in response


def test_a_page_of_50_full_services_costs_a_fixed_handful_of_queries(api, django_assert_max_num_queries) -> None:
    org = f.organization()
    for i in range(5):
        f.service(org, i)
    with django_assert_max_num_queries(16) as few:
        assert len(api.get("/api/services?full=true&per_page=50").json()["contents"]) == 5
    for i in range(5, 50):
        f.service(f.organization(i), i)
    with django_assert_max_num_queries(16) as many:
        assert len(api.get("/api/services?full=true&per_page=50").json()["contents"]) == 50
    assert len(many.captured_queries) == len(few.captured_queries)  # the same however many services


def test_list_pages_cost_two_queries(api, django_assert_max_num_queries) -> None:
    org = f.organization()
    for i in range(20):
        f.service(org, i)
    held = {"services": 20, "service_at_locations": 20, "organizations": 1, "taxonomy_terms": 0, "taxonomies": 0}
    for endpoint, total in held.items():
        with django_assert_max_num_queries(2):  # COUNT and the page
            response = api.get(f"/api/{endpoint}?per_page=50")
        assert response.status_code == 200, endpoint
        assert response.json()["total_items"] == len(response.json()["contents"]) == total, endpoint


def test_one_full_service_and_organization_cost_a_fixed_handful(api, django_assert_max_num_queries) -> None:
    org = f.organization()
    services = [f.service(org, i) for i in range(10)]
    with django_assert_max_num_queries(16):
        response = api.get(f"/api/services/{services[0].id}")
    assert response.status_code == 200 and response.json()["id"] == str(services[0].id)
    with django_assert_max_num_queries(16):
        sal = services[0].service_at_locations.get()
        response = api.get(f"/api/service_at_locations/{sal.id}")
    assert response.status_code == 200 and response.json()["id"] == str(sal.id)
    with django_assert_max_num_queries(17):
        assert len(api.get(f"/api/organizations/{org.id}").json()["services"]) == 10
