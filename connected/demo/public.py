"""Demo community spaces (published through the review path) and a council's local text on a life event.

Spaces sit at real demo locations (the directory's own positions and postcodes), so the spaces finder has
something to find near any demo area. No people, no personal data.
"""

from __future__ import annotations

import random

from django.db import transaction

from connected.core.models import LocalAuthority
from connected.directory.models import Address
from connected.public import spaces
from connected.public.models import LifeEventLocalText, SpaceOffer

KINDS = [("Main hall", "hall", 80), ("Community room", "meeting-room", 25), ("Library meeting room", "library", 20)]
SHOWN = 12


def demo(*, seed: int = 1, if_empty: bool = False) -> list:
    if if_empty and SpaceOffer.objects.exists():
        return []
    rng = random.Random(seed)  # noqa: S311 - seeded demo data, not security
    addresses = list(
        Address.objects.filter(location__latitude__isnull=False, postal_code__gt="")
        .select_related("location")
        .order_by("location__name")[:200]
    )
    rng.shuffle(addresses)
    with transaction.atomic():
        SpaceOffer.objects.all().delete()
        for address in addresses[:SHOWN]:
            name, kind, capacity = rng.choice(KINDS)
            offer = SpaceOffer.objects.create(
                venue=f"{address.location.name or 'Community centre'}",
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
            if rng.random() < 0.75:  # the rest wait for review in the admin
                spaces.space_publish(offer=offer)
        _local_text()
    return []


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
