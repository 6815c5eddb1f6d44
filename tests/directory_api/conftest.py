"""Fixtures for the published ORUK API: a small rich directory, and the profile's schemas as validators."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from connected.directory.oruk_validity import FORMATS as _formats
from connected.directory.oruk_validity import OrukValidator

from . import factories as f

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SCHEMAS = Path(settings.SHARED_DIR) / "standards" / "openreferral" / "schema"
PAGE_FIELDS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
}


@cache
def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        if path.name != "openapi.json":
            resources.append((path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def schema_validator(name: str) -> Draft202012Validator:
    """'compiled/service.json', 'taxonomy.json', ...: a validator that also checks formats."""
    schema = json.loads((SCHEMAS / name).read_text())
    return OrukValidator(schema, registry=_registry(), format_checker=_formats)


def assert_valid(body: dict, name: str) -> None:
    errors = sorted(schema_validator(name).iter_errors(body), key=lambda e: list(e.absolute_path))
    assert not errors, f"{name}: " + "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def assert_page(body: dict, page: int) -> None:
    for field, kind in PAGE_FIELDS.items():
        assert type(body[field]) is kind, field
    assert body["page_number"] == page
    assert body["size"] == len(body["contents"])
    assert isinstance(body["contents"], list)


@pytest.fixture
def api() -> Client:
    return Client()


@pytest.fixture
def directory(db) -> dict:
    """Seven services across three organisations (one with none), two taxonomies, every child table used."""
    activities, (walking, singing, reading) = f.taxonomy_with_terms("Activities")
    needs, (lonely, _) = f.taxonomy_with_terms("Needs", ("lonely", "bereaved"))
    orgs = [f.organization(i) for i in range(3)]
    services = [
        f.service(orgs[0], 0, terms=(walking, lonely)),
        f.service(orgs[0], 1, terms=(walking,), byday="MO,WE", minimum_age=0, maximum_age=None),
        f.service(
            orgs[1], 2, terms=(singing,), name="Community choir", byday="TH", opens=f.time(18), closes=f.time(20)
        ),
        f.service(orgs[1], 3, terms=(reading, lonely), name="Reading circle", minimum_age=None, maximum_age=None),
        f.service(orgs[1], 4, name="Lunch club", status="temporarily closed", byday="2FR", minimum_age=60),
        f.service(orgs[2], 5, name="Digital skills drop-in", latitude=None, longitude=None, maximum_age=25),
        f.service(None, 6, name="Men's shed", description="", byday="SA", opens=None, closes=None),
    ]
    f.tag(reading, "location", services[3].service_at_locations.get().location)
    f.tag(singing, "organization", orgs[1])
    return {
        "services": services,
        "organizations": orgs,
        "taxonomies": [activities, needs],
        "terms": {"walking": walking, "singing": singing, "reading": reading, "lonely": lonely},
    }
