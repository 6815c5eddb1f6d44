"""A case after its first weeks: refusing additions to a closed case, reopening it, and reassigning it.

Kept apart from services.py (intake and the day-to-day records) because these change who holds a
case or bring it back from closed, which the status machine in vocabulary.TRANSITIONS refuses on
purpose: reopening is a deliberate act with its own audit entry, not one more transition (ADR 0032).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from connected.core import audit, rules

from .models import Referral, StatusChange
from .validation import IntakeError
from .vocabulary import Status

CLOSED_MESSAGE = "This case is closed, so nothing can be added to it. Reopen the case first if the work goes on."


class CaseClosed(ValueError):
    """Something was to be added to a closed or declined case."""

    def __init__(self) -> None:
        super().__init__(CLOSED_MESSAGE)


def ensure_open(referral: Referral) -> None:
    """Refuse any addition to a closed or declined case (contacts, plans, introductions, tasks, measures)."""
    if not referral.is_open:
        raise CaseClosed


@transaction.atomic
def referral_reopen(*, referral: Referral, by, now: dt.datetime | None = None) -> Referral:
    """Bring a closed or declined case back: to where it stood before it ended, audited.

    A closed case that had a first contact goes back to in progress, one that never had one to accepted;
    a declined referral goes back to received. The outcome is kept in the status history, not on the case.
    """
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.is_open:
        raise IntakeError({"__all__": "This case is already open"})
    now = now or timezone.now()
    if referral.status == Status.DECLINED:
        status = Status.RECEIVED
    else:
        status = Status.IN_PROGRESS if referral.first_contact_at else Status.ACCEPTED
    referral.status, referral.closed_at = status, None
    referral.outcome, referral.outcome_notes, referral.decline_reason = "", "", ""
    referral.save(update_fields=["status", "closed_at", "outcome", "outcome_notes", "decline_reason"])
    StatusChange.objects.create(referral=referral, status=status, at=now, by=by, reason="reopened")
    audit.record(actor=by, action="update", obj=referral, person_id=referral.person_id, why="reopen")
    return referral


@transaction.atomic
def referral_reassign(*, referral: Referral, by, to_user_id: int | None) -> Referral:
    """Give the case to another link worker of its scheme (or to no one: back to the unassigned pile)."""
    to = get_user_model().objects.filter(pk=to_user_id).first() if to_user_id else None
    if to_user_id and (to is None or not rules.can(to, "manage_case", referral)):
        raise IntakeError({"assigned_to": "Choose a link worker in this scheme"})
    Referral.objects.filter(pk=referral.pk).update(assigned_to=to)
    referral.assigned_to = to
    audit.record(actor=by, action="update", obj=referral, person_id=referral.person_id, why="reassign")
    return referral


def ensure_not_introduced(referral: Referral, service) -> None:
    """Refuse a second introduction to the same activity while the first one still stands (not stopped)."""
    from .vocabulary import IntroductionStatus

    if referral.introductions.filter(service=service).exclude(status=IntroductionStatus.STOPPED).exists():
        raise IntakeError(
            {"service": f"{service.name} is already suggested on this case. Update that introduction instead."}
        )
