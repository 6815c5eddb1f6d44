"""Demo community spaces (published through the review path) and a council's local text on a life event.

Spaces sit at real demo locations (the directory's own positions and postcodes), so the spaces finder has
something to find near any demo area. No people, no personal data.
"""

from __future__ import annotations

import random

from django.db import transaction

from connected.core.models import LocalAuthority
from connected.directory.models import Address, Location, Organization, Service
from connected.public import spaces
from connected.public.models import LifeEventLocalText, SpaceOffer

KINDS = [("Main hall", "hall", 80), ("Community room", "meeting-room", 25), ("Library meeting room", "library", 20)]
SHOWN = 12


def demo(*, seed: int = 1, if_empty: bool = False) -> list:
    if if_empty and SpaceOffer.objects.exists():
        return []
    rng = random.Random(seed)  # noqa: S311 - seeded demo data, not security
    with transaction.atomic():
        _remove_earlier()
        addresses = list(
            Address.objects.filter(location__latitude__isnull=False, postal_code__gt="")
            .select_related("location")
            .order_by("location__name", "id")[:200]
        )
        rng.shuffle(addresses)
        for address in addresses[:SHOWN]:
            offer = _offer(rng, address)
            if rng.random() < 0.75:  # the rest wait for review in the admin
                spaces.space_publish(offer=offer)
        _local_text()
    return []


def _remove_earlier() -> None:
    """A second run replaces the first: its published spaces leave the directory too."""
    earlier = list(SpaceOffer.objects.exclude(service_id=None).values_list("service_id", flat=True))
    locations = list(Location.objects.filter(service_at_locations__service_id__in=earlier).values_list("id", flat=True))
    organisations = list(Service.objects.filter(id__in=earlier).values_list("organization_id", flat=True))
    Service.objects.filter(id__in=earlier).delete()
    Location.objects.filter(id__in=locations).delete()
    Organization.objects.filter(id__in=organisations).delete()
    SpaceOffer.objects.all().delete()


def _offer(rng: random.Random, address: Address) -> SpaceOffer:
    name, kind, capacity = rng.choice(KINDS)
    return SpaceOffer.objects.create(
        venue=address.location.name or "Community centre",
        space=name,
        kind=kind,
        address=address.address_1,
        town=address.city,
        postcode=address.postal_code,
        latitude=address.location.latitude,
        longitude=address.location.longitude,
        capacity=capacity,
        accessibility=rng.sample(["step-free", "hearing-loop", "accessible-toilet"], k=2),
        hours=rng.choice(["Weekdays 9am to 5pm", "Evenings and weekends", "Mornings, Monday to Saturday"]),
        cost=rng.choice(["£10 an hour", "Free for community groups", "£15 a session"]),
        free=False,
        how_to_book="Email the office with the day and time you would like.",
        email="bookings@example.org",
    )


def _local_text() -> None:
    authority = LocalAuthority.objects.filter(code="E08000035").first() or LocalAuthority.objects.first()
    if authority is None:
        return
    LifeEventLocalText.objects.update_or_create(
        event="bereavement",
        local_authority=authority,
        defaults={
            "heading": f"Bereavement support in {authority.name}",
            "text": "The council's bereavement service can help with practical arrangements.\n\n"
            "Ask at any library for the list of local bereavement groups.",
        },
    )
