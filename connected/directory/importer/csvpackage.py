"""An HSDS CSV data package (services.csv, locations.csv, ...) assembled into ORUK service documents.

File names vary between publishers (`schedule.csv` or `schedules.csv`); we
read both and keep the first row for each id (plural files first, as they
carry HSDS 3.0's full column set). Each child row is attached to every parent
its foreign keys name (HSDS 3.0's own package gives one phone the ids of its
contact, service, location and organisation), so the documents look exactly
like `/services/{id}` and go through the same validation; the importer scopes
the repeated ids to their parents (ADR 0044).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.conf import settings

from .errors import FeedError

TABLES = {
    "services": ("services", "service"),
    "organizations": ("organizations", "organization"),
    "organization_identifiers": ("organization_identifiers", "organization_identifier"),
    "locations": ("locations", "location"),
    "service_at_locations": ("service_at_locations", "service_at_location", "services_at_location"),
    "addresses": ("addresses", "address", "physical_addresses", "postal_addresses"),
    "accessibility": ("accessibility", "accessibilities", "accessibility_for_disabilities"),
    "phones": ("phones", "phone"),
    "contacts": ("contacts", "contact"),
    "schedules": ("schedules", "schedule", "regular_schedules"),
    "cost_options": ("cost_options", "cost_option"),
    "languages": ("languages", "language"),
    "service_areas": ("service_areas", "service_area"),
    "funding": ("funding", "fundings"),
    "programs": ("programs", "program"),
    "required_documents": ("required_documents", "required_document"),
    "taxonomies": ("taxonomies", "taxonomy"),
    "taxonomy_terms": ("taxonomy_terms", "taxonomy_term"),
    "attributes": ("attributes", "attribute"),
}


def read_package(folder: Path, notes: list | None = None) -> list[dict[str, Any]]:
    """The package's services as documents; rows that attach to nothing are noted in `notes` (Problems)."""
    if not folder.is_dir():
        raise FeedError(f"{folder}: no such folder")
    tables = {name: _read(folder, names) for name, names in TABLES.items()}
    if not (folder / "services.csv").exists() and not (folder / "service.csv").exists():
        raise FeedError(f"{folder} has no services.csv")
    assembler = Assembler(tables)
    services = assembler.services()
    if notes is not None:
        notes.extend(assembler.orphans())
    return services


def _read(folder: Path, names: tuple[str, ...]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    ids: set[str] = set()
    for name in names:
        path = folder / f"{name}.csv"
        if not path.is_file():
            continue
        if path.stat().st_size > settings.ORUK_MAX_FEED_BYTES:
            raise FeedError(f"{path} is over the limit of {settings.ORUK_MAX_FEED_BYTES} bytes")
        try:
            reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""), strict=True)
            for number, row in enumerate(reader, start=2):
                if None in row:
                    raise FeedError(f"{path} line {number} has more values than the header has columns")
                clean = {k.strip(): v.strip() for k, v in row.items() if k and v is not None and v.strip() != ""}
                if clean.get("id") and clean["id"] in ids:
                    continue
                ids.add(clean.get("id", ""))
                rows.append(clean)
        except (UnicodeDecodeError, csv.Error) as error:
            raise FeedError(f"{path} cannot be read as UTF-8 CSV: {error}") from None
    return rows


class Assembler:
    def __init__(self, tables: dict[str, list[dict[str, str]]]) -> None:
        self.t = tables
        self.by: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        self.taxonomies = {r["id"]: r for r in tables["taxonomies"] if "id" in r}
        self.terms = {r["id"]: r for r in tables["taxonomy_terms"] if "id" in r}
        self.attributes: dict[str, list[dict]] = defaultdict(list)
        self.linked: set[str] = set()
        for attribute in tables["attributes"]:
            self.attributes[attribute.get("link_id", "")].append(self._attribute(attribute))
        for table, parents in (
            ("phones", ("contact_id", "service_at_location_id", "location_id", "service_id", "organization_id")),
            ("schedules", ("service_at_location_id", "service_id", "location_id")),
            ("languages", ("phone_id", "service_id", "location_id")),
            ("contacts", ("service_at_location_id", "service_id", "location_id", "organization_id")),
            ("funding", ("service_id", "organization_id")),
        ):
            for row in tables[table]:
                for key in parents:
                    if row.get(key):
                        self.by[(table, key, row[key])].append(row)
        for table, key in (
            ("organization_identifiers", "organization_id"), ("service_at_locations", "service_id"),
            ("addresses", "location_id"), ("accessibility", "location_id"), ("cost_options", "service_id"),
            ("service_areas", "service_id"), ("required_documents", "service_id"), ("programs", "organization_id"),
        ):  # fmt: skip
            for row in tables[table]:
                self.by[(table, key, row.get(key, ""))].append(row)
        self.organizations = {r["id"]: r for r in tables["organizations"] if "id" in r}
        self.locations = {r["id"]: r for r in tables["locations"] if "id" in r}
        self.programs = {r["id"]: r for r in tables["programs"] if "id" in r}

    def kids(self, table: str, key: str, value: str) -> list[dict]:
        return [self._with_attributes(dict(r)) for r in self.by.get((table, key, value), [])]

    def _with_attributes(self, row: dict) -> dict:
        if row.get("id") in self.attributes:
            row["attributes"] = self.attributes[row["id"]]
            self.linked.add(row["id"])
        return row

    def orphans(self) -> list:
        from .report import REJECTED, Problem

        return [
            Problem("attribute", a.get("id", ""), "link_id", f"{link!r} names no record in the package", REJECTED)
            for link, items in self.attributes.items()
            if link not in self.linked
            for a in items
        ]

    def _attribute(self, row: dict) -> dict:
        out = dict(row)
        term = self.terms.get(row.get("taxonomy_term_id", ""))
        if term is not None:
            out["taxonomy_term"] = dict(term)
            taxonomy = self.taxonomies.get(term.get("taxonomy_id", ""))
            if taxonomy is not None:
                out["taxonomy_term"]["taxonomy_detail"] = dict(taxonomy)
        return out

    def phones(self, key: str, value: str) -> list[dict]:
        return [
            {**p, "languages": self.kids("languages", "phone_id", p.get("id", ""))}
            for p in self.kids("phones", key, value)
        ]

    def contacts(self, key: str, value: str) -> list[dict]:
        return [{**c, "phones": self.phones("contact_id", c.get("id", ""))} for c in self.kids("contacts", key, value)]

    def services(self) -> list[dict[str, Any]]:
        return [self.service(row) for row in self.t["services"]]

    def service(self, row: dict) -> dict[str, Any]:
        sid = row.get("id", "")
        out: dict[str, Any] = self._with_attributes(dict(row))
        org = self.organizations.get(row.get("organization_id", ""))
        if org is not None:
            out["organization"] = self._with_attributes(
                {
                    **org,
                    "organization_identifiers": self.kids("organization_identifiers", "organization_id", org["id"]),
                    "phones": self.phones("organization_id", org["id"]),
                    "contacts": self.contacts("organization_id", org["id"]),
                    "funding": self.kids("funding", "organization_id", org["id"]),
                    "programs": self.kids("programs", "organization_id", org["id"]),
                }
            )
        if row.get("program_id") in self.programs:
            out["program"] = dict(self.programs[row["program_id"]])
        out["service_at_locations"] = [
            self.service_at_location(sal) for sal in self.kids("service_at_locations", "service_id", sid)
        ]
        for table in ("schedules", "cost_options", "languages", "service_areas", "funding", "required_documents"):
            out[table] = self.kids(table, "service_id", sid)
        out["contacts"] = self.contacts("service_id", sid)
        out["phones"] = self.phones("service_id", sid)
        return out

    def service_at_location(self, sal: dict) -> dict[str, Any]:
        out = dict(sal)
        location = self.locations.get(sal.get("location_id", ""))
        if location is not None:
            lid = location["id"]
            out["location"] = self._with_attributes(
                {
                    **location,
                    "addresses": self.kids("addresses", "location_id", lid),
                    "accessibility": self.kids("accessibility", "location_id", lid),
                    "schedules": self.kids("schedules", "location_id", lid),
                    "languages": self.kids("languages", "location_id", lid),
                    "phones": self.phones("location_id", lid),
                    "contacts": self.contacts("location_id", lid),
                }
            )
        out["schedules"] = self.kids("schedules", "service_at_location_id", sal.get("id", ""))
        out["phones"] = self.phones("service_at_location_id", sal.get("id", ""))
        out["contacts"] = self.contacts("service_at_location_id", sal.get("id", ""))
        return out
