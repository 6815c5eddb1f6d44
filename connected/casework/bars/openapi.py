"""An OpenAPI document for the FHIR endpoints, so that schemathesis can fuzz them like our other APIs.

FHIR describes itself with a CapabilityStatement (`/fhir/metadata`), which is what clinical systems read;
this document is for HTTP tooling. It states what every answer is: a FHIR resource as `application/fhir+json`,
and every refusal an OperationOutcome naming the element at fault.
"""

from __future__ import annotations

from typing import Any

FHIR_JSON = "application/fhir+json"

_RESOURCE = {"type": "object", "required": ["resourceType"], "properties": {"resourceType": {"type": "string"}}}
_OUTCOME = {
    "type": "object",
    "required": ["resourceType", "issue"],
    "properties": {
        "resourceType": {"const": "OperationOutcome"},
        "issue": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["severity", "code"],
                "properties": {"severity": {"type": "string"}, "code": {"type": "string"}},
            },
        },
    },
}


def _answer(description: str, schema: str = "Resource") -> dict:
    return {"description": description, "content": {FHIR_JSON: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def _refusals(*codes: int) -> dict:
    reasons = {
        400: "The body is not FHIR JSON of the right shape",
        401: "No valid bearer token",
        403: "The token may not make referrals",
        404: "No such resource that you may see",
        409: "A different message under an id already used",
        413: "The body is too large",
        415: "Not JSON",
        422: "A FHIR resource that breaks a business rule (e.g. an invalid NHS number)",
    }
    return {str(code): _answer(reasons[code], "OperationOutcome") for code in codes}


def _body() -> dict:
    return {"required": True, "content": {FHIR_JSON: {"schema": {"$ref": "#/components/schemas/Resource"}}}}


def document() -> dict[str, Any]:
    token = [{"bearer": []}]
    posted = _refusals(400, 401, 403, 409, 413, 415, 422)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Connected FHIR R4 (BaRS receiver)", "version": "1.0.0"},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Resource": _RESOURCE, "OperationOutcome": _OUTCOME},
        },
        "paths": {
            "/fhir/metadata": {
                "get": {"operationId": "metadata", "responses": {"200": _answer("The CapabilityStatement")}}
            },
            "/fhir/$process-message": {
                "post": {
                    "operationId": "processMessage",
                    "security": token,
                    "requestBody": _body(),
                    "responses": {"200": _answer("The BaRS response message (a Bundle)"), **posted},
                }
            },
            "/fhir/ServiceRequest": {
                "post": {
                    "operationId": "createServiceRequest",
                    "security": token,
                    "requestBody": _body(),
                    "responses": {"200": _answer("A resend"), "201": _answer("The referral made"), **posted},
                }
            },
            "/fhir/ServiceRequest/{id}": {
                "get": {
                    "operationId": "readServiceRequest",
                    "security": token,
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": _answer("The referral's status"), **_refusals(404)},
                }
            },
        },
    }
