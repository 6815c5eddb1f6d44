"""The outcome as a letter (PDF from an HTML template, by WeasyPrint) for a referrer with no system to post to.

It says what the FHIR message says, in words: who, what happened (with the SNOMED CT concept a
practice codes), contacts by date and kind, activities offered and how they went, and the measures
before and after. Never the link worker's notes.
"""

from __future__ import annotations

from django.template.loader import get_template
from django.utils import timezone

from . import snomed
from .models import OutcomeMessage, Referral
from .outcome_fhir import measure_rows
from .presenters import labels, nhs_display, when
from .vocabulary import Need

# The concept the practice codes for each event (the letter may be downloaded after the case has moved on).
CONCEPT = {"accepted": snomed.OFFERED, "declined": snomed.DECLINED, "discharged": snomed.CLOSED}
OPENING = {
    "accepted": "We have accepted this referral to social prescribing. A link worker will contact the person.",
    "declined": "We are not able to take this referral. The reason is below.",
    "discharged": "The person's time with our social prescribing service has ended. This is what happened.",
}


def _rows(referral: Referral, event: str) -> tuple[list, list]:
    person = referral.person
    person_rows = [
        ("Name", person.full_name),
        ("Date of birth", when(person.date_of_birth) or "Not known"),
        ("NHS number", nhs_display(person.nhs_number) or "Not known"),
    ]
    if person.gp_practice_code:
        person_rows.append(("GP practice", f"{person.gp_practice_name} ({person.gp_practice_code})".strip()))
    referral_rows = [
        ("Received", when(referral.received_at)),
        ("Reasons", ", ".join(labels(referral.needs, Need)) or "Not given"),
    ]
    if event == "declined":
        referral_rows.append(("Reason", referral.get_decline_reason_display() or "Not given"))
    if event == "discharged":
        referral_rows.append(("Outcome", referral.get_outcome_display() or "Not given"))
        referral_rows.append(("Closed", when(referral.closed_at)))
    return person_rows, referral_rows


TITLE = {"accepted": "referral accepted", "declined": "referral declined", "discharged": "case closed"}


def _addressee(referral: Referral) -> str:
    """The referrer by name and organisation, from the referral or, for a signed-in referrer, their account."""
    name, organisation = referral.referrer_name, referral.referrer_organisation
    user = referral.referrer
    if user is not None:
        name = name or user.get_full_name() or user.get_username()
        membership = getattr(user, "membership", None)
        organisation = organisation or (membership.organisation.name if membership else "")
    return ", ".join(x for x in (name, organisation) if x) or "The referrer"


def letter_context(message: OutcomeMessage) -> dict:
    referral = message.referral
    person_rows, referral_rows = _rows(referral, message.event)
    discharged = message.event == "discharged"
    return {
        "title": f"Social prescribing: {TITLE[message.event]}",
        "scheme": referral.scheme.name if referral.scheme_id else "Connected",
        "today": when(timezone.localdate()),
        "to": _addressee(referral),
        "opening": OPENING[message.event],
        "person_rows": person_rows,
        "referral_rows": referral_rows,
        "concept": CONCEPT[message.event],
        "contacts": [{"at": when(c.at), "mode": c.get_mode_display()} for c in referral.contacts.order_by("at", "id")]
        if discharged
        else [],
        "introductions": [
            {"name": i.service_name, "status": i.get_status_display()}
            for i in referral.introductions.order_by("created_at", "id")
        ]
        if discharged
        else [],
        "measures": [dict(m, at=when(m["at"])) for m in measure_rows(referral)] if discharged else [],
    }


def letter_html(message: OutcomeMessage) -> str:
    return get_template("casework/letters/outcome_letter.jinja").render(letter_context(message))


def letter_pdf(message: OutcomeMessage) -> bytes:
    from weasyprint import HTML  # heavy; only loaded when a letter is asked for

    return HTML(string=letter_html(message)).write_pdf()
