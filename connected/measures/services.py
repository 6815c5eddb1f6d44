"""Writes: record responses, validated and scored, atomically. Bad input raises and stores nothing."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from . import registry
from .models import CompletedBy, MeasureResponse, Timepoint
from .scoring import ResponseInvalid, ScoredResponse, score


def _check_common(*, subject_type: str, subject_id: Any, timepoint: str, completed_by: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not subject_type or not str(subject_type).strip():
        errors["subject_type"] = ["Say what the response is about (subject_type)"]
    if subject_id is None or not str(subject_id).strip():
        errors["subject_id"] = ["Say which record the response is about (subject_id)"]
    elif len(str(subject_id)) > 64:
        errors["subject_id"] = ["subject_id is longer than 64 characters"]
    if timepoint not in Timepoint.values:
        errors["timepoint"] = [f"Choose a timepoint: {', '.join(Timepoint.values)}"]
    if completed_by not in CompletedBy.values:
        errors["completed_by"] = [f"Choose who completed it: {', '.join(CompletedBy.values)}"]
    return errors


def _scored(instrument_code: str, answers: Mapping[str, Any]) -> ScoredResponse:
    try:
        instrument = registry.get(instrument_code)
    except registry.UnknownInstrument as exc:
        raise ValidationError({"instrument": [str(exc)]}) from None
    try:
        return score(instrument, answers)
    except ResponseInvalid as exc:
        raise ValidationError(exc.as_dict()) from None


def _build(scored: ScoredResponse, **fields: Any) -> MeasureResponse:
    return MeasureResponse(
        instrument_code=scored.instrument,
        instrument_version=scored.version,
        answers=scored.answers,
        total=scored.total,
        scores=scored.values,
        bands=scored.bands,
        **fields,
    )


def response_record(
    *,
    instrument_code: str,
    answers: Mapping[str, Any],
    subject_type: str,
    subject_id: Any,
    timepoint: str,
    recorded_by: Any = None,
    completed_by: str = CompletedBy.LINK_WORKER,
    administered_at: datetime | None = None,
    sitting: uuid.UUID | None = None,
) -> MeasureResponse:
    """Validate, score and store one response; a ValidationError names each item at fault."""
    return response_set_record(
        answers_by_instrument={instrument_code: answers},
        subject_type=subject_type,
        subject_id=subject_id,
        timepoint=timepoint,
        recorded_by=recorded_by,
        completed_by=completed_by,
        administered_at=administered_at,
        sitting=sitting,
        prefix_errors=False,
    )[0]


def response_set_record(
    *,
    answers_by_instrument: Mapping[str, Mapping[str, Any]],
    subject_type: str,
    subject_id: Any,
    timepoint: str,
    recorded_by: Any = None,
    completed_by: str = CompletedBy.LINK_WORKER,
    administered_at: datetime | None = None,
    sitting: uuid.UUID | None = None,
    prefix_errors: bool = True,
) -> list[MeasureResponse]:
    """Record several instruments asked in one sitting: all stored, or none.

    Errors are keyed "<instrument>-<item>" (the form prefixes) unless prefix_errors is False.
    """
    errors = _check_common(
        subject_type=subject_type, subject_id=subject_id, timepoint=timepoint, completed_by=completed_by
    )
    if not answers_by_instrument:
        errors["instrument"] = ["Choose at least one instrument"]
    scored: list[ScoredResponse] = []
    for code, answers in answers_by_instrument.items():
        try:
            scored.append(_scored(code, answers))
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors[f"{code}-{key}" if prefix_errors else key] = messages
    if errors:
        raise ValidationError(errors)
    common: dict[str, Any] = {
        "subject_type": subject_type,
        "subject_id": str(subject_id),
        "timepoint": timepoint,
        "completed_by": completed_by,
        "recorded_by": recorded_by,
        "sitting": sitting or uuid.uuid4(),
    }
    if administered_at is not None:
        common["administered_at"] = administered_at
    if sitting is not None and MeasureResponse.objects.filter(sitting=sitting).exists():
        raise ValidationError({"sitting": ["These questions have already been answered"]})
    try:
        with transaction.atomic():
            responses = [_build(s, **common) for s in scored]
            for response in responses:
                response.save(force_insert=True)
    except IntegrityError:  # a second submit of the same sitting won the race
        raise ValidationError({"sitting": ["These questions have already been answered"]}) from None
    return responses
