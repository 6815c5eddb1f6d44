"""FHIR R4 payloads shaped like NHS BaRS referrals (synthetic patient; NHS number from the test range)."""

from __future__ import annotations

import copy

PATIENT = {
    "resourceType": "Patient",
    "id": "pat-1",
    "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765838"}],
    "name": [{"use": "official", "family": "Babbage", "given": ["Charles"]}],
    "gender": "male",
    "birthDate": "1948-12-26",
    "address": [{"line": ["1 Example Street"], "city": "Leeds", "postalCode": "LS6 2AB"}],
    "telecom": [{"system": "phone", "value": "0113 496 0001"}],
}
SERVICE_REQUEST = {
    "resourceType": "ServiceRequest",
    "id": "sr-1",
    "identifier": [{"system": "https://example.org/referrals", "value": "EMIS-REF-0001"}],
    "status": "active",
    "intent": "order",
    "priority": "urgent",
    "code": {
        "coding": [
            {
                "system": "http://snomed.info/sct",
                "code": "871731000000106",
                "display": "Referral to social prescribing service",
            }
        ]
    },
    "subject": {"reference": "urn:uuid:patient-1"},
    "requester": {"reference": "urn:uuid:practitioner-1"},
    "reasonCode": [{"text": "Lonely since his wife died"}],
    "note": [{"text": "Prefers phone calls in the morning"}],
}
BUNDLE = {
    "resourceType": "Bundle",
    "id": "msg-bundle-1",
    "type": "message",
    "entry": [
        {
            "fullUrl": "urn:uuid:header-1",
            "resource": {
                "resourceType": "MessageHeader",
                "id": "header-1",
                "eventCoding": {
                    "system": "https://fhir.nhs.uk/CodeSystem/message-events-bars",
                    "code": "servicerequest-request",
                },
                "source": {"endpoint": "https://gp.example.nhs.uk/fhir"},
                "focus": [{"reference": "urn:uuid:servicerequest-1"}],
            },
        },
        {"fullUrl": "urn:uuid:servicerequest-1", "resource": SERVICE_REQUEST},
        {"fullUrl": "urn:uuid:patient-1", "resource": PATIENT},
        {
            "fullUrl": "urn:uuid:practitioner-1",
            "resource": {
                "resourceType": "Practitioner",
                "id": "prac-1",
                "name": [{"family": "Jones", "given": ["Sam"], "prefix": ["Dr"]}],
            },
        },
        {
            "fullUrl": "urn:uuid:organization-1",
            "resource": {
                "resourceType": "Organization",
                "id": "org-1",
                "identifier": [{"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "B86001"}],
                "name": "Park Surgery",
            },
        },
        # Something BaRS senders may add that we do not use: kept in the payload, never an error.
        {
            "fullUrl": "urn:uuid:other-1",
            "resource": {
                "resourceType": "Flag",
                "status": "active",
                "code": {"text": "Anything"},
                "subject": {"display": "x"},
                "unknownElement": "ignored",
            },
        },
    ],
}


def bundle(**changes) -> dict:
    data = copy.deepcopy(BUNDLE)
    for path, value in changes.items():
        target = data
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return data


def service_request_with_contained_patient() -> dict:
    request = copy.deepcopy(SERVICE_REQUEST)
    patient = copy.deepcopy(PATIENT)
    patient["id"] = "p1"
    request["contained"] = [patient]
    request["subject"] = {"reference": "#p1"}
    request.pop("requester")
    request["identifier"] = [{"value": "SR-CONTAINED-1"}]
    return request
