"""Demo grants for the demo funder (funder.foundation): a few grants to directory groups, with returns.

Aggregates only, invented and seeded; no person appears. Called by `manage.py demo` after casework.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from connected.core.models import Organisation
from connected.directory.models import Organization
from connected.evidence.models import Grant, GrantReturn

FUNDER = "West Yorkshire Community Foundation"
PURPOSES = (
    ("Tea and talk afternoons", "Weekly social afternoons for older people living alone."),
    ("Walking for wellbeing", "Led walks, with a café stop, for people new to the area."),
    ("Community garden volunteering", "Volunteer gardening sessions that welcome people referred by link workers."),
    ("Men's shed start-up", "Tools, rent and a coordinator for a new men's shed."),
)


def demo(*, seed: int = 1, if_empty: bool = False) -> list:
    funder = Organisation.objects.filter(name=FUNDER).first()
    if funder is None or (if_empty and Grant.objects.filter(funder=funder).exists()):
        return []
    rng = random.Random(seed)  # noqa: S311 - seeded demo data, not security
    # Groups in the foundation's own area where the demo directory has them, else any.
    listed = Organization.objects.filter(services__isnull=False).distinct().order_by("name")
    groups = list(listed.filter(feed__name__icontains="Leeds")[:40]) or list(listed[:40])
    rng.shuffle(groups)
    with transaction.atomic():
        Grant.objects.filter(funder=funder).delete()
        for i, (title, purpose) in enumerate(PURPOSES):
            _grant(rng, funder, groups[i] if i < len(groups) else None, i, title, purpose)
    return []


def _grant(rng: random.Random, funder, group, i: int, title: str, purpose: str) -> None:
    starts = dt.date(2026, 1 + 3 * (i % 2), 1)
    ends = starts.replace(year=starts.year + 1) - dt.timedelta(days=1)
    grant = Grant.objects.create(
        funder=funder,
        reference=f"WYCF-{2026}-{101 + i}",
        title=title,
        purpose=purpose,
        amount=Decimal(rng.choice([4500, 7500, 12000, 18500])),
        starts_on=starts,
        ends_on=ends,
        uses_connected=i == 0,
    )
    if group is not None:
        grant.organisations.add(group)
        grant.services.add(*group.services.all()[:2])
    for quarter in range(3):
        period_start = (starts.replace(day=1) + dt.timedelta(days=92 * quarter)).replace(day=1)
        period_end = (period_start + dt.timedelta(days=95)).replace(day=1) - dt.timedelta(days=1)
        reach = rng.choice([4, 12, 18, 25, 31, 40])  # some under the threshold, to show suppression
        GrantReturn.objects.create(
            grant=grant,
            period_start=period_start,
            period_end=min(period_end, ends),
            reach=reach,
            sessions=rng.randint(10, 13),
            attendances=reach * rng.randint(3, 8),
            measure_instrument="ons-direct",
            people_measured=reach // 2,
            people_improved=reach // 3,
        )
