"""BaRS error replies: an OperationOutcome whose `issue.details` carries the BaRS receiver code.

BaRS (API specification, "4XX-BARS"/"5XX-BARS") pairs each HTTP status with a
`REC_…` code in the system below, so a sender can act on the code, not the
wording. Every issue keeps its FHIR `code` and the `expression` naming the
element at fault (ADR 0014).
"""

from __future__ import annotations

from typing import Any

BARS_ERROR_SYSTEM = "https://fhir.nhs.uk/Codesystem/http-error-codes"
OPERATION_OUTCOME_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-OperationOutcome"
REC_CODES = {
    400: ("REC_BAD_REQUEST", "The message was malformed"),
    401: ("REC_UNAUTHORIZED", "The receiver deemed you unauthorised to make this request"),
    403: ("REC_FORBIDDEN", "The receiver does not allow this sender to do this"),
    404: ("REC_NOT_FOUND", "Not found"),
    405: ("REC_METHOD_NOT_ALLOWED", "The receiver does not allow this method here"),
    406: ("REC_NOT_ACCEPTABLE", "The receiver cannot reply in the content type asked for"),
    409: ("REC_CONFLICT", "The message conflicts with one already received"),
    413: ("REC_BAD_REQUEST", "The message is too large"),
    415: ("REC_BAD_REQUEST", "Send application/fhir+json"),
    422: ("REC_UNPROCESSABLE_ENTITY", "The message was well formed but could not be processed"),
    429: ("REC_TOO_MANY_REQUESTS", "Too many requests"),
    500: ("REC_SERVER_ERROR", "The receiver could not process the message"),
}


def rec_code(status: int) -> str:
    return REC_CODES.get(status, REC_CODES[500])[0]


def details(status: int) -> dict[str, Any]:
    code, display = REC_CODES.get(status, REC_CODES[500])
    return {"coding": [{"system": BARS_ERROR_SYSTEM, "code": code, "display": display}]}


def outcome(status: int, issues: list[dict[str, Any]]) -> dict[str, Any]:
    """An OperationOutcome for a refusal with `status`, each issue given the BaRS code for it."""
    return {
        "resourceType": "OperationOutcome",
        "meta": {"profile": [OPERATION_OUTCOME_PROFILE]},
        "issue": [{**issue, "details": details(status)} for issue in issues],
    }


def single(status: int, expression: str, diagnostics: str, code: str) -> dict[str, Any]:
    """An OperationOutcome with one issue."""
    issue = {"severity": "error", "code": code, "diagnostics": diagnostics, "expression": [expression]}
    return outcome(status, [issue])
