"""Seeded random casework for the evidence tests: schemes, people, referrals, contacts, introductions and
measures, written straight to the tables (the reports read tables, so the tests do too)."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from connected.casework.models import Contact, Introduction, Person, Referral
from connected.casework.vocabulary import (
    EthnicCategory,
    Gender,
    IntroductionStatus,
    Need,
    Outcome,
    RiskCircumstance,
    Source,
    Status,
)
from connected.core.models import Postcode
from connected.measures import registry
from connected.measures.models import MeasureResponse

AS_OF = dt.datetime(2026, 3, 15, 12, tzinfo=dt.UTC)
AREAS = ("E08000035", "E08000036", "")
POSTCODES = [(f"LS{i} 1AA", (i % 10) + 1 if i % 4 else None) for i in range(1, 9)]
INSTRUMENTS = ("ucla3", "ons-direct", "ons4")


def _moment(rng: random.Random, start: dt.datetime, days: int) -> dt.datetime:
    return start + dt.timedelta(seconds=rng.randrange(days * 86400))


def _scores(rng: random.Random, code: str) -> dict[str, int]:
    return {s.id: rng.randint(s.low, s.high) for s in registry.get(code).scores}


def _measures(rng: random.Random, referral: Referral) -> list[MeasureResponse]:
    out = []
    for code in rng.sample(INSTRUMENTS, rng.randint(0, 3)):
        for timepoint in rng.choices(["baseline", "follow_up", "discharge", "other"], k=rng.randint(1, 4)):
            scores = _scores(rng, code)
            out.append(
                MeasureResponse(
                    instrument_code=code,
                    instrument_version="1",
                    answers={},
                    total=scores.get("total") or scores.get("lonely"),
                    scores=scores,
                    bands={},
                    subject_type="casework.case",
                    subject_id=str(referral.pk),
                    timepoint=timepoint,
                    administered_at=_moment(rng, referral.received_at, 200),
                )
            )
    return out


def _referral(rng: random.Random, person: Person, scheme, start: dt.datetime, days: int) -> Referral:
    received = _moment(rng, start, days)
    status = rng.choice(Status.values)
    accepted = received + dt.timedelta(days=rng.randint(0, 9)) if status not in ("received", "declined") else None
    contacted = accepted + dt.timedelta(hours=rng.randint(1, 900)) if accepted and rng.random() < 0.8 else None
    return Referral(
        person=person,
        scheme=scheme,
        source=rng.choice(Source.values),
        needs=rng.sample(Need.values, rng.randint(0, 3)),
        status=status,
        outcome=rng.choice([*Outcome.values, ""]) if status == "closed" else "",
        received_at=received,
        accepted_at=accepted,
        first_contact_at=contacted,
    )


def build(schemes, *, seed: int, people: int = 70, start: dt.datetime | None = None, days: int = 365) -> list[Referral]:
    """People and their referrals across `schemes`, received in the `days` from `start` (2025 by default)."""
    rng = random.Random(seed)
    start = start or dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for code, decile in POSTCODES:
        Postcode.objects.update_or_create(postcode=code, defaults={"outcode": code.split()[0], "imd_decile": decile})
    referrals, contacts, intros, measures = [], [], [], []
    for i in range(people):
        person = Person.objects.create(
            scheme=rng.choice(schemes),
            given_name="Test",
            family_name=f"Person{i}",
            date_of_birth=dt.date(rng.randint(1925, 2012), rng.randint(1, 12), rng.randint(1, 28))
            if rng.random() < 0.9
            else None,
            gender=rng.choice([*Gender.values, ""]),
            ethnic_category=rng.choice([*EthnicCategory.values, ""]),
            postcode=rng.choice([c for c, _ in POSTCODES] + ["ZZ9 9ZZ"]),
            local_authority_code=rng.choice(AREAS),
            risk_circumstances=rng.sample(RiskCircumstance.values, rng.randint(0, 2)),
        )
        for _ in range(rng.choice([1, 1, 1, 2])):
            referral = _referral(rng, person, person.scheme, start, days)
            referral.pk = uuid.UUID(int=rng.getrandbits(128), version=4)
            referrals.append(referral)
    Referral.objects.bulk_create(referrals)
    for referral in referrals:
        contacts += [
            Contact(referral=referral, mode="phone", at=referral.received_at) for _ in range(rng.randint(0, 3))
        ]
        for _ in range(rng.randint(0, 2)):
            intros.append(
                Introduction(
                    referral=referral,
                    service_name="Walking group",
                    status=rng.choice(IntroductionStatus.values),
                    created_at=_moment(rng, referral.received_at, 300),
                )
            )
        measures += _measures(rng, referral)
    Contact.objects.bulk_create(contacts)
    Introduction.objects.bulk_create(intros)
    MeasureResponse.objects.bulk_create(measures)
    return referrals
