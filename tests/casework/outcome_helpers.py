"""Shared by the outcome-message and PRSB tests: validate FHIR with fhir.resources (R4), record measures."""

from __future__ import annotations

import datetime as dt
import importlib

from fhir.resources.R4B.bundle import Bundle

from connected.measures.services import response_record


def validate_fhir(bundle: dict) -> list[str]:
    """Validate the Bundle and each entry against its own R4 model; returns the resource types seen."""
    Bundle.model_validate(bundle)
    kinds = []
    for entry in bundle["entry"]:
        kind = entry["resource"]["resourceType"]
        module = importlib.import_module(f"fhir.resources.R4B.{kind.lower()}")
        getattr(module, kind).model_validate(entry["resource"])
        kinds.append(kind)
    return kinds


def record_ucla(referral, by, *, timepoint: str, level: str, days: int = 0) -> None:
    """UCLA 3-item with every item at `level` ("often", "some_of_the_time", "hardly_ever_or_never")."""
    response_record(
        instrument_code="ucla3",
        answers=dict.fromkeys(("lack_companionship", "left_out", "isolated"), level),
        subject_type="casework.case",
        subject_id=referral.pk,
        timepoint=timepoint,
        recorded_by=by,
        administered_at=dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC) + dt.timedelta(days=days),
    )
