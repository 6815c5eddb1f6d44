"""The national register of social prescribing schemes, kept as Open Referral UK records (ADR 0034).

A scheme is a directory service that carries the term "Social prescribing connector scheme",
linked one-to-one to the casework `Scheme` (``Service.scheme``): one record, published by the
ORUK API like any service and harvested like any feed. What it covers is its ``service_areas``,
each coded by a public identifier in ``uri`` so that any ORUK reader can follow it:

* local authority: ``http://statistics.data.gov.uk/id/statistical-geography/E08000035`` (ONS)
* outcode: ``http://data.ordnancesurvey.co.uk/id/postcodedistrict/LS6`` (Ordnance Survey)
* postcode area: ``http://data.ordnancesurvey.co.uk/id/postcodearea/LS``
* PCN or GP practice: ``https://directory.spineservices.nhs.uk/ORD/2-0-0/organisations/U12345`` (ODS;
  PCN codes start with U)

`covering` is the one lookup routing, the API and the public pages use: most specific first.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from connected.core.models import Organisation, Scheme

from . import models as m

REGISTER_TAXONOMY = "Connected register"
ROUTES_TAXONOMY = "Connected referral routes"
NAMESPACE = uuid.UUID("0b7d6c1e-4a8f-5f2e-9c3d-1e2f3a4b5c6d")
SCHEME_TERM_CODE = "social-prescribing-connector-scheme"
SCHEME_TERM_NAME = "Social prescribing connector scheme"

# How a referral reaches a scheme: term code -> what people read.
ROUTES: dict[str, str] = {
    "self-referral": "Refer yourself online",
    "web-form": "Professional referral form",
    "bars-fhir": "BaRS / FHIR R4 endpoint",
    "email": "Email",
    "phone": "Phone",
}

# Coverage kinds, most specific first (routing takes the first kind that matches).
PRACTICE, PCN, OUTCODE, AREA, LA = "practice", "pcn", "outcode", "area", "la"
KINDS = (PRACTICE, PCN, OUTCODE, AREA, LA)
KIND_LABELS = {
    PRACTICE: "GP practice",
    PCN: "Primary care network",
    OUTCODE: "Postcode district",
    AREA: "Postcode area",
    LA: "Local authority",
}
_ONS = "http://statistics.data.gov.uk/id/statistical-geography/"
_OS = "http://data.ordnancesurvey.co.uk/id/"
_ODS = "https://directory.spineservices.nhs.uk/ORD/2-0-0/organisations/"
_PATTERNS = {
    LA: re.compile(r"E0[6-9]\d{6}"),
    OUTCODE: re.compile(r"[A-Z]{1,2}\d[A-Z\d]?"),
    AREA: re.compile(r"[A-Z]{1,2}"),
    PCN: re.compile(r"U\d{5}"),
    PRACTICE: re.compile(r"[A-TV-Z]\d{5}"),
}


def term_id(taxonomy: str, code: str) -> str:
    """A stable id for one of the register's terms: the same row in every feed, so filters work across feeds."""
    return str(uuid.uuid5(NAMESPACE, f"{taxonomy}/{code}"))


SCHEME_TERM_ID = term_id(REGISTER_TAXONOMY, SCHEME_TERM_CODE)


class AreaError(ValueError):
    """A coverage code that is not one of the kinds the register knows; the message names it."""


def area_uri(kind: str, code: str) -> str:
    """The public identifier of one coverage code; raises `AreaError` naming a bad code."""
    code = code.strip().upper()
    if kind not in _PATTERNS or not _PATTERNS[kind].fullmatch(code):
        raise AreaError(f"“{code}” is not a {KIND_LABELS.get(kind, kind).lower()} code")
    if kind == LA:
        return _ONS + code
    if kind == OUTCODE:
        return f"{_OS}postcodedistrict/{code}"
    if kind == AREA:
        return f"{_OS}postcodearea/{code}"
    return _ODS + code


def parse_area(text: str) -> tuple[str, str]:
    """(kind, code) from "la:E08000035", "outcode:LS6" or a bare code whose shape says its kind."""
    kind, _, code = text.strip().partition(":")
    if code:
        area_uri(kind.lower(), code)
        return kind.lower(), code.upper()
    bare = kind.upper()
    for candidate in (LA, PCN, PRACTICE, OUTCODE, AREA):
        if _PATTERNS[candidate].fullmatch(bare):
            return candidate, bare
    raise AreaError(f"“{text.strip()}” is not a local authority, PCN, practice, outcode or postcode area code")


def area_of_uri(uri: str) -> tuple[str, str] | None:
    """(kind, code) for one of our coverage URIs, or None for any other service area."""
    for prefix, kind in ((_ONS, LA), (f"{_OS}postcodedistrict/", OUTCODE), (f"{_OS}postcodearea/", AREA)):
        if uri.startswith(prefix):
            return kind, uri[len(prefix) :]
    if uri.startswith(_ODS):
        code = uri[len(_ODS) :]
        return (PCN if code.startswith("U") else PRACTICE), code
    return None


@dataclass(frozen=True)
class Codes:
    """What is known about where a person is (and who refers them): each may be empty."""

    practice: str = ""
    pcn: str = ""
    outcode: str = ""
    area: str = ""
    la: str = ""

    def uris(self) -> dict[str, str]:
        """URI -> kind for every code given."""
        out = {}
        for kind in KINDS:
            code = getattr(self, kind)
            if code:
                try:
                    out[area_uri(kind, code)] = kind
                except AreaError:
                    continue
        return out


def codes_for(postcode: str = "", *, la: str = "", practice: str = "", pcn: str = "") -> Codes:
    """The codes of a postcode (or outcode): its district, area and local authority (placed through
    `connected.core.places`; an unknown or malformed postcode gives what its shape alone says)."""
    from connected.core.places import PostcodeError, locate
    from connected.core.postcodes import parse

    outcode = area = ""
    if postcode:
        try:
            parsed = parse(postcode)
            outcode, area = parsed.outcode, parsed.area
            la = la or (locate(postcode).local_authority_code or "")
        except PostcodeError:  # not a postcode, or one we do not hold: what its shape says is all we know
            pass
    return Codes(practice=practice, pcn=pcn, outcode=outcode, area=area, la=la.upper())


@dataclass(frozen=True)
class Cover:
    """One scheme that covers a place, and by which of its areas."""

    scheme_id: int
    service_id: uuid.UUID
    name: str
    kind: str


def schemes() -> QuerySet[m.Service]:
    """The register: every active directory service linked to a casework scheme."""
    return m.Service.objects.filter(scheme__isnull=False, status=m.Service.Status.ACTIVE)


def covering(codes: Codes) -> list[Cover]:
    """Every scheme covering the place, most specific coverage first, then by name; one entry per scheme."""
    wanted = codes.uris()
    if not wanted:
        return []
    rows = m.ServiceArea.objects.filter(
        uri__in=list(wanted), service__scheme__isnull=False, service__status=m.Service.Status.ACTIVE
    ).values_list("service__scheme_id", "service_id", "service__name", "uri")
    found = sorted(
        (Cover(scheme_id, service_id, name, wanted[uri]) for scheme_id, service_id, name, uri in rows),
        key=lambda c: (KINDS.index(c.kind), c.name, c.scheme_id),
    )
    seen: set[int] = set()
    return [c for c in found if not (c.scheme_id in seen or seen.add(c.scheme_id))]


def coverage_of(service_ids) -> dict[uuid.UUID, list[tuple[str, str, str]]]:
    """Service id -> its coded areas as (kind, code, name), in kind order."""
    out: dict[uuid.UUID, list[tuple[str, str, str]]] = {}
    for service_id, uri, name in m.ServiceArea.objects.filter(service_id__in=service_ids).values_list(
        "service_id", "uri", "name"
    ):
        parsed = area_of_uri(uri)
        if parsed:
            out.setdefault(service_id, []).append((*parsed, name))
    for areas in out.values():
        areas.sort(key=lambda a: (KINDS.index(a[0]), a[1]))
    return out


def routes_of(service_ids) -> dict[uuid.UUID, list[tuple[str, str]]]:
    """Service id -> how to refer, as (route code, value) in the order of `ROUTES`."""
    order = list(ROUTES)
    by_term = {term_id(ROUTES_TAXONOMY, code): code for code in ROUTES}
    out: dict[uuid.UUID, list[tuple[str, str]]] = {}
    rows = m.Attribute.objects.filter(
        link_entity="service", link_id__in=list(service_ids), taxonomy_term_id__in=list(by_term)
    ).values_list("link_id", "taxonomy_term_id", "value")
    for link_id, term, value in rows:
        out.setdefault(link_id, []).append((by_term[str(term)], value))
    for routes in out.values():
        routes.sort(key=lambda r: order.index(r[0]))
    return out


def link_schemes(feed: m.Feed) -> int:
    """Make each scheme-term service of the feed the same record as a casework scheme; returns how many new.

    A scheme harvested from another register gets a casework scheme of its own (so it can be routed to);
    one already linked keeps its link and follows the feed's name.
    """
    tagged = m.Attribute.objects.filter(link_entity="service", taxonomy_term_id=SCHEME_TERM_ID, feed=feed).values_list(
        "link_id", flat=True
    )
    made = 0
    for service in m.Service.objects.filter(id__in=list(tagged)).select_related("organization", "scheme"):
        if service.scheme is not None:
            if service.scheme.name != service.name:
                Scheme.objects.filter(pk=service.scheme_id).update(name=service.name[:200])
            continue
        org_name = (service.organization.name if service.organization else service.name)[:200]
        kind = _org_kind(service.organization.legal_status if service.organization else "")
        organisation = Organisation.objects.filter(name=org_name).first() or Organisation.objects.create(
            name=org_name, kind=kind
        )
        service.scheme = Scheme.objects.create(organisation=organisation, name=service.name[:200])
        service.save(update_fields=["scheme"])
        made += 1
    return made


def _org_kind(text: str) -> str:
    for value, label in Organisation.Kind.choices:
        if text.strip().lower() in (value, label.lower()):
            return value
    return Organisation.Kind.OTHER
