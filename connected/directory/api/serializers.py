"""Directory rows as Open Referral UK (HSDS 3.0, UK profile) JSON dicts.

Shapes follow the profile's compiled schemas (`schema/compiled/*.json`); the
HSDS 3.0 fields the profile leaves out but our model keeps (phones, language
names, alternate names, how to join...) are published too, because extra
fields are allowed and a harvester (ours included) needs them to reproduce
the directory. Provenance (feed, source id, hash) is ours, not HSDS, so it
is not published.

Empty values are omitted, not null: the profile's types are plain strings
and numbers, so a null would fail its schema. Required fields are always
present (an empty description is "").

This module writes the flat forms (lists, taxonomies); `nested`
writes the full forms with every child.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from connected.directory import models as m


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """Drop None and '' (the profile's types are not nullable); keep 0, False and lists."""
    return {k: v for k, v in data.items() if v is not None and v != ""}


def text_id(value: UUID | None) -> str | None:
    return str(value) if value is not None else None


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def iso_time(value: time | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def iso_datetime(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# --- entities without children -------------------------------------------------------------------------------------


def taxonomy(row: m.Taxonomy) -> dict[str, Any]:
    return {"id": str(row.id), "name": row.name, "description": row.description} | compact(
        {"uri": row.uri, "version": row.version}
    )


def taxonomy_term(row: m.TaxonomyTerm) -> dict[str, Any]:
    """A term; `taxonomy` is the free-text name HSDS asks for, `taxonomy_detail` the record when we have one."""
    tax = row.taxonomy
    out = {"id": str(row.id), "name": row.name, "description": row.description} | compact(
        {
            "code": row.code,
            "parent_id": text_id(row.parent_id),
            "taxonomy": row.taxonomy_name or (tax.name if tax else ""),
            "taxonomy_id": text_id(row.taxonomy_id),
            "language": row.language,
            "term_uri": row.term_uri,
            "term": row.name,  # the UK profile's name for the term itself
        }
    )
    if tax is not None:
        out["taxonomy_detail"] = taxonomy(tax)
    return out


def attribute(row: m.Attribute) -> dict[str, Any]:
    return (
        {"id": str(row.id)}
        | compact(
            {
                "link_id": str(row.link_id),
                "link_type": row.link_type,
                "link_entity": row.link_entity,
                "taxonomy_term_id": str(row.taxonomy_term_id),
                "value": row.value,
                "label": row.label,
            }
        )
        | {"taxonomy_term": taxonomy_term(row.taxonomy_term)}
    )


def organization_brief(row: m.Organization) -> dict[str, Any]:
    """The organisation's own fields (organization_list.json, and nested in service_list.json)."""
    return {"id": str(row.id), "name": row.name, "description": row.description} | compact(
        {
            "alternate_name": row.alternate_name,
            "email": row.email,
            "website": row.website,
            "logo": row.logo,
            "uri": row.uri,
            "legal_status": row.legal_status,
            "tax_status": row.tax_status,
            "tax_id": row.tax_id,
            "year_incorporated": row.year_incorporated,
            "parent_organization_id": text_id(row.parent_organization_id),
        }
    )


def service_brief(row: m.Service) -> dict[str, Any]:
    """The service's own fields (service_list.json without its organisation)."""
    return {"id": str(row.id), "name": row.name, "status": row.status} | compact(
        {
            "organization_id": text_id(row.organization_id),
            "program_id": text_id(row.program_id),
            "alternate_name": row.alternate_name,
            "description": row.description,
            "url": row.url,
            "email": row.email,
            "interpretation_services": row.interpretation_services,
            "application_process": row.application_process,
            "fees_description": row.fees_description,
            "fees": row.fees or row.fees_description,  # the UK profile's name for fees_description
            "wait_time": row.wait_time,
            "accreditations": row.accreditations,
            "eligibility_description": row.eligibility_description,
            "minimum_age": row.minimum_age,
            "maximum_age": row.maximum_age,
            "assured_date": iso_date(row.assured_date),
            "assurer_email": row.assurer_email,
            "licenses": row.licenses,
            "alert": row.alert,
            "last_modified": iso_datetime(row.last_modified),
        }
    )


def service_list_item(row: m.Service) -> dict[str, Any]:
    """A service in a list page (service_list.json); needs `organization` selected."""
    out = service_brief(row)
    if row.organization is not None:
        out["organization"] = organization_brief(row.organization)
    return out


def location_brief(row: m.Location) -> dict[str, Any]:
    return {"id": str(row.id), "location_type": row.location_type} | compact(
        {
            "organization_id": text_id(row.organization_id),
            "url": row.url,
            "name": row.name,
            "alternate_name": row.alternate_name,
            "description": row.description,
            "transportation": row.transportation,
            "latitude": row.latitude,
            "longitude": row.longitude,
            "external_identifier": row.external_identifier,
            "external_identifier_type": row.external_identifier_type,
        }
    )


def service_at_location_list_item(row: m.ServiceAtLocation) -> dict[str, Any]:
    """service_at_location_list.json; needs `service__organization` and `location` selected."""
    return compact(
        {
            "id": str(row.id),
            "service_id": str(row.service_id),
            "location_id": str(row.location_id),
            "description": row.description,
        }
    ) | {"service": service_list_item(row.service), "location": location_brief(row.location)}


def program(row: m.Program) -> dict[str, Any]:
    return {"id": str(row.id), "name": row.name} | compact(
        {
            "organization_id": text_id(row.organization_id),
            "alternate_name": row.alternate_name,
            "description": row.description,
        }
    )


def taxonomy_full(row: m.Taxonomy, terms) -> dict[str, Any]:
    return taxonomy(row) | {"taxonomy_terms": [taxonomy_term(t) for t in terms]}
