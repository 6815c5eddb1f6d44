"""The outcome message back to a referrer's system: a FHIR R4 message Bundle in the BaRS shape.

MessageHeader (BaRS response event, `response.identifier` = the referrer's own message id) focused on
a Task that carries the business status (accepted / rejected / completed) with the SNOMED CT concept
(`snomed.py`); the referral as the referrer's ServiceRequest (its identifier echoed); the Patient;
what was done (an Encounter per contact, a proposal ServiceRequest per introduction, with no case
notes) and the ONS measures before and after (an Observation per score). Pure: reads the database,
writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from django.conf import settings

from connected.measures import presenters as measures_presenters
from connected.measures import registry

from . import snomed
from .export import MEASURES_SUBJECT_TYPE
from .models import OutcomeMessage, Referral
from .vocabulary import NHS_NUMBER_SYSTEM, ODS_ORGANISATION_SYSTEM, IntroductionStatus

BARS_EVENTS = "https://fhir.nhs.uk/CodeSystem/message-events-bars"
RESPONSE_EVENT = "servicerequest-response"
FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
TASK_STATUS = {"accepted": "accepted", "declined": "rejected", "discharged": "completed"}
SR_STATUS = {"closed": "completed", "declined": "revoked"}
CONTACT_CLASS = {"in_person": "AMB", "home_visit": "HH"}  # anything else is virtual (VR)
INTRO_STATUS = {IntroductionStatus.STOPPED: "revoked", IntroductionStatus.ATTENDED: "completed"}
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"


def base_url() -> str:
    return f"{settings.BASE_URL}/fhir/"


def _when(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


def inbound_header(referral: Referral) -> dict[str, Any]:
    """The MessageHeader of the message the referral came in (empty when it came another way)."""
    payload = referral.source_payload if isinstance(referral.source_payload, dict) else {}
    for entry in payload.get("entry") or []:
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict) and resource.get("resourceType") == "MessageHeader":
            return resource
    return {}


def patient_resource(person, ref: str) -> dict[str, Any]:
    patient: dict[str, Any] = {"resourceType": "Patient", "id": ref}
    if person.nhs_number:
        patient["identifier"] = [{"system": NHS_NUMBER_SYSTEM, "value": person.nhs_number}]
    if person.family_name:
        patient["name"] = [{"use": "official", "family": person.family_name, "given": [person.given_name]}]
    if person.date_of_birth:
        patient["birthDate"] = person.date_of_birth.isoformat()
    if person.gender:
        patient["gender"] = person.gender
    if person.gp_practice_code:
        patient["generalPractitioner"] = [
            {
                "identifier": {"system": ODS_ORGANISATION_SYSTEM, "value": person.gp_practice_code},
                "display": person.gp_practice_name or person.gp_practice_code,
            }
        ]
    return patient


def referral_request(referral: Referral, patient_url: str) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": str(referral.pk),
        "status": SR_STATUS.get(referral.status, "active"),
        "intent": "order",
        "code": {"coding": [snomed.REFERRAL.coding()]},
        "subject": {"reference": patient_url},
        "authoredOn": _when(referral.received_at),
        "reasonCode": [snomed.codeable("need", n) for n in referral.needs] or None,
    }
    if referral.external_id:
        resource["identifier"] = [{"value": referral.external_id}]
    return {k: v for k, v in resource.items() if v is not None}


def _task(referral: Referral, event: str, sr_url: str, patient_url: str) -> dict[str, Any]:
    status_concept = snomed.concept("status", referral.status) or snomed.REFERRAL
    task: dict[str, Any] = {
        "resourceType": "Task",
        "id": str(uuid.uuid4()),
        "status": TASK_STATUS[event],
        "intent": "order",
        "code": {"coding": [status_concept.coding()], "text": status_concept.display},
        "businessStatus": {"text": referral.get_status_display()},
        "focus": {"reference": sr_url},
        "for": {"reference": patient_url},
        "authoredOn": _when(referral.received_at),
        "lastModified": _when(referral.closed_at or referral.accepted_at),
        "owner": {
            "display": referral.scheme.name if referral.scheme_id else "Connected (not yet placed with a scheme)"
        },
    }
    if event == "declined" and referral.decline_reason:
        task["statusReason"] = snomed.codeable("decline", referral.decline_reason)
    if event == "discharged" and referral.outcome:
        task["statusReason"] = snomed.codeable("outcome", referral.outcome)  # never the notes: they stay here
    if referral.accepted_at:
        task["executionPeriod"] = {"start": _when(referral.accepted_at), "end": _when(referral.closed_at)}
        task["executionPeriod"] = {k: v for k, v in task["executionPeriod"].items() if v}
    return {k: v for k, v in task.items() if v is not None}


def contact_encounters(referral: Referral, patient_url: str) -> list[dict[str, Any]]:
    """One Encounter per contact: when and how, never the notes (they stay in the case)."""
    out = []
    for contact in referral.contacts.order_by("at", "id"):
        klass = CONTACT_CLASS.get(contact.mode, "VR")
        encounter = {
            "resourceType": "Encounter",
            "id": str(uuid.uuid4()),
            "status": "cancelled" if contact.mode == "attempt" else "finished",
            "class": {"system": ACT_CODE, "code": klass},
            "type": [{"coding": [snomed.SEEN.coding()], "text": contact.get_mode_display()}],
            "subject": {"reference": patient_url},
            "period": {"start": _when(contact.at)},
        }
        if contact.mode == "attempt":
            encounter["type"] = [{"text": contact.get_mode_display()}]
        if contact.duration_minutes:
            encounter["length"] = {
                "value": contact.duration_minutes,
                "unit": "min",
                "system": "http://unitsofmeasure.org",
                "code": "min",
            }
        out.append(encounter)
    return out


def introduction_requests(referral: Referral, sr_url: str, patient_url: str) -> list[dict[str, Any]]:
    """Support offered: each activity suggested, as a proposal, with how it went."""
    return [
        {
            "resourceType": "ServiceRequest",
            "id": str(uuid.uuid4()),
            "status": INTRO_STATUS.get(intro.status, "active"),
            "intent": "proposal",
            "basedOn": [{"reference": sr_url}],
            "code": {"text": intro.service_name},
            "subject": {"reference": patient_url},
            "authoredOn": _when(intro.created_at),
            "note": [{"text": f"Introduction {intro.get_status_display().lower()}"}],
        }
        for intro in referral.introductions.order_by("created_at", "id")
    ]


def measure_rows(referral: Referral) -> list[dict[str, Any]]:
    """Each score recorded on the case: first and latest value, bands and change (for messages and letters)."""
    rows = []
    for instrument in registry.ordered([i.code for i in registry.all()]):
        changes = {
            c.score_id: c
            for c in measures_presenters.subject_change(MEASURES_SUBJECT_TYPE, referral.pk, instrument.code)
        }
        for series in measures_presenters.subject_series(MEASURES_SUBJECT_TYPE, referral.pk, instrument.code):
            if not series.points:
                continue
            change = changes.get(series.score.id)
            first, last = series.points[0], series.points[-1]
            rows.append(
                {
                    "title": series.title,
                    "before": change.before if change else first.value,
                    "after": change.after if change else None,
                    "band_before": (change.band_before if change else first.band) or "",
                    "band_after": (change.band_after if change else "") or "",
                    "outcome": str(change.outcome) if change else "",
                    "direction": measures_presenters.direction_note(series.score),
                    "at": last.administered_at if change else first.administered_at,
                }
            )
    return rows


def measure_observations(referral: Referral, patient_url: str) -> list[dict[str, Any]]:
    """The measures before and after, as Observations with the two values as components.

    The ONS loneliness questions have no SNOMED CT or LOINC concept we could cite, so the code is text.
    """
    out = []
    for row in measure_rows(referral):
        components = [{"code": {"text": "Before (baseline)"}, "valueInteger": row["before"]}]
        if row["after"] is not None:
            components.append({"code": {"text": "After (latest follow-up)"}, "valueInteger": row["after"]})
        observation = {
            "resourceType": "Observation",
            "id": str(uuid.uuid4()),
            "status": "final",
            "category": [{"text": "Outcome measure"}],
            "code": {"text": row["title"]},
            "subject": {"reference": patient_url},
            "effectiveDateTime": _when(row["at"]),
            "component": components,
            "note": [{"text": f"{row['direction']}. " + (f"Change: {row['outcome']}." if row["outcome"] else "")}],
        }
        if row["outcome"]:
            observation["interpretation"] = [{"text": row["outcome"]}]
        out.append(observation)
    return out


def outcome_bundle(referral: Referral, event: str, *, endpoint: str = "") -> dict[str, Any]:
    """The whole message for `event` ("accepted", "declined" or "discharged")."""
    base = base_url()
    sr_url, patient_url = f"{base}ServiceRequest/{referral.pk}", f"urn:uuid:{uuid.uuid4()}"
    task = _task(referral, event, sr_url, patient_url)
    task_url = f"urn:uuid:{task['id']}"
    inbound = inbound_header(referral)
    answered = str(inbound.get("id") or "")
    header: dict[str, Any] = {
        "resourceType": "MessageHeader",
        "id": str(uuid.uuid4()),
        "eventCoding": {"system": BARS_EVENTS, "code": RESPONSE_EVENT},
        "source": {"name": "Connected", "endpoint": base},
        "reason": {"text": dict(OutcomeMessage.Event.choices)[event]},
        "response": {"identifier": answered if FHIR_ID.match(answered) else str(referral.pk), "code": "ok"},
        "focus": [{"reference": task_url}, {"reference": sr_url}],
    }
    if endpoint:
        header["destination"] = [{"endpoint": endpoint, "name": referral.referrer_organisation or "Referrer"}]
    entries = [
        (f"urn:uuid:{header['id']}", header),
        (task_url, task),
        (sr_url, referral_request(referral, patient_url)),
        (patient_url, patient_resource(referral.person, patient_url.rsplit(":", 1)[-1])),
    ]
    if event == "discharged":
        extra = contact_encounters(referral, patient_url) + introduction_requests(referral, sr_url, patient_url)
        entries += [(f"urn:uuid:{r['id']}", r) for r in extra + measure_observations(referral, patient_url)]
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "message",
        "timestamp": dt.datetime.now(dt.UTC).isoformat(),
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in entries],
    }
