"""Directory rows in their full ORUK forms: a service, service_at_location or organisation with every child.

A page is loaded by `Graph`: one query per child table for the whole page
(never one per service), so 50 full services cost about 14 queries however
many children they have. Children are written with the same conventions as
`serializers` (empties omitted, HSDS names, ISO dates and times).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.db.models import Model, Q

from connected.directory import models as m
from connected.directory.api.serializers import (
    attribute,
    compact,
    iso_date,
    iso_time,
    location_brief,
    number,
    organization_brief,
    program,
    service_brief,
    text_id,
)

_MAX_SQL_VARIABLES = 30_000  # below SQLite's 32,766; PostgreSQL has no such limit


# --- a page of rows with all their children ------------------------------------------------------------------------


def _rows(model: type[Model], parents: dict[str, Iterable], related: tuple = ()) -> list:
    """Rows of `model` whose `field` is in the given ids, for any of the fields: one query when it fits."""
    parents = {field: list(ids) for field, ids in parents.items() if ids}
    if not parents:
        return []
    base = model.objects.select_related(*related).order_by("pk")
    if sum(len(ids) for ids in parents.values()) <= _MAX_SQL_VARIABLES:
        query = Q()
        for field, ids in parents.items():
            query |= Q(**{f"{field}__in": ids})
        return list(base.filter(query))
    seen: dict[Any, Model] = {}
    for field, ids in parents.items():
        for start in range(0, len(ids), _MAX_SQL_VARIABLES):
            for row in base.filter(**{f"{field}__in": ids[start : start + _MAX_SQL_VARIABLES]}):
                seen[row.pk] = row
    return [seen[pk] for pk in sorted(seen)]


def _group(rows: Iterable[Model], field: str) -> dict[Any, list]:
    out: dict[Any, list] = defaultdict(list)
    for row in rows:
        key = getattr(row, f"{field}_id")
        if key is not None:
            out[key].append(row)
    return out


class Graph:
    """Services (or organisations) and every row that hangs off them, loaded one query per table."""

    def __init__(
        self,
        services: list[m.Service],
        organizations: Iterable[m.Organization] = (),
        locations: Iterable[m.Location] = (),
    ) -> None:
        self.services = services
        orgs = {o.id: o for o in organizations}
        orgs.update({s.organization.id: s.organization for s in services if s.organization is not None})
        sids = [s.id for s in services]
        oids = list(orgs)
        sals = _rows(m.ServiceAtLocation, {"service_id": sids}, related=("location",))
        salids = [s.id for s in sals]
        lids = list({s.location_id for s in sals} | {x.id for x in locations})
        contacts = _rows(
            m.Contact,
            {"service_id": sids, "organization_id": oids, "location_id": lids, "service_at_location_id": salids},
        )
        cids = [c.id for c in contacts]
        phones = _rows(
            m.Phone,
            {
                "service_id": sids,
                "organization_id": oids,
                "location_id": lids,
                "contact_id": cids,
                "service_at_location_id": salids,
            },
        )
        pids = [p.id for p in phones]
        languages = _rows(m.Language, {"service_id": sids, "location_id": lids, "phone_id": pids})
        schedules = _rows(m.Schedule, {"service_id": sids, "location_id": lids, "service_at_location_id": salids})
        addresses = _rows(m.Address, {"location_id": lids})
        access = _rows(m.Accessibility, {"location_id": lids})
        identifiers = _rows(m.OrganizationIdentifier, {"organization_id": oids})
        self.sals = _group(sals, "service")
        self.contacts = {f: _group(contacts, f) for f in ("service", "organization", "location", "service_at_location")}
        self.phones = {
            f: _group(phones, f) for f in ("service", "organization", "location", "contact", "service_at_location")
        }
        self.languages = {f: _group(languages, f) for f in ("service", "location", "phone")}
        self.schedules = {f: _group(schedules, f) for f in ("service", "location", "service_at_location")}
        self.addresses = _group(addresses, "location")
        self.accessibility = _group(access, "location")
        self.identifiers = _group(identifiers, "organization")
        self.cost_options = _group(_rows(m.CostOption, {"service_id": sids}), "service")
        self.service_areas = _group(_rows(m.ServiceArea, {"service_id": sids}), "service")
        funding = _rows(m.Funding, {"service_id": sids, "organization_id": oids})
        self.funding = {f: _group(funding, f) for f in ("service", "organization")}
        self._load_hsds_extras(sids, oids)
        linked = [
            *sids, *oids, *salids, *lids, *cids, *pids,
            *(r.id for r in schedules), *(r.id for r in addresses), *(r.id for r in access),
            *(r.id for r in identifiers),
        ]  # fmt: skip
        attributes = _rows(m.Attribute, {"link_id": linked}, related=("taxonomy_term__taxonomy",))
        self.attributes: dict[tuple[str, UUID], list[m.Attribute]] = defaultdict(list)
        for row in attributes:
            self.attributes[(row.link_entity, row.link_id)].append(row)

    def _load_hsds_extras(self, sids: list, oids: list) -> None:
        """HSDS 3.0's records outside the UK profile: required documents, programs (ADR 0044)."""
        self.required_documents = _group(_rows(m.RequiredDocument, {"service_id": sids}), "service")
        programs = _rows(m.Program, {"organization_id": oids, "id": {s.program_id for s in self.services} - {None}})
        self.programs = {p.id: p for p in programs}
        self.org_programs = _group(programs, "organization")

    def _attributes(self, entity: str, row_id: UUID) -> list[dict[str, Any]]:
        return [attribute(a) for a in self.attributes.get((entity, row_id), [])]

    # Children, each as HSDS names them.

    def language(self, row: m.Language) -> dict[str, Any]:
        return {"id": str(row.id)} | compact(
            {
                "service_id": text_id(row.service_id),
                "location_id": text_id(row.location_id),
                "phone_id": text_id(row.phone_id),
                "name": row.name,
                "code": row.code,
                "note": row.note,
            }
        )

    def phone(self, row: m.Phone) -> dict[str, Any]:
        return (
            {"id": str(row.id), "number": row.number}
            | compact(
                {
                    "location_id": text_id(row.location_id),
                    "service_id": text_id(row.service_id),
                    "organization_id": text_id(row.organization_id),
                    "contact_id": text_id(row.contact_id),
                    "service_at_location_id": text_id(row.service_at_location_id),
                    "extension": row.extension,
                    "type": row.type,
                    "description": row.description,
                }
            )
            | {
                "languages": [self.language(x) for x in self.languages["phone"].get(row.id, [])],
                "attributes": self._attributes("phone", row.id),
            }
        )

    def contact(self, row: m.Contact) -> dict[str, Any]:
        return (
            {"id": str(row.id)}
            | compact(
                {
                    "organization_id": text_id(row.organization_id),
                    "service_id": text_id(row.service_id),
                    "service_at_location_id": text_id(row.service_at_location_id),
                    "location_id": text_id(row.location_id),
                    "name": row.name,
                    "title": row.title,
                    "department": row.department,
                    "email": row.email,
                }
            )
            | {
                "phones": [self.phone(x) for x in self.phones["contact"].get(row.id, [])],
                "attributes": self._attributes("contact", row.id),
            }
        )

    def schedule(self, row: m.Schedule) -> dict[str, Any]:
        fields = ("timezone", "wkst", "freq", "byday", "byweekno", "bymonthday", "byyearday", "description")
        return (
            {"id": str(row.id)}
            | compact(
                {
                    "service_id": text_id(row.service_id),
                    "location_id": text_id(row.location_id),
                    "service_at_location_id": text_id(row.service_at_location_id),
                    "valid_from": iso_date(row.valid_from),
                    "valid_to": iso_date(row.valid_to),
                    "dtstart": iso_date(row.dtstart),
                    "until": iso_date(row.until),
                    "count": row.count,
                    "interval": row.interval,
                    **{f: getattr(row, f) for f in fields},
                    "opens_at": iso_time(row.opens_at),
                    "closes_at": iso_time(row.closes_at),
                    "schedule_link": row.schedule_link,
                    "attending_type": row.attending_type,
                    "notes": row.notes,
                }
            )
            | {"attributes": self._attributes("schedule", row.id)}
        )

    def address(self, row: m.Address) -> dict[str, Any]:
        required = ("address_1", "city", "state_province", "postal_code", "country", "address_type")
        return (
            {"id": str(row.id), "location_id": str(row.location_id)}
            | {f: getattr(row, f) for f in required}
            | compact({"attention": row.attention, "address_2": row.address_2, "region": row.region})
            | {"attributes": self._attributes("address", row.id)}
        )

    def accessibility_item(self, row: m.Accessibility) -> dict[str, Any]:
        return (
            {"id": str(row.id), "location_id": str(row.location_id)}
            | compact({"description": row.description, "details": row.details, "url": row.url})
            | compact({"accessibility": row.description})  # the UK profile's name for the description
            | {"attributes": self._attributes("accessibility", row.id)}
        )

    def location(self, row: m.Location) -> dict[str, Any]:
        return location_brief(row) | {
            "addresses": [self.address(x) for x in self.addresses.get(row.id, [])],
            "accessibility": [self.accessibility_item(x) for x in self.accessibility.get(row.id, [])],
            "phones": [self.phone(x) for x in self.phones["location"].get(row.id, [])],
            "languages": [self.language(x) for x in self.languages["location"].get(row.id, [])],
            "contacts": [self.contact(x) for x in self.contacts["location"].get(row.id, [])],
            "schedules": [self.schedule(x) for x in self.schedules["location"].get(row.id, [])],
            "attributes": self._attributes("location", row.id),
        }

    def service_at_location_children(self, row: m.ServiceAtLocation) -> dict[str, Any]:
        return {
            "contacts": [self.contact(x) for x in self.contacts["service_at_location"].get(row.id, [])],
            "phones": [self.phone(x) for x in self.phones["service_at_location"].get(row.id, [])],
            "schedules": [self.schedule(x) for x in self.schedules["service_at_location"].get(row.id, [])],
            "attributes": self._attributes("service_at_location", row.id),
        }

    def organization(self, row: m.Organization) -> dict[str, Any]:
        """The organisation with its own children (not its services)."""
        return organization_brief(row) | {
            "organization_identifiers": [
                {"id": str(x.id), "organization_id": str(x.organization_id)}
                | compact({"identifier_scheme": x.identifier_scheme})
                | {"identifier_type": x.identifier_type, "identifier": x.identifier}
                | {"attributes": self._attributes("organization_identifier", x.id)}
                for x in self.identifiers.get(row.id, [])
            ],
            "phones": [self.phone(x) for x in self.phones["organization"].get(row.id, [])],
            "contacts": [self.contact(x) for x in self.contacts["organization"].get(row.id, [])],
            "funding": [self.funding_item(x) for x in self.funding["organization"].get(row.id, [])],
            "programs": [program(x) for x in self.org_programs.get(row.id, [])],
            "attributes": self._attributes("organization", row.id),
        }

    def funding_item(self, row: m.Funding) -> dict[str, Any]:
        return {"id": str(row.id)} | compact(
            {
                "organization_id": text_id(row.organization_id),
                "service_id": text_id(row.service_id),
                "source": row.source,
            }
        )

    def service(self, row: m.Service, *, with_locations: bool = True, with_organization: bool = True) -> dict:
        """A service in full (service.json): every child, each location in full."""
        out = service_brief(row)
        sid = row.id
        out |= {
            "phones": [self.phone(x) for x in self.phones["service"].get(sid, [])],
            "schedules": [self.schedule(x) for x in self.schedules["service"].get(sid, [])],
            "service_areas": [
                {"id": str(x.id), "service_id": str(sid)}
                | compact(
                    {
                        "name": x.name,
                        "description": x.description,
                        "extent": x.extent,
                        "extent_type": x.extent_type,
                        "uri": x.uri,
                        "service_area": x.name,  # the UK profile's name for it
                    }
                )
                for x in self.service_areas.get(sid, [])
            ],
        }
        if with_locations:
            out["service_at_locations"] = [self.service_at_location(x, with_service=False) for x in self.sals[sid]]
        out |= {
            "languages": [self.language(x) for x in self.languages["service"].get(sid, [])],
            "funding": [self.funding_item(x) for x in self.funding["service"].get(sid, [])],
            "cost_options": [
                {"id": str(x.id), "service_id": str(sid)}
                | compact(
                    {
                        "valid_from": iso_date(x.valid_from),
                        "valid_to": iso_date(x.valid_to),
                        "option": x.option,
                        "currency": x.currency,
                        "amount": number(x.amount),
                        "amount_description": x.amount_description,
                    }
                )
                for x in self.cost_options.get(sid, [])
            ],
            "required_documents": [
                {"id": str(x.id), "service_id": str(sid)} | compact({"document": x.document, "uri": x.uri})
                for x in self.required_documents.get(sid, [])
            ],
            "contacts": [self.contact(x) for x in self.contacts["service"].get(sid, [])],
            "attributes": self._attributes("service", sid),
        }
        if row.program_id in self.programs:
            out["program"] = program(self.programs[row.program_id])
        if with_organization and row.organization is not None:
            out["organization"] = self.organization(row.organization)
        return out

    def service_at_location(self, row: m.ServiceAtLocation, *, with_service: bool = True) -> dict[str, Any]:
        """service_at_location.json: the location in full and (unless nested in its service) the service."""
        out = compact(
            {
                "id": str(row.id),
                "service_id": str(row.service_id),
                "location_id": str(row.location_id),
                "description": row.description,
            }
        )
        out |= self.service_at_location_children(row)
        out["location"] = self.location(row.location)
        if with_service:
            out["service"] = self.service(row.service, with_locations=False)
        return out


def services_full(services: Iterable[m.Service]) -> list[dict[str, Any]]:
    """Full services for a page; pass rows with `organization` selected."""
    services = list(services)
    graph = Graph(services)
    return [graph.service(s) for s in services]


def services_at_locations_full(rows: Iterable[m.ServiceAtLocation]) -> list[dict[str, Any]]:
    """Full service_at_locations; pass rows with `service__organization` and `location` selected."""
    rows = list(rows)
    graph = Graph(list({r.service_id: r.service for r in rows}.values()))
    return [graph.service_at_location(r) for r in rows]


def organization_full(row: m.Organization, services: Iterable[m.Service]) -> dict[str, Any]:
    """organization.json: the organisation with its children and every service in full."""
    services = list(services)
    locations = list(m.Location.objects.filter(organization=row).order_by("name", "id"))
    graph = Graph(services, organizations=[row], locations=locations)
    return graph.organization(row) | {
        "locations": [graph.location(x) for x in locations],  # here only: a council may have thousands (ADR 0044)
        "services": [graph.service(s, with_organization=False) for s in services],
    }
