"""Page shaping for the suggestions page: the profile in words, the top suggestions, and the shortlist."""

from __future__ import annotations

from typing import Any

from connected.casework.models import Referral
from connected.directory.vocabulary import ACCESSIBILITY, DAY_NAMES, DAYS

from .constraints import Seeker
from .models import Profile, Travel
from .ranking import Suggestion

_ACCESS = {t.code: t.label for t in ACCESSIBILITY}


def _row(key: str, value: str) -> dict:
    return {"key": {"text": key}, "value": {"text": value}}


def profile_rows(profile: Profile | None, seeker: Seeker) -> list[dict]:
    """What matching goes on, as a summary list (what it does not know is said, not hidden)."""
    p = profile or Profile()
    free = ", ".join(f"{DAY_NAMES[DAYS[d]]} {part}" for d, part in sorted(seeker.free)) or "Any time"
    if p.max_cost_pounds is None:
        cost = "Not a concern"
    else:
        cost = "Free activities only" if p.max_cost_pounds == 0 else f"Up to £{p.max_cost_pounds:.2f} a session"
    return [
        _row("How they get about", Travel(p.travel).label),
        _row("From", "Their postcode" if seeker.point else "No postcode we can place: online and phone only"),
        _row("Free", free),
        _row("Cost", cost),
        _row("Needs at a venue", ", ".join(_ACCESS.get(c, c) for c in p.access_needs) or "None recorded"),
        _row("Their words", seeker.words or "Nothing recorded yet"),
    ]


def suggestion_items(found: list[Suggestion], shortlisted: set) -> list[dict[str, Any]]:
    return [
        {
            "id": str(x.candidate.service_id),
            "name": x.candidate.name,
            "organisation": x.candidate.organisation,
            "reason": x.reason,
            "distance": x.distance,
            "next": x.candidate.next_session_text,
            "shortlisted": x.candidate.service_id in shortlisted,
        }
        for x in found
    ]


def shortlist_items(referral: Referral) -> list[dict[str, Any]]:
    return [
        {"id": item.pk, "name": item.service.name, "reason": item.reason}
        for item in referral.shortlist.select_related("service")
    ]
