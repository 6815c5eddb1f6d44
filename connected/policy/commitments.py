"""Writes and reads for the commitments tracker: updates (the history), what is due, reminders to owners.

An update sets the commitment's status, so the status on the dashboard is always the last one reported
and the history says who changed it, when and why.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Commitment, CommitmentUpdate, Milestone
from .vocabulary import CommitmentStatus

REMIND_AGAIN_DAYS = 7  # an owner is not reminded more than once a week about the same commitment


@transaction.atomic
def commitment_update_add(
    *, commitment: Commitment, author, status: str, progress: str, evidence_url: str = "", when: dt.datetime | None
) -> CommitmentUpdate:
    if status not in CommitmentStatus.values:
        raise ValueError(f"Unknown status {status!r}")
    when = when or timezone.now()
    update = CommitmentUpdate.objects.create(
        commitment=commitment,
        author=author,
        made_at=when,
        status=status,
        progress=progress.strip(),
        evidence_url=evidence_url.strip(),
    )
    latest = commitment.last_update_at is None or when >= commitment.last_update_at
    if latest:  # an update back-dated behind a newer one joins the history but does not set the status
        commitment.status, commitment.last_update_at = status, when
        commitment.reminded_at = None
        commitment.save(update_fields=["status", "last_update_at", "reminded_at"])
    return update


def commitment_create(
    *, strategy, reference: str, text: str, lead: str, owner, update_every_days: int = 90
) -> Commitment:
    """A new commitment, owned by `owner` (who is reminded when its updates fall due)."""
    return Commitment.objects.create(
        strategy=strategy,
        reference=reference.strip(),
        text=text.strip(),
        lead=lead.strip(),
        owner=owner,
        update_every_days=update_every_days,
    )


def milestone_done(*, milestone: Milestone, on: dt.date) -> Milestone:
    """Mark a milestone met (once: the first date stands)."""
    if milestone.done_on is None:
        milestone.done_on = on
        milestone.save(update_fields=["done_on"])
    return milestone


def due_for_update(today: dt.date) -> list[Commitment]:
    """Commitments not complete whose next update is due by `today`."""
    open_ = Commitment.objects.exclude(status=CommitmentStatus.COMPLETE).select_related("owner", "strategy")
    return [c for c in open_ if c.update_due_on() <= today]


@dataclass(frozen=True)
class Reminded:
    sent: int
    no_owner: int
    skipped_recent: int


def send_reminders(*, now: dt.datetime | None = None, base_url: str = "") -> Reminded:
    """Email each owner whose commitments are due an update, once a week at most; say what was done."""
    now = now or timezone.now()
    sent = no_owner = skipped = 0
    by_owner: dict[int, list[Commitment]] = {}
    for c in due_for_update(now.date()):
        if c.owner is None or not c.owner.email:
            no_owner += 1
        elif c.reminded_at and now - c.reminded_at < dt.timedelta(days=REMIND_AGAIN_DAYS):
            skipped += 1
        else:
            by_owner.setdefault(c.owner_id, []).append(c)
    for items in by_owner.values():
        owner = items[0].owner
        lines = [
            f"- {c.strategy.name} {c.reference} (due {c.update_due_on():%d %B %Y}): "
            f"{base_url}/policy/commitments/{c.pk}/"
            for c in items
        ]
        send_mail(
            subject=f"Connected: {len(items)} commitment update{'s' if len(items) > 1 else ''} due",
            message="Please report progress on:\n\n" + "\n".join(lines) + "\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[owner.email],
        )
        Commitment.objects.filter(pk__in=[c.pk for c in items]).update(reminded_at=now)
        sent += 1
    return Reminded(sent=sent, no_owner=no_owner, skipped_recent=skipped)


def dashboard(commitments: list[Commitment]) -> dict:
    """Counts by status, and by lead and status, in the order the statuses are listed."""
    statuses = list(CommitmentStatus)
    by_status = Counter(c.status for c in commitments)
    leads: dict[str, Counter] = {}
    for c in commitments:
        leads.setdefault(c.lead, Counter())[c.status] += 1
    return {
        "statuses": [(s.label, by_status.get(s.value, 0)) for s in statuses],
        "headings": ["Lead", *(s.label for s in statuses), "Total"],
        "lead_rows": [
            [lead, *(counts.get(s.value, 0) for s in statuses), sum(counts.values())]
            for lead, counts in sorted(leads.items())
        ],
        "total": len(commitments),
    }


def updates_in(commitment: Commitment, year: int) -> list[CommitmentUpdate]:
    """The updates made in calendar year `year`, oldest first (what was done this year)."""
    return sorted((u for u in commitment.updates.all() if u.made_at.year == year), key=lambda u: u.made_at)
