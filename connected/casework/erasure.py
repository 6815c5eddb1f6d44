"""Erasure and retention: remove everything that identifies a person, keep the counts.

The person row stays (with `erased_at`) so a scheme's numbers still add up;
every text field about them, and every free-text note on their cases, is
cleared. Measures answers on their cases are deleted. Audit events stay: they
hold ids only.
"""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone

from connected.core import audit
from connected.core.models import Scheme

from .export import MEASURES_SUBJECT_TYPE, _case_models
from .models import Person, Referral
from .vocabulary import OPEN_STATUSES

ERASED = "Erased"
# Text about the referral that is not about the person is kept: codes, statuses, the referrer's organisation.
KEEP = {
    "status",
    "source",
    "urgency",
    "snomed_code",
    "decline_reason",
    "outcome",
    "mode",
    "reason_code",
    "service_name",
    "referrer_organisation",
    "message_key",  # a BaRS message's id and digest: no personal data, and they keep resends answered
    "digest",
    "request_digest",
    "kind",  # an introduction entry's kind and the provider's answer are codes (ADR 0026)
    "provider_answer",
    "event",  # an outcome message's kind (accepted, declined, discharged); its bundle and endpoint are cleared
}


def _blank(obj: models.Model, keep: set[str]) -> None:
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in keep or field.is_relation:
            continue
        if isinstance(field, models.CharField | models.TextField | models.EmailField):
            setattr(obj, field.attname, "")
        elif isinstance(field, models.JSONField):
            setattr(obj, field.attname, field.get_default())


@transaction.atomic
def person_erase(*, person: Person, by, why: str, now: dt.datetime | None = None) -> Person:
    now = now or timezone.now()
    person = Person.objects.select_for_update().get(pk=person.pk)
    _blank(person, keep=set())
    person.given_name, person.family_name = ERASED, ERASED
    person.date_of_birth = None
    person.lives_alone = person.is_carer = None
    person.consent_recorded_at = None
    person.erased_at = now
    person.save()
    referrals = list(Referral.objects.filter(person=person))
    for referral in referrals:
        _blank(referral, keep=KEEP)
        referral.save()
    for model in _case_models():
        keep = KEEP | ({"reason"} if model.__name__ == "StatusChange" else set())
        for obj in model.objects.filter(referral__in=referrals):
            _blank(obj, keep=keep)
            obj.save()
    try:
        from connected.measures.models import MeasureResponse

        MeasureResponse.objects.filter(
            subject_type=MEASURES_SUBJECT_TYPE, subject_id__in=[str(r.pk) for r in referrals]
        ).delete()
    except ImportError:
        pass
    audit.record(actor=by, action="erase", obj=person, person_id=person.pk, why=why[:200])
    return person


def due_for_anonymising(*, today: dt.date | None = None) -> list[Person]:
    """People whose cases are all closed and whose last closure is older than their scheme's retention."""
    today = today or timezone.localdate()
    due: list[Person] = []
    for scheme in Scheme.objects.all():
        year = today.year - scheme.retention_years
        cutoff_day = (
            today.replace(year=year, day=28) if (today.month, today.day) == (2, 29) else today.replace(year=year)
        )
        cutoff = dt.datetime.combine(cutoff_day, dt.time.min, tzinfo=dt.UTC)
        due += list(
            Person.objects.filter(scheme=scheme, erased_at__isnull=True)
            .exclude(Q(referrals__status__in=OPEN_STATUSES))
            .annotate(last_closed=Max("referrals__closed_at"))
            .filter(last_closed__lt=cutoff)
        )
    return due
