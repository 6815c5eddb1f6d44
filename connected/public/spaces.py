"""Community spaces (halls, libraries, school rooms, cafés that host groups) as Open Referral UK records.

A space is published as an ordinary ORUK service ("Main hall for community groups") by the venue's
organisation, at a location with its address, accessibility and opening hours, with the hire cost as a cost
option, how to book as the application process, and its capacity and kind as attributes (HSDS attribute
values). So a space imported from a council's ORUK feed and one offered through our form are the same kind
of record, and both go out through the ORUK API with no special case. Offers wait for review (admin) first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from django.db import transaction

from connected.core.places import Place, distance_km, km_to_miles
from connected.directory import models as d
from connected.directory.search import refresh_index
from connected.directory.vocabulary import ACCESSIBILITY, ACCESSIBILITY_TAXONOMY

from . import fair_point
from .models import SpaceOffer

SPACES_TAXONOMY = "Connected community spaces"
SPACE_TERM = "community-space"
CAPACITY_TERM = "capacity"
KINDS = (
    ("hall", "Hall"),
    ("meeting-room", "Meeting room"),
    ("library", "Library space"),
    ("school-room", "School room"),
    ("cafe", "Café that hosts groups"),
    ("outdoor", "Outdoor space"),
    ("other", "Other"),
)
SEARCH_MILES = 10  # beyond the furthest member from the fair point


def _term(code: str, label: str, taxonomy_name: str = SPACES_TAXONOMY) -> d.TaxonomyTerm:
    taxonomy, _ = d.Taxonomy.objects.get_or_create(name=taxonomy_name)
    term, _ = d.TaxonomyTerm.objects.get_or_create(
        code=code, taxonomy=taxonomy, defaults={"name": label, "taxonomy_name": taxonomy_name}
    )
    return term


@transaction.atomic
def space_publish(*, offer: SpaceOffer) -> d.Service:
    """Publish a reviewed offer to the directory (and its search index); idempotent for a published offer."""
    if offer.service_id:
        return d.Service.objects.get(pk=offer.service_id)
    organisation = d.Organization.objects.create(name=offer.venue, email=offer.email)
    service = d.Service.objects.create(
        organization=organisation,
        name=f"{offer.space} for community groups",
        description=f"{dict(KINDS).get(offer.kind, 'Space')} for up to {offer.capacity} people at {offer.venue}.",
        email=offer.email,
        application_process=offer.how_to_book,
        fees_description=offer.cost,
    )
    location = d.Location.objects.create(
        organization=organisation, name=offer.venue, latitude=offer.latitude, longitude=offer.longitude
    )
    d.Address.objects.create(location=location, address_1=offer.address, city=offer.town, postal_code=offer.postcode)
    d.ServiceAtLocation.objects.create(service=service, location=location)
    d.Schedule.objects.create(location=location, description=offer.hours)
    d.CostOption.objects.create(
        service=service, amount=Decimal("0") if offer.free else None, amount_description=offer.cost
    )
    if offer.phone:
        d.Phone.objects.create(service=service, number=offer.phone)
    _attributes(offer, service, location)
    offer.service_id = service.id
    offer.status = SpaceOffer.Status.PUBLISHED
    offer.save(update_fields=["service_id", "status"])
    refresh_index([service.id])
    return service


def _attributes(offer: SpaceOffer, service: d.Service, location: d.Location) -> None:
    link = d.Attribute.LinkEntity
    kind = _term(offer.kind, dict(KINDS).get(offer.kind, "Space"))
    d.Attribute.objects.create(
        taxonomy_term=_term(SPACE_TERM, "Space for community groups"), link_entity=link.SERVICE, link_id=service.id
    )
    d.Attribute.objects.create(taxonomy_term=kind, link_entity=link.LOCATION, link_id=location.id)
    d.Attribute.objects.create(
        taxonomy_term=_term(CAPACITY_TERM, "Capacity (people)"),
        link_entity=link.LOCATION,
        link_id=location.id,
        value=str(offer.capacity),
    )
    labels = {t.code: t.label for t in ACCESSIBILITY}
    for code in offer.accessibility:
        term = _term(code, labels[code], ACCESSIBILITY_TAXONOMY)
        d.Attribute.objects.create(taxonomy_term=term, link_entity=link.LOCATION, link_id=location.id)
        d.Accessibility.objects.create(location=location, description=labels[code])


@dataclass(frozen=True)
class SpaceMatch:
    service_id: UUID
    name: str
    venue: str
    address: str
    capacity: int | None
    hours: str
    cost: str
    how_to_book: str
    accessibility: list[str]
    furthest_miles: float
    average_miles: float


def spaces_for_group(
    members: list[Place], *, min_capacity: int = 0, limit: int = 10
) -> tuple[tuple[float, float], list[SpaceMatch]]:
    """The fair point for the members, and published spaces ranked by the furthest member's distance."""
    points = [(p.latitude, p.longitude) for p in members]
    middle = fair_point.centre(points)
    reach = fair_point.furthest_km(middle, points) + SEARCH_MILES * 1.609344
    matches = []
    for location in _space_locations():
        if location.latitude is None or distance_km(*middle, location.latitude, location.longitude) > reach:
            continue
        match = _match(location, points)
        if match.capacity is None or match.capacity >= min_capacity:
            matches.append(match)
    matches.sort(key=lambda m: (m.furthest_miles, m.average_miles, m.name))
    return middle, matches[:limit]


def _space_locations():
    spaces = d.Attribute.objects.filter(taxonomy_term__code=SPACE_TERM, link_entity=d.Attribute.LinkEntity.SERVICE)
    return (
        d.Location.objects.filter(
            service_at_locations__service_id__in=spaces.values("link_id"),
            service_at_locations__service__status=d.Service.Status.ACTIVE,
        )
        .prefetch_related("addresses", "schedules", "accessibility", "service_at_locations__service__cost_options")
        .distinct()
    )


def _match(location: d.Location, points: list[tuple[float, float]]) -> SpaceMatch:
    service = location.service_at_locations.all()[0].service
    distances = [km_to_miles(distance_km(location.latitude, location.longitude, lat, lon)) for lat, lon in points]
    capacity = d.Attribute.objects.filter(
        taxonomy_term__code=CAPACITY_TERM, link_entity=d.Attribute.LinkEntity.LOCATION, link_id=location.id
    ).first()
    address = next(iter(location.addresses.all()), None)
    costs = [c.amount_description or ("Free" if c.amount == 0 else "") for c in service.cost_options.all()]
    return SpaceMatch(
        service_id=service.id,
        name=service.name,
        venue=location.name,
        address=", ".join(p for p in (address.address_1, address.city, address.postal_code) if p) if address else "",
        capacity=int(capacity.value) if capacity and capacity.value.isdigit() else None,
        hours="; ".join(s.description for s in location.schedules.all() if s.description),
        cost="; ".join(c for c in costs if c) or service.fees_description,
        how_to_book=service.application_process,
        accessibility=[a.description for a in location.accessibility.all()],
        furthest_miles=max(distances),
        average_miles=sum(distances) / len(distances),
    )
