"""Test data: organisations, schemes, a user in every role, and people with referrals.

Plain functions over the real services (no mocks), so every test exercises the
same validation, routing and audit code as the pages do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from connected.casework import services
from connected.core.models import Membership, Organisation, Role, Scheme
from connected.directory.register import parse_area
from connected.directory.register_documents import SchemeSpec
from connected.directory.register_services import schemes_register

PASSWORD = "a-long-test-passphrase-42"
VALID_NHS = ["9434765919", "9434765870", "9434765838", "9434765862", "9990000018"]


def sign_in(client, user) -> None:
    """Sign `user` in with both factors, as staff must be: a confirmed authenticator app, verified this session."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def make_user(
    username: str, role: str | None, organisation: Organisation, scheme: Scheme | None = None, job_title: str = ""
):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    if role:
        Membership.objects.create(user=user, organisation=organisation, scheme=scheme, role=role, job_title=job_title)
    return user


def person_details(**overrides) -> dict:
    details = {
        "given_name": "Ada",
        "family_name": "Lovelace",
        "date_of_birth": dt.date(1950, 3, 27),
        "nhs_number": "9434765919",
        "postcode": "LS6 1AA",
        "phone": "0113 496 0000",
    }
    return details | overrides


def referral_details(**overrides) -> dict:
    details = {
        "needs": ["loneliness"],
        "reason": "Recently bereaved, rarely leaves the house",
        "hopes": "Meet people who like gardening",
        "urgency": "routine",
        "consent_given": True,
    }
    return details | overrides


def cover(scheme: Scheme, *areas: str, **spec) -> Scheme:
    """List the scheme in the register, covering `areas` ("la:E08000035", "outcode:LS6", "area:LS")."""
    coded = [parse_area(a) for a in areas]
    key = f"test-{scheme.pk}"
    detail = SchemeSpec(
        key=key, name=scheme.name, organisation=scheme.organisation.name, areas=[(k, c, c) for k, c in coded], **spec
    )
    schemes_register([detail], existing={key: scheme})
    return scheme


@dataclass
class World:
    pcn: Organisation
    scheme_a: Scheme
    scheme_b: Scheme
    users: dict[str, object] = field(default_factory=dict)
    records: dict[str, object] = field(default_factory=dict)


def make_world() -> World:
    pcn = Organisation.objects.create(name="Leeds North PCN", kind=Organisation.Kind.PCN)
    charity = Organisation.objects.create(name="Manchester Connect", kind=Organisation.Kind.CHARITY)
    practice = Organisation.objects.create(name="Park Surgery", kind=Organisation.Kind.GP_PRACTICE)
    council = Organisation.objects.create(name="Leeds City Council", kind=Organisation.Kind.COUNCIL)
    scheme_a = cover(Scheme.objects.create(organisation=pcn, name="Leeds North Social Prescribing"), "area:LS")
    scheme_b = cover(Scheme.objects.create(organisation=charity, name="Manchester Connect"), "area:M")
    scheme_a.commissioned_by.add(council)  # Leeds's commissioner counts Leeds's scheme, not Manchester's
    world = World(pcn=pcn, scheme_a=scheme_a, scheme_b=scheme_b)
    world.users = {
        "link_worker": make_user("lw_a", Role.LINK_WORKER, pcn, scheme_a),
        "scheme_manager": make_user("sm_a", Role.SCHEME_MANAGER, pcn, scheme_a),
        "referrer": make_user("gp_1", Role.REFERRER, practice, job_title="GP"),
        "provider": make_user("provider_1", Role.PROVIDER, charity),
        "commissioner": make_user("commissioner_1", Role.COMMISSIONER, council),
        "administrator": make_user("admin_1", Role.ADMINISTRATOR, pcn),
        "other_referrer": make_user("nurse_2", Role.REFERRER, practice, job_title="Practice nurse"),
        "link_worker_b": make_user("lw_b", Role.LINK_WORKER, charity, scheme_b),
        "no_role": make_user("nobody", None, pcn),
    }
    other = world.users["other_referrer"]
    own_scheme = services.referral_create(
        person=person_details(), referral=referral_details(), source="nurse", referrer=other, scheme=scheme_a
    )
    other_scheme = services.referral_create(
        person=person_details(
            given_name="Grace", family_name="Hopper", nhs_number="9434765870", postcode="M1 1AE", phone="0161 496 0999"
        ),
        referral=referral_details(),
        source="nurse",
        referrer=other,
        scheme=scheme_b,
    )
    world.records = {"own_scheme": own_scheme, "other_scheme": other_scheme, "others_referral": own_scheme}
    # A referral each user made themselves, to another scheme: only the referrer's own-referral rights apply.
    for i, (role, user) in enumerate(world.users.items()):
        made = services.referral_create(
            person=person_details(
                given_name=f"Own{i}",
                family_name="Referral",
                nhs_number="",
                postcode="M1 1AE",
                phone="0161 496 0999",
                date_of_birth=dt.date(1960, 1, 1 + i),
            ),
            referral=referral_details(),
            source="gp",
            referrer=None,
            scheme=scheme_b,
        )
        type(made).objects.filter(pk=made.pk).update(referrer=user)
        made.referrer = user
        made.referrer_id = user.pk
        world.records[f"own_referral:{role}"] = made
    return world
