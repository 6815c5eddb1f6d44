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


_NHS_SEPARATORS = re.compile(r"[\s-]")


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
