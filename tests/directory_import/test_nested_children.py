"""Contacts hang off organisations, locations and service_at_locations too; organisations have funding."""

from __future__ import annotations

import pytest

from connected.directory import models as m
from connected.directory.importer import import_services

pytestmark = pytest.mark.django_db


def _service() -> dict:
    return {
        "id": "svc-1",
        "name": "Lunch club",
        "organization": {
            "id": "org-1",
            "name": "Age Friendly Leeds",
            "funding": [{"id": "fund-1", "source": "The National Lottery Community Fund"}],
            "contacts": [{"id": "c-org", "name": "Office", "email": "office@example.org"}],
        },
        "service_at_locations": [
            {
                "id": "sal-1",
                "contacts": [
                    {"id": "c-sal", "name": "Session lead", "phones": [{"id": "p-1", "number": "0113 4960000"}]}
                ],
                "location": {
                    "id": "loc-1",
                    "organization_id": "org-1",
                    "name": "Park pavilion",
                    "contacts": [{"id": "c-loc", "name": "Caretaker", "title": "Keys"}],
                },
            }
        ],
    }


def test_every_parent_brings_its_contacts_and_the_organisation_its_funding() -> None:
    feed = m.Feed.objects.create(name="Leeds", kind=m.Feed.Kind.LOCAL)
    result = import_services(feed, [_service()])
    assert result.counts()["rejected"] == 0
    org = m.Organization.objects.get(source_id="org-1")
    location = m.Location.objects.get(source_id="loc-1")
    assert location.organization_id == org.id
    assert m.Funding.objects.get(source_id="fund-1").organization_id == org.id
    assert m.Contact.objects.get(source_id="c-org").organization_id == org.id
    assert m.Contact.objects.get(source_id="c-loc").location_id == location.id
    sal_contact = m.Contact.objects.get(source_id="c-sal")
    assert sal_contact.service_at_location.source_id == "sal-1"
    assert m.Phone.objects.get(source_id="p-1").contact_id == sal_contact.id


def test_a_contact_the_feed_drops_from_a_location_goes() -> None:
    feed = m.Feed.objects.create(name="Leeds", kind=m.Feed.Kind.LOCAL)
    import_services(feed, [_service()])
    changed = _service()
    changed["service_at_locations"][0]["location"]["contacts"] = []
    changed["organization"]["funding"][0]["source"] = "Leeds City Council"
    import_services(feed, [changed])
    assert not m.Contact.objects.filter(source_id="c-loc").exists()
    assert m.Funding.objects.get(source_id="fund-1").source == "Leeds City Council"
