"""Demo befriending: a coordinator, a safeguarding lead, volunteers (some still applying), people taken on
from loneliness referrals, a live match with its calls, and a concern. Invented names; nothing real.

Runs after the casework builder (it uses its Leeds scheme and referrals); idempotent under --if-empty.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from connected.befriending import call_services, concern_services, services
from connected.befriending.models import Volunteer
from connected.befriending.vocabulary import INTERESTS, SLOTS
from connected.casework.models import Referral
from connected.casework.vocabulary import Need
from connected.core.models import Role, Scheme
from connected.demo.casework import FIRST, LAST, _user

PASSWORD = "connected-demo-befriending"  # noqa: S105 - printed demo login, local use only
OUTCODES = ("LS6", "LS7", "LS16", "LS17", "LS8", "LS12")


def _volunteer(rng: random.Random, scheme, i: int, today: dt.date, *, user=None) -> Volunteer:
    volunteer = Volunteer.objects.create(
        scheme=scheme,
        user=user,
        given_name=FIRST[i % len(FIRST)],
        family_name=LAST[(i * 7) % len(LAST)],
        email=f"volunteer{i}@example.org",
        outcode=rng.choice(OUTCODES),
        gender=rng.choice(["female", "male"]),
        birth_year=today.year - rng.randint(20, 75),
        languages=["English"] + (["Urdu"] if i % 4 == 0 else []),
        interests=rng.sample([code for code, _ in INTERESTS], 3),
        modes=rng.sample(["phone", "video", "visit"], rng.randint(1, 3)),
        availability=rng.sample([code for code, _ in SLOTS], 6),
        travel_km=rng.choice([3, 5, 8]),
        capacity=rng.choice([1, 2]),
        status="approved" if i % 5 else "applied",
    )
    if volunteer.status == "approved":
        checked = today - dt.timedelta(days=rng.randint(30, 600))
        # One in seven has a lapsed DBS check: the proposals never show them.
        expires = checked + dt.timedelta(days=1095) if i % 7 else today - dt.timedelta(days=3)
        volunteer.dbs_level, volunteer.dbs_checked_on, volunteer.dbs_expires_on = "enhanced", checked, expires
        volunteer.references_received = 2
        volunteer.save()
        for course in ("induction", "safeguarding"):
            services.training_record(volunteer=volunteer, by=None, course=course, completed_on=checked)
    return volunteer


def demo(*, seed: int = 1, if_empty: bool = False) -> list[tuple[str, str, str]]:
    scheme = Scheme.objects.filter(name="Leeds North Social Prescribing").first()
    if scheme is None or (if_empty and Volunteer.objects.filter(scheme=scheme).exists()):
        return []
    rng = random.Random(seed)  # noqa: S311 - seeded demo data, not security
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic():
        org = scheme.organisation
        coordinator = _user("coordinator.leeds", PASSWORD, Role.BEFRIENDING_COORDINATOR, org, scheme)
        _user("safeguarding.leeds", PASSWORD, Role.SAFEGUARDING_LEAD, org, scheme)
        first = _user("volunteer.leeds", PASSWORD, Role.VOLUNTEER, org, scheme)
        volunteers = [_volunteer(rng, scheme, i, today, user=first if i == 1 else None) for i in range(1, 16)]
        referrals = [
            r
            for r in Referral.objects.filter(scheme=scheme, status="in_progress").select_related("person")[:60]
            if Need.LONELINESS in r.needs
        ][:6]
        for n, referral in enumerate(referrals):
            wishes = {
                "availability": rng.sample([code for code, _ in SLOTS], 8) + volunteers[0].availability[:1],
                "modes": ["phone", "visit"],
                "languages": ["English"],
                "interests": rng.sample([code for code, _ in INTERESTS], 3),
                "shared": ["interests", "phone"] if n % 2 else ["interests"],
            }
            made = services.request_create(referral=referral, by=coordinator, data=wishes, now=now)
            if n == 0:  # the demo volunteer's match, started three weeks ago, with a call to log today
                volunteer = volunteers[0]
                slot = volunteer.availability[0]
                mode = sorted(set(volunteer.modes) & set(made.modes) or {"phone"})[0]
                volunteer.modes = sorted(set(volunteer.modes) | {mode})
                volunteer.save()
                match = services.match_confirm(
                    request=made, volunteer=volunteer, by=coordinator, slot=slot, mode=mode,
                    reasons=["Demo match"], now=now - dt.timedelta(days=21),
                )  # fmt: skip
                call_services.calls_sweep(now=now)
                concern_services.concern_raise(
                    match=match, by=first, kind="health", detail="Said they have not been eating well (demo)", now=now
                )
    return [
        ("befriending coordinator", "coordinator.leeds", PASSWORD),
        ("befriending volunteer", "volunteer.leeds", PASSWORD),
        ("safeguarding lead", "safeguarding.leeds", PASSWORD),
    ]
