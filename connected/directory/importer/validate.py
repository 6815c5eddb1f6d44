"""What each ORUK entity's fields may hold, and one record's check against it.

A spec maps our model's field to the HSDS key(s) it comes from and a cleaner
(`fields.py`). Keys the spec does not name are ignored (feeds may carry
extras). Enumerations are our models' choices, which a test checks against
the compiled UK schema. A "soft" field that fails is dropped with a warning
and the record kept (a venue with impossible coordinates still has an
address); any other failure rejects the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from connected.directory import models as m

from . import fields as f


@dataclass(frozen=True, slots=True)
class Field:
    keys: tuple[str, ...]
    clean: f.Cleaner
    required: bool = False
    soft: bool = False
    default: Any = None


def F(key: str | tuple[str, ...], clean: f.Cleaner, **options: Any) -> Field:
    return Field(keys=(key,) if isinstance(key, str) else key, clean=clean, **options)


BYDAY = re.compile(r"^(?:[+-]?[1-5]?(?:MO|TU|WE|TH|FR|SA|SU))(?:,[+-]?[1-5]?(?:MO|TU|WE|TH|FR|SA|SU))*$")
NUMBERS = re.compile(r"^[+-]?\d{1,3}(?:,[+-]?\d{1,3})*$")


def _pattern(regex: re.Pattern, what: str, max_length: int = 100) -> f.Cleaner:
    base = f.text(max_length)

    def clean(value: Any) -> str:
        out = base(value).replace(" ", "").upper()
        if not regex.match(out):
            raise f.Invalid(f"{value!r:.40} is not {what}")
        return out

    return clean


def _country(value: Any) -> str:
    out = f.text()(value).upper()
    out = {"UK": "GB", "UNITED KINGDOM": "GB", "ENGLAND": "GB", "GREAT BRITAIN": "GB"}.get(out, out)
    if len(out) != 2 or not out.isalpha():
        raise f.Invalid(f"{value!r:.40} is not a two-letter country code")
    return out


T, TEXT = f.text, f.text()
AGE = f.integer(0, 130)

SPECS: dict[str, dict[str, Field]] = {
    "service": {
        "name": F("name", T(255), required=True),
        "alternate_name": F("alternate_name", T(255)),
        "description": F("description", TEXT),
        "url": F("url", f.url),
        "email": F("email", f.email),
        "status": F("status", f.enum(m.Service.Status.values), default=m.Service.Status.ACTIVE),
        "interpretation_services": F("interpretation_services", TEXT),
        "application_process": F("application_process", TEXT),
        "fees_description": F(("fees_description", "fees"), TEXT),
        "fees": F("fees", TEXT),
        "wait_time": F("wait_time", TEXT),
        "licenses": F("licenses", TEXT),
        "accreditations": F("accreditations", TEXT),
        "eligibility_description": F("eligibility_description", TEXT),
        "minimum_age": F("minimum_age", AGE),
        "maximum_age": F("maximum_age", AGE),
        "assured_date": F("assured_date", f.iso_date),
        "assurer_email": F("assurer_email", f.email),
        "alert": F("alert", TEXT),
        "last_modified": F("last_modified", f.iso_datetime),
    },
    "organization": {
        "name": F("name", T(255), required=True),
        "alternate_name": F("alternate_name", T(255)),
        "description": F("description", TEXT),
        "email": F("email", f.email),
        "website": F(("website", "url"), f.url),
        "logo": F("logo", f.url),
        "uri": F("uri", f.url),
        "legal_status": F("legal_status", T(255)),
        "tax_status": F("tax_status", T(255)),
        "tax_id": F("tax_id", T(255)),
        "year_incorporated": F("year_incorporated", f.integer(1000, 2200)),
    },
    "organization_identifier": {
        "identifier_scheme": F("identifier_scheme", T(100)),
        "identifier_type": F("identifier_type", T(255), required=True),
        "identifier": F("identifier", T(255), required=True),
    },
    "location": {
        "location_type": F("location_type", f.enum(m.Location.LocationType.values), default="physical"),
        "url": F("url", f.url),
        "name": F("name", T(255)),
        "alternate_name": F("alternate_name", T(255)),
        "description": F("description", TEXT),
        "transportation": F("transportation", TEXT),
        "latitude": F("latitude", f.real(-90, 90), soft=True),
        "longitude": F("longitude", f.real(-180, 180), soft=True),
        "external_identifier": F("external_identifier", T(255)),
        "external_identifier_type": F("external_identifier_type", T(100)),
    },
    "service_at_location": {"description": F("description", TEXT)},
    "address": {
        "attention": F("attention", T(255)),
        "address_1": F("address_1", T(255), required=True),
        "address_2": F("address_2", T(255)),
        "city": F("city", T(255)),
        "region": F("region", T(255)),
        "state_province": F("state_province", T(255)),
        "postal_code": F("postal_code", T(20)),
        "country": F("country", _country, soft=True, default="GB"),
        "address_type": F("address_type", f.enum(m.Location.LocationType.values), default="physical"),
    },
    "accessibility": {
        "description": F(("description", "accessibility"), TEXT),
        "details": F("details", TEXT),
        "url": F("url", f.url),
    },
    "contact": {
        "name": F("name", T(255)),
        "title": F("title", T(255)),
        "department": F("department", T(255)),
        "email": F("email", f.email),
    },
    "phone": {
        "number": F("number", f.phone_number, required=True),
        "extension": F("extension", T(20)),
        "type": F("type", T(20)),
        "description": F("description", TEXT),
    },
    "schedule": {
        "valid_from": F("valid_from", f.iso_date),
        "valid_to": F("valid_to", f.iso_date),
        "dtstart": F("dtstart", f.iso_date),
        "timezone": F("timezone", T(50)),
        "until": F("until", f.iso_date),
        "count": F("count", f.integer(0, 2_000_000_000)),
        "wkst": F("wkst", _pattern(BYDAY, "a weekday (MO..SU)", 2)),
        "freq": F("freq", f.enum(m.Schedule.Freq.values), default=""),
        "interval": F("interval", f.integer(1, 32767)),
        "byday": F("byday", _pattern(BYDAY, "a list of weekdays such as MO,TH or 2MO")),
        "byweekno": F("byweekno", _pattern(NUMBERS, "a list of week numbers")),
        "bymonthday": F("bymonthday", _pattern(NUMBERS, "a list of days of the month")),
        "byyearday": F("byyearday", _pattern(NUMBERS, "a list of days of the year")),
        "description": F("description", TEXT),
        "opens_at": F("opens_at", f.clock),
        "closes_at": F("closes_at", f.clock),
        "schedule_link": F("schedule_link", f.url),
        "attending_type": F("attending_type", T(255)),
        "notes": F("notes", TEXT),
    },
    "cost_option": {
        "valid_from": F("valid_from", f.iso_date),
        "valid_to": F("valid_to", f.iso_date),
        "option": F("option", T(255)),
        "currency": F("currency", _pattern(re.compile(r"^[A-Z]{3}$"), "a currency code such as GBP", 3), default="GBP"),
        "amount": F("amount", f.money),
        "amount_description": F("amount_description", T(255)),
    },
    "language": {"name": F("name", T(100)), "code": F("code", T(20)), "note": F("note", TEXT)},
    "service_area": {
        "name": F(("name", "service_area"), T(500)),
        "description": F("description", TEXT),
        "extent": F("extent", TEXT),
        "extent_type": F("extent_type", T(20)),
        "uri": F("uri", f.url),
    },
    "funding": {"source": F("source", TEXT)},
    "program": {
        "name": F("name", T(255), required=True),
        "alternate_name": F("alternate_name", T(255)),
        "description": F("description", TEXT),
    },
    "required_document": {"document": F("document", TEXT), "uri": F("uri", f.url)},
    "taxonomy": {
        "name": F("name", T(255), required=True),
        "description": F("description", TEXT),
        "uri": F("uri", f.url),
        "version": F("version", T(50)),
    },
    "taxonomy_term": {
        "code": F("code", T(255)),
        "name": F(("name", "term"), T(255), required=True),
        "description": F("description", TEXT),
        "taxonomy_name": F("taxonomy", T(255)),
        "language": F("language", T(20)),
        "term_uri": F("term_uri", f.url),
    },
    "attribute": {"link_type": F("link_type", T(100)), "value": F("value", T(255)), "label": F("label", T(255))},
}

# Pairs that must be in order: (entity, earlier field, later field).
ORDERED = (
    ("service", "minimum_age", "maximum_age"),
    ("schedule", "valid_from", "valid_to"),
    ("cost_option", "valid_from", "valid_to"),
)


@dataclass(slots=True)
class Issue:
    field: str
    problem: str
    soft: bool = False


def clean_record(entity: str, raw: dict) -> tuple[dict[str, Any], list[Issue]]:
    """The model's field values from one HSDS record, and what was wrong with it.

    Walks the record's own keys rather than every field of the spec: most records fill a few of their
    entity's fields, and this runs for every row of every import.
    """
    values = _TEMPLATES[entity].copy()
    issues: list[Issue] = []
    single = _SINGLE[entity]
    for key, value in raw.items():
        target = single.get(key)
        if target is None or value is None or (value.__class__ is str and not value.strip()):
            continue
        name, spec = target
        try:
            values[name] = spec.clean(value)
        except f.Invalid as error:
            issues.append(Issue(key, str(error), soft=spec.soft))
    for key in _REQUIRED_SINGLE[entity]:
        if _absent(raw.get(key)):
            issues.append(Issue(key, "is required"))
    for name, keys, spec in _MULTI[entity]:  # a field several keys may give: the first key present wins
        key, value = keys[0], None
        for candidate in keys:
            if not _absent(found := raw.get(candidate)):
                key, value = candidate, found
                break
        if value is None:
            if spec.required:
                issues.append(Issue(key, "is required"))
            continue
        try:
            values[name] = spec.clean(value)
        except f.Invalid as error:
            issues.append(Issue(key, str(error), soft=spec.soft))
    for first, second in _ORDERED.get(entity, ()):
        if values[first] is not None and values[second] is not None and values[first] > values[second]:
            issues.append(Issue(second, f"{values[second]} is less than {first} ({values[first]})"))
    if entity == "service" and values["fees"] == values["fees_description"]:
        values["fees"] = ""  # the UK profile's `fees` alone is fees_description; kept apart only when it differs
    if issues and entity == "location" and any(i.field in ("latitude", "longitude") for i in issues):
        values["latitude"] = values["longitude"] = None  # one bad coordinate makes the pair meaningless
    return values, issues


def _absent(value: Any) -> bool:
    return value is None or (value.__class__ is str and not value.strip())


def _blank(entity: str, name: str, spec: Field) -> Any:
    if spec.default is not None:
        return spec.default
    return BLANK[(entity, name)]


MODELS: dict[str, type] = {
    "service": m.Service, "organization": m.Organization, "organization_identifier": m.OrganizationIdentifier,
    "location": m.Location, "service_at_location": m.ServiceAtLocation, "address": m.Address,
    "accessibility": m.Accessibility, "contact": m.Contact, "phone": m.Phone, "schedule": m.Schedule,
    "cost_option": m.CostOption, "language": m.Language, "service_area": m.ServiceArea, "funding": m.Funding,
    "program": m.Program, "required_document": m.RequiredDocument,
    "taxonomy": m.Taxonomy, "taxonomy_term": m.TaxonomyTerm, "attribute": m.Attribute,
}  # fmt: skip
# What a missing value becomes: NULL where the column allows it, else "" (Django's convention for text).
BLANK = {
    (entity, name): None if MODELS[entity]._meta.get_field(name).null else ""
    for entity, spec in SPECS.items()
    for name in spec
}
# The specs arranged for clean_record, which runs for every row: each entity's blank record; its one-key
# fields by that key; its required one-key fields; and the fields that several keys may give.
_TEMPLATES = {
    entity: {name: _blank(entity, name, spec) for name, spec in specs.items()} for entity, specs in SPECS.items()
}
_SINGLE = {
    entity: {spec.keys[0]: (name, spec) for name, spec in specs.items() if len(spec.keys) == 1}
    for entity, specs in SPECS.items()
}
_REQUIRED_SINGLE = {
    entity: [spec.keys[0] for spec in specs.values() if len(spec.keys) == 1 and spec.required]
    for entity, specs in SPECS.items()
}
_MULTI = {
    entity: [(name, spec.keys, spec) for name, spec in specs.items() if len(spec.keys) > 1]
    for entity, specs in SPECS.items()
}
_ORDERED: dict[str, list[tuple[str, str]]] = {}
for _entity, _first, _second in ORDERED:
    _ORDERED.setdefault(_entity, []).append((_first, _second))
