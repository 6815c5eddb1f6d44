"""Read-side queries: caseload sections, the referrer's list, and counts for commissioners.

Every function takes the user and starts from a `visible_to`/`cases_for`
queryset, so nothing here can widen what `rules.py` allows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.utils import timezone

from .models import Referral
from .vocabulary import Status

FOLLOW_UP_AFTER_DAYS = 21  # no contact for three weeks: due a follow-up
CLOSING_AFTER_DAYS = 70  # cases open ten weeks are near the usual twelve-week end


@dataclass
class Caseload:
    waiting: list[Referral] = field(default_factory=list)
    active: list[Referral] = field(default_factory=list)
    follow_up: list[Referral] = field(default_factory=list)
    closing_soon: list[Referral] = field(default_factory=list)


def caseload(user, *, today: dt.date | None = None, mine_only: bool = False) -> Caseload:
    """The user's scheme's open cases, sorted into the sections a link worker works through."""
    now = timezone.now()
    today = today or timezone.localdate()
    cases = (
        Referral.objects.cases_for(user)
        .open()
        .select_related("person", "assigned_to", "possible_duplicate_of")
        .annotate(
            last_contact=Max("contacts__at"),
            due_tasks=Count("tasks", filter=Q(tasks__done_at__isnull=True, tasks__due_on__lte=today)),
        )
        .order_by("received_at")
    )
    if mine_only:
        cases = cases.filter(Q(assigned_to=user) | Q(assigned_to__isnull=True))
    load = Caseload()
    for case in cases:
        case.days_waiting = (today - timezone.localtime(case.received_at).date()).days
        if case.status in (Status.RECEIVED, Status.ACCEPTED):
            load.waiting.append(case)
            continue
        load.active.append(case)
        since = case.last_contact or case.accepted_at or case.received_at
        if case.due_tasks or (now - since).days >= FOLLOW_UP_AFTER_DAYS:
            load.follow_up.append(case)
        if case.accepted_at and (now - case.accepted_at).days >= CLOSING_AFTER_DAYS:
            load.closing_soon.append(case)
    load.waiting.sort(key=lambda c: (-_urgency_rank(c.urgency), c.received_at))
    return load


def _urgency_rank(urgency: str) -> int:
    return {"urgent": 2, "soon": 1}.get(urgency, 0)


def my_referrals(user):
    """The referrals the user made, newest first, with their status history (no case notes)."""
    return (
        Referral.objects.visible_to(user)
        .filter(referrer=user)
        .select_related("person", "scheme")
        .prefetch_related("status_changes")
    )
