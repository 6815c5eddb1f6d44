"""Demo policy data: a policy lead's login, a handful of the 2018 strategy's commitments (paraphrased, with
their lead departments, from the public text of "A connected society"), a year of updates, and one signed-off,
published Loneliness Test. No person appears; the owners are demo accounts.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from connected.core.models import Membership, Organisation, Role
from connected.policy import commitments, screening
from connected.policy.models import Answer, Commitment, Milestone, Strategy

STRATEGY = "A connected society: a strategy for tackling loneliness"
STRATEGY_URL = "https://www.gov.uk/government/publications/a-connected-society-a-strategy-for-tackling-loneliness"
PASSWORD = "connected-demo-policy"  # noqa: S105 - printed demo login, local use only
# (reference, commitment paraphrased, lead, [(progress, status) last year], milestone)
COMMITMENTS = (
    (
        "1",
        "Every local health system to have social prescribing connector schemes, so that GPs can refer people "
        "to community activities and support.",
        "Department of Health and Social Care",
        [("Link workers recruited in most primary care networks; referral guidance published.", "on_track")],
        "Connector schemes in every area",
    ),
    (
        "2",
        "Use the Office for National Statistics' recommended measures of loneliness in major national surveys.",
        "Department for Culture, Media and Sport",
        [("The measures are now asked in the Community Life Survey and two other national surveys.", "complete")],
        "Measures in three national surveys",
    ),
    (
        "3",
        "Consider loneliness when making policy, with a test in the policy cycle and guidance for departments.",
        "Department for Culture, Media and Sport",
        [("Draft guidance tested with four departments; two Loneliness Tests published.", "on_track")],
        "Guidance published for all departments",
    ),
    (
        "4",
        "Open up empty and under-used buildings as community spaces where people can meet.",
        "Ministry of Housing, Communities and Local Government",
        [("Fewer councils than hoped have joined the pilot; a second call is planned.", "at_risk")],
        "Pilot of community spaces in ten councils",
    ),
    (
        "5",
        "Make transport more inclusive and support community transport so that people can get out and stay in touch.",
        "Department for Transport",
        [("The community transport fund's second round was delayed by the spending review.", "delayed")],
        "Community transport fund, second round",
    ),
    (
        "6",
        "Teach children about relationships and loneliness as part of relationships education in schools.",
        "Department for Education",
        [("Statutory guidance in place; teaching resources on loneliness published.", "complete")],
        "Relationships education in every school",
    ),
    (
        "7",
        "Work with employers to support employees' social wellbeing and to tackle loneliness at work.",
        "Department for Culture, Media and Sport",
        [("An employer pledge signed by 40 organisations; a guide for line managers in draft.", "on_track")],
        "Employer guide published",
    ),
)


def _lead_user():
    department, _ = Organisation.objects.get_or_create(
        name="Department for Culture, Media and Sport", defaults={"kind": Organisation.Kind.OTHER}
    )
    user = get_user_model().objects.filter(username="policy.dcms").first()
    if user is None:
        user = get_user_model().objects.create_user(
            username="policy.dcms", password=PASSWORD, email="policy.dcms@connected.invalid"
        )
    Membership.objects.update_or_create(
        user=user, defaults={"organisation": department, "role": Role.POLICY_LEAD, "job_title": "Policy lead"}
    )
    return user


def _commitments(owner, now: dt.datetime) -> None:
    strategy = Strategy.objects.create(name=STRATEGY, published=dt.date(2018, 10, 15), url=STRATEGY_URL)
    last_year = now.year - 1
    for i, (ref, text, lead, updates, milestone) in enumerate(COMMITMENTS):
        c = Commitment.objects.create(
            strategy=strategy,
            reference=ref,
            text=text,
            lead=lead,
            owner=owner,
            created_at=dt.datetime(2018, 10, 15, tzinfo=dt.UTC),
            update_every_days=90 if i % 2 else 180,
        )
        Milestone.objects.create(commitment=c, title=milestone, due=dt.date(last_year + 1, 3, 31))
        for j, (progress, status) in enumerate(updates):
            when = dt.datetime(last_year, 6 + 3 * j, 1 + i, 10, tzinfo=dt.UTC)
            commitments.commitment_update_add(commitment=c, author=owner, status=status, progress=progress, when=when)


def _test(user) -> None:
    about = {
        "title": "Review of the evening bus network",
        "department": "Leeds City Council, transport policy",
        "places": "E08000035",
        "internal_notes": "Members briefed; consultation closes in spring.",
        "is_public": True,
    }
    test = screening.test_create(
        user=user,
        about=about,
        what="Fewer evening buses on four routes, with a demand-responsive minibus in their place.",
        who="People who travel after 7pm without a car, in the outer estates.",
    )
    harm = {
        "transport": ("negative", "medium", "medium", "Passenger counts by hour, 2024", "Fewer ways home at night."),
        "older_alone": ("negative", "small", "low", "Concessionary pass use", "Evening clubs become harder to reach."),
    }
    ratings = {}
    for a in Answer.objects.filter(test=test).exclude(question__section="about").select_related("question"):
        direction, size, confidence, evidence, reasons = harm.get(a.question.key, ("none", "", "", "", ""))
        fields = ("direction", "size", "confidence", "evidence", "reasons")
        ratings[a.pk] = dict(zip(fields, (direction, size, confidence, evidence, reasons), strict=True))
    screening.answers_rate(test=test, ratings=ratings)
    screening.mitigation_add(
        test=test, action="Book-ahead minibus runs until 11pm on the routes cut", owner="Bus services team", due=None
    )
    screening.test_sign_off(test=test, user=user, signer_name="Director of Transport", signer_role="Director")


def demo(*, seed: int = 1, if_empty: bool = False) -> list[tuple[str, str, str]]:
    if if_empty and Strategy.objects.filter(name=STRATEGY).exists():
        return []
    with transaction.atomic():
        user = _lead_user()
        if not Strategy.objects.filter(name=STRATEGY).exists():
            _commitments(user, timezone.now())
            _test(user)
    return [("policy lead", "policy.dcms", PASSWORD)]
