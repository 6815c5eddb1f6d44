"""The read API's query parameters, as its OpenAPI document states them (ADR 0044).

Each value's format is stated; the checks that give a 400 naming the parameter are `filters.parse_filters`
and the views' own, except where the type says it all (`page`, `per_page`, ages, `format`, booleans).
"""

from __future__ import annotations

from typing import Any, Literal

from ninja import Field, Schema

from connected.directory.api.paging import DEFAULT_PER_PAGE, MAX_PER_PAGE

UUIDS = "uuid, or several comma-separated"


def _shape(fmt: str) -> dict[str, Any]:
    """The value's format, as OpenAPI states it. Named in words (`HH:MM`), not a JSON Schema `pattern`: our own
    parsers are a little more liberal (`monday`, `09:30:00`, spaces after commas) and answer a bad value with a
    400 naming the parameter, in words a person can act on."""
    return {"json_schema_extra": {"format": fmt}}


AGE = {"ge": 0, "le": 130}


class PageParams(Schema):
    page: int = Field(1, ge=1, description="Page number, from 1.")
    per_page: int = Field(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE, description=f"Items per page, 1 to {MAX_PER_PAGE}.")
    format: Literal["json", "ndjson"] = Field(
        "json",
        description="`json` (pages) or `ndjson`: every item, no pages, one JSON object a line, streamed "
        "(application/x-ndjson), in id order.",
    )
    search: str | None = Field(None, description="Free text.")


class ServiceParams(PageParams):
    search: str | None = Field(
        None,
        description="Free text, as the public search reads it: every word (typos corrected, stemmed) in the name, "
        "description, organisation, place or categories.",
    )
    taxonomy_term_id: str | None = Field(
        None, description="Services with this taxonomy term (comma-separated: any).", **_shape(UUIDS)
    )
    taxonomy_id: str | None = Field(
        None, description="Services with any term of this taxonomy (comma-separated: any).", **_shape(UUIDS)
    )
    organization_id: str | None = Field(
        None, description="Services of this organisation (comma-separated: any).", **_shape(UUIDS)
    )
    modified_after: str | None = Field(
        None,
        description="ISO 8601 date-time (no zone: UTC): services changed at or after it, at their source "
        "(`last_modified`) or here.",
        **_shape("ISO 8601 date-time, e.g. 2026-01-31T09:00:00Z"),
    )
    minimal: bool = Field(False, description="Items are only `id` and `last_modified` (also as `modified_date`).")
    minimum_age: int | None = Field(
        None,
        description="The UK profile's meaning: services whose minimum age is at least this (0 to 130; no minimum "
        "counts as 0). For 'a person of this age is eligible' use `age`.",
        **AGE,
    )
    maximum_age: int | None = Field(
        None,
        description="The UK profile's meaning: services whose maximum age is at most this (0 to 130; a service "
        "with no maximum never matches).",
        **AGE,
    )
    age: int | None = Field(
        None,
        description="Ours: a person of this age (0 to 130) is eligible (no limit: open to every age).",
        **AGE,
    )
    age_to: int | None = Field(
        None, description="Ours, with `age`: everyone from `age` to this age is eligible.", **AGE
    )
    start_time: str | None = Field(
        None, description="HH:MM: a session overlaps the window from this time.", **_shape("HH:MM")
    )
    end_time: str | None = Field(
        None, description="HH:MM: a session overlaps the window up to this time.", **_shape("HH:MM")
    )
    day: str | None = Field(
        None,
        description="MO..SU or monday..sunday (comma-separated: any): a session that day; with a time, the same "
        "session.",
        **_shape("MO..SU or monday..sunday, comma-separated"),
    )
    full: bool = Field(False, description="Fully nested items in `contents` instead of the list form.")
    postcode: str | None = Field(
        None,
        description="UK postcode or outcode: only services whose coded service areas cover it (the register of "
        "social prescribing schemes: local authority, postcode district or area), most specific first.",
    )


class ServiceAtLocationParams(ServiceParams):
    postcode: str | None = Field(
        None, description="UK postcode or outcode: results by distance from its centre (places with none last)."
    )
    proximity: str | None = Field(
        None, description="Metres from the postcode's centre; needs `postcode`.", **_shape("metres, a number")
    )


class TermParams(PageParams):
    taxonomy_id: str | None = Field(None, description="Only terms of this taxonomy.", **_shape(UUIDS))
    parent_id: str | None = Field(None, description="Only the children of this term.", **_shape(UUIDS))
    top_only: bool = Field(False, description="Only terms with no parent.")


class OrganizationParams(PageParams):
    full: bool | None = Field(None, description="Not supported: answered with a 400.")
    full_service: bool | None = Field(None, description="Not supported: answered with a 400.")
