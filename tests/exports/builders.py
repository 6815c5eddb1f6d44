"""A scheme with people who were contacted, introduced to funded activities and measured twice, and a
funder with grants: built through the real casework and measures services (no mocks)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from connected.casework import services
from connected.casework.models import Introduction
from connected.core.models import Organisation, Role
from connected.directory.models import Organization, Service
from connected.evidence.models import Grant
from connected.measures.services import response_record
from tests.casework.builders import make_user, person_details, referral_details

ONS = ["often_always", "some_of_the_time", "occasionally", "hardly_ever", "never"]
UCLA = ["hardly_ever_or_never", "some_of_the_time", "often"]
STATUSES = ["suggested", "accepted", "attended", "still_going", "stopped"]


def _ucla(level: int) -> dict:
    return {item: UCLA[level] for item in ("lack_companionship", "left_out", "isolated")}


def populate(world, *, people: int = 24, scheme=None) -> dict:
    """`people` people in `scheme` (scheme A), each with a distinctive made-up name (so a test can look for it)."""
    scheme = scheme or world.scheme_a
    worker = world.users["link_worker"] if scheme == world.scheme_a else world.users["link_worker_b"]
    org = Organization.objects.create(name="Kirkstall Tea Club")
    funded = Service.objects.create(organization=org, name="Tuesday tea and talk")
    other = Service.objects.create(organization=org, name="Unfunded choir")
    start = timezone.now() - dt.timedelta(days=200)
    made = []
    for i in range(people):
        referral = services.referral_create(
            person=person_details(
                given_name=f"Zephyrine{chr(65 + i)}q",
                family_name=f"Quartermaine{chr(65 + i)}x",
                nhs_number="",
                date_of_birth=dt.date(1940 + i, 1 + i % 12, 1 + i % 27),
                postcode="LS6 1AA" if scheme == world.scheme_a else "M1 1AE",
                phone=f"0113 496 0{i:03d}",
                email=f"zephyrine{i}@example.org",
            ),
            referral=referral_details(),
            source="gp" if i % 2 else "nurse",
            referrer=world.users["referrer"],
            scheme=scheme,
            now=start + dt.timedelta(days=i),
        )
        _work(referral, worker, i, funded if i % 4 else other)
        made.append(referral)
    return {"referrals": made, "funded": funded, "other": other, "org": org}


def _work(referral, worker, i: int, service) -> None:
    services.referral_accept(referral=referral, by=worker, now=referral.received_at + dt.timedelta(days=1))
    for k in range(1 + i % 3):
        at = referral.received_at + dt.timedelta(days=2 + k)
        services.contact_record(referral=referral, by=worker, mode="phone", at=at, duration_minutes=20)
    services.contact_record(referral=referral, by=worker, mode="attempt", at=referral.received_at)
    intro = services.introduction_create(referral=referral, by=worker, service=service)
    status = STATUSES[i % 5]
    if status != "suggested":
        services.introduction_update(
            introduction=intro, by=worker, status=status, stopped_reason="Moved" if status == "stopped" else ""
        )
    if status == "still_going" and i % 2:  # confirmed still going 100 days on
        Introduction.objects.filter(pk=intro.pk).update(updated_at=intro.created_at + dt.timedelta(days=100))
    base = referral.received_at + dt.timedelta(days=3)
    for code, answers in (("ons-direct", {"lonely": ONS[i % 3]}), ("ucla3", _ucla(2 - i % 2))):
        response_record(
            instrument_code=code, answers=answers, subject_type="casework.case", subject_id=referral.pk,
            timepoint="baseline", administered_at=base,
        )  # fmt: skip
        if i % 6 != 5:  # most answer again later
            later = {"lonely": ONS[(i % 3) + (i % 4 > 0)]} if code == "ons-direct" else _ucla(i % 3 // 2)
            response_record(
                instrument_code=code, answers=later, subject_type="casework.case", subject_id=referral.pk,
                timepoint="follow_up", administered_at=base + dt.timedelta(days=90),
            )  # fmt: skip


def funders(world) -> dict:
    """Two funders, each with a user; a provider organisation that receives one grant."""
    one = Organisation.objects.create(name="Foundation One", kind=Organisation.Kind.FUNDER)
    two = Organisation.objects.create(name="Foundation Two", kind=Organisation.Kind.FUNDER)
    grantee = Organisation.objects.create(name="Tea Club", kind=Organisation.Kind.CHARITY)
    return {
        "one": one,
        "two": two,
        "funder": make_user("funder_one", Role.FUNDER, one),
        "funder_two": make_user("funder_two", Role.FUNDER, two),
        "grantee": make_user("grantee_1", Role.PROVIDER, grantee),
        "grantee_org": grantee,
    }


def grant(funder, *, title: str = "Tea and talk", services=(), uses_connected: bool = False, **extra) -> Grant:
    made = Grant.objects.create(
        funder=funder,
        title=title,
        amount=Decimal("12000.00"),
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2030, 12, 31),
        uses_connected=uses_connected,
        **extra,
    )
    made.services.add(*services)
    return made
