"""FHIR R4 intake: read a BaRS-shaped message Bundle or a ServiceRequest into our referral fields.

Resources are checked with `fhir.resources.R4B` (R4B shares R4's Patient,
ServiceRequest, MessageHeader and Bundle); only the entries we use are
validated, so whatever else a sender includes is kept (in
`Referral.source_payload`) or ignored, never an error. Every refusal is a
`FhirError` carrying OperationOutcome issues whose `expression` names the
element: 400 for a payload that is not the FHIR we asked for, 422 for FHIR
that breaks our rules (an NHS number failing Modulus 11, no name, a bad postcode).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from fhir.resources.R4B.messageheader import MessageHeader
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole
from fhir.resources.R4B.servicerequest import ServiceRequest
from pydantic import ValidationError

from .validation import FieldError, clean_date_of_birth, clean_nhs_number, clean_postcode
from .vocabulary import NHS_NUMBER_SYSTEM, SNOMED, SNOMED_REFERRAL

MODELS = {
    "MessageHeader": MessageHeader,
    "ServiceRequest": ServiceRequest,
    "Patient": Patient,
    "Organization": Organization,
    "Practitioner": Practitioner,
    "PractitionerRole": PractitionerRole,
}
PRIORITY = {"routine": "routine", "urgent": "urgent", "asap": "urgent", "stat": "urgent"}
# Our field names -> the FHIR element a validation error points at.
FIELD_EXPRESSIONS = {
    "nhs_number": "Patient.identifier",
    "given_name": "Patient.name.given",
    "family_name": "Patient.name.family",
    "date_of_birth": "Patient.birthDate",
    "postcode": "Patient.address.postalCode",
    "reason": "ServiceRequest.reasonCode",
    "needs": "ServiceRequest.reasonCode",
    "urgency": "ServiceRequest.priority",
    "scheme": "ServiceRequest.performer",
    "consent_given": "ServiceRequest",
    "source": "MessageHeader",
}


class FhirError(Exception):
    def __init__(self, status: int, issues: list[dict[str, Any]]) -> None:
        super().__init__("; ".join(i["diagnostics"] for i in issues))
        self.status = status
        self.issues = issues


def issue(expression: str, diagnostics: str, code: str = "invalid") -> dict[str, Any]:
    return {"severity": "error", "code": code, "diagnostics": diagnostics, "expression": [expression]}


def operation_outcome(issues: list[dict[str, Any]]) -> dict[str, Any]:
    return {"resourceType": "OperationOutcome", "issue": issues}


@dataclass
class Intake:
    person: dict[str, Any]
    referral: dict[str, Any]
    message_id: str = ""
    event: dict[str, Any] = field(default_factory=dict)


def _loc(path: str, loc: tuple) -> str:
    out = path
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _validated(data: Any, kind: str, path: str):
    if not isinstance(data, dict) or data.get("resourceType") != kind:
        raise FhirError(400, [issue(path, f"Expected a {kind} resource", "structure")])
    try:
        return MODELS[kind].model_validate(data)
    except ValidationError as error:
        issues = [issue(_loc(path, e["loc"]), f"{kind}: {e['msg']}", "structure") for e in error.errors()[:20]]
        raise FhirError(400, issues) from None


class _Entries:
    """A Bundle's entries, findable by fullUrl, by Type/id and by type, each with its FHIRPath-ish location."""

    def __init__(self, entries: list) -> None:
        self.items: list[tuple[str, dict]] = []
        self.by_ref: dict[str, int] = {}
        for i, entry in enumerate(entries):
            resource = entry.get("resource") if isinstance(entry, dict) else None
            if not isinstance(resource, dict):
                continue
            self.items.append((f"Bundle.entry[{i}].resource", resource))
            index = len(self.items) - 1
            if entry.get("fullUrl"):
                self.by_ref[entry["fullUrl"]] = index
            if resource.get("id"):
                self.by_ref[f"{resource.get('resourceType')}/{resource['id']}"] = index

    def resolve(self, reference: str | None, kinds: tuple[str, ...]):
        if reference and reference in self.by_ref:
            path, resource = self.items[self.by_ref[reference]]
            if resource.get("resourceType") in kinds:
                return path, resource
        if reference:
            for key, index in self.by_ref.items():
                if key.endswith("/" + reference.split("/")[-1]):
                    path, resource = self.items[index]
                    if resource.get("resourceType") in kinds:
                        return path, resource
        return None

    def first(self, kind: str):
        return next(((p, r) for p, r in self.items if r.get("resourceType") == kind), None)


def parse_message(data: Any) -> Intake:
    """A BaRS-shaped message Bundle: MessageHeader first, its focus a ServiceRequest, the Patient its subject."""
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise FhirError(400, [issue("Bundle", "Send a FHIR Bundle of type message", "structure")])
    if data.get("type") != "message":
        raise FhirError(422, [issue("Bundle.type", "Bundle.type must be message")])
    entries = data.get("entry")
    if not isinstance(entries, list) or not entries:
        raise FhirError(422, [issue("Bundle.entry", "The message Bundle has no entries", "required")])
    found = _Entries(entries)
    first = found.items[0] if found.items else None
    if first is None or first[1].get("resourceType") != "MessageHeader":
        raise FhirError(422, [issue("Bundle.entry[0]", "The first entry must be the MessageHeader", "required")])
    header = _validated(first[1], "MessageHeader", first[0])
    target = None
    for focus in header.focus or []:
        target = found.resolve(focus.reference, ("ServiceRequest",)) or target
    target = target or found.first("ServiceRequest")
    if target is None:
        raise FhirError(422, [issue("MessageHeader.focus", "The message has no ServiceRequest", "required")])
    intake = _from_service_request(target, found)
    intake.message_id = header.id or ""
    event = header.eventCoding
    intake.event = {"system": event.system, "code": event.code} if event else {}
    intake.referral["source_payload"] = data
    return intake


def parse_service_request(data: Any) -> Intake:
    """A ServiceRequest whose subject is a contained Patient ("#id") or, in a Bundle, a bundled one."""
    if isinstance(data, dict) and data.get("resourceType") == "Bundle":
        found = _Entries(data.get("entry") or [])
        target = found.first("ServiceRequest")
        if target is None:
            raise FhirError(422, [issue("Bundle.entry", "The Bundle has no ServiceRequest", "required")])
    else:
        target = ("ServiceRequest", data)
        contained = data.get("contained") if isinstance(data, dict) else None
        found = _Entries(
            [
                {"fullUrl": "#" + str(r.get("id", "")), "resource": r}
                for r in (contained if isinstance(contained, list) else [])
                if isinstance(r, dict)
            ]
        )
        found.items = [(f"ServiceRequest.contained[{i}]", r) for i, (_, r) in enumerate(found.items)]
    intake = _from_service_request(target, found)
    intake.referral["source_payload"] = data
    return intake


def _from_service_request(target: tuple[str, dict], found: _Entries) -> Intake:
    path, raw = target
    request = _validated(raw, "ServiceRequest", path)
    if request.status not in ("active", "draft"):
        raise FhirError(422, [issue(f"{path}.status", "ServiceRequest.status must be active")])
    codes = [(c.system, c.code) for c in (request.code.coding or [])] if request.code else []
    if codes and (SNOMED, SNOMED_REFERRAL[0]) not in codes:
        raise FhirError(
            422,
            [
                issue(
                    f"{path}.code",
                    f"This service takes referrals to social prescribing (SNOMED CT {SNOMED_REFERRAL[0]})",
                    "code-invalid",
                )
            ],
        )
    subject = found.resolve(request.subject.reference, ("Patient",)) if request.subject else None
    subject = subject or found.first("Patient")
    if subject is None:
        raise FhirError(422, [issue(f"{path}.subject", "Include the Patient the ServiceRequest is for", "required")])
    person = _patient(_validated(subject[1], "Patient", subject[0]), subject[0])
    reasons = []
    for concept in request.reasonCode or []:
        reasons.append(concept.text or ", ".join(c.display or c.code or "" for c in concept.coding or []))
    notes = [n.text for n in request.note or [] if n.text]
    referral: dict[str, Any] = {
        "reason": "\n".join(r for r in reasons + notes if r),
        "hopes": request.patientInstruction or "",
        "urgency": PRIORITY.get(request.priority or "routine", "routine"),
        # The sending clinician confirms consent in their own system before a BaRS referral is sent.
        "consent_given": True,
        "external_id": (request.identifier[0].value if request.identifier else request.id) or "",
        "needs": [] if reasons or notes else ["other"],
    }
    referral |= _requester(request, found)
    return Intake(person=person, referral=referral)


def _patient(patient: Patient, path: str) -> dict[str, Any]:
    issues: list[dict[str, Any]] = []
    person: dict[str, Any] = {}
    for i, ident in enumerate(patient.identifier or []):
        if ident.system == NHS_NUMBER_SYSTEM:
            try:
                person["nhs_number"] = clean_nhs_number(ident.value or "")
            except FieldError as error:
                issues.append(issue(f"{path}.identifier[{i}].value", error.message, "value"))
    names = patient.name or []
    name = next((n for n in names if n.use == "official"), names[0] if names else None)
    if name is None or not name.family or not name.given:
        issues.append(issue(f"{path}.name", "Patient.name needs a family name and a given name", "required"))
    else:
        person["family_name"], person["given_name"] = name.family, name.given[0]
    if patient.birthDate is None:
        issues.append(issue(f"{path}.birthDate", "Patient.birthDate is required", "required"))
    else:
        try:
            person["date_of_birth"] = clean_date_of_birth(patient.birthDate)
        except FieldError as error:
            issues.append(issue(f"{path}.birthDate", error.message, "value"))
    for i, address in enumerate(patient.address or []):
        if address.postalCode:
            try:
                person["postcode"] = clean_postcode(address.postalCode)
            except FieldError as error:
                issues.append(issue(f"{path}.address[{i}].postalCode", error.message, "value"))
            person["address"] = ", ".join([*(address.line or []), address.city or ""]).strip(", ")
            break
    for point in patient.telecom or []:
        if point.system == "phone" and point.value and "phone" not in person:
            person["phone"] = point.value[:30]
        if point.system == "email" and point.value and "email" not in person:
            person["email"] = point.value
    if patient.gender:
        person["gender"] = patient.gender
    if issues:
        raise FhirError(422, issues)
    return person


def _requester(request: ServiceRequest, found: _Entries) -> dict[str, str]:
    out = {"referrer_name": "", "referrer_organisation": "", "referrer_contact": ""}
    ref = request.requester.reference if request.requester else None
    target = found.resolve(ref, ("Practitioner", "PractitionerRole", "Organization"))
    organisation = found.first("Organization")
    if target and target[1].get("resourceType") == "PractitionerRole":
        role = _validated(target[1], "PractitionerRole", target[0])
        if role.organization:
            organisation = found.resolve(role.organization.reference, ("Organization",)) or organisation
        target = found.resolve(role.practitioner.reference, ("Practitioner",)) if role.practitioner else None
    if target and target[1].get("resourceType") == "Practitioner":
        practitioner = _validated(target[1], "Practitioner", target[0])
        if practitioner.name:
            n = practitioner.name[0]
            out["referrer_name"] = n.text or " ".join([*(n.prefix or []), *(n.given or []), n.family or ""]).strip()
        for point in practitioner.telecom or []:
            out["referrer_contact"] = out["referrer_contact"] or (point.value or "")
    if target and target[1].get("resourceType") == "Organization":
        organisation = target
    if organisation:
        org = _validated(organisation[1], "Organization", organisation[0])
        ods = next((i.value for i in org.identifier or [] if i.value), "")
        out["referrer_organisation"] = (org.name or "") + (f" ({ods})" if ods else "")
    return {k: v[:150] if k == "referrer_name" else v[:200] for k, v in out.items()}


def service_request_resource(referral) -> dict[str, Any]:
    """Our view of a referral as a ServiceRequest (status as FHIR words; no case notes)."""
    status = {"closed": "completed", "declined": "revoked"}.get(referral.status, "active")
    resource = {
        "resourceType": "ServiceRequest",
        "id": str(referral.pk),
        "status": status,
        "intent": "order",
        "code": {"coding": [{"system": SNOMED, "code": SNOMED_REFERRAL[0], "display": SNOMED_REFERRAL[1]}]},
        "subject": {"identifier": {"system": NHS_NUMBER_SYSTEM, "value": referral.person.nhs_number}}
        if referral.person.nhs_number
        else {"display": "Patient"},
        "authoredOn": referral.received_at.isoformat(),
        "businessStatus": {"text": referral.get_status_display()},
    }
    if referral.external_id:
        resource["identifier"] = [{"value": referral.external_id}]
    ServiceRequest.model_validate({k: v for k, v in resource.items() if k != "businessStatus"})
    return resource


def response_message(referral, intake: Intake, base_url: str) -> dict[str, Any]:
    """The reply to $process-message: a message Bundle whose MessageHeader says ok and points at our ServiceRequest."""
    import uuid

    header_id = str(uuid.uuid4())
    sr_url = f"{base_url}ServiceRequest/{referral.pk}"
    header = {
        "resourceType": "MessageHeader",
        "id": header_id,
        "eventCoding": intake.event
        or {"system": "https://fhir.nhs.uk/CodeSystem/message-event", "code": "servicerequest-response"},
        "source": {"endpoint": base_url},
        "response": {"identifier": intake.message_id or "unknown", "code": "ok"},
        "focus": [{"reference": sr_url}],
    }
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "message",
        "timestamp": dt.datetime.now(dt.UTC).isoformat(),
        "entry": [
            {"fullUrl": f"urn:uuid:{header_id}", "resource": header},
            {"fullUrl": sr_url, "resource": service_request_resource(referral)},
        ],
    }
