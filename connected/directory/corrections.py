"""Providers' corrections to their listings: proposed, then approved (applied) or rejected by a directory manager.

Each proposed value goes through the importer's own field cleaners (`importer/validate.py`), so a correction
can hold nothing a feed could not. An approved correction changes the listing, stamps its `assured_date`
(HSDS: when someone last confirmed it), and refreshes the search index for it. A correction with no changes
is the provider confirming the listing is right, and its approval only stamps the date (ADR 0026).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from connected.core import audit

from . import models as m
from .importer import fields as f
from .importer.validate import SPECS


class CorrectionError(ValueError):
    """What is wrong with a proposal or a review, field by field (a message the person can act on)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class Correctable:
    label: str
    clean: Callable[[Any], Any]
    keep_filled: bool = False  # once the listing has one, a correction may change it but not empty it


CORRECTABLE: dict[str, Correctable] = {
    "description": Correctable("Description", SPECS["service"]["description"].clean),
    "application_process": Correctable("How to join", SPECS["service"]["application_process"].clean),
    "fees_description": Correctable("Cost", SPECS["service"]["fees_description"].clean),
    "email": Correctable("Email address", SPECS["service"]["email"].clean),
    "url": Correctable("Website", SPECS["service"]["url"].clean),
    "phone": Correctable("Phone number", SPECS["phone"]["number"].clean, keep_filled=True),
    "days": Correctable("Days it runs", SPECS["schedule"]["byday"].clean, keep_filled=True),
    "opens_at": Correctable("Starts at", SPECS["schedule"]["opens_at"].clean, keep_filled=True),
    "closes_at": Correctable("Ends at", SPECS["schedule"]["closes_at"].clean, keep_filled=True),
}


def _first_phone(service: m.Service) -> m.Phone | None:
    return service.phones.order_by("number", "id").first()


def _first_schedule(service: m.Service) -> m.Schedule | None:
    return service.schedules.order_by("id").first()


def _clock(value: dt.time | None) -> str:
    return value.isoformat(timespec="minutes") if value else ""


def current_values(service: m.Service) -> dict[str, str]:
    """The correctable fields as the listing holds them now, as text."""
    phone, schedule = _first_phone(service), _first_schedule(service)
    return {
        "description": service.description,
        "application_process": service.application_process,
        "fees_description": service.fees_description,
        "email": service.email,
        "url": service.url,
        "phone": phone.number if phone else "",
        "days": schedule.byday if schedule else "",
        "opens_at": _clock(schedule.opens_at) if schedule else "",
        "closes_at": _clock(schedule.closes_at) if schedule else "",
    }


def _as_text(code: str, value: Any) -> str:
    return _clock(value) if isinstance(value, dt.time) else str(value)


def _changes(service: m.Service, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """The proposed values that differ from the listing, cleaned; and the listing's values for those fields."""
    now, changes, errors = current_values(service), {}, {}
    for code, spec in CORRECTABLE.items():
        if code not in values:
            continue
        raw = str(values[code] or "").strip()
        if code in ("opens_at", "closes_at"):
            raw = re.sub(r"^(\d)[:.](\d\d)$", r"0\1:\2", raw)  # 9:30 or 9.30 as the clock cleaner reads it
        if not raw:
            if spec.keep_filled and now[code]:
                errors[code] = f"{spec.label}: enter it as it should be (it cannot be left empty)"
            elif now[code]:
                changes[code] = ""
            continue
        try:
            cleaned = _as_text(code, spec.clean(raw))
        except f.Invalid as error:
            errors[code] = f"{spec.label}: {error}"
            continue
        if cleaned != now[code]:
            changes[code] = cleaned
    if errors:
        raise CorrectionError(errors)
    return changes, {code: now[code] for code in changes}


@transaction.atomic
def correction_propose(*, service: m.Service, by, values: dict[str, Any], note: str = "") -> m.ServiceCorrection:
    """Hold a provider's corrections for review; refuses a second while one is waiting."""
    if m.ServiceCorrection.objects.filter(service=service, status=m.ServiceCorrection.Status.PROPOSED).exists():
        raise CorrectionError({"__all__": "A correction to this listing is already waiting for review"})
    changes, before = _changes(service, values)
    made = m.ServiceCorrection.objects.create(
        service=service,
        changes=changes,
        before=before,
        note=note.strip()[:2000],
        proposed_by=by,
        proposed_by_label=by.get_username(),
    )
    audit.record(actor=by, action="create", obj=made, why="correction:proposed")
    return made


def _apply(service: m.Service, changes: dict[str, str]) -> None:
    for code in ("description", "application_process", "fees_description", "email", "url"):
        if code in changes:
            setattr(service, code, changes[code])
    if "phone" in changes:
        phone = _first_phone(service) or m.Phone(service=service)
        phone.number = changes["phone"]
        phone.save()
    if {"days", "opens_at", "closes_at"} & changes.keys():
        schedule = _first_schedule(service) or m.Schedule(service=service, freq=m.Schedule.Freq.WEEKLY)
        if "days" in changes:
            schedule.byday, schedule.freq = changes["days"], m.Schedule.Freq.WEEKLY
        for code in ("opens_at", "closes_at"):
            if code in changes:
                setattr(schedule, code, dt.time.fromisoformat(changes[code]) if changes[code] else None)
        schedule.save()


def _open(correction: m.ServiceCorrection) -> m.ServiceCorrection:
    locked = m.ServiceCorrection.objects.select_for_update().select_related("service").get(pk=correction.pk)
    if locked.status != m.ServiceCorrection.Status.PROPOSED:
        raise CorrectionError({"__all__": f"This correction was already {locked.get_status_display().lower()}"})
    return locked


@transaction.atomic
def correction_approve(*, correction: m.ServiceCorrection, by, today: dt.date | None = None) -> m.ServiceCorrection:
    """Apply the changes to the listing and stamp it assured today."""
    correction = _open(correction)
    service = correction.service
    _apply(service, correction.changes)
    service.assured_date = today or timezone.localdate()
    service.last_modified = timezone.now()
    service.save()
    _reviewed(correction, by, m.ServiceCorrection.Status.APPROVED, "")
    transaction.on_commit(lambda: _reindex(service.pk))
    return correction


@transaction.atomic
def correction_reject(*, correction: m.ServiceCorrection, by, reason: str) -> m.ServiceCorrection:
    if not reason.strip():
        raise CorrectionError({"review_note": "Enter why the correction is rejected, for the provider"})
    correction = _open(correction)
    _reviewed(correction, by, m.ServiceCorrection.Status.REJECTED, reason.strip()[:2000])
    return correction


def _reviewed(correction: m.ServiceCorrection, by, status: str, note: str) -> None:
    correction.status, correction.review_note = status, note
    correction.reviewed_by, correction.reviewed_by_label = by, by.get_username()
    correction.reviewed_at = timezone.now()
    correction.save()
    audit.record(actor=by, action="update", obj=correction, why=f"correction:{status}")


def _reindex(service_id) -> None:
    from .search import refresh_index

    refresh_index([service_id])
