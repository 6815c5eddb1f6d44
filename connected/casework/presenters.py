"""Shaping casework records for pages: plain dicts and lists, dates as words, codes as labels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from connected.core import rules
from connected.directory.selectors import canonical_service
from connected.measures import presenters as measures_presenters
from connected.measures import registry

from .duplicates import duplicate_link
from .export import MEASURES_SUBJECT_TYPE
from .models import Person, Referral
from .vocabulary import Need, RiskCircumstance, Status

STATUS_COLOURS = {
    Status.RECEIVED: "blue",
    Status.ACCEPTED: "aqua-green",
    Status.CONTACTED: "purple",
    Status.IN_PROGRESS: "green",
    Status.CLOSED: "grey",
    Status.DECLINED: "red",
}


def when(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
        return f"{value.day} {value:%B %Y} at {value:%H:%M}"
    return f"{value.day} {value:%B %Y}"


def age(dob: dt.date | None, today: dt.date | None = None) -> str:
    if dob is None:
        return ""
    today = today or timezone.localdate()
    years = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
    return f"{years}"


def nhs_display(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 else number


def status_tag(referral: Referral) -> dict[str, str]:
    return {
        "text": referral.get_status_display(),
        "classes": f"nhsuk-tag--{STATUS_COLOURS.get(referral.status, 'grey')}",
    }


def labels(codes: list[str], choices) -> list[str]:
    known = dict(choices.choices)
    return [str(known.get(c, c)) for c in codes]


def caseload_sections(load) -> list[dict[str, Any]]:
    def row(case):
        return {
            "href": reverse("casework:case", args=[case.pk]),
            "name": case.person.full_name,
            "status": status_tag(case),
            "days_waiting": case.days_waiting,
            "urgency": case.get_urgency_display(),
            "urgent": case.urgency != "routine",
            "last_contact": when(case.last_contact) if case.last_contact else "No contact yet",
            "duplicate": duplicate_link(case),
        }

    return [
        {
            "id": "waiting",
            "title": "Waiting for first contact",
            "rows": [row(c) for c in load.waiting],
            "empty": "No one is waiting.",
        },
        {
            "id": "follow-up",
            "title": "Due a follow-up",
            "rows": [row(c) for c in load.follow_up],
            "empty": "No follow-ups due.",
        },
        {
            "id": "closing",
            "title": "Closing soon",
            "rows": [row(c) for c in load.closing_soon],
            "empty": "No cases near their end.",
        },
        {"id": "active", "title": "Active", "rows": [row(c) for c in load.active], "empty": "No active cases."},
    ]


def _history(referral: Referral) -> list[dict[str, str]]:
    return [{"status": c.get_status_display(), "at": when(c.at)} for c in referral.status_changes.all()]


UNASSIGNED = "Not yet placed: no scheme covers the person's area, so an administrator will find one"


def scheme_name(referral: Referral) -> str:
    """The scheme's name, or the plain truth while the referral waits in the unassigned queue (ADR 0035)."""
    return referral.scheme.name if referral.scheme_id else UNASSIGNED


def referral_row(referral: Referral) -> dict[str, Any]:
    return {
        "href": reverse("casework:referral_status", args=[referral.pk]),
        "name": referral.person.full_name,
        "received": when(referral.received_at),
        "status": status_tag(referral),
        "scheme": scheme_name(referral),
    }


def referral_status(referral: Referral) -> dict[str, Any]:
    """What a referrer sees: who, when, status and its dates, and the outcome or decline reason. No notes."""
    result = ""
    if referral.status == Status.DECLINED:
        result = referral.get_decline_reason_display()
    elif referral.status == Status.CLOSED:
        result = referral.get_outcome_display()
    return {
        "referral": referral,
        "name": referral.person.full_name,
        "received": when(referral.received_at),
        "status": status_tag(referral),
        "result": result,
        "history": _history(referral),
        "scheme": scheme_name(referral),
    }


def contact_rows(person: Person) -> list[tuple[str, str]]:
    """How to reach the person, as the person page and a provider (with consent) both show it."""
    return [
        ("Phone", person.phone or "None given"),
        ("Email", person.email or "None given"),
        ("Contact by", ", ".join(c.capitalize() for c in person.contact_methods) or "No preference recorded"),
        ("Best times", person.best_times or "Not recorded"),
        (
            "Language",
            (person.language or "Not recorded") + (" (needs an interpreter)" if person.interpreter_needed else ""),
        ),
    ]


def person_rows(person: Person) -> list[dict[str, Any]]:
    rows = [
        (
            "Name",
            person.full_name + (f" (likes to be called {person.preferred_name})" if person.preferred_name else ""),
        ),
        (
            "Date of birth",
            f"{when(person.date_of_birth)} (age {age(person.date_of_birth)})" if person.date_of_birth else "Not known",
        ),
        ("NHS number", nhs_display(person.nhs_number) or "Not known"),
        ("Postcode", person.postcode or "Not known"),
        *contact_rows(person),
        ("Accessibility", person.accessibility_needs or "None recorded"),
        ("Internet use", person.get_digital_access_display() or "Not known"),
        ("Lives alone", {True: "Yes", False: "No", None: "Not known"}[person.lives_alone]),
        ("Unpaid carer", {True: "Yes", False: "No", None: "Not known"}[person.is_carer]),
        ("Circumstances", ", ".join(labels(person.risk_circumstances, RiskCircumstance)) or "None recorded"),
        ("GP practice", gp_practice_text(person)),
        ("Sex or gender", person.get_gender_display() or "Not known"),
        ("Ethnic category", person.get_ethnic_category_display() or "Not known"),
        ("Consent", _consent(person)),
    ]
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def gp_practice_text(person: Person) -> str:
    """The registered practice as "Name (ODS code)", or what is known of it."""
    if person.gp_practice_code and person.gp_practice_name:
        return f"{person.gp_practice_name} ({person.gp_practice_code})"
    return person.gp_practice_code or person.gp_practice_name or "Not known"


def _consent(person: Person) -> str:
    parts = [
        "agrees to be contacted" if person.consent_to_contact else "has not agreed to be contacted",
        "agrees to sharing with providers" if person.consent_to_share else "no sharing with providers",
    ]
    text = "; ".join(parts).capitalize()
    if person.consent_recorded_at:
        text += f". Recorded {when(person.consent_recorded_at)} by {person.consent_recorded_by}"
    return text


def person_page(person: Person, user) -> dict[str, Any]:
    cases = Referral.objects.filter(person=person).order_by("-received_at")
    return {
        "person": person,
        "rows": person_rows(person),
        "cases": [
            {"href": reverse("casework:case", args=[c.pk]), "received": when(c.received_at), "status": status_tag(c)}
            for c in cases
        ],
        "can_edit": rules.can(user, "edit_person", person),
        "can_export": rules.can(user, "export_person", person),
        "can_erase": rules.can(user, "erase_person", person) and person.erased_at is None,
    }


def case_page(referral: Referral, user) -> dict[str, Any]:
    person = referral.person
    conversation = referral.conversations.first()
    return {
        "referral": referral,
        "person": person,
        "name": person.full_name,
        "status": status_tag(referral),
        "is_open": referral.is_open,
        "can_accept": referral.status == Status.RECEIVED,
        "person_rows": person_rows(person)[:8],
        "referral_rows": _referral_rows(referral),
        "history": _history(referral),
        "contacts": [
            {
                "at": when(c.at),
                "mode": c.get_mode_display(),
                "duration": f"{c.duration_minutes} minutes" if c.duration_minutes else "",
                "notes": c.notes,
                "by": (c.created_by.get_full_name() or c.created_by.get_username()) if c.created_by else "",
            }
            for c in referral.contacts.select_related("created_by")
        ],
        "conversation": conversation,
        "conversation_at": when(conversation.created_at) if conversation else "",
        "introductions": [
            {
                "name": i.service_name,
                "status": i.get_status_display(),
                "why": i.stopped_reason,
                "href": reverse("casework:introduction_update", args=[referral.pk, i.pk]),
                "service_href": _service_href(i.service_id),
            }
            for i in referral.introductions.all()
        ],
        "tasks": [
            {
                "id": t.pk,
                "description": t.description,
                "due": when(t.due_on),
                "done": t.done_at is not None,
                "overdue": t.done_at is None and t.due_on < timezone.localdate(),
            }
            for t in referral.tasks.all()
        ],
        "measures": measures_panel(referral),
        "duplicate": duplicate_link(referral),
        "outcome_messages": outcome_message_rows(referral),
    }


def outcome_message_rows(referral: Referral) -> list[dict[str, Any]]:
    """Each message back to the referrer: what, delivery status, attempts, last error; a letter to download."""
    rows = []
    for message in referral.outcome_messages.all():
        colour = {"sent": "green", "failed": "red", "letter": "blue"}.get(message.status, "yellow")
        rows.append(
            {
                "id": str(message.pk),
                "event": message.get_event_display(),
                "at": when(message.created_at),
                "status": {"text": message.get_status_display(), "classes": f"nhsuk-tag--{colour}"},
                "attempts": message.attempts,
                "last_error": message.last_error,
                "next_attempt": when(message.next_attempt_at) if message.next_attempt_at else "",
                "sent": when(message.sent_at) if message.sent_at else "",
                "letter_href": reverse("casework:outcome_letter", args=[referral.pk, message.pk]),
                "can_retry": message.status == "failed" and bool(message.endpoint),
                "retry_href": reverse("casework:outcome_retry", args=[referral.pk, message.pk]),
            }
        )
    return rows


def _referral_rows(referral: Referral) -> list[dict[str, Any]]:
    referrer = referral.referrer.get_username() if referral.referrer else referral.referrer_name or "Self-referral"
    if referral.referrer_organisation:
        referrer += f", {referral.referrer_organisation}"
    rows = [
        ("Received", when(referral.received_at)),
        ("From", f"{referrer} ({referral.get_source_display()})"),
        ("Urgency", referral.get_urgency_display()),
        ("Reasons", ", ".join(labels(referral.needs, Need)) or "Not given"),
        ("Referrer's notes", referral.reason or "None"),
        ("Hopes", referral.hopes or "Not given"),
    ]
    if referral.status == Status.CLOSED:
        rows.append(("Outcome", f"{referral.get_outcome_display()}. {referral.outcome_notes}".strip()))
    if referral.status == Status.DECLINED:
        rows.append(("Declined", referral.get_decline_reason_display()))
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def _service_href(service_id) -> str:
    if not service_id:
        return ""
    try:
        return reverse("public:service", args=[service_id])
    except NoReverseMatch:
        return ""


def find_service(value: str):
    return canonical_service(value)


# ---- Measures ------------------------------------------------------------------------------------------------
# Responses are stored against subject_type "casework.case" and the referral id.


def measures_panel(referral: Referral) -> dict[str, Any]:
    """Scores over time for the case, with a chart and the change from baseline for each."""
    series = [
        s
        for code in _instrument_codes()
        for s in measures_presenters.subject_series(MEASURES_SUBJECT_TYPE, referral.pk, code)
        if s.points
    ]
    charts = [measures_presenters.series_chart(s) for s in series]
    return {
        "series": [
            {
                "title": s.title,
                "points": [
                    {"at": when(p.administered_at), "label": p.timepoint_label, "value": p.value, "band": p.band or ""}
                    for p in s.points
                ],
            }
            for s in series
        ],
        "charts": charts,
        "changes": [_series_change(referral, s) for s in series],
        "record_url": reverse("casework:measures_record", args=[referral.pk]),
    }


def _series_change(referral: Referral, series) -> dict[str, Any] | None:
    """Baseline to latest follow-up for one chart's score (None until both exist), for the line under it."""
    found = [
        c
        for c in measures_presenters.subject_change(MEASURES_SUBJECT_TYPE, referral.pk, series.instrument.code)
        if c.score_id == series.score.id
    ]
    if not found:
        return None
    change = found[0]
    return {
        "before": change.before,
        "after": change.after,
        "band_before": change.band_before or "",
        "band_after": change.band_after or "",
        "outcome": str(change.outcome),
        "ordinal": series.score.ordinal,
        "direction": measures_presenters.direction_note(series.score),
    }


def _instrument_codes() -> list[str]:
    """Every instrument the measures app defines, in asking order (UCLA before the direct question).

    Only those with responses on the case are shown.
    """
    return [instrument.code for instrument in registry.ordered([i.code for i in registry.all()])]
