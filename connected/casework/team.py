"""The scheme manager's team view: each link worker's load, waits and overdue first contacts (ADR 0032).

Counted in the database, one grouped query for the cases and one for the team, so it stays the
same two queries whether the scheme holds fifty cases or five thousand.
"""

from __future__ import annotations

import datetime as dt
import operator
from functools import reduce
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from connected.core.models import Role

from .models import Referral
from .promises import earliest_overdue_received
from .vocabulary import OPEN_STATUSES, Status, Urgency

WAITING = (Status.RECEIVED, Status.ACCEPTED)


def overdue_q(today: dt.date) -> Q:
    """Cases still waiting for a first contact past the time their urgency promised."""
    by_urgency = [Q(urgency=u, received_at__lt=_start_of(earliest_overdue_received(u, today))) for u in Urgency.values]
    return Q(status__in=WAITING) & reduce(operator.or_, by_urgency)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def members(scheme_id) -> list:
    """The people who can hold cases in the scheme: its link workers and managers, by name."""
    users = get_user_model().objects.filter(
        membership__scheme_id=scheme_id, membership__role__in=[Role.LINK_WORKER, Role.SCHEME_MANAGER], is_active=True
    )
    return sorted(users, key=lambda u: (u.get_full_name() or u.get_username()).lower())


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def team_rows(user, *, scheme_id, today: dt.date | None = None) -> list[dict[str, Any]]:
    """One row per link worker (and one for cases no one holds yet), with links to their caseload."""
    today = today or timezone.localdate()
    waiting = Q(status__in=WAITING)
    counts = {
        row["assigned_to"]: row
        for row in Referral.objects.cases_for(user)
        .filter(status__in=OPEN_STATUSES)
        .values("assigned_to")
        .annotate(
            open=Count("pk"),
            waiting=Count("pk", filter=waiting),
            overdue=Count("pk", filter=overdue_q(today)),
            oldest=Min("received_at", filter=waiting),
        )
        .order_by()
    }
    people = [(m.pk, display_name(m)) for m in members(scheme_id)] + [(None, "Not assigned yet")]
    rows = []
    for pk, name in people:
        row = counts.get(pk, {})
        oldest = row.get("oldest")
        rows.append(
            {
                "name": name,
                "href": reverse("casework:caseload") + f"?worker={pk if pk else 'none'}&section=waiting",
                "open": row.get("open", 0),
                "waiting": row.get("waiting", 0),
                "overdue": row.get("overdue", 0),
                "longest": (today - timezone.localtime(oldest).date()).days if oldest else None,
            }
        )
    return rows
