"""What the receiver sends back: the BaRS response message, our ServiceRequest, and the Task carrying its status.

R4's ServiceRequest has no `businessStatus` (that element is Task's), so where
a referral has got to in our words travels two ways: a `Task` (focus: the
ServiceRequest; `businessStatus`, the FHIR place for it) in every response
message, and an extension on the ServiceRequest a sender reads back (ADR 0024).
The response message follows the BaRS servicerequest-response shape:
`response.identifier` is the request's Bundle.id (its MessageHeader.id when
the Bundle has none) and `response.code` is `ok`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from connected.casework.vocabulary import NHS_NUMBER_SYSTEM, SNOMED, SNOMED_REFERRAL, Status

BARS_EVENTS = "https://fhir.nhs.uk/CodeSystem/message-events-bars"
BARS_REASONS = "https://fhir.nhs.uk/CodeSystem/message-reason-bars"
BARS_CATEGORY = "https://fhir.nhs.uk/CodeSystem/message-category-servicerequest"
PROFILES = {
    "Bundle": "https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage",
    "MessageHeader": "https://fhir.nhs.uk/StructureDefinition/BARSMessageHeader-servicerequest-response",
    "ServiceRequest": "https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest",
    "Task": "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Task",
}
RESPONSE_DEFINITION = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-response-referral"
# Paths under the receiver's FHIR base: our code system for referral statuses and our extension carrying one.
STATUS_SYSTEM = "CodeSystem/referral-status"
STATUS_EXTENSION = "StructureDefinition/referral-business-status"
TASK_STATUS = {
    Status.RECEIVED: "requested",
    Status.ACCEPTED: "accepted",
    Status.CONTACTED: "in-progress",
    Status.IN_PROGRESS: "in-progress",
    Status.CLOSED: "completed",
    Status.DECLINED: "rejected",
}


def _meta(kind: str) -> dict[str, Any]:
    return {"profile": [PROFILES[kind]]}


def business_status(referral, base_url: str) -> dict[str, Any]:
    words = referral.get_status_display()
    coding = {"system": base_url + STATUS_SYSTEM, "code": referral.status, "display": words}
    return {"coding": [coding], "text": words}


def _fhir_status(referral) -> str:
    if referral.status == Status.CLOSED and referral.outcome == "cancelled":
        return "revoked"
    return {Status.CLOSED: "completed", Status.DECLINED: "revoked"}.get(referral.status, "active")


def _subject(referral) -> dict[str, Any]:
    if referral.person.nhs_number:
        return {"identifier": {"system": NHS_NUMBER_SYSTEM, "value": referral.person.nhs_number}}
    return {"display": "Patient"}


def service_request_resource(referral, base_url: str) -> dict[str, Any]:
    """Our view of a referral as an R4 ServiceRequest: FHIR status, our status in an extension, no case notes."""
    resource = {
        "resourceType": "ServiceRequest",
        "id": str(referral.pk),
        "meta": _meta("ServiceRequest"),
        "extension": [
            {"url": base_url + STATUS_EXTENSION, "valueCodeableConcept": business_status(referral, base_url)}
        ],
        "status": _fhir_status(referral),
        "intent": "order",
        "category": [{"coding": [{"system": BARS_CATEGORY, "code": "referral", "display": "Transfer of Care"}]}],
        "code": {"coding": [{"system": SNOMED, "code": SNOMED_REFERRAL[0], "display": SNOMED_REFERRAL[1]}]},
        "subject": _subject(referral),
        "authoredOn": referral.received_at.isoformat(),
    }
    if referral.external_id:
        resource["identifier"] = [{"value": referral.external_id}]
    return resource


def task_resource(referral, base_url: str) -> dict[str, Any]:
    """The Task that carries the referral's business status (R4 Task.businessStatus)."""
    return {
        "resourceType": "Task",
        "id": f"{referral.pk}-status",
        "meta": _meta("Task"),
        "status": TASK_STATUS.get(referral.status, "requested"),
        "businessStatus": business_status(referral, base_url),
        "intent": "order",
        "focus": {"reference": f"{base_url}ServiceRequest/{referral.pk}"},
        "for": _subject(referral),
        "authoredOn": referral.received_at.isoformat(),
        "lastModified": dt.datetime.now(dt.UTC).isoformat(),
    }


def response_message(referral, *, request_id: str, reason: str, reply_to: str, base_url: str) -> dict[str, Any]:
    """The BaRS servicerequest-response message: header (response ok), our ServiceRequest, its status Task."""
    header_id, sr_url = str(uuid.uuid4()), f"{base_url}ServiceRequest/{referral.pk}"
    header: dict[str, Any] = {
        "resourceType": "MessageHeader",
        "id": header_id,
        "meta": _meta("MessageHeader"),
        "eventCoding": {"system": BARS_EVENTS, "code": "servicerequest-response"},
        "source": {"name": "Connected", "software": "Connected", "endpoint": base_url},
        "reason": {"coding": [{"system": BARS_REASONS, "code": reason}]},
        "response": {"identifier": request_id, "code": "ok"},
        "focus": [{"reference": sr_url}],
        "definition": RESPONSE_DEFINITION,
    }
    if reply_to:
        header["destination"] = [{"endpoint": reply_to}]
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": _meta("Bundle"),
        "type": "message",
        "timestamp": dt.datetime.now(dt.UTC).isoformat(),
        "entry": [
            {"fullUrl": f"urn:uuid:{header_id}", "resource": header},
            {"fullUrl": sr_url, "resource": service_request_resource(referral, base_url)},
            {"fullUrl": f"{base_url}Task/{referral.pk}-status", "resource": task_resource(referral, base_url)},
        ],
    }
