"""Fidelity (issue 19): the official HSDS 3.0 and UK-profile examples, JSON and CSV, go in and come back out.

Each example is imported with `import_oruk`, published by our API (`/services/{id}` and, for the
organisation's own locations, `/organizations/{id}`) and compared field by field: every field of every
record in the example must be in the published record of the same kind under the same kind of parent
(ids apart: we publish our own). The only values allowed to go are those the import report names as
ignored (the HSDS example's latitude of 100). Metadata records are not kept: the UK profile drops them.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from connected.directory import models as m
from tests.directory_import.conftest import run_import

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db

HSDS = FIXTURES / "hsds3"
UK = Path(settings.SHARED_DIR) / "standards" / "openreferral" / "examples"
ENTITY = {
    "phones": "phone", "languages": "language", "schedules": "schedule", "service_areas": "service_area",
    "service_at_locations": "service_at_location", "location": "location", "locations": "location",
    "addresses": "address", "accessibility": "accessibility", "contacts": "contact", "organization": "organization",
    "funding": "funding", "cost_options": "cost_option", "program": "program", "programs": "program",
    "required_documents": "required_document", "organization_identifiers": "organization_identifier",
    "attributes": "attribute", "taxonomy_term": "taxonomy_term", "taxonomy_detail": "taxonomy",
}  # fmt: skip
NOT_KEPT = {"metadata"}  # HSDS's change log: not in the UK profile
Record = tuple[str, str, frozenset]  # (parent entity, entity, its (field, value) pairs)


def norm(key: str, value: Any) -> str:
    """One spelling per value: the importer's documented cleaning (quotes round a number, Z for UTC) undone."""
    text = str(value).strip()
    if key == "number":
        return text.strip("\"'").strip()
    if key == "currency":
        return text.upper()
    if key == "last_modified":
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC).isoformat()
    try:
        return str(Decimal(text).normalize())
    except InvalidOperation:
        return text


LINKS = {"id", "link_entity"}  # links are compared by position; link_entity is where the attribute sits


def own_fields(item: dict, ignored: set[str] = frozenset()) -> frozenset:
    return frozenset(
        (k, norm(k, v))
        for k, v in item.items()
        if not isinstance(v, dict | list) and k not in LINKS and not k.endswith("_id") and k not in ignored and v != ""
    )


def records(doc: dict, entity: str = "service", parent: str = "", ignored: dict | None = None) -> list[Record]:
    out = [(parent, entity, own_fields(doc, (ignored or {}).get(entity, set())))]
    for key, value in doc.items():
        if key in NOT_KEPT or key not in ENTITY:
            continue
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict):
                out += records(child, ENTITY[key], entity, ignored)
    return out


def missing(expected: list[Record], published: list[Record]) -> list[Record]:
    """Expected records with no published record (same parent and kind) holding all their fields; each used once."""
    pool = Counter(published)
    lost = []
    for record in sorted(expected, key=lambda r: -len(r[2])):
        match = next((p for p in pool if pool[p] and p[:2] == record[:2] and record[2] <= p[2]), None)
        if match is None:
            lost.append(record)
        else:
            pool[match] -= 1
    return lost


def publish(client: Client) -> dict:
    """The one imported service in full, with its organisation's own locations from /organizations/{id}."""
    service = client.get(f"/api/services/{m.Service.objects.get().id}").json()
    org = client.get(f"/api/organizations/{service['organization']['id']}").json()
    service["organization"]["locations"] = org["locations"]
    return service


def ignored_by_report(feed: m.Feed, rejected: set[tuple[str, str]] = frozenset()) -> dict[str, set[str]]:
    """What the report says was dropped: values ignored, and only the `rejected` (entity, id) records."""
    assert {(p["entity"], p["id"]) for p in feed.last_report if p["action"] != "value ignored"} == rejected
    out: dict[str, set[str]] = {}
    for p in feed.last_report:
        if p["action"] == "value ignored":
            out.setdefault(p["entity"], set()).add(p["field"])
    if "latitude" in out.get("location", ()) or "longitude" in out.get("location", ()):
        out["location"] |= {"latitude", "longitude"}  # one bad coordinate drops the pair, as the report says
    return out


@pytest.mark.parametrize("example", [HSDS / "service_full.json", UK / "service_full.json"], ids=["hsds", "uk"])
def test_json_example_round_trips_with_nothing_lost(example: Path, client: Client) -> None:
    run_import(str(example), "--feed", "Example")
    feed = m.Feed.objects.get(name="Example")
    ignored = ignored_by_report(feed)
    source = json.loads(example.read_text())
    published = publish(client)
    assert missing(records(source, ignored=ignored), records(published)) == []
    if example.parent == HSDS:  # the ids it repeats under several parents are kept, one record each (ADR 0044)
        assert ignored == {"location": {"latitude", "longitude"}}
        assert (m.Phone.objects.count(), m.Contact.objects.count(), m.Schedule.objects.count()) == (8, 4, 3)
        assert published["program"]["name"] == "Community Mental Health Support"
        assert published["wait_time"] == "wait_time" and published["licenses"] == "licences"
        assert published["organization"]["tax_status"] == "tax_status"
    else:  # the UK profile's own names for the service area and accessibility texts
        area = published["service_areas"][0]
        assert area["service_area"] == source["service_areas"][0]["service_area"] == area["name"]
        access = published["service_at_locations"][0]["location"]["accessibility"][0]
        assert (
            access["accessibility"]
            == source["service_at_locations"][0]["location"]["accessibility"][0]["accessibility"]
        )


CSV_ENTITY = {
    "services": "service", "organizations": "organization", "programs": "program", "locations": "location",
    "service_at_location": "service_at_location", "addresses": "address", "accessibility": "accessibility",
    "phones": "phone", "contacts": "contact", "schedules": "schedule", "cost_options": "cost_option",
    "languages": "language", "service_areas": "service_area", "funding": "funding",
    "required_documents": "required_document", "organization_identifiers": "organization_identifier",
    "taxonomy_terms": "taxonomy_term", "taxonomies": "taxonomy", "attributes": "attribute", "attribute": "attribute",
}  # fmt: skip
# A row of these names each of its parents by id; it must come back under every one of them.
PARENT_KEYS = {
    "phone": ("contact_id", "service_at_location_id", "location_id", "service_id", "organization_id"),
    "schedule": ("service_at_location_id", "service_id", "location_id"),
    "contact": ("service_at_location_id", "service_id", "location_id", "organization_id"),
    "language": ("phone_id", "service_id", "location_id"),
    "funding": ("service_id", "organization_id"),
}


# Both packages' one attribute links to an id that is in neither (f28dd44b...): rightly rejected, and reported.
ORPHAN = ("attribute", "ae58cc39-8b70-4ab1-8aea-786882e5ac8e")
# Terms and taxonomies come in with the records that use them; the packages' only use is that attribute.
VOCABULARY = {"taxonomy", "taxonomy_term"}


@pytest.mark.parametrize("package", [HSDS / "csv", UK / "csv"], ids=["hsds", "uk"])
def test_csv_example_round_trips_with_nothing_lost(package: Path, client: Client) -> None:
    run_import(str(package), "--feed", "Example")
    ignored = ignored_by_report(m.Feed.objects.get(name="Example"), rejected={ORPHAN})
    published = Counter((entity, fields) for _, entity, fields in records(publish(client)))
    tables = {  # the UK package's singular duplicates (schedule.csv beside schedules.csv...) left out
        CSV_ENTITY[path.stem]: list(csv.DictReader(path.open(encoding="utf-8-sig")))
        for path in sorted(package.glob("*.csv"))
        if path.stem in CSV_ENTITY
    }
    ids = {f"{entity}_id": {row["id"] for row in rows} for entity, rows in tables.items()}
    lost = []
    for entity, rows in tables.items():
        if entity in VOCABULARY:
            continue
        for row in rows:
            if (entity, row.get("id")) == ORPHAN:
                continue
            fields = own_fields(row, ignored.get(entity, set()))
            # The examples name some parents that are not in the package (a contact's organisation ae67a707...).
            parents = sum(1 for key in PARENT_KEYS.get(entity, ()) if row.get(key) in ids.get(key, ())) or 1
            found = sum(n for (e, f), n in published.items() if e == entity and fields <= f)
            if found < parents:
                lost.append((entity, row.get("id"), found, parents))
    assert lost == []


def test_scoped_ids_stay_put_when_only_another_service_changes(tmp_path: Path) -> None:
    """Two services share the example's organisation; re-importing after only the second changed keeps every
    record where it was (the first is skipped unchanged, so the shared block is planned by the second)."""
    first = json.loads((HSDS / "service_full.json").read_text())
    second = json.loads(json.dumps(first).replace(first["id"], "second-service").replace("e94c9f38", "0f0f0f0f"))
    feed_file = tmp_path / "feed.json"
    feed_file.write_text(json.dumps([first, second]))
    run_import(str(feed_file), "--feed", "Twins")
    tables = (m.Phone, m.Contact, m.Schedule, m.Language, m.Funding)
    before = {t.__name__: sorted(t.objects.values_list("source_id", "service_id")) for t in tables}
    second["name"] = "Community Counselling (evenings)"
    feed_file.write_text(json.dumps([first, second]))
    out, _ = run_import(str(feed_file), "--feed", "Twins")
    assert "added 0, updated 1, unchanged 1" in out
    after = {t.__name__: sorted(t.objects.values_list("source_id", "service_id")) for t in tables}
    assert after == before
    assert not [p for p in m.Feed.objects.get(name="Twins").last_report if p["action"] == "rejected"]
    assert m.Phone.objects.filter(service__source_id=first["id"]).count() == 1
