"""A provider's answers to an introduction, and the messages between provider and link worker (ADR 0026).

Keyword-only `introduction_<action>` functions, each atomic and audited; each answer is also an entry on the
introduction's thread, which the link worker reads on the case page. Who may call them is the views' question
(`rules.can(user, "answer_introduction", introduction)`); these check only that the answer makes sense.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from connected.core import audit

from . import services
from .models import Introduction, IntroductionEntry
from .provider_vocabulary import Attendance, EntryKind, ProviderAnswer, ProviderDeclineReason
from .validation import IntakeError

MESSAGE_LIMIT = 1000


def _locked(introduction: Introduction) -> Introduction:
    return Introduction.objects.select_for_update().select_related("referral").get(pk=introduction.pk)


def _entry(introduction: Introduction, *, by, kind: str, text: str = "", code: str = "", from_provider: bool):
    made = IntroductionEntry.objects.create(
        referral_id=introduction.referral_id,
        introduction=introduction,
        created_by=by,
        kind=kind,
        reason_code=code,
        text=text,
        from_provider=from_provider,
    )
    audit.record(
        actor=by, action="create", obj=made, person_id=introduction.referral.person_id, why=f"introduction:{kind}"
    )
    return made


def _answer(introduction: Introduction, *, by, answer: str, now: dt.datetime | None) -> Introduction:
    if introduction.provider_answer:
        raise IntakeError(
            {"__all__": f"This introduction was already {introduction.get_provider_answer_display().lower()}"}
        )
    introduction.provider_answer, introduction.answered_at = answer, now or timezone.now()
    introduction.save(update_fields=["provider_answer", "answered_at"])
    return introduction


@transaction.atomic
def introduction_accept(*, introduction: Introduction, by, now: dt.datetime | None = None) -> Introduction:
    """The provider will welcome the person: a suggested introduction becomes accepted."""
    introduction = _answer(_locked(introduction), by=by, answer=ProviderAnswer.ACCEPTED, now=now)
    if introduction.status == "suggested":
        services.introduction_update(introduction=introduction, by=by, status="accepted")
    _entry(introduction, by=by, kind=EntryKind.ACCEPTED, from_provider=True)
    return introduction


@transaction.atomic
def introduction_decline(
    *, introduction: Introduction, by, reason: str, detail: str = "", now: dt.datetime | None = None
) -> Introduction:
    """The provider cannot take the person: a coded reason (and words, if they give them) for the link worker."""
    if reason not in ProviderDeclineReason.values:
        raise IntakeError({"reason": "Select why you cannot take this introduction"})
    if reason == ProviderDeclineReason.OTHER and not detail.strip():
        raise IntakeError({"detail": "Enter the reason"})
    if len(detail) > MESSAGE_LIMIT:
        raise IntakeError({"detail": f"The reason must be {MESSAGE_LIMIT} characters or fewer"})
    introduction = _answer(_locked(introduction), by=by, answer=ProviderAnswer.DECLINED, now=now)
    _entry(introduction, by=by, kind=EntryKind.DECLINED, code=reason, text=detail.strip(), from_provider=True)
    return introduction


@transaction.atomic
def introduction_attendance(*, introduction: Introduction, by, status: str, reason: str = "") -> Introduction:
    """Attended, still going, or stopped (with why): the introduction's status, as the link worker would set it."""
    introduction = _locked(introduction)
    if introduction.provider_answer != ProviderAnswer.ACCEPTED:
        raise IntakeError({"__all__": "Accept the introduction before you record attendance"})
    if status not in Attendance.values:
        raise IntakeError({"status": "Select how it is going"})
    if len(reason) > MESSAGE_LIMIT:
        raise IntakeError({"stopped_reason": f"The reason must be {MESSAGE_LIMIT} characters or fewer"})
    introduction = services.introduction_update(introduction=introduction, by=by, status=status, stopped_reason=reason)
    _entry(
        introduction,
        by=by,
        kind=EntryKind.ATTENDANCE,
        code=status,
        text=introduction.stopped_reason,
        from_provider=True,
    )
    return introduction


@transaction.atomic
def introduction_message(*, introduction: Introduction, by, text: str, from_provider: bool) -> IntroductionEntry:
    """A short message on the introduction's thread, from the provider or from the link worker."""
    text = text.strip()
    if not text:
        raise IntakeError({"text": "Enter a message"})
    if len(text) > MESSAGE_LIMIT:
        raise IntakeError({"text": f"The message must be {MESSAGE_LIMIT} characters or fewer (this is {len(text)})"})
    introduction = Introduction.objects.select_related("referral").get(pk=introduction.pk)
    return _entry(introduction, by=by, kind=EntryKind.MESSAGE, text=text, from_provider=from_provider)
