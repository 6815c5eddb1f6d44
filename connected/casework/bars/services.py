"""Receiving a BaRS message: a new referral, an update to one, or its cancellation (ADR 0024).

BaRS says what a message is for in `MessageHeader.eventCoding` (we take
`servicerequest-request`) and `MessageHeader.reason` (`new`, `update`,
`delete`); a ServiceRequest whose status is `revoked` or `entered-in-error`
cancels. Updates and cancellations find the referral by the sender and the
ServiceRequest's key (`Referral.external_id`), never make a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from connected.casework import fhir, services
from connected.casework.models import Referral, StatusChange
from connected.casework.vocabulary import Outcome, Source, Status
from connected.core import audit

from . import idempotency
from .replies import response_message

REQUEST_EVENTS = {
    ("https://fhir.nhs.uk/CodeSystem/message-events-bars", "servicerequest-request"),
    ("https://fhir.nhs.uk/CodeSystem/message-event-servicerequest", "servicerequest-request"),  # earlier BaRS name
}
REASONS = ("new", "update", "delete")
FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")  # R4's id type: a reply's response.identifier must be one
CANCELLING = ("revoked", "entered-in-error")
HEADER = "Bundle.entry[0].resource"
UPDATABLE = ("reason", "hopes", "urgency", "referrer_name", "referrer_organisation", "referrer_contact")


@dataclass
class Received:
    status: int
    reply: dict[str, Any]
    referral: Referral


def _refuse(status: int, expression: str, diagnostics: str, code: str) -> fhir.FhirError:
    return fhir.FhirError(status, [fhir.issue(expression, diagnostics, code)])


def _check_intent(intake: fhir.Intake) -> None:
    for value, where in ((intake.bundle_id, "Bundle.id"), (intake.message_id, f"{HEADER}.id")):
        if value and not FHIR_ID.match(value):
            raise _refuse(400, where, f"{where} must be a FHIR id: up to 64 letters, digits, '-' and '.'", "value")
    event = (intake.event.get("system"), intake.event.get("code"))
    if event not in REQUEST_EVENTS:
        said = intake.event.get("code") or "no event"
        raise _refuse(
            422,
            f"{HEADER}.eventCoding",
            f"This receiver takes BaRS referral requests (event servicerequest-request), not {said}",
            "not-supported",
        )
    if intake.reason not in REASONS:
        raise _refuse(
            422, f"{HEADER}.reason", f"MessageHeader.reason must be new, update or delete, not {intake.reason}", "value"
        )


def message_receive(*, sender, data: Any, base_url: str, request_id: str = "") -> Received:
    """Take one $process-message body from `sender`; FhirError (400/404/409/422) when it is refused."""
    intake = fhir.parse_message(data)
    _check_intent(intake)
    key, whole = idempotency.message_key(intake, request_id), idempotency.digest(data)
    try:
        with transaction.atomic():
            earlier = idempotency.replay(sender=sender, key=key, whole=whole)
            if earlier is not None:
                return Received(earlier.status, earlier.reply, earlier.referral)
            return _receive(sender=sender, intake=intake, key=key, whole=whole, base_url=base_url)
    except IntegrityError:
        # The same message id arrived twice at once: the first one's answer stands (or 409 if they differ).
        earlier = idempotency.replay(sender=sender, key=key, whole=whole)
        if earlier is None:
            raise
        return Received(earlier.status, earlier.reply, earlier.referral)


def _receive(*, sender, intake: fhir.Intake, key: str, whole: str, base_url: str) -> Received:
    asked = idempotency.request_digest(intake)
    external_id = intake.referral.get("external_id", "")
    existing = Referral.objects.filter(referrer=sender, external_id=external_id).first() if external_id else None
    if intake.reason == "new":
        if intake.request_status in CANCELLING:
            raise _refuse(422, "ServiceRequest.status", "A new referral cannot be revoked; send it as active", "value")
        first = idempotency.same_request(referral=existing, asked=asked) if existing else None
        if first is not None:
            idempotency.remember(sender=sender, key=key, whole=whole, asked=asked, referral=existing, reply=first.reply)
            return Received(first.status, first.reply, existing)
        referral = existing or services.referral_create(
            person=intake.person, referral=intake.referral, source=Source.FHIR, referrer=sender
        )
    elif existing is None:
        raise _refuse(
            404, "ServiceRequest", f"No referral from you has the ServiceRequest {external_id or '?'}", "not-found"
        )
    elif intake.reason == "delete" or intake.request_status in CANCELLING:
        referral = referral_cancel(referral=existing, by=sender, why=intake.request_status)
    else:
        referral = referral_update(referral=existing, by=sender, intake=intake)
    reply = response_message(
        referral, request_id=_reply_id(intake), reason=intake.reason, reply_to=intake.source_endpoint, base_url=base_url
    )
    idempotency.remember(sender=sender, key=key, whole=whole, asked=asked, referral=referral, reply=reply)
    return Received(200, reply, referral)


def _reply_id(intake: fhir.Intake) -> str:
    return intake.bundle_id or intake.message_id or "unknown"


def _conflict_if_finished(referral: Referral, doing: str) -> None:
    if referral.status in (Status.CLOSED, Status.DECLINED):
        raise _refuse(
            409,
            "ServiceRequest.status",
            f"This referral is already {referral.get_status_display().lower()} here, so it cannot be {doing}",
            "conflict",
        )


def referral_update(*, referral: Referral, by, intake: fhir.Intake) -> Referral:
    """Apply an update message: the referral's details and the person's, where the message gives them."""
    _conflict_if_finished(referral, "updated")
    for name in UPDATABLE:
        if intake.referral.get(name):
            setattr(referral, name, intake.referral[name])
    referral.source_payload = intake.referral.get("source_payload", {})
    referral.save()
    person = {k: v for k, v in intake.person.items() if v not in ("", None)}
    if (person.get("given_name"), person.get("family_name")) == fhir.NAME_NOT_GIVEN:
        person.pop("given_name"), person.pop("family_name")
    services.person_update(person=referral.person, by=by, data=person)
    audit.record(actor=by, action="update", obj=referral, person_id=referral.person_id, why="bars:update")
    return referral


def referral_cancel(*, referral: Referral, by, why: str) -> Referral:
    """The sender withdrew the referral: closed with the outcome "cancelled by the referrer"."""
    if referral.status == Status.CLOSED and referral.outcome == Outcome.CANCELLED:
        return referral
    _conflict_if_finished(referral, "cancelled")
    now = timezone.now()
    referral.status, referral.outcome, referral.closed_at = Status.CLOSED, Outcome.CANCELLED, now
    referral.save()
    StatusChange.objects.create(referral=referral, status=Status.CLOSED, at=now, by=by, reason=Outcome.CANCELLED)
    referral.tasks.filter(done_at__isnull=True).update(done_at=now)
    audit.record(actor=by, action="update", obj=referral, person_id=referral.person_id, why=f"bars:cancel:{why}")
    return referral
