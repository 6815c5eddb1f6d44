"""The referral confirmation: what the referrer sent, read back to them once it has been received."""

from __future__ import annotations

from typing import Any

from .caseload_query import reference
from .models import Referral
from .presenters import labels, nhs_display, when
from .vocabulary import Need


def sent_summary(referral: Referral) -> list[dict[str, Any]]:
    """Summary-list rows of what was sent: who, how to reach them, why, how soon, and the reference."""
    person = referral.person
    rows = [
        ("Reference", reference(referral)),
        ("Name", person.full_name),
        ("Date of birth", when(person.date_of_birth) if person.date_of_birth else "Not given"),
        ("NHS number", nhs_display(person.nhs_number) if person.nhs_number else "Not given"),
        ("Postcode", person.postcode or "Not given"),
        ("Phone", person.phone or "Not given"),
        ("Email", person.email or "Not given"),
        ("What they need help with", ", ".join(labels(referral.needs, Need)) or "Not given"),
        ("Why", referral.reason or "Not given"),
        ("What they hope for", referral.hopes or "Not given"),
        ("How soon", referral.get_urgency_display()),
        ("Consent", "The person agreed to the referral" if referral.consent_given else "Not recorded"),
        (
            "Sent to",
            referral.scheme.name if referral.scheme else "No scheme covers the area yet: an administrator places it",
        ),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]
