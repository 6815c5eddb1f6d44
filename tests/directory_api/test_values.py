"""How values are written: our UUIDs, ISO dates, HH:MM:SS times, numbers for money, empties left out."""

from __future__ import annotations

from datetime import time

import pytest

from connected.directory import models as m

from . import factories as f

pytestmark = pytest.mark.django_db


def test_values_are_written_as_the_profile_expects(api) -> None:
    org = f.organization()
    svc = f.service(org, 1, minimum_age=0, maximum_age=None, alternate_name="", opens=time(9, 5), closes=time(17, 30))
    body = api.get(f"/api/services/{svc.id}").json()
    assert body["id"] == str(svc.id) and body["organization_id"] == str(org.id)  # our ids, not a feed's
    assert body["minimum_age"] == 0  # a zero is a value, not an empty
    assert "maximum_age" not in body and "alternate_name" not in body  # empties are left out, never null
    assert None not in _all_values(body)
    assert body["assured_date"] == "2025-01-31"
    assert body["last_modified"] == "2025-02-01T09:30:00+00:00"
    schedule = body["schedules"][0]
    assert (schedule["opens_at"], schedule["closes_at"]) == ("09:05:00", "17:30:00")
    amounts = sorted(c["amount"] for c in body["cost_options"])
    assert amounts == [0, 1.5] and all(isinstance(a, int | float) for a in amounts)
    assert body["fees"] == body["fees_description"] == "Free, donations welcome"


def test_required_fields_are_present_even_when_empty(api) -> None:
    org = m.Organization.objects.create(name="No description")
    term = m.TaxonomyTerm.objects.create(name="Bare term")
    svc = m.Service.objects.create(name="Bare", organization=org)
    location = m.Location.objects.create()
    m.ServiceAtLocation.objects.create(service=svc, location=location)
    m.Address.objects.create(location=location, address_1="1 High Street")
    body = api.get(f"/api/services/{svc.id}").json()
    assert body["organization"]["description"] == ""
    address = body["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["city"], address["state_province"], address["postal_code"]) == ("", "", "")
    assert api.get(f"/api/taxonomy_terms/{term.id}").json() == {
        "id": str(term.id),
        "name": "Bare term",
        "description": "",
        "term": "Bare term",
    }


def test_every_status_is_published(api) -> None:
    for status in m.Service.Status.values:
        m.Service.objects.create(name=f"Group {status}", status=status)
    statuses = {s["status"] for s in api.get("/api/services").json()["contents"]}
    assert statuses == set(m.Service.Status.values)


def _all_values(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _all_values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _all_values(value)
    else:
        yield node
