"""Is a listing valid Open Referral UK? Its published form (what `/api/services/{id}` serves) checked against the
profile's compiled service schema, with the formats and `datapackage_type` marks the profile uses.

The same validator holds the API's output to the schemas in tests/directory_api; providers see its findings
on their listings page (ADR 0026). The schema is kept with the code (`schema/oruk_service.json`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

from connected.directory import models as m
from connected.directory.api import nested

SERVICE_SCHEMA = Path(__file__).resolve().parent / "schema" / "oruk_service.json"
_PATTERNS = {
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "time": re.compile(r"^\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?$"),
    "datetime": re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"),
}

FORMATS = FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path))


@FORMATS.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if isinstance(value, str):
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


def _datapackage_type(validator, kind, instance, schema):
    """The profile marks dates and times with `datapackage_type`; hold our output to it."""
    pattern = _PATTERNS.get(kind)
    if pattern is not None and isinstance(instance, str) and not pattern.match(instance):
        yield ValidationError(f"{instance!r} is not a {kind} as the profile writes one")
    if kind == "date" and isinstance(instance, str) and pattern.match(instance):
        try:
            date.fromisoformat(instance)
        except ValueError:
            yield ValidationError(f"{instance!r} is not a real date")


OrukValidator = validators.extend(Draft202012Validator, {"datapackage_type": _datapackage_type})


@dataclass(frozen=True)
class Problem:
    where: str  # e.g. "url" or "schedules 0 → opens_at"
    message: str


@cache
def _service_validator() -> Draft202012Validator:
    return OrukValidator(json.loads(SERVICE_SCHEMA.read_text()), format_checker=FORMATS)


def _where(error: ValidationError) -> str:
    return " → ".join(str(part) for part in error.absolute_path) or "the listing"


def service_problems(service: m.Service) -> list[Problem]:
    """What stops the listing, as published, from being valid ORUK; empty when it is valid."""
    body = nested.services_full([service])[0]
    errors = sorted(_service_validator().iter_errors(body), key=lambda e: [str(p) for p in e.absolute_path])
    return [Problem(_where(e), e.message) for e in errors]
