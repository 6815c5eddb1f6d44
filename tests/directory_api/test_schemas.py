"""Every endpoint's bodies (page 1, the middle page, the last page, and each item in full) against the profile."""

from __future__ import annotations

import pytest

from .conftest import assert_page, assert_valid

pytestmark = pytest.mark.django_db

# endpoint, schema of a list item, schema of a full item, schema of a list item with full=true
ENDPOINTS = [
    ("services", "compiled/service_list.json", "compiled/service.json", "compiled/service.json"),
    (
        "service_at_locations",
        "compiled/service_at_location_list.json",
        "compiled/service_at_location.json",
        "compiled/service_at_location.json",
    ),
    ("organizations", "compiled/organization_list.json", "compiled/organization.json", None),
    ("taxonomies", "taxonomy.json", "taxonomy.json", None),
    ("taxonomy_terms", "taxonomy_term.json", "taxonomy_term.json", None),
]


def _pages(api, endpoint: str, per_page: int, extra: str = "") -> list[dict]:
    first = api.get(f"/api/{endpoint}?per_page={per_page}{extra}").json()
    last = first["total_pages"]
    pages = {1: first}
    for number in sorted({(last + 1) // 2, last}):
        pages[number] = api.get(f"/api/{endpoint}?per_page={per_page}&page={number}{extra}").json()
    return [pages[n] | {"_asked": n} for n in sorted(pages)]


@pytest.mark.parametrize(("endpoint", "item_schema", "full_schema", "full_list_schema"), ENDPOINTS)
def test_first_middle_and_last_pages_and_every_item_match_the_schemas(
    api, directory, endpoint, item_schema, full_schema, full_list_schema
) -> None:
    seen = []
    pages = _pages(api, endpoint, per_page=1 if endpoint == "taxonomies" else 2)
    assert len(pages) >= 2, "the fixture must span several pages"
    for page in pages:
        assert_page(page, page["_asked"])
        assert page["contents"], f"page {page['_asked']} is empty"
        for item in page["contents"]:
            assert_valid(item, item_schema)
            response = api.get(f"/api/{endpoint}/{item['id']}")
            assert response.status_code == 200
            assert response["Content-Type"] == "application/json"
            assert response.json()["id"] == item["id"]
            assert_valid(response.json(), full_schema)
            seen.append(item["id"])
    assert len(seen) == len(set(seen))
    if full_list_schema:
        for page in _pages(api, endpoint, per_page=3, extra="&full=true"):
            for item in page["contents"]:
                assert_valid(item, full_list_schema)


def test_full_service_has_every_child(api, directory) -> None:
    svc = directory["services"][0]
    body = api.get(f"/api/services/{svc.id}").json()
    for children in ("phones", "schedules", "service_areas", "languages", "funding", "cost_options", "contacts"):
        assert body[children], children
    assert {a["taxonomy_term"]["name"] for a in body["attributes"]} == {"Walking", "Lonely"}
    (sal,) = body["service_at_locations"]
    location = sal["location"]
    for children in ("addresses", "accessibility", "phones", "languages"):
        assert location[children], children
    assert sal["schedules"][0]["byday"] == "1SA"
    org = body["organization"]
    assert org["organization_identifiers"][0]["identifier"] == "100000"
    assert org["phones"] and org["funding"]
    assert body["contacts"][0]["phones"][0]["languages"][0]["code"] == "cy"


def test_service_at_location_in_full_has_location_and_service(api, directory) -> None:
    svc = directory["services"][3]
    sal = svc.service_at_locations.get()
    body = api.get(f"/api/service_at_locations/{sal.id}").json()
    assert body["service"]["id"] == str(svc.id)
    assert body["location"]["id"] == str(sal.location_id)
    assert body["location"]["attributes"][0]["taxonomy_term"]["name"] == "Reading"
    assert body["schedules"][0]["freq"] == "MONTHLY"
    assert "service_at_locations" not in body["service"]


def test_organization_in_full_lists_its_services_in_full(api, directory) -> None:
    org = directory["organizations"][1]
    body = api.get(f"/api/organizations/{org.id}").json()
    assert [s["name"] for s in body["services"]] == ["Community choir", "Lunch club", "Reading circle"]
    assert all(s["service_at_locations"] for s in body["services"])
    assert body["attributes"][0]["taxonomy_term"]["name"] == "Singing"


def test_taxonomy_in_full_lists_its_terms(api, directory) -> None:
    taxonomy = directory["taxonomies"][0]
    body = api.get(f"/api/taxonomies/{taxonomy.id}").json()
    assert sorted(t["name"] for t in body["taxonomy_terms"]) == ["All activities", "Reading", "Singing", "Walking"]
    term = api.get(f"/api/taxonomy_terms/{directory['terms']['walking'].id}").json()
    assert term["taxonomy_id"] == str(taxonomy.id)
    assert term["taxonomy"] == "Activities"
    assert term["term"] == term["name"] == "Walking"
    assert term["parent_id"]


def test_taxonomy_terms_filtered_by_taxonomy(api, directory) -> None:
    needs = directory["taxonomies"][1]
    body = api.get(f"/api/taxonomy_terms?taxonomy_id={needs.id}").json()
    assert sorted(t["name"] for t in body["contents"]) == ["All needs", "Bereaved", "Lonely"]
    bad = api.get("/api/taxonomy_terms?taxonomy_id=nope")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["parameter"] == "taxonomy_id"


def test_empty_directory_is_one_empty_page(api, db) -> None:
    for endpoint in ("services", "service_at_locations", "organizations", "taxonomies", "taxonomy_terms"):
        body = api.get(f"/api/{endpoint}").json()
        assert {k: v for k, v in body.items()} == {
            "total_items": 0,
            "total_pages": 1,
            "page_number": 1,
            "size": 0,
            "first_page": True,
            "last_page": True,
            "empty": True,
            "contents": [],
        }


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"id": "not-a-uuid", "name": "x", "status": "active"}, "compiled/service.json"),
        ({"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "x"}, "compiled/service.json"),
        ({"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "x", "status": "open"}, "compiled/service_list.json"),
        (
            {"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "x", "status": "active", "assured_date": "1/2/2025"},
            "compiled/service.json",
        ),
        (
            {
                "id": "3f7b145d-84af-42d7-8fae-eaca714b02b2",
                "name": "x",
                "status": "active",
                "schedules": [{"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "opens_at": "10am"}],
            },
            "compiled/service.json",
        ),
        ({"id": "3f7b145d-84af-42d7-8fae-eaca714b02b2", "name": "x", "description": None}, "taxonomy_term.json"),
    ],
)
def test_the_schema_check_itself_catches_bad_bodies(body, name) -> None:
    with pytest.raises(AssertionError):
        assert_valid(body, name)
