"""Checks shared by the web forms, the self-referral page and the FHIR intake.

Each returns the clean value or raises `FieldError` whose message names the
field, so every intake route refuses bad input with the same words.
"""

from __future__ import annotations

import datetime as dt
import re

import nhs_number

from connected.core import postcodes


class FieldError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class IntakeError(ValueError):
    """Several field errors at once: {field: message}. Nothing was saved."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


# The most characters each free-text field holds, whichever way it arrives (a web form or FHIR):
# the forms use these as max_length and the FHIR intake refuses longer text, so no channel
# stores more than another, and nothing is cut short without the sender being told.
LIMITS: dict[str, int] = {
    "given_name": 100,
    "family_name": 100,
    "preferred_name": 100,
    "address": 500,
    "phone": 30,
    "email": 254,
    "best_times": 200,
    "language": 60,
    "accessibility_needs": 1000,
    "reason": 2000,
    "hopes": 2000,
    "referrer_name": 150,
    "referrer_organisation": 200,
    "referrer_contact": 200,
    "external_id": 200,
    "notes": 5000,
    "goals": 5000,
    "interests": 2000,
    "barriers": 2000,
    "would_like_to_try": 2000,
    "stopped_reason": 1000,
    "task": 200,
}


def too_long(field: str, value: str | None) -> str:
    """The message for text past its field's limit, or "" when it fits."""
    limit = LIMITS[field]
    if value is None or len(value) <= limit:
        return ""
    return f"must be {limit} characters or fewer (this is {len(value)})"


_NHS_SEPARATORS = re.compile(r"[\s-]")
# An ODS organisation code: 3 to 10 letters and digits (GP practices are a letter and five digits, like B86001).
_ODS_CODE = re.compile(r"^[A-Z0-9]{3,10}$")


def clean_ods_code(value: str | None, field: str = "gp_practice_code") -> str:
    """An ODS code in capitals, spaces removed; empty stays empty."""
    text = re.sub(r"\s", "", str(value or "")).upper()
    if text and not _ODS_CODE.match(text):
        raise FieldError(field, "GP practice code must be its ODS code: 3 to 10 letters and numbers, like B86001")
    return text


def clean_nhs_number(value: str, field: str = "nhs_number") -> str:
    """Ten digits passing the Modulus 11 check; spaces and dashes are ignored. Empty stays empty."""
    text = _NHS_SEPARATORS.sub("", str(value or ""))
    if not text:
        return ""
    if not text.isdigit() or len(text) != 10:
        raise FieldError(field, "NHS number must be 10 digits, like 943 476 5919")
    if not nhs_number.is_valid(text):
        raise FieldError(field, "NHS number is not valid. Check it and enter it again")
    return text


def clean_postcode(value: str, field: str = "postcode") -> str:
    """A full UK postcode in its one-space form. Empty stays empty."""
    if not str(value or "").strip():
        return ""
    try:
        return postcodes.normalise(value)
    except postcodes.InvalidPostcode as error:
        raise FieldError(field, f"Postcode: {error.message}") from None


def clean_date_of_birth(value: dt.date | str | None, field: str = "date_of_birth", today: dt.date | None = None):
    """A date of birth in the past and within 120 years. None stays None."""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise FieldError(field, "Date of birth must be a real date, like 1950-03-27") from None
    today = today or dt.date.today()
    if value > today:
        raise FieldError(field, "Date of birth must be in the past")
    if value.year < today.year - 120:
        raise FieldError(field, "Date of birth must be within the last 120 years")
    return value


def area_of(postcode: str) -> dict[str, str]:
    """LSOA and local authority for a postcode we hold; empty when we do not hold it (new builds exist)."""
    if not postcode:
        return {}
    from connected.core.places import PostcodeError, locate

    try:
        place = locate(postcode)
    except PostcodeError:
        return {}
    return {"lsoa_code": place.lsoa_code or "", "local_authority_code": place.local_authority_code or ""}
