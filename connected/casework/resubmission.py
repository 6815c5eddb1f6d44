"""Spotting the same referral sent twice in quick succession (a double click, a bot, a browser resend).

An identical resubmission is the same person details and referral content
from the same route to the same scheme within a short window; the caller
shows the first referral's confirmation instead of saving a second.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from connected.core import throttle

from .models import Referral


def hold(*, scheme, person_data: dict[str, Any]) -> None:
    """Let one submission for this person at a time check and save, so a double click cannot make two."""
    name = "|".join(
        str(part)
        for part in (
            scheme.pk if scheme else "unassigned",
            person_data["given_name"].casefold(),
            person_data["family_name"].casefold(),
        )
    )
    throttle.hold(f"resubmission:{name}:{person_data.get('date_of_birth')}")


def recent_identical(
    *, scheme, source: str, person_data: dict[str, Any], referral_data: dict[str, Any], since: dt.datetime
) -> Referral | None:
    """The earliest referral since `since` with exactly these person details and referral content."""
    candidates = (
        Referral.objects.filter(
            scheme=scheme,
            source=source,
            received_at__gte=since,
            person__given_name=person_data["given_name"],
            person__family_name=person_data["family_name"],
            person__date_of_birth=person_data.get("date_of_birth"),
        )
        .select_related("person", "scheme")
        .order_by("received_at")
    )
    for candidate in candidates:
        same_person = all(getattr(candidate.person, k) == v for k, v in person_data.items())
        if same_person and all(getattr(candidate, k) == v for k, v in referral_data.items()):
            return candidate
    return None
