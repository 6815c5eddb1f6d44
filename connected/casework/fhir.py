"""FHIR R4 intake: read a BaRS-shaped message Bundle or a ServiceRequest into our referral fields.

Resources are checked with `fhir.resources.R4B` (R4B shares R4's Patient,
ServiceRequest, MessageHeader and Bundle); only the entries we use are
validated, so whatever else a sender includes is kept (in
`Referral.source_payload`) or ignored, never an error. Every refusal is a
`FhirError` carrying OperationOutcome issues whose `expression` names the
element: 400 for a payload that is not the FHIR we asked for (wrong JSON
types, text past `validation.LIMITS`, the same limits as the web forms), 422
for FHIR that breaks our rules (an NHS number failing Modulus 11, no name, a
bad postcode). The body's size, syntax and depth are checked before this
module sees it (`fhir_input`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole
from fhir.resources.R4B.servicerequest import ServiceRequest
from pydantic import ValidationError

from .fhir_coded import ethnic_category, gp_practice
from .validation import FieldError, clean_date_of_birth, clean_nhs_number, clean_postcode, too_long
from .vocabulary import NHS_NUMBER_SYSTEM, SNOMED, SNOMED_REFERRAL

# A Patient sent before the person is identified (a BaRS transfer may be): kept as "Name not given".
NAME_NOT_GIVEN = ("Name", "not given")
MODELS = {
    "Coding": Coding,
    "CodeableConcept": CodeableConcept,
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
    """What a message or ServiceRequest says: the person, the referral, and the message's own ids and intent."""

    person: dict[str, Any]
    referral: dict[str, Any]
    message_id: str = ""
    event: dict[str, Any] = field(default_factory=dict)
    bundle_id: str = ""
    reason: str = "new"  # MessageHeader.reason: new, update or delete (BaRS message-reason-bars)
    request_status: str = "active"  # ServiceRequest.status: revoked or entered-in-error cancels
    source_endpoint: str = ""


def _loc(path: str, loc: tuple) -> str:
    out = path
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _validated(data: Any, kind: str, path: str):
    datatype = kind in ("Coding", "CodeableConcept")
    if not isinstance(data, dict) or (not datatype and data.get("resourceType") != kind):
        raise FhirError(400, [issue(path, f"Expected a {kind}" + ("" if datatype else " resource"), "structure")])
    try:
        return MODELS[kind].model_validate(data)
    except ValidationError as error:
        issues = [issue(_loc(path, e["loc"]), f"{kind}: {e['msg']}", "structure") for e in error.errors()[:20]]
        raise FhirError(400, issues) from None


def _object(value: Any, path: str) -> dict:
    """`value` if it is a JSON object, else a 400 naming where an object was expected."""
    if not isinstance(value, dict):
        raise FhirError(400, [issue(path, f"{path.rsplit('.', 1)[-1]} must be a JSON object", "structure")])
    return value


def _list(value: Any, path: str) -> list:
    """`value` if it is a JSON array (absent is empty), else a 400 naming the element."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise FhirError(400, [issue(path, f"{path.rsplit('.', 1)[-1]} must be a JSON array", "structure")])
    return value


class _Entries:
    """A Bundle's entries, findable by fullUrl, by Type/id and by type, each with its FHIRPath-ish location."""

    def __init__(self, entries: list, where: str = "Bundle.entry") -> None:
        self.items: list[tuple[str, dict]] = []
        self.by_ref: dict[str, int] = {}
        self.full_urls: dict[str, str] = {}
        for i, entry in enumerate(entries):
            resource = _object(entry, f"{where}[{i}]").get("resource")
            if resource is None:
                continue
            self.items.append((f"{where}[{i}].resource", _object(resource, f"{where}[{i}].resource")))
            index = len(self.items) - 1
            full_url = entry.get("fullUrl")
            if full_url is not None and not isinstance(full_url, str):
                raise FhirError(400, [issue(f"{where}[{i}].fullUrl", "fullUrl must be a string", "structure")])
            if full_url:
                self.by_ref[full_url] = index
                self.full_urls[self.items[index][0]] = full_url
            if resource.get("id") and isinstance(resource.get("id"), str):
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
    entries = _list(data.get("entry"), "Bundle.entry")
    if not entries:
        raise FhirError(422, [issue("Bundle.entry", "The message Bundle has no entries", "required")])
    found = _Entries(entries)
    first = found.items[0] if found.items else None
    if first is None or first[1].get("resourceType") != "MessageHeader":
        raise FhirError(422, [issue("Bundle.entry[0]", "The first entry must be the MessageHeader", "required")])
    header = _header(*first)
    target = None
    for i, focus in enumerate(_list(header.get("focus"), f"{first[0]}.focus")):
        reference = _object(focus, f"{first[0]}.focus[{i}]").get("reference")
        target = found.resolve(reference if isinstance(reference, str) else None, ("ServiceRequest",)) or target
    target = target or found.first("ServiceRequest")
    if target is None:
        raise FhirError(422, [issue("MessageHeader.focus", "The message has no ServiceRequest", "required")])
    intake = _from_service_request(target, found)
    intake.message_id = header["id"]
    intake.bundle_id = data["id"] if isinstance(data.get("id"), str) else ""
    intake.event, intake.reason, intake.source_endpoint = header["event"], header["reason"], header["endpoint"]
    intake.referral["source_payload"] = data
    return intake


def _header(path: str, raw: dict) -> dict[str, Any]:
    """The MessageHeader elements the receiver uses (id, event, reason, focus, source endpoint), each checked.

    Only these are validated: a header element we do not use (a `destination` with a receiver
    but no endpoint, as published BaRS examples have) is kept in the payload, never an error.
    """
    event = _validated(raw.get("eventCoding"), "Coding", f"{path}.eventCoding") if "eventCoding" in raw else None
    reason = _validated(raw.get("reason"), "CodeableConcept", f"{path}.reason") if "reason" in raw else None
    source = raw.get("source") if isinstance(raw.get("source"), dict) else {}
    header_id, endpoint = raw.get("id"), source.get("endpoint")
    return {
        "id": header_id if isinstance(header_id, str) else "",
        "event": {"system": event.system, "code": event.code} if event else {},
        "reason": next((c.code for c in (reason.coding or []) if c.code), "new") if reason else "new",
        "focus": raw.get("focus"),
        "endpoint": endpoint if isinstance(endpoint, str) else "",
    }


def parse_service_request(data: Any) -> Intake:
    """A ServiceRequest whose subject is a contained Patient ("#id") or, in a Bundle, a bundled one."""
    if isinstance(data, dict) and data.get("resourceType") == "Bundle":
        found = _Entries(_list(data.get("entry"), "Bundle.entry"))
        target = found.first("ServiceRequest")
        if target is None:
            raise FhirError(422, [issue("Bundle.entry", "The Bundle has no ServiceRequest", "required")])
    else:
        target = ("ServiceRequest", data)
        contained = _list(data.get("contained"), "ServiceRequest.contained") if isinstance(data, dict) else []
        found = _Entries([], "ServiceRequest.contained")
        for i, resource in enumerate(contained):
            path = f"ServiceRequest.contained[{i}]"
            found.items.append((path, _object(resource, path)))
            if isinstance(resource.get("id"), str):
                found.by_ref["#" + resource["id"]] = len(found.items) - 1
    intake = _from_service_request(target, found)
    intake.referral["source_payload"] = data
    return intake


def _fits(field: str, value: str, path: str, long: list[dict[str, Any]]) -> str:
    """`value` unchanged; an issue in `long` when it is past the field's limit (the forms' limit: LIMITS)."""
    message = too_long(field, value)
    if message:
        long.append(issue(path, f"{path} {message}", "too-long"))
    return value


def _from_service_request(target: tuple[str, dict], found: _Entries) -> Intake:
    path, raw = target
    request = _validated(raw, "ServiceRequest", path)
    if request.status not in ("active", "draft", "revoked", "entered-in-error", "completed"):
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
    long: list[dict[str, Any]] = []
    referral = _referral(request, path, found.full_urls.get(path, ""), long) | _requester(request, found, long)
    patient = _validated(subject[1], "Patient", subject[0])
    person = _patient(patient, subject[0], long) | _coded(patient, found)
    return Intake(person=person, referral=referral, request_status=request.status or "active")


def _coded(patient: Patient, found: _Entries) -> dict[str, Any]:
    """Ethnic category and registered GP practice (ODS code and name), where the Patient gives them."""

    def organisation_for(reference: str):
        target = found.resolve(reference, ("Organization",))
        return _validated(target[1], "Organization", target[0]) if target else None

    coded = gp_practice(patient, organisation_for)
    if category := ethnic_category(patient):
        coded["ethnic_category"] = category
    return coded


def _referral(request: ServiceRequest, path: str, full_url: str, long: list[dict[str, Any]]) -> dict[str, Any]:
    """The referral's own fields; text past its limit is refused (an issue in `long`), never cut short."""
    reasons = []
    for i, concept in enumerate(request.reasonCode or []):
        if concept.text:
            reasons.append(_fits("reason", concept.text, f"{path}.reasonCode[{i}].text", long))
        else:
            words = ", ".join(c.display or c.code or "" for c in concept.coding or [])
            reasons.append(_fits("reason", words, f"{path}.reasonCode[{i}].coding", long))
    notes = [_fits("reason", n.text, f"{path}.note[{i}].text", long) for i, n in enumerate(request.note or [])]
    notes = [n for n in notes if n]
    reason = "\n".join(r for r in reasons + notes if r)
    if not long:
        _fits("reason", reason, f"{path}.reasonCode", long)
    # The sender's key for this ServiceRequest, the same in its update and cancel messages: its business
    # identifier, else the entry's fullUrl (BaRS examples keep it across a referral's messages), else its id.
    external_id, where = (
        (request.identifier[0].value, "identifier[0].value")
        if request.identifier
        else (full_url, "fullUrl")
        if full_url
        else (request.id, "id")
    )
    return {
        "reason": reason,
        "hopes": _fits("hopes", request.patientInstruction or "", f"{path}.patientInstruction", long),
        "urgency": PRIORITY.get(request.priority or "routine", "routine"),
        # The sending clinician confirms consent in their own system before a BaRS referral is sent.
        "consent_given": True,
        "external_id": _fits("external_id", external_id or "", f"{path}.{where}", long),
        "needs": [] if reasons or notes else ["other"],
    }


def _patient(patient: Patient, path: str, long: list[dict[str, Any]]) -> dict[str, Any]:
    """The person's fields; raises 400 for any text past its limit (`long`), else 422 for our rules."""
    issues: list[dict[str, Any]] = []
    person: dict[str, Any] = {}
    for i, ident in enumerate(patient.identifier or []):
        if ident.system == NHS_NUMBER_SYSTEM:
            try:
                person["nhs_number"] = clean_nhs_number(ident.value or "")
            except FieldError as error:
                issues.append(issue(f"{path}.identifier[{i}].value", error.message, "value"))
    names = patient.name or []
    k = next((i for i, n in enumerate(names) if n.use == "official"), 0)
    name = names[k] if names else None
    if name is not None and (name.family or name.given) and not (name.family and name.given):
        issues.append(issue(f"{path}.name", "Patient.name needs a family name and a given name", "required"))
    elif name is None or not name.family:
        person["given_name"], person["family_name"] = NAME_NOT_GIVEN
    else:
        person["family_name"] = _fits("family_name", name.family, f"{path}.name[{k}].family", long)
        person["given_name"] = _fits("given_name", name.given[0], f"{path}.name[{k}].given[0]", long)
    if patient.birthDate is not None:
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
            lines = ", ".join([*(address.line or []), address.city or ""]).strip(", ")
            person["address"] = _fits("address", lines, f"{path}.address[{i}]", long)
            break
    # The person's own numbers: Patient.telecom, else (as BaRS examples send them) a contact who is ONESELF.
    points = [(f"{path}.telecom[{i}]", p) for i, p in enumerate(patient.telecom or [])]
    for k, contact in enumerate(patient.contact or []):
        if any(c.code == "ONESELF" for r in contact.relationship or [] for c in r.coding or []):
            points += [(f"{path}.contact[{k}].telecom[{i}]", p) for i, p in enumerate(contact.telecom or [])]
    for where, point in sorted(points, key=lambda item: (".contact[" in item[0], item[1].rank or 99)):
        kind = {"phone": "phone", "email": "email"}.get(point.system or "")
        if kind and point.value and kind not in person:
            person[kind] = _fits(kind, point.value, f"{where}.value", long)
    if patient.gender:
        person["gender"] = patient.gender
    if long:
        raise FhirError(400, long)
    if issues:
        raise FhirError(422, issues)
    return person


def _requester(request: ServiceRequest, found: _Entries, long: list[dict[str, Any]]) -> dict[str, str]:
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
            words = n.text or " ".join([*(n.prefix or []), *(n.given or []), n.family or ""]).strip()
            out["referrer_name"] = _fits("referrer_name", words, f"{target[0]}.name[0]", long)
        for i, point in enumerate(practitioner.telecom or []):
            if point.value and not out["referrer_contact"]:
                out["referrer_contact"] = _fits(
                    "referrer_contact", point.value, f"{target[0]}.telecom[{i}].value", long
                )
    if target and target[1].get("resourceType") == "Organization":
        organisation = target
    if organisation:
        org = _validated(organisation[1], "Organization", organisation[0])
        ods = next((i.value for i in org.identifier or [] if i.value), "")
        words = (org.name or "") + (f" ({ods})" if ods else "")
        out["referrer_organisation"] = _fits("referrer_organisation", words, f"{organisation[0]}.name", long)
    return out
