"""Befriending test data over the real services: a scheme with a coordinator, a safeguarding lead, two
volunteers with clear checks (each with an account), and a person referred for loneliness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from connected.befriending import services
from connected.befriending.models import Request, Volunteer
from connected.casework import services as casework
from connected.core.models import Organisation, Role, Scheme
from tests.casework.builders import cover, make_user, person_details, referral_details

SLOTS = ["tue_pm", "thu_am"]


@dataclass
class Befriending:
    scheme: Scheme
    other_scheme: Scheme
    users: dict[str, object] = field(default_factory=dict)
    volunteers: dict[str, Volunteer] = field(default_factory=dict)
    referral: object = None


def volunteer_data(**overrides) -> dict:
    data = {
        "given_name": "Vera", "family_name": "Lynn", "email": "vera@example.org", "phone": "07700 900001",
        "postcode": "LS6 2AB", "gender": "female", "birth_year": 1970, "travel_km": 5,
        "availability": list(SLOTS), "modes": ["phone", "visit"], "languages": ["English"],
        "interests": ["gardening", "music"], "motivation": "I have time on Tuesdays",
    }  # fmt: skip
    return data | overrides


def clear_volunteer(scheme, by, *, user=None, today=None, **overrides) -> Volunteer:
    """An approved volunteer whose checks are all in date."""
    today = today or timezone.localdate()
    volunteer = services.volunteer_apply(data=volunteer_data(**overrides))
    volunteer.scheme = scheme
    volunteer.save()
    services.volunteer_checks_record(volunteer=volunteer, by=by, data={
        "dbs_level": "enhanced", "dbs_checked_on": today - dt.timedelta(days=30),
        "dbs_expires_on": today + dt.timedelta(days=700), "references_received": 2, "capacity": 1,
    })  # fmt: skip
    for course in ("induction", "safeguarding"):
        services.training_record(volunteer=volunteer, by=by, course=course, completed_on=today - dt.timedelta(days=10))
    services.volunteer_decide(volunteer=volunteer, by=by, approve=True)
    if user is not None:  # a test account with a password, in place of the one approval made
        old = volunteer.user
        volunteer.user = user
        volunteer.save()
        old.delete()
    return volunteer


def make_befriending() -> Befriending:
    pcn = Organisation.objects.create(name="Leeds North PCN", kind=Organisation.Kind.PCN)
    charity = Organisation.objects.create(name="Manchester Connect", kind=Organisation.Kind.CHARITY)
    scheme = cover(Scheme.objects.create(organisation=pcn, name="Leeds North"), "area:LS")
    other = cover(Scheme.objects.create(organisation=charity, name="Manchester Connect"), "area:M")
    world = Befriending(scheme=scheme, other_scheme=other)
    world.users = {
        "coordinator": make_user("coord_a", Role.BEFRIENDING_COORDINATOR, pcn, scheme),
        "safeguarding_lead": make_user("lead_a", Role.SAFEGUARDING_LEAD, pcn, scheme),
        "volunteer": make_user("vol_a", Role.VOLUNTEER, pcn, scheme),
        "other_volunteer": make_user("vol_a2", Role.VOLUNTEER, pcn, scheme),
        "coordinator_b": make_user("coord_b", Role.BEFRIENDING_COORDINATOR, charity, other),
        "link_worker": make_user("lw_a", Role.LINK_WORKER, pcn, scheme),
        "scheme_manager": make_user("sm_a", Role.SCHEME_MANAGER, pcn, scheme),
        "no_role": make_user("nobody", None, pcn),
    }
    for u in world.users.values():
        u.email = f"{u.username}@example.org"
        u.save()
    coordinator = world.users["coordinator"]
    world.volunteers = {
        "volunteer": clear_volunteer(scheme, coordinator, user=world.users["volunteer"]),
        "other_volunteer": clear_volunteer(
            scheme, coordinator, user=world.users["other_volunteer"], given_name="Olive", email="olive@example.org",
            interests=["sport"],
        ),
    }  # fmt: skip
    world.referral = casework.referral_create(
        person=person_details(address="1 Leaf Street", email="ada@example.org"),
        referral=referral_details(), source="self", scheme=scheme,
    )  # fmt: skip
    world.referral.person.consent_to_contact = True
    world.referral.person.save()
    return world


def another_referral(world: Befriending, name: str = "Mary"):
    return casework.referral_create(
        person=person_details(given_name=name, family_name="Somerville", nhs_number="9434765838"),
        referral=referral_details(), source="nurse", scheme=world.scheme,
    )  # fmt: skip


def request_for(world: Befriending, referral=None, **overrides) -> Request:
    data = {"availability": ["tue_pm", "sat_am"], "modes": ["phone"], "languages": ["English"],
            "interests": ["gardening"], "shared": ["interests"]} | overrides  # fmt: skip
    return services.request_create(referral=referral or world.referral, by=world.users["coordinator"], data=data)
