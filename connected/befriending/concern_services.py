"""Safeguarding concerns: raised (by a volunteer, or by missed calls), acknowledged, acted on; all audited.

A concern is written and its notification sent in the request that raises it, so it is on the
coordinator's list before the volunteer's next page loads (ADR 0040). Who is told is whoever rules.py
lets read the concern: the scheme's befriending coordinators and safeguarding leads.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from connected.core import audit, rules
from connected.core.models import Membership

from . import notify
from .models import Concern, Match
from .vocabulary import ConcernKind, ConcernStatus


def concern_readers(concern: Concern) -> list:
    """The users who may read (and so are told of) a concern."""
    members = Membership.objects.filter(scheme_id=concern.scheme_id).select_related("user")
    return [m.user for m in members if rules.can(m.user, "view_concern", concern)]


def concern_raise(*, match: Match, by, kind: str, detail: str, now: dt.datetime | None = None) -> Concern:
    errors = {}
    if kind not in ConcernKind.values:
        errors["kind"] = "Select what the worry is about"
    if not detail.strip():
        errors["detail"] = "Tell us what you saw or heard"
    elif len(detail) > 5000:
        errors["detail"] = "What you saw or heard must be 5000 characters or fewer"
    if errors:
        raise ValidationError(errors)
    concern = Concern.objects.create(
        scheme_id=match.scheme_id,
        match=match,
        kind=kind,
        detail=detail.strip(),
        raised_by=by,
        raised_at=now or timezone.now(),
    )
    audit.record(actor=by or "befriending", action="create", obj=concern, person_id=match.person_id, why="concern")
    for reader in concern_readers(concern):
        notify.send(
            email=reader.email,
            subject="A befriending concern needs you",
            text=f"A concern ({concern.get_kind_display().lower()}) was raised. "
            f"Sign in to Connected to acknowledge it: /befriending/concerns/{concern.pk}/",
        )
    return concern


def concern_acknowledge(*, concern: Concern, by, now: dt.datetime | None = None) -> Concern:
    if concern.status == ConcernStatus.RAISED:
        concern.status, concern.acknowledged_by, concern.acknowledged_at = (
            ConcernStatus.ACKNOWLEDGED,
            by,
            now or timezone.now(),
        )
        concern.save(update_fields=["status", "acknowledged_by", "acknowledged_at"])
        audit.record(actor=by, action="update", obj=concern, person_id=concern.person_id, why="concern acknowledged")
    return concern


def concern_act(*, concern: Concern, by, action: str, now: dt.datetime | None = None) -> Concern:
    """What was done about it; acknowledging first if nobody had (the action shows it was seen)."""
    if not action.strip():
        raise ValidationError({"action": "Say what was done"})
    if concern.status == ConcernStatus.ACTED:
        raise ValidationError({"__all__": "An action is already recorded for this concern"})
    now = now or timezone.now()
    concern_acknowledge(concern=concern, by=by, now=now)
    concern.status, concern.action, concern.acted_by, concern.acted_at = ConcernStatus.ACTED, action.strip(), by, now
    concern.save(update_fields=["status", "action", "acted_by", "acted_at"])
    audit.record(actor=by, action="update", obj=concern, person_id=concern.person_id, why="concern acted on")
    return concern
