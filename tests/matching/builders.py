"""A small directory around a Leeds person, every field matching looks at varied on purpose."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

from connected.casework import services as casework
from connected.core.models import Postcode
from connected.directory import models as m
from connected.directory.search import refresh_index
from connected.matching.models import Profile
from tests.search.factories import add_service, vocabulary_terms

HOME = (53.8200, -1.5760)  # LS6 1AA, Headingley


def km_north(km: float) -> tuple[float, float]:
    return HOME[0] + km / 111.2, HOME[1]


def leeds_directory() -> dict[str, m.Service]:
    """Services at known distances and times from HOME; the index is rebuilt."""
    Postcode.objects.get_or_create(postcode="LS6 1AA", defaults={"lat": HOME[0], "lon": HOME[1], "outcode": "LS6"})
    terms = vocabulary_terms()
    feed = m.Feed.objects.create(name="Leeds directory")
    made = {
        "walk": add_service(
            feed, terms, name="Headingley Walkers", description="Gentle walks in the park, outdoors, then tea.",
            point=km_north(0.6), activity="walking-group", needs=("loneliness",), access=("step-free",),
            byday="TU", opens=time(10), closes=time(12),
        ),
        "choir": add_service(
            feed, terms, name="Community Choir", description="Singing together, all voices welcome.",
            point=km_north(3.0), activity="choir", byday="WE", opens=time(19), closes=time(21),
            price=Decimal("3"),
        ),
        "garden": add_service(
            feed, terms, name="Kirkstall Community Garden", description="Grow vegetables with others.",
            point=km_north(1.2), activity="gardening", needs=("loneliness",), byday="TH", opens=time(13),
            closes=time(15),
        ),
        "phone": add_service(
            feed, terms, name="Telephone Friends", description="A friendly phone call every week.",
            activity="telephone-friendship", needs=("loneliness", "older-people"), attending="Telephone",
            byday="MO", opens=time(14), closes=time(15),
        ),
        "far": add_service(
            feed, terms, name="York Walking Group", description="Walks by the river.", point=km_north(30),
            activity="walking-group", byday="TU",
        ),
        "young": add_service(
            feed, terms, name="Youth Walks", description="Walks for young people.", point=km_north(0.5),
            activity="walking-group", ages=(16, 25), byday="TU",
        ),
        "closed": add_service(
            feed, terms, name="Old Walking Club", description="Walks.", point=km_north(0.4),
            activity="walking-group", status="inactive",
        ),
    }  # fmt: skip
    refresh_index()
    return made


def case_with_profile(world, **profile) -> object:
    """The world's own-scheme case, with the person's words recorded and a matching profile."""
    referral = world.records["own_scheme"]
    casework.conversation_record(
        referral=referral,
        by=world.users["link_worker"],
        goals="I miss being outdoors. I used to sing in church.",
        interests="Walking and gardening",
    )
    Profile.objects.update_or_create(person=referral.person, defaults=profile)
    return referral
