"""Every change to casework records: keyword-only `<entity>_<action>` functions, each atomic and audited.

Views, the FHIR intake and the demo builder all come through here, so
validation, routing, duplicate flags, status history and the audit log are
the same whichever way a referral arrives.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from connected.core import audit
from connected.core.models import Scheme

from . import case_lifecycle, outcomes, resubmission, routing
from .models import Contact, Conversation, Introduction, Person, Referral, StatusChange, Task
from .validation import (
    FieldError,
    IntakeError,
    area_of,
    clean_date_of_birth,
    clean_nhs_number,
    clean_ods_code,
    clean_postcode,
    too_long,
)
from .vocabulary import (
    OPEN_STATUSES,
    TRANSITIONS,
    EthnicCategory,
    Gender,
    IntroductionStatus,
    Need,
    Source,
    Status,
    Urgency,
)

PERSON_FIELDS = {f.name for f in Person._meta.get_fields() if f.concrete} - {
    "id",
    "scheme",
    "created_at",
    "erased_at",
    "lsoa_code",
    "local_authority_code",
}
NULLABLE = {"date_of_birth", "lives_alone", "is_carer", "consent_recorded_at"}
REFERRAL_FIELDS = {
    "referrer_name",
    "referrer_organisation",
    "referrer_contact",
    "needs",
    "reason",
    "hopes",
    "urgency",
    "consent_given",
    "external_id",
    "source_payload",
}


class TransitionError(ValueError):
    """A status change the referral's current status does not allow."""


def person_clean(data: dict[str, Any]) -> dict[str, Any]:
    """Validate person details; raises IntakeError naming every bad field."""
    errors: dict[str, str] = {}
    clean = {k: v for k, v in data.items() if k in PERSON_FIELDS}
    for field, check in (
        ("nhs_number", clean_nhs_number),
        ("postcode", clean_postcode),
        ("date_of_birth", clean_date_of_birth),
        ("gp_practice_code", clean_ods_code),
    ):
        try:
            clean[field] = check(data.get(field))
        except FieldError as error:
            errors[error.field] = error.message
    coded = {
        "gender": (Gender, "Select the person's sex or gender from the list"),
        "ethnic_category": (EthnicCategory, "Select the person's ethnic category from the list"),
    }
    for field, (choices, message) in coded.items():
        if clean.get(field) and clean[field] not in choices.values:
            errors[field] = message
    for field, label in (("given_name", "First name"), ("family_name", "Last name")):
        clean[field] = " ".join(str(data.get(field) or "").split())
        if not clean[field]:
            errors[field] = f"Enter the person's {label.lower()}"
        elif problem := too_long(field, clean[field]):
            errors[field] = f"{label} {problem}"
    if errors:
        raise IntakeError(errors)
    return {k: v for k, v in clean.items() if v is not None or k in NULLABLE}


def _referral_clean(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean = {k: v for k, v in data.items() if k in REFERRAL_FIELDS}
    needs = list(clean.get("needs") or [])
    bad = [n for n in needs if n not in Need.values]
    if bad:
        errors["needs"] = "Select reasons from the list"
    if clean.get("urgency", Urgency.ROUTINE) not in Urgency.values:
        errors["urgency"] = "Select how urgent the referral is"
    if not clean.get("consent_given"):
        errors["consent_given"] = "The person must agree to be referred and contacted"
    if not needs and not str(clean.get("reason") or "").strip():
        errors["reason"] = "Enter why you are referring the person"
    if errors:
        raise IntakeError(errors)
    return clean


def duplicate_of(*, scheme, nhs_number: str, given_name: str, family_name: str, date_of_birth) -> Referral | None:
    """An open referral in the scheme for the same NHS number, or the same name and date of birth."""
    open_refs = Referral.objects.filter(scheme=scheme, status__in=OPEN_STATUSES).select_related("person")
    if nhs_number:
        found = open_refs.filter(person__nhs_number=nhs_number).first()
        if found:
            return found
    if date_of_birth:
        for ref in open_refs.filter(person__date_of_birth=date_of_birth, person__family_name__iexact=family_name):
            if ref.person.given_name.casefold() == given_name.casefold():
                return ref
    return None


def _intake_clean(*, person: dict[str, Any], referral: dict[str, Any], source: str) -> tuple[dict, dict]:
    """Check the source, the person and the referral together, so one IntakeError names every bad field."""
    if source not in Source.values:
        raise IntakeError({"source": "Unknown referral source"})
    errors: dict[str, str] = {}
    person_data: dict[str, Any] = {}
    referral_data: dict[str, Any] = {}
    try:
        person_data = person_clean(person)
    except IntakeError as error:
        errors.update(error.errors)
    try:
        referral_data = _referral_clean(referral)
    except IntakeError as error:
        errors.update(error.errors)
    if errors:
        raise IntakeError(errors)
    return person_data, referral_data


def _route(*, referrer, person_data: dict[str, Any], area: dict[str, str], unassigned_ok: bool) -> Scheme | None:
    """The scheme that takes the referral; None (the unassigned queue) when none covers the person.

    Where waiting unassigned is not allowed (the public form), `routing.NotCovered` says so, so the page can
    tell the person plainly rather than promise a link worker who does not cover them (ADR 0035).
    """
    found = routing.route(
        referrer=referrer,
        postcode=person_data.get("postcode", ""),
        local_authority_code=area.get("local_authority_code", ""),
    )
    if found.scheme is None and not unassigned_ok:
        raise routing.NotCovered(person_data.get("postcode", ""))
    return found.scheme


def _person_for(
    *, scheme, person_data: dict[str, Any], area: dict[str, str], consent: dict[str, Any], now: dt.datetime
) -> Person:
    """The scheme's record for this NHS number, gaps filled and consent restamped; else a new person."""
    existing = None
    if person_data.get("nhs_number") and scheme is not None:  # an unassigned referral's person stands alone
        existing = Person.objects.filter(
            scheme=scheme, nhs_number=person_data["nhs_number"], erased_at__isnull=True
        ).first()
    if existing is None:
        return Person.objects.create(scheme=scheme, created_at=now, **person_data, **area, **consent)
    for field, value in person_data.items():
        if value not in ("", None, []) and getattr(existing, field) in ("", None, []):
            setattr(existing, field, value)
    for field, value in consent.items():
        setattr(existing, field, value)
    existing.save()
    return existing


@transaction.atomic
def referral_create(
    *,
    person: dict[str, Any],
    referral: dict[str, Any],
    source: str,
    referrer=None,
    actor_label: str = "",
    scheme=None,
    now: dt.datetime | None = None,
    resubmit_window: dt.timedelta | None = None,
    unassigned_ok: bool = True,
) -> Referral:
    """Take a referral from any route: validate, route to a scheme, find or add the person, flag duplicates.

    With `resubmit_window`, an identical referral received within it is returned
    instead of saving a second one (public forms: double clicks, resends, bots).
    """
    person_data, referral_data = _intake_clean(person=person, referral=referral, source=source)
    now = now or timezone.now()
    area = area_of(person_data.get("postcode", ""))
    scheme = scheme or _route(referrer=referrer, person_data=person_data, area=area, unassigned_ok=unassigned_ok)
    if resubmit_window is not None:
        resubmission.hold(scheme=scheme, person_data=person_data)
        first = resubmission.recent_identical(
            scheme=scheme,
            source=source,
            person_data=person_data,
            referral_data=referral_data,
            since=now - resubmit_window,
        )
        if first is not None:
            return first
    earlier = duplicate_of(
        scheme=scheme,
        nhs_number=person_data.get("nhs_number", ""),
        given_name=person_data["given_name"],
        family_name=person_data["family_name"],
        date_of_birth=person_data.get("date_of_birth"),
    )
    recorder = actor_label or (referrer.get_username() if referrer else "self")
    consent = {"consent_to_contact": True, "consent_recorded_at": now, "consent_recorded_by": recorder}
    subject = _person_for(scheme=scheme, person_data=person_data, area=area, consent=consent, now=now)
    made = Referral.objects.create(
        person=subject,
        scheme=scheme,
        referrer=referrer if referrer and referrer.pk else None,
        source=source,
        received_at=now,
        possible_duplicate_of=earlier,
        **referral_data,
    )
    StatusChange.objects.create(referral=made, status=Status.RECEIVED, at=now, by=made.referrer)
    audit.record(actor=referrer or recorder, action="create", obj=made, person_id=subject.pk, why=f"referral:{source}")
    return made


@transaction.atomic
def referral_set_status(
    *, referral: Referral, by, status: str, reason: str = "", notes: str = "", now: dt.datetime | None = None
) -> Referral:
    """Move a referral on; refuses moves the status does not allow (e.g. reopening a closed case)."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if status == referral.status:
        return referral
    if status not in TRANSITIONS.get(referral.status, set()):
        raise TransitionError(
            f"A referral that is {referral.get_status_display().lower()} cannot become {Status(status).label.lower()}"
        )
    now = now or timezone.now()
    referral.status = status
    if status == Status.ACCEPTED:
        referral.accepted_at = now
        referral.assigned_to = referral.assigned_to or by
    elif status == Status.DECLINED:
        referral.decline_reason, referral.closed_at, referral.snomed_code = reason, now, "871711000000103"
    elif status == Status.CLOSED:
        referral.outcome, referral.outcome_notes, referral.closed_at = reason, notes, now
    referral.save()
    StatusChange.objects.create(referral=referral, status=status, at=now, by=by, reason=reason)
    outcomes.outcome_for_status(referral=referral, status=status)  # the message back, queued with the change
    audit.record(actor=by, action="update", obj=referral, person_id=referral.person_id, why=f"status:{status}")
    return referral


def referral_accept(*, referral: Referral, by, now=None) -> Referral:
    return referral_set_status(referral=referral, by=by, status=Status.ACCEPTED, now=now)


def referral_decline(*, referral: Referral, by, reason: str, now=None) -> Referral:
    return referral_set_status(referral=referral, by=by, status=Status.DECLINED, reason=reason, now=now)


def referral_close(*, referral: Referral, by, outcome: str, notes: str = "", now=None) -> Referral:
    """Discharge: close the case with an outcome (finishing any open tasks)."""
    with transaction.atomic():
        closed = referral_set_status(
            referral=referral, by=by, status=Status.CLOSED, reason=outcome, notes=notes, now=now
        )
        closed.tasks.filter(done_at__isnull=True).update(done_at=closed.closed_at)
    return closed


@transaction.atomic
def contact_record(
    *,
    referral: Referral,
    by,
    mode: str,
    at: dt.datetime | None = None,
    duration_minutes: int | None = None,
    notes: str = "",
) -> Contact:
    """Record a contact; the first real one moves an accepted referral to contacted."""
    at = at or timezone.now()
    referral.refresh_from_db(fields=["status", "first_contact_at"])
    made = Contact.objects.create(
        referral=referral, created_by=by, at=at, mode=mode, duration_minutes=duration_minutes, notes=notes
    )
    if mode != "attempt":
        if referral.status == Status.RECEIVED:
            referral = referral_accept(referral=referral, by=by, now=at)
        if referral.status == Status.ACCEPTED:
            referral = referral_set_status(referral=referral, by=by, status=Status.CONTACTED, now=at)
        if referral.first_contact_at is None:
            Referral.objects.filter(pk=referral.pk).update(first_contact_at=at)
    audit.record(actor=by, action="create", obj=made, person_id=referral.person_id, why="contact")
    return made


@transaction.atomic
def conversation_record(
    *, referral: Referral, by, goals: str, interests: str = "", barriers: str = "", would_like_to_try: str = ""
) -> Conversation:
    """Record "what matters to me"; a contacted case is then in progress."""
    if not goals.strip():
        raise IntakeError({"goals": "Enter what matters to the person, in their words"})
    referral.refresh_from_db(fields=["status"])
    made = Conversation.objects.create(
        referral=referral,
        created_by=by,
        goals=goals,
        interests=interests,
        barriers=barriers,
        would_like_to_try=would_like_to_try,
    )
    if referral.status in (Status.ACCEPTED, Status.CONTACTED):
        referral_set_status(referral=referral, by=by, status=Status.IN_PROGRESS)
    audit.record(actor=by, action="create", obj=made, person_id=referral.person_id, why="conversation")
    return made


@transaction.atomic
def introduction_create(*, referral: Referral, by, service) -> Introduction:
    """Suggest an activity; refused on a closed case (CaseClosed) and for one already suggested (IntakeError)."""
    case_lifecycle.ensure_open(referral)
    case_lifecycle.ensure_not_introduced(referral, service)
    made = Introduction.objects.create(referral=referral, created_by=by, service=service, service_name=service.name)
    audit.record(actor=by, action="create", obj=made, person_id=referral.person_id, why="introduction")
    return made


@transaction.atomic
def introduction_update(*, introduction: Introduction, by, status: str, stopped_reason: str = "") -> Introduction:
    if status not in IntroductionStatus.values:
        raise IntakeError({"status": "Select how the introduction is going"})
    if status == IntroductionStatus.STOPPED and not stopped_reason.strip():
        raise IntakeError({"stopped_reason": "Enter why they stopped"})
    introduction.status = status
    introduction.stopped_reason = stopped_reason if status == IntroductionStatus.STOPPED else ""
    introduction.updated_at = timezone.now()
    introduction.save()
    audit.record(
        actor=by, action="update", obj=introduction, person_id=introduction.referral.person_id, why="introduction"
    )
    return introduction


@transaction.atomic
def task_create(*, referral: Referral, by, description: str, due_on: dt.date) -> Task:
    if not description.strip():
        raise IntakeError({"description": "Enter what needs doing"})
    made = Task.objects.create(referral=referral, created_by=by, description=description, due_on=due_on)
    audit.record(actor=by, action="create", obj=made, person_id=referral.person_id, why="task")
    return made


@transaction.atomic
def task_complete(*, task: Task, by) -> Task:
    task.done_at = task.done_at or timezone.now()
    task.save(update_fields=["done_at"])
    audit.record(actor=by, action="update", obj=task, person_id=task.referral.person_id, why="task")
    return task


@transaction.atomic
def person_update(*, person: Person, by, data: dict[str, Any]) -> Person:
    """Change a person's details; consent changes are stamped with who and when."""
    merged = {f: getattr(person, f) for f in PERSON_FIELDS} | data
    clean = person_clean(merged)
    consent_changed = any(clean.get(f) != getattr(person, f) for f in ("consent_to_contact", "consent_to_share"))
    for field, value in clean.items():
        setattr(person, field, value)
    if "postcode" in data:
        area = area_of(clean.get("postcode", ""))
        person.lsoa_code, person.local_authority_code = area.get("lsoa_code", ""), area.get("local_authority_code", "")
    if consent_changed:
        person.consent_recorded_at, person.consent_recorded_by = timezone.now(), by.get_username()
    person.save()
    audit.record(actor=by, action="update", obj=person, person_id=person.pk, why="person")
    return person
