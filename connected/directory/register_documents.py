"""A scheme, as the register holds it, written out as an ORUK service document for the importer.

Schemes enter the directory the way any listing does (demo, CSV register, another Connected's API):
as service documents through `import_services`, so the same validation and report apply, and what
the API publishes reads back in unchanged (ADR 0034).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from .register import (
    KIND_LABELS,
    NAMESPACE,
    REGISTER_TAXONOMY,
    ROUTES,
    ROUTES_TAXONOMY,
    SCHEME_TERM_CODE,
    SCHEME_TERM_NAME,
    area_uri,
    term_id,
)

SYNTHETIC_NOTE = "Synthetic: made up for the demonstration, not a real service."


@dataclass
class SchemeSpec:
    """Everything the register says about one scheme. `key` is its stable id in the feed."""

    key: str
    name: str
    organisation: str
    organisation_kind: str = "other"  # core Organisation.Kind value
    description: str = ""
    areas: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, code, name)
    routes: dict[str, str] = field(default_factory=dict)  # route code (ROUTES) -> address, URL or number
    eligibility: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    languages: list[str] = field(default_factory=list)
    hours: str = ""  # "MO,TU,WE,TH,FR 09:00-17:00"
    synthetic: bool = False


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _term(taxonomy: str, code: str, name: str) -> dict:
    return {
        "id": term_id(taxonomy, code),
        "code": code,
        "name": name,
        "description": name,
        "taxonomy": taxonomy,
        "taxonomy_id": _id(taxonomy),
    }


def _attribute(service_id: str, term: dict, value: str = "") -> dict:
    return {
        "id": _id(service_id, "attribute", term["code"]),
        "link_id": service_id,
        "link_entity": "service",
        "link_type": term["taxonomy"],
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
        "value": value,
    }


def _hours(service_id: str, hours: str) -> list[dict]:
    """One weekly schedule from "MO,TU 09:00-17:00"; none for empty text."""
    if not hours.strip():
        return []
    days, _, times = hours.strip().partition(" ")
    opens, _, closes = times.partition("-")
    schedule = {"id": _id(service_id, "schedule"), "freq": "WEEKLY", "byday": days, "description": hours.strip()}
    if opens and closes:
        schedule |= {"opens_at": opens.strip(), "closes_at": closes.strip()}
    return [schedule]


def scheme_document(spec: SchemeSpec) -> dict:
    """The ORUK service document for one scheme (stable ids, so re-importing updates in place)."""
    sid = _id("scheme", spec.key)
    description = spec.description or f"Social prescribing link workers for people living in {_where(spec)}."
    if spec.synthetic:
        description = f"{description} {SYNTHETIC_NOTE}"
    attributes = [_attribute(sid, _term(REGISTER_TAXONOMY, SCHEME_TERM_CODE, SCHEME_TERM_NAME))]
    attributes += [
        _attribute(sid, _term(ROUTES_TAXONOMY, code, ROUTES[code]), value)
        for code, value in spec.routes.items()
        if code in ROUTES
    ]
    document = {
        "id": sid,
        "name": spec.name,
        "description": description,
        "status": "active",
        "application_process": _how_to_refer(spec),
        "eligibility_description": spec.eligibility,
        "minimum_age": spec.minimum_age,
        "maximum_age": spec.maximum_age,
        "organization": {
            "id": _id("organisation", spec.organisation),
            "name": spec.organisation,
            "description": spec.organisation,
            "legal_status": spec.organisation_kind,
        },
        "service_areas": [
            {
                "id": _id(sid, "area", kind, code),
                "name": name or code,
                "description": f"{KIND_LABELS[kind]} {code}",
                "extent": code,
                "extent_type": "text",
                "uri": area_uri(kind, code),
            }
            for kind, code, name in spec.areas
        ],
        "languages": [{"id": _id(sid, "language", name), "name": name} for name in spec.languages],
        "schedules": _hours(sid, spec.hours),
        "attributes": attributes,
    }
    if spec.routes.get("email"):
        document["email"] = spec.routes["email"]
    if spec.routes.get("phone"):
        document["phones"] = [{"id": _id(sid, "phone"), "number": spec.routes["phone"]}]
    if spec.routes.get("web-form"):
        document["url"] = spec.routes["web-form"]
    return {k: v for k, v in document.items() if v not in (None, "")}


def _where(spec: SchemeSpec) -> str:
    names = [name or code for _, code, name in spec.areas]
    return ", ".join(names[:3]) + (" and nearby" if len(names) > 3 else "") if names else "its area"


def _how_to_refer(spec: SchemeSpec) -> str:
    ways = [ROUTES[code].lower() for code in ROUTES if code in spec.routes]
    if not ways:
        return "Ask your GP practice to refer you."
    return "Referrals by: " + ", ".join(ways) + "."
