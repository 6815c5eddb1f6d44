"""Demo matching profiles: how some demo people get about, when they are free, what they can pay.

Made up, seeded, for people the casework builder made (no real person's data); only people without a profile
get one, so running it twice changes nothing.
"""

from __future__ import annotations

import random
from decimal import Decimal

from connected.casework.models import Person
from connected.matching.models import Profile, Travel

INTERESTS = (
    "I used to sing in church and I miss it",
    "I miss being outdoors",
    "I like making things and fixing bikes",
    "I would like to do something creative",
    "I want to get fitter",
    "I love reading and a good natter",
    "",
)
PARTS = ("morning", "afternoon", "evening")


def demo(*, seed: int = 1, if_empty: bool = False, share: float = 0.6) -> list:
    """Profiles for about `share` of demo people who have none; returns no logins."""
    rng = random.Random(seed)  # noqa: S311 - seeded demo data, not security
    if if_empty and Profile.objects.exists():
        return []
    people = Person.objects.filter(matching_profile__isnull=True, erased_at__isnull=True).order_by("pk")
    made = []
    for person in people.iterator():
        if rng.random() > share:
            continue
        days = rng.sample(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], k=rng.randint(0, 4))
        made.append(
            Profile(
                person=person,
                travel=rng.choice([Travel.WALK, Travel.BUS, Travel.BUS, Travel.CAR, Travel.NONE]),
                free_times=[f"{d}-{p}" for d in days for p in rng.sample(PARTS, k=rng.randint(1, 2))],
                max_cost_pounds=rng.choice([None, None, Decimal("0"), Decimal("3")]),
                access_needs=["step-free"] if rng.random() < 0.15 else [],
                interests=rng.choice(INTERESTS),
            )
        )
    Profile.objects.bulk_create(made)
    return []
