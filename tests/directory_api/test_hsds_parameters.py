"""HSDS 3.0's read parameters (issue 19): each works, or says it is not supported; bad values are a 400 naming them.

`organization_id`, `modified_after`, `minimal`, `format=ndjson` (streamed through a keyset, shown here with
chunks of two), the UK profile's own meaning of `minimum_age` / `maximum_age` (ours moved to `age` /
`age_to`), `search` / `parent_id` / `top_only` on the vocabulary lists, and our OpenAPI naming every
parameter of the HSDS 3.0 base OpenAPI with the format of its value.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.http import StreamingHttpResponse

from connected.directory import models as m
from connected.directory.api import harvesting
from connected.directory.search import refresh_index

pytestmark = pytest.mark.django_db
BASE_OPENAPI = Path(__file__).resolve().parent.parent / "fixtures" / "hsds3" / "openapi.json"


@pytest.fixture
def directory(directory) -> dict:
    refresh_index()
    return directory


def listed(api, query: str, endpoint: str = "services") -> set[str]:
    response = api.get(f"/api/{endpoint}?per_page=200&{query}")
    assert response.status_code == 200, response.content
    return {i["service"]["name"] if "service" in i else i["name"] for i in response.json()["contents"]}


def refused(api, query: str, endpoint: str = "services") -> str:
    response = api.get(f"/api/{endpoint}?{query}")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["status"] == 400 and len(body["errors"]) == 1
    return body["errors"][0]["parameter"]


def lines(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse) and response["Content-Type"] == "application/x-ndjson"
    return [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]


def names_where(directory: dict, keep) -> set[str]:
    return {s.name for s in directory["services"] if keep(s)}


@pytest.mark.parametrize("endpoint", ["services", "service_at_locations"])
def test_organization_id(api, directory, endpoint) -> None:
    orgs = directory["organizations"]
    assert listed(api, f"organization_id={orgs[1].id}", endpoint) == names_where(
        directory, lambda s: s.organization_id == orgs[1].id
    )
    either = listed(api, f"organization_id={orgs[0].id},{orgs[2].id}&day=SA", endpoint)  # through the index too
    assert either == names_where(directory, lambda s: s.organization_id in (orgs[0].id, orgs[2].id))
    assert refused(api, "organization_id=council", endpoint) == "organization_id"


@pytest.mark.parametrize("endpoint", ["services", "service_at_locations"])
def test_modified_after(api, directory, endpoint) -> None:
    first, second = directory["services"][:2]
    m.Service.objects.update(last_modified=datetime(2020, 1, 1, tzinfo=UTC), imported_at=None)
    m.Service.objects.filter(pk=first.pk).update(last_modified=datetime(2026, 5, 1, tzinfo=UTC))
    m.Service.objects.filter(pk=second.pk).update(imported_at=datetime(2026, 6, 1, 12, tzinfo=UTC))  # changed here
    assert listed(api, "modified_after=2026-01-01T00:00:00Z", endpoint) == {first.name, second.name}
    assert listed(api, "modified_after=2026-06-01T13:00:00%2B01:00", endpoint) == {second.name}  # 12:00 UTC, inclusive
    assert listed(api, "modified_after=2026-05-02&search=walking", endpoint) == {second.name}
    assert refused(api, "modified_after=yesterday", endpoint) == "modified_after"


@pytest.mark.parametrize("endpoint", ["services", "service_at_locations"])
def test_profile_ages_and_ours(api, directory, endpoint) -> None:
    low = lambda s: s.minimum_age or 0  # noqa: E731 - no minimum counts as 0
    assert listed(api, "minimum_age=18", endpoint) == names_where(directory, lambda s: low(s) >= 18)
    assert listed(api, "minimum_age=0", endpoint) == names_where(directory, lambda s: True)
    assert listed(api, "maximum_age=25", endpoint) == names_where(
        directory, lambda s: s.maximum_age is not None and s.maximum_age <= 25
    )
    indexed_over_18 = names_where(directory, lambda s: low(s) >= 18 and s.status == "active")
    assert listed(api, "minimum_age=18&day=SA", endpoint) == indexed_over_18  # with the index's own filters
    assert "Lunch club" not in listed(api, "age=30", endpoint)  # ours: a person of 30 may join (it is 60+)
    assert refused(api, "maximum_age=200", endpoint) == "maximum_age"


def test_minimal(api, directory) -> None:
    body = api.get("/api/services?minimal=true&per_page=200").json()
    assert {tuple(sorted(i)) for i in body["contents"]} == {("id", "last_modified", "modified_date")}
    assert {i["id"] for i in body["contents"]} == {str(s.id) for s in directory["services"]}
    assert refused(api, "minimal=perhaps") == "minimal"
    assert refused(api, "minimal=true", "service_at_locations") == "minimal"


def test_ndjson_streams_every_item_through_the_keyset(api, directory, monkeypatch) -> None:
    monkeypatch.setattr(harvesting, "CHUNK", 2)  # seven services: four chunks
    everything = lines(api.get("/api/services?format=ndjson"))
    assert sorted(i["id"] for i in everything) == sorted(str(s.id) for s in directory["services"])
    assert [i["id"] for i in everything] == sorted(i["id"] for i in everything)  # by id
    full = lines(
        api.get("/api/services?format=ndjson&full=true&organization_id=" + str(directory["organizations"][1].id))
    )
    assert {i["name"] for i in full} == {"Community choir", "Reading circle", "Lunch club"} and full[0]["contacts"]
    minimal = lines(api.get("/api/services?format=ndjson&minimal=true"))
    assert len(minimal) == 7 and set(minimal[0]) == {"id", "last_modified", "modified_date"}
    places = lines(api.get("/api/service_at_locations?format=ndjson&day=SA"))
    paged = api.get("/api/service_at_locations?per_page=200&day=SA").json()["contents"]
    assert sorted(i["id"] for i in places) == sorted(i["id"] for i in paged)
    terms = lines(api.get("/api/taxonomy_terms?format=ndjson"))
    assert len(terms) == m.TaxonomyTerm.objects.count()
    assert refused(api, "format=xml") == "format"


def test_vocabulary_and_organisation_lists(api, directory) -> None:
    assert listed(api, "search=READ", "taxonomy_terms") == {"Reading"}
    assert listed(api, "search=need", "taxonomies") == {"Needs"}
    walking = directory["terms"]["walking"]
    child = m.TaxonomyTerm.objects.create(name="Nordic walking", parent=walking, taxonomy=walking.taxonomy)
    assert listed(api, f"parent_id={walking.id}", "taxonomy_terms") == {child.name}
    assert child.name not in listed(api, "top_only=true", "taxonomy_terms")
    assert listed(api, "search=" + directory["organizations"][2].name[-4:], "organizations") >= {
        directory["organizations"][2].name
    }
    assert refused(api, "full=true", "organizations") == "full"
    assert refused(api, "full_service=false", "organizations") == "full_service"
    assert refused(api, "parent_id=top", "taxonomy_terms") == "parent_id"
    org = directory["organizations"][1]
    brief = api.get(f"/api/organizations/{org.id}?full_service=false").json()["services"]
    assert {x["name"] for x in brief} == {s.name for s in org.services.all()} and "contacts" not in brief[0]


def test_openapi_names_every_base_parameter_with_its_format(api) -> None:
    ours = api.get("/api/openapi.json").json()
    base = json.loads(BASE_OPENAPI.read_text())
    shared = base["components"]["parameters"]
    for path, operations in base["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            found = [
                shared[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p for p in operation.get("parameters", [])
            ]
            wanted = {p["name"] for p in found if p.get("in", "query") == "query"}
            have = {p["name"]: p for p in ours["paths"][f"/api{path}"][method].get("parameters", [])}
            assert wanted - set(have) == set(), path
    services = {p["name"]: p["schema"] for p in ours["paths"]["/api/services"]["get"]["parameters"]}
    assert services["start_time"]["format"] == "HH:MM" and services["day"]["format"].startswith("MO..SU")
    assert services["modified_after"]["format"].startswith("ISO 8601 date-time")
    assert services["format"]["enum"] == ["json", "ndjson"] and services["organization_id"]["format"].startswith("uuid")
    ndjson = ours["paths"]["/api/services"]["get"]["responses"]["200"]["content"]
    assert set(ndjson) == {"application/json", "application/x-ndjson"}
