"""Demo casework: two schemes, a login for every role, and a few hundred synthetic people and referrals.

Names are invented from short lists; NHS numbers come from the 999 range that
NHS England sets aside for testing (each passes Modulus 11); postcodes are real
ones (from the imported postcode table, else the ONS file in shared/data), so
people sit in real places. Nothing here is anyone's personal data.
Called by `manage.py demo` as `demo(seed=..., if_empty=...)`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import random
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from connected.casework import services
from connected.casework.vocabulary import ContactMode, DeclineReason, Need, Outcome, RiskCircumstance, Source, Urgency
from connected.core.models import Membership, Organisation, Role, Scheme
from connected.demo import providers, register

FIRST = [
    "Alex",
    "Amira",
    "Ben",
    "Bethan",
    "Carys",
    "Chen",
    "Dev",
    "Ellie",
    "Farah",
    "Gwen",
    "Harvey",
    "Ife",
    "Jamal",
    "Kasia",
    "Leon",
    "Maisie",
    "Nia",
    "Olu",
    "Priya",
    "Quinn",
    "Rhys",
    "Sana",
    "Tomasz",
    "Una",
    "Viktor",
    "Wren",
    "Yusuf",
    "Zara",
    "Edna",
    "Stanley",
    "Doreen",
    "Walter",
    "Ivy",
    "Clifford",
]
LAST = [
    "Abbott",
    "Begum",
    "Carter",
    "Dawson",
    "Evans",
    "Fletcher",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Okafor",
    "Patel",
    "Quigley",
    "Reid",
    "Shah",
    "Thomas",
    "Underwood",
    "Vaughan",
    "Walsh",
    "Young",
    "Zielinski",
    "Barker",
    "Holt",
    "Pearce",
]
SCHEMES = (
    # (organisation, kind, scheme, postcode area it covers in the register, login key)
    ("Leeds North PCN", Organisation.Kind.PCN, "Leeds North Social Prescribing", "LS", "leeds"),
    ("Manchester Connect", Organisation.Kind.CHARITY, "Manchester Connect Link Workers", "M", "manchester"),
)
STATUS_MIX = (
    ("received", 15),
    ("accepted", 10),
    ("contacted", 15),
    ("in_progress", 30),
    ("closed", 20),
    ("declined", 10),
)
POSTCODE_FILE = Path(settings.SHARED_DIR) / "data" / "postcodes" / "gb_postcodes_nspl_may2025.csv.gz"


def test_nhs_number(rng: random.Random) -> str:
    """A number from the 999 test range with a valid Modulus 11 check digit."""
    while True:
        body = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        check = 11 - sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return body + str(check)


def real_postcodes(prefix: str, count: int, rng: random.Random) -> list[str]:
    """Real postcodes in an area: from the database when imported, else streamed from the ONS file."""
    from connected.core.models import Postcode

    found = list(Postcode.objects.filter(outcode__regex=rf"^{prefix}[0-9]").values_list("postcode", flat=True)[:5000])
    if not found and POSTCODE_FILE.exists():
        with gzip.open(POSTCODE_FILE, "rt") as handle:
            for line in handle:
                code = line.split(",", 1)[0]
                if code.startswith(prefix) and code[len(prefix)].isdigit():
                    found.append(code)
                elif found:
                    break
    if not found:
        found = [f"{prefix}1 1AA"]
    return [rng.choice(found) for _ in range(count)]


def _user(username: str, password: str, role: str, organisation, scheme=None, job_title: str = "", staff=False):
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        user = user_model.objects.create_user(username=username, password=password, is_staff=staff, is_superuser=staff)
    Membership.objects.update_or_create(
        user=user, defaults={"organisation": organisation, "scheme": scheme, "role": role, "job_title": job_title}
    )
    return user


def demo(*, seed: int = 1, if_empty: bool = False, people: int = 300) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)  # noqa: S311 - seeded demo data, not security
    if if_empty and Scheme.objects.filter(name=SCHEMES[0][2]).exists():
        return []
    with transaction.atomic():
        schemes, logins, workers = [], [], {}
        for org_name, kind, scheme_name, covers, key in SCHEMES:
            org, _ = Organisation.objects.get_or_create(name=org_name, defaults={"kind": kind})
            scheme, _ = Scheme.objects.get_or_create(organisation=org, name=scheme_name)
            register.demo_listing(scheme, area=covers, key=key)
            schemes.append(scheme)
            password = f"connected-demo-{key}"
            workers[scheme.pk] = [
                _user(f"linkworker.{key}", password, Role.LINK_WORKER, org, scheme),
                _user(f"linkworker2.{key}", password, Role.LINK_WORKER, org, scheme),
            ]
            _user(f"manager.{key}", password, Role.SCHEME_MANAGER, org, scheme)
            logins += [("link worker", f"linkworker.{key}", password), ("scheme manager", f"manager.{key}", password)]
        practice, _ = Organisation.objects.get_or_create(name="Park Surgery", defaults={"kind": "gp_practice"})
        council, _ = Organisation.objects.get_or_create(name="Leeds City Council", defaults={"kind": "council"})
        charity, _ = Organisation.objects.get_or_create(name="Kirkstall Community Garden", defaults={"kind": "charity"})
        password = "connected-demo-other"  # noqa: S105 - printed demo login, local use only
        referrers = [
            _user("gp.park", password, Role.REFERRER, practice, job_title="GP"),
            _user("nurse.park", password, Role.REFERRER, practice, job_title="Practice nurse"),
        ]
        provider = _user("provider.garden", password, Role.PROVIDER, charity)
        _user("directory.leeds", password, Role.DIRECTORY_MANAGER, council)
        _user("commissioner.leeds", password, Role.COMMISSIONER, council)
        foundation, _ = Organisation.objects.get_or_create(
            name="West Yorkshire Community Foundation", defaults={"kind": "funder"}
        )
        _user("funder.foundation", password, Role.FUNDER, foundation)
        council.commissioned_schemes.add(schemes[0])  # Leeds's council commissions the Leeds scheme
        _user("admin.demo", password, Role.ADMINISTRATOR, council, staff=True)
        logins += [
            ("referrer", "gp.park", password),
            ("provider", "provider.garden", password),
            ("directory manager", "directory.leeds", password),
            ("commissioner", "commissioner.leeds", password),
            ("funder", "funder.foundation", password),
            ("administrator", "admin.demo", password),
        ]
        postcodes = {s.pk: real_postcodes(row[3], people, rng) for s, row in zip(schemes, SCHEMES, strict=True)}
        statuses = [s for s, weight in STATUS_MIX for _ in range(weight)]
        now = timezone.now()
        for i in range(people):
            scheme = schemes[0] if i % 3 else schemes[1]
            _one_person(rng, scheme, postcodes[scheme.pk][i], rng.choice(statuses), workers[scheme.pk], referrers, now)
        providers.demo(provider=provider, scheme=schemes[0], now=now)  # after the people: introductions need cases
    return logins


def _one_person(rng, scheme, postcode, status, workers, referrers, now) -> None:
    """One person referred to `scheme`, their referral taken as far as `status` by one of its link workers."""
    received = now - dt.timedelta(days=rng.randint(0, 200), hours=rng.randint(0, 23))
    if status in ("received", "accepted"):
        received = now - dt.timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 23))
    referral = _referred(rng, scheme, postcode, referrers, received)
    _worked(rng, referral, status, rng.choice(workers), received, now)


def _referred(rng, scheme, postcode, referrers, received: dt.datetime):
    """A new referral of a synthetic person, by a referrer or by themselves, received at `received`."""
    dob = dt.date(rng.randint(1930, 2006), rng.randint(1, 12), rng.randint(1, 28))
    person = {
        "given_name": rng.choice(FIRST),
        "family_name": rng.choice(LAST),
        "date_of_birth": dob,
        "nhs_number": test_nhs_number(rng),
        "postcode": postcode,
        "phone": f"07700 900{rng.randint(0, 999):03d}",
        "contact_methods": rng.sample(["phone", "text", "email", "letter"], k=rng.randint(1, 2)),
    }
    by_self = rng.random() < 0.2
    referrer = None if by_self else rng.choice(referrers)
    referral = services.referral_create(
        person=person,
        referral={
            "needs": rng.sample(Need.values, k=rng.randint(1, 3)),
            "reason": "Synthetic demo referral",
            "hopes": rng.choice(["Meet people nearby", "Get out more", "Something creative", ""]),
            "urgency": rng.choice(Urgency.values),
            "consent_given": True,
        },
        source=Source.SELF if by_self else (Source.GP if referrer.username.startswith("gp") else Source.NURSE),
        referrer=referrer,
        scheme=scheme,
        now=received,
        actor_label="demo",
    )
    p = referral.person
    p.lives_alone = rng.random() < 0.5
    p.risk_circumstances = rng.sample(RiskCircumstance.values, k=rng.randint(0, 2))
    p.save(update_fields=["lives_alone", "risk_circumstances"])
    return referral


def _worked(rng, referral, status: str, worker, received: dt.datetime, now: dt.datetime) -> None:
    """Take the referral through the steps that lead to `status` (received, declined, accepted, ... closed)."""
    step = received
    if status == "received":
        return
    if status == "declined":
        services.referral_decline(
            referral=referral, by=worker, reason=rng.choice(DeclineReason.values), now=step + dt.timedelta(days=2)
        )
        return
    step += dt.timedelta(days=rng.randint(1, 5))
    services.referral_accept(referral=referral, by=worker, now=step)
    if status == "accepted":
        return
    step += dt.timedelta(days=rng.randint(1, 7))
    services.contact_record(
        referral=referral,
        by=worker,
        mode=rng.choice(ContactMode.values[:4]),
        at=step,
        duration_minutes=rng.choice([15, 30, 45, 60]),
        notes="First conversation (demo)",
    )
    if status == "contacted":
        return
    services.conversation_record(
        referral=referral,
        by=worker,
        goals="To feel part of something again (demo)",
        interests=rng.choice(["Gardening", "Music", "Walking", "Crafts"]),
    )
    if status == "closed":
        services.referral_close(
            referral=referral,
            by=worker,
            outcome=rng.choice([o for o in Outcome.values if o != Outcome.CANCELLED]),
            now=min(now, step + dt.timedelta(days=rng.randint(30, 90))),
        )
