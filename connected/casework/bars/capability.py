"""The CapabilityStatement at GET /fhir/metadata: what this receiver does, which BaRS senders read first."""

from __future__ import annotations

from typing import Any

from .replies import BARS_EVENTS

MESSAGE_DEFINITION = "https://fhir.nhs.uk/MessageDefinition/bars-message-servicerequest-request-referral"
BEARER = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
            "code": "OAuth",
            "display": "OAuth",
        }
    ],
    "text": "Bearer token issued by the scheme (manage.py issue_api_token)",
}


def capability_statement(base_url: str, version: str = "1.0.0") -> dict[str, Any]:
    """An R4 CapabilityStatement (kind instance) for this deployment's base URL."""
    return {
        "resourceType": "CapabilityStatement",
        "id": "connected-bars-receiver",
        "url": f"{base_url}metadata",
        "name": "ConnectedBaRSReceiver",
        "title": "Connected: social prescribing referrals over BaRS",
        "status": "active",
        "experimental": False,
        "date": "2026-12-03",
        "publisher": "Connected",
        "kind": "instance",
        "software": {"name": "Connected", "version": version},
        "implementation": {"description": "Connected BaRS receiver", "url": base_url},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "security": {"service": [BEARER]},
                "resource": [
                    {
                        "type": "ServiceRequest",
                        "profile": "https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest",
                        "interaction": [{"code": "read"}, {"code": "create"}],
                    }
                ],
                "operation": [
                    {
                        "name": "process-message",
                        "definition": "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message",
                    }
                ],
            }
        ],
        "messaging": [
            {
                "supportedMessage": [{"mode": "receiver", "definition": MESSAGE_DEFINITION}],
                "documentation": f"Events: {BARS_EVENTS}#servicerequest-request (reason new, update or delete).",
            }
        ],
    }
