"""Checks on everything the receiver sends: valid FHIR R4 (fhir.resources' R4B models, R4's family) and the
elements the UK Core and BaRS profiles require that can be checked offline (no profile validator runs here)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from fhir.resources.R4B import get_fhir_model_class

from connected.casework.bars.errors import BARS_ERROR_SYSTEM

FIXTURES = Path(__file__).parent.parent / "fixtures" / "bars"
BARS_BUNDLE = "https://fhir.nhs.uk/StructureDefinition/BARSBundleMessage"


def load(name: str) -> dict[str, Any]:
    """A published example as the FHIR JSON a sender posts (XML ones converted by fhirxml)."""
    from tests.fixtures.bars.fhirxml import xml_to_json

    path = FIXTURES / name
    return xml_to_json(path) if path.suffix == ".xml" else json.loads(path.read_text())


def fixture_names() -> list[str]:
    return sorted(p.relative_to(FIXTURES).as_posix() for p in FIXTURES.glob("*/*.*") if p.suffix in (".xml", ".json"))


def fresh_id(message: dict[str, Any]) -> dict[str, Any]:
    """The message with its own Bundle id, as a real sender gives each message (the examples reuse theirs)."""
    return {**message, "id": str(uuid.uuid4())}


def valid_r4(resource: dict[str, Any]) -> None:
    """Raises unless the resource parses as FHIR R4 (every entry of a Bundle included)."""
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def _required(resource: dict[str, Any], *paths: str) -> None:
    for path in paths:
        value: Any = resource
        for part in path.split("."):
            value = value[int(part)] if isinstance(value, list) else value.get(part)
            assert value not in (None, "", [], {}), f"{resource['resourceType']}.{path} is required"


def check_reply(reply: dict[str, Any], request_id: str) -> None:
    """A BaRS servicerequest-response: valid R4, the profiles' required elements, answering `request_id`."""
    valid_r4(reply)
    assert reply["meta"]["profile"] == [BARS_BUNDLE]
    _required(reply, "id", "type", "timestamp", "entry.0.resource")
    header = reply["entry"][0]["resource"]
    _required(header, "meta.profile.0", "eventCoding.system", "eventCoding.code", "source.endpoint", "focus.0")
    assert header["eventCoding"]["code"] == "servicerequest-response"
    assert header["response"] == {"identifier": request_id, "code": "ok"}
    kinds = {e["resource"]["resourceType"]: e["resource"] for e in reply["entry"]}
    check_service_request(kinds["ServiceRequest"])
    _required(kinds["Task"], "status", "intent", "businessStatus.coding.0.code", "focus.reference")


def check_service_request(resource: dict[str, Any]) -> None:
    """UK Core ServiceRequest: status, intent, subject; no businessStatus (not an R4 ServiceRequest element)."""
    valid_r4(resource)
    assert "businessStatus" not in resource
    _required(resource, "meta.profile.0", "status", "intent", "subject", "extension.0.valueCodeableConcept")


def check_refusal(body: dict[str, Any], code: str) -> list[str]:
    """A BaRS refusal: a valid OperationOutcome, each issue carrying `code`; returns the expressions."""
    valid_r4(body)
    assert body["resourceType"] == "OperationOutcome" and body["issue"]
    for issue in body["issue"]:
        assert issue["details"]["coding"][0] == {**issue["details"]["coding"][0], "system": BARS_ERROR_SYSTEM}
        assert issue["details"]["coding"][0]["code"] == code, issue
    return [e for issue in body["issue"] for e in issue.get("expression", [])]
