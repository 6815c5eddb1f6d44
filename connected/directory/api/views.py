"""The published Open Referral UK read API (HSDS 3.0, UK profile), mounted at /api/.

The nine GET endpoints the UK profile requires, plus /organizations. Public,
no key; CORS comes from `cors.CorsMiddleware`. Bodies are built by
`serializers` (flat forms) and `nested` (nested forms) and
returned as JSON directly (the response schemas below are for the OpenAPI
document; the real shapes are the profile's compiled JSON schemas, which the
tests check every body against). Filters are parsed and
answered in `filters` by the public search's own SQL over its index (any
filter lists what the index holds: active services and the duplicates folded
into them); paging is `paging`. Bad parameters get a 400
whose body names the parameter; unknown or malformed ids a 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Model, QuerySet
from django.http import HttpRequest, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError as NinjaValidationError

from connected.directory import models as m
from connected.directory.api import nested
from connected.directory.api import serializers as s
from connected.directory.api.filters import (
    FilterError,
    covering_service_ids,
    filter_service_at_locations,
    filter_services,
    parse_filters,
)
from connected.directory.api.harvesting import FORMATS, minimal, stream
from connected.directory.api.paging import envelope, paginate
from connected.directory.api.params import (
    OrganizationParams,
    PageParams,
    ServiceAtLocationParams,
    ServiceParams,
    TermParams,
)

VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://openreferraluk.org/"
SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"

api = NinjaAPI(
    title="Connected: Open Referral UK API",
    version=VERSION,
    description=(
        "The national directory of community activities, published as Open Referral UK (HSDS 3.0, UK profile). "
        "Public: no key. Lists are pages (`page` from 1, `per_page` up to 200), or with `format=ndjson` every "
        "item streamed, one JSON object a line (for harvesting a whole directory). Response bodies follow the "
        f"profile's compiled schemas ({SCHEMA_BASE}compiled/), with HSDS 3.0's other fields as extras. "
        "HSDS 3.0 parameters not supported, each answered with a 400 naming it: `full` and `full_service` on "
        "the /organizations list (organisations list in brief; /organizations/{id} has them in full). "
        "Formats: ids are UUIDs; times of day HH:MM (or HH:MM:SS); dates YYYY-MM-DD; date-times ISO 8601."
    ),
    urls_namespace="oruk",
    docs_url="/docs",
)


# --- documentation shapes ---------------------------------------------------------------------------------------


class RootDocument(Schema):
    version: str = Field(description="HSDS version of this API.")
    profile: str = Field(description="URL of the information on the HSDS profile of this API.")
    openapi_url: str = Field(description="URL of the OpenAPI JSON file which defines this API.")


class Page(Schema):
    total_items: int = Field(description="How many items match, over all pages.")
    total_pages: int = Field(description="How many pages there are (at least 1).")
    page_number: int = Field(description="This page's number, from 1.")
    size: int = Field(description="How many items are on this page.")
    first_page: bool
    last_page: bool
    empty: bool = Field(description="Whether this page has no items.")
    contents: list[dict[str, Any]]


class ProblemItem(Schema):
    parameter: str
    message: str


class Problem(Schema):
    status: int
    detail: str = Field(description="What was wrong, in a sentence.")
    errors: list[ProblemItem] = Field(default_factory=list, description="Each parameter at fault.")


# --- errors -----------------------------------------------------------------------------------------------------


class NotFound(Exception):
    def __init__(self, what: str, raw_id: str) -> None:
        super().__init__(f"No {what} with id '{raw_id[:100]}'.")


def problem(status: int, detail: str, errors: list[dict[str, str]] | None = None) -> JsonResponse:
    return JsonResponse({"status": status, "detail": detail, "errors": errors or []}, status=status)


@api.exception_handler(NinjaValidationError)
def _invalid_parameters(request: HttpRequest, exc: NinjaValidationError) -> JsonResponse:
    errors = [
        {"parameter": str(e.get("loc", ["?"])[-1]), "message": str(e.get("msg", "is not valid"))} for e in exc.errors
    ]
    return problem(400, "; ".join(f"{e['parameter']}: {e['message']}" for e in errors), errors)


@api.exception_handler(FilterError)
def _bad_filter(request: HttpRequest, exc: FilterError) -> JsonResponse:
    return problem(400, str(exc), [{"parameter": exc.parameter, "message": exc.message}])


@api.exception_handler(NotFound)
def _not_found(request: HttpRequest, exc: NotFound) -> JsonResponse:
    return problem(404, str(exc))


def _one(rows: QuerySet, what: str, raw_id: str) -> Model:
    """The row with this id, or NotFound (also for an id that is not a UUID: it cannot be one of ours)."""
    try:
        pk = UUID(raw_id)
    except ValueError:
        raise NotFound(what, raw_id) from None
    row = rows.filter(pk=pk).first()
    if row is None:
        raise NotFound(what, raw_id)
    return row


def _json(data: dict[str, Any]) -> JsonResponse:
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _uuid_param(name: str, value: str | None) -> UUID | None:
    if not value:
        return None
    try:
        return UUID(value.strip())
    except ValueError:
        raise FilterError(name, f"'{value[:60]}' is not an id this API publishes (a UUID)") from None


def _ndjson(params: PageParams) -> bool:
    """Whether to stream (format=ndjson); any format but json and ndjson is a 400 naming `format`."""
    if params.format not in FORMATS:  # the schema's Literal refuses it first; this is the safety net
        raise FilterError("format", f"must be json or ndjson, not '{str(params.format)[:20]}'")
    return params.format == "ndjson"


def _named(rows: QuerySet, params: PageParams) -> QuerySet:
    """HSDS's `search` on a vocabulary or organisation list: the name contains the text (any case)."""
    text = (params.search or "").strip()
    if "\x00" in text:
        raise FilterError("search", "must not contain a NUL character")
    return rows.filter(name__icontains=text) if text else rows


def _listed(rows: QuerySet, params: PageParams, item) -> JsonResponse | StreamingHttpResponse:
    """A page of `rows` (ordered) as `item` writes each, or every row streamed with format=ndjson."""
    if _ndjson(params):
        return stream(rows, lambda chunk: [item(r) for r in chunk])
    page, total = paginate(rows, params.page, params.per_page)
    return _json(envelope([item(r) for r in page], total, params.page, params.per_page))


ERRORS = {400: Problem, 404: Problem}
# A list's 200 with format=ndjson: one item a line (the list form, full form or minimal form of `contents`).
NDJSON_DOC = {
    "responses": {
        200: {"content": {"application/x-ndjson": {"schema": {"type": "string", "description": "JSON lines."}}}}
    }
}


# --- endpoints --------------------------------------------------------------------------------------------------


@api.get("/", response=RootDocument, summary="About this API", tags=["meta"])
def root(request: HttpRequest) -> JsonResponse:
    openapi_url = request.build_absolute_uri(reverse("oruk:openapi-json"))
    return _json({"version": VERSION, "profile": PROFILE_URL, "openapi_url": openapi_url})


@api.get(
    "/services",
    response={200: Page, **ERRORS},
    summary="Services, a page at a time",
    tags=["services"],
    openapi_extra=NDJSON_DOC,
)
def list_services(request: HttpRequest, params: Query[ServiceParams]) -> JsonResponse | StreamingHttpResponse:
    """Each item is a service in list form (compiled/service_list.json), in full with `full=true`, or HSDS's
    minimal form (`id`, `last_modified`) with `minimal=true`."""
    ndjson = _ndjson(params)
    rows = filter_services(parse_filters(params.dict()))
    if params.postcode:
        rows = rows.filter(pk__in=covering_service_ids(params.postcode))
    if params.minimal:
        items = lambda chunk: [minimal(r) for r in chunk]  # noqa: E731
    elif params.full:
        items = nested.services_full
    else:
        items = lambda chunk: [s.service_list_item(r) for r in chunk]  # noqa: E731
    if ndjson:
        return stream(rows, items)
    rows, total = paginate(rows, params.page, params.per_page)
    return _json(envelope(items(rows), total, params.page, params.per_page))


@api.get("/services/{id}", response={200: dict[str, Any], **ERRORS}, summary="One service in full", tags=["services"])
def get_service(request: HttpRequest, id: str) -> JsonResponse:
    """compiled/service.json: every child, each location in full."""
    row = _one(m.Service.objects.select_related("organization"), "service", id)
    return _json(nested.services_full([row])[0])


@api.get(
    "/service_at_locations",
    response={200: Page, **ERRORS},
    summary="Services at locations, a page at a time",
    tags=["service_at_locations"],
    openapi_extra=NDJSON_DOC,
)
def list_service_at_locations(
    request: HttpRequest, params: Query[ServiceAtLocationParams]
) -> JsonResponse | StreamingHttpResponse:
    """Each item in list form (compiled/service_at_location_list.json), or in full with `full=true`."""
    if params.minimal:
        raise FilterError("minimal", "is for /services only")
    ndjson = _ndjson(params)
    found = filter_service_at_locations(parse_filters(params.dict(), allow_postcode=True))
    if params.full:
        items = nested.services_at_locations_full
    else:
        items = lambda chunk: [s.service_at_location_list_item(r) for r in chunk]  # noqa: E731
    if ndjson:  # every match, by id: a distance order is for reading pages, not for harvesting
        if not isinstance(found, QuerySet):
            base = m.ServiceAtLocation.objects.select_related("service__organization", "location")
            found = base.filter(pk__in=found.ids())
        return stream(found, items)
    rows, total = paginate(found, params.page, params.per_page)
    return _json(envelope(items(rows), total, params.page, params.per_page))


@api.get(
    "/service_at_locations/{id}",
    response={200: dict[str, Any], **ERRORS},
    summary="One service at a location in full",
    tags=["service_at_locations"],
)
def get_service_at_location(request: HttpRequest, id: str) -> JsonResponse:
    """compiled/service_at_location.json: the location and the service, each in full."""
    rows = m.ServiceAtLocation.objects.select_related("service__organization", "location")
    return _json(nested.services_at_locations_full([_one(rows, "service_at_location", id)])[0])


@api.get(
    "/organizations",
    response={200: Page, **ERRORS},
    summary="Organisations",
    tags=["organizations"],
    openapi_extra=NDJSON_DOC,
)
def list_organizations(request: HttpRequest, params: Query[OrganizationParams]) -> JsonResponse | StreamingHttpResponse:
    """Each item is compiled/organization_list.json."""
    for name in ("full", "full_service"):
        if getattr(params, name) is not None:
            raise FilterError(name, "is not supported: organisations list in brief; /organizations/{id} is in full")
    return _listed(_named(m.Organization.objects.order_by("name", "id"), params), params, s.organization_brief)


@api.get(
    "/organizations/{id}", response={200: dict[str, Any], **ERRORS}, summary="One organisation", tags=["organizations"]
)
def get_organization(request: HttpRequest, id: str, full_service: bool = True) -> JsonResponse:
    """compiled/organization.json: the organisation with every service in full (`full_service=false`: in list
    form, without the organisation repeated)."""
    row = _one(m.Organization.objects.all(), "organization", id)
    services = m.Service.objects.filter(organization=row).select_related("organization").order_by("name", "id")
    body = nested.organization_full(row, services if full_service else [])
    if not full_service:
        body["services"] = [s.service_brief(x) for x in services]
    return _json(body)


@api.get(
    "/taxonomies", response={200: Page, **ERRORS}, summary="Taxonomies", tags=["taxonomies"], openapi_extra=NDJSON_DOC
)
def list_taxonomies(request: HttpRequest, params: Query[PageParams]) -> JsonResponse | StreamingHttpResponse:
    """Each item is schema/taxonomy.json (without its terms)."""
    return _listed(_named(m.Taxonomy.objects.order_by("name", "id"), params), params, s.taxonomy)


@api.get("/taxonomies/{id}", response={200: dict[str, Any], **ERRORS}, summary="One taxonomy", tags=["taxonomies"])
def get_taxonomy(request: HttpRequest, id: str) -> JsonResponse:
    """schema/taxonomy.json, with its terms."""
    row = _one(m.Taxonomy.objects.all(), "taxonomy", id)
    terms = m.TaxonomyTerm.objects.filter(taxonomy=row).select_related("taxonomy").order_by("name", "id")
    return _json(s.taxonomy_full(row, terms))


@api.get(
    "/taxonomy_terms",
    response={200: Page, **ERRORS},
    summary="Taxonomy terms",
    tags=["taxonomy_terms"],
    openapi_extra=NDJSON_DOC,
)
def list_taxonomy_terms(request: HttpRequest, params: Query[TermParams]) -> JsonResponse | StreamingHttpResponse:
    """Each item is schema/taxonomy_term.json."""
    rows = _named(m.TaxonomyTerm.objects.select_related("taxonomy").order_by("name", "id"), params)
    for name in ("taxonomy_id", "parent_id"):
        if (pk := _uuid_param(name, getattr(params, name))) is not None:
            rows = rows.filter(**{name: pk})
    if params.top_only:
        rows = rows.filter(parent__isnull=True)
    return _listed(rows, params, s.taxonomy_term)


@api.get(
    "/taxonomy_terms/{id}",
    response={200: dict[str, Any], **ERRORS},
    summary="One taxonomy term",
    tags=["taxonomy_terms"],
)
def get_taxonomy_term(request: HttpRequest, id: str) -> JsonResponse:
    """schema/taxonomy_term.json."""
    return _json(s.taxonomy_term(_one(m.TaxonomyTerm.objects.select_related("taxonomy"), "taxonomy_term", id)))
