"""Telling a link worker that a referral may repeat another one.

Intake sets `Referral.possible_duplicate_of` (services.duplicate_of: an open
referral in the same scheme with the same NHS number, or the same name and
date of birth); this shapes the link the caseload and the case page show.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from .models import Referral


def duplicate_link(referral: Referral) -> dict[str, str] | None:
    """Where the other referral is and how to name it, or None when none is flagged.

    Reads `possible_duplicate_of`: lists should select_related it (selectors.caseload does).
    """
    if referral.possible_duplicate_of_id is None:
        return None
    other = referral.possible_duplicate_of
    received = timezone.localtime(other.received_at)
    return {
        "href": reverse("casework:case", args=[other.pk]),
        "text": f"the referral received {received.day} {received:%B %Y} at {received:%H:%M}",
    }
