"""Resends and conflicts (ADR 0024): the same message twice gets the first reply; a different one under a used id, 409.

Two keys, both per sender (the token's user): the message's own id (Bundle.id,
else MessageHeader.id, else the X-Request-Id header) and the ServiceRequest's
(its identifier, else its fullUrl, else its id: `Referral.external_id`).
`digest` is the whole message; `request_digest` is only what it asks (the
person and the referral as we read them), so a resend wrapped in a new Bundle
with a new id and timestamp is still recognised as the same request.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from connected.casework.fhir import FhirError, Intake, issue
from connected.casework.models import ReceivedMessage, Referral


def digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def request_digest(intake: Intake) -> str:
    referral = {k: v for k, v in intake.referral.items() if k != "source_payload"}
    return digest({"person": intake.person, "referral": referral, "status": intake.request_status})


def message_key(intake: Intake, request_id: str) -> str:
    """The message's id for idempotency: Bundle.id, else MessageHeader.id, else X-Request-Id ("" if none)."""
    if intake.bundle_id:
        return f"Bundle/{intake.bundle_id}"
    if intake.message_id:
        return f"MessageHeader/{intake.message_id}"
    return f"X-Request-Id/{request_id}"[:200] if request_id else ""


def replay(*, sender, key: str, whole: str) -> ReceivedMessage | None:
    """The first answer to this message id, if the same message came before; 409 if a different one did."""
    if not key:
        return None
    earlier = ReceivedMessage.objects.filter(sender=sender, message_key=key).first()
    if earlier is None or earlier.digest == whole:
        return earlier
    element = key.split("/", 1)[0]
    raise FhirError(
        409,
        [
            issue(
                f"{element}.id" if element != "X-Request-Id" else "X-Request-Id",
                f"A different message with {element} id {key.split('/', 1)[1]} was already received from you; "
                "give each message its own id",
                "conflict",
            )
        ],
    )


def same_request(*, referral: Referral, asked: str) -> ReceivedMessage | None:
    """The first reply about this referral if it asked the same thing; 409 if it asked something else."""
    first = referral.messages_received.first()
    if first is None or first.request_digest == asked:
        return first
    raise FhirError(
        409,
        [
            issue(
                "ServiceRequest.identifier",
                f"ServiceRequest {referral.external_id} was already received from you with different details; "
                "send changes with MessageHeader.reason update",
                "conflict",
            )
        ],
    )


def remember(*, sender, key: str, whole: str, asked: str, referral: Referral, reply: dict[str, Any]) -> None:
    if key:
        ReceivedMessage.objects.create(
            sender=sender, message_key=key, digest=whole, request_digest=asked, referral=referral, reply=reply
        )
