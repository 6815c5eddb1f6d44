"""A scheme's caseload at the size of a real one (200 to 250 open cases), built in a few queries."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from connected.casework.models import Person, Referral, StatusChange

GIVEN = ["Alice", "Bernard", "Cora", "Dev", "Edith", "Farid", "Gwen", "Harold", "Ines", "Jomo", "Kath", "Lionel"]
FAMILY = ["Ashby", "Brook", "Carter", "Dale", "Ellis", "Fenwick", "Garth", "Hale", "Irwin", "Jory", "Kemp", "Lund"]


def make_caseload(scheme, n: int, *, seed: int = 7, worker=None, start: int = 0) -> list[Referral]:
    """`n` open referrals in `scheme` from routine to urgent, received over the last 60 days, names made up."""
    rng = random.Random(seed)
    now = timezone.now()
    people = Person.objects.bulk_create(
        Person(
            scheme=scheme,
            given_name=GIVEN[i % len(GIVEN)],
            family_name=f"{FAMILY[(i // len(GIVEN)) % len(FAMILY)]}-{i:03d}",
            postcode="LS6 1AA",
        )
        for i in range(start, start + n)
    )
    referrals = Referral.objects.bulk_create(
        Referral(
            person=person,
            scheme=scheme,
            source=rng.choice(["gp", "nurse", "self"]),
            urgency=rng.choice(["routine", "routine", "soon"]),
            status=rng.choice(["received", "contacted", "in_progress"]),
            received_at=now - dt.timedelta(days=rng.randint(0, 6), hours=1),
            assigned_to=worker,
        )
        for person in people
    )
    StatusChange.objects.bulk_create(StatusChange(referral=r, status=r.status, at=r.received_at) for r in referrals)
    return referrals
