"""Page shaping for befriending: plain dicts and lists the templates print, nothing that writes."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from connected.casework.models import Referral
from connected.casework.vocabulary import Need, Status
from connected.core import rules

from .checks import check_state
from .models import Call, Concern, Match, Request, Volunteer
from .proposals import proposals_for
from .vocabulary import (
    COURSES,
    INTERESTS,
    MODE_NOUN,
    MODES,
    SHAREABLE,
    SLOTS,
    CallStatus,
    ConcernStatus,
    MatchStatus,
    Mood,
    RequestStatus,
    VolunteerStatus,
    label,
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TAG = {"raised": "nhsuk-tag--red", "acknowledged": "nhsuk-tag--yellow", "acted": "nhsuk-tag--green"}


def day(value) -> str:
    return (
        timezone.localtime(value).strftime("%a %d %b %Y, %H:%M")
        if isinstance(value, dt.datetime)
        else (value.strftime("%d %b %Y") if value else "")
    )


def words(choices, codes) -> str:
    return ", ".join(label(choices, c) for c in codes) or "None given"


def checks_text(volunteer: Volunteer, today: dt.date) -> str:
    state = check_state(volunteer)
    if state.missing:
        return "Missing: " + "; ".join(state.missing)
    if not state.clear_on(today):
        return f"Expired on {day(state.until)}"
    return f"Clear until {day(state.until)}"


def volunteer_rows(volunteers, today: dt.date) -> list[dict]:
    rows = []
    for v in volunteers.annotate(active=Count("matches", filter=Q(matches__status=MatchStatus.ACTIVE))):
        rows.append(
            {
                "name": v.full_name,
                "href": f"/befriending/volunteers/{v.pk}/",
                "status": v.get_status_display(),
                "checks": checks_text(v, today),
                "load": f"{v.active} of {v.capacity}",
            }
        )
    return rows


def volunteer_page(volunteer: Volunteer, today: dt.date) -> dict:
    return {
        "volunteer": volunteer,
        "summary": [
            ("Status", volunteer.get_status_display()),
            ("Checks", checks_text(volunteer, today)),
            (
                "DBS",
                f"{volunteer.get_dbs_level_display()}; checked {day(volunteer.dbs_checked_on) or 'not yet'}; "
                f"renew by {day(volunteer.dbs_expires_on) or 'not set'}",
            ),
            ("References received", str(volunteer.references_received)),
            ("Email", volunteer.email),
            ("Phone", volunteer.phone or "Not given"),
            ("Postcode district", volunteer.outcode),
            ("Times", words(SLOTS, volunteer.availability)),
            ("Ways", words(MODES, volunteer.modes)),
            ("Travels up to", f"{volunteer.travel_km} km"),
            ("Languages", ", ".join(volunteer.languages) or "None given"),
            ("Interests", words(INTERESTS, volunteer.interests)),
            ("Why they want to befriend", volunteer.motivation or "Not given"),
        ],
        "training": [
            (label(COURSES, t.course), day(t.completed_on), day(t.expires_on) or "Does not expire")
            for t in volunteer.training.all()
        ],
        "support": [
            (s.get_kind_display(), day(s.held_on), day(s.next_due) or "Not set") for s in volunteer.support.all()
        ],
    }


def waiting_page(scheme_id: int) -> dict:
    """People waiting for a match, and loneliness referrals not yet taken on for befriending."""
    waiting = Request.objects.filter(scheme_id=scheme_id, status=RequestStatus.WAITING).select_related("person")
    taken = Request.objects.filter(referral__isnull=False).values("referral_id")
    open_ = Referral.objects.filter(
        scheme_id=scheme_id, status__in=[Status.ACCEPTED, Status.CONTACTED, Status.IN_PROGRESS, Status.RECEIVED]
    )
    referrals = [r for r in open_.exclude(pk__in=taken).select_related("person")[:200] if Need.LONELINESS in r.needs]
    return {
        "waiting": [
            {"name": r.person.full_name, "href": f"/befriending/requests/{r.pk}/", "since": day(r.created_at)}
            for r in waiting
        ],
        "referrals": [
            {
                "name": r.person.full_name,
                "href": f"/befriending/referrals/{r.pk}/take-on/",
                "source": r.get_source_display(),
                "since": day(r.received_at),
            }
            for r in referrals[:50]
        ],
        "people_shown": [r.person_id for r in waiting] + [r.person_id for r in referrals[:50]],
    }


def proposals_page(request: Request) -> dict:
    ranked = proposals_for(request)
    return {
        "wish": [
            ("Times", words(SLOTS, request.availability)),
            ("Ways", words(MODES, request.modes)),
            ("Languages", ", ".join(request.languages) or "None given"),
            ("Interests", words(INTERESTS, request.interests)),
            ("Prefers", ", ".join(filter(None, [request.prefers_gender, request.prefers_age])) or "No preference"),
        ],
        "proposals": [
            {
                "volunteer": r.volunteer,
                "score": r.proposal.score,
                "reasons": r.proposal.reasons,
                "slots": [{"value": s, "text": label(SLOTS, s)} for s in r.proposal.slots],
                "modes": [{"value": m, "text": label(MODES, m)} for m in r.proposal.modes],
            }
            for r in ranked
        ],
    }


def person_details(match: Match, user) -> list[tuple[str, str]]:
    """What this user may read about the person: the first name, then only the details rules.py allows."""
    person, request = match.request.person, match.request
    allowed = rules.shared_with(user, match, {code for code, _ in SHAREABLE})
    values = {
        "phone": person.phone or "Not recorded",
        "address": " ".join(filter(None, [person.address, person.postcode])) or "Not recorded",
        "interests": words(INTERESTS, request.interests),
        "language": ", ".join(request.languages) or person.language or "Not recorded",
        "accessibility": person.accessibility_needs or "None recorded",
    }
    rows = [("First name", person.given_name)]
    if rules.can(user, "manage_match", match):
        rows.append(("Full name", person.full_name))
    rows += [(text, values[code]) for code, text in SHAREABLE if code in allowed]
    return rows


def call_rows(match: Match, now: dt.datetime, can_log: bool) -> list[dict]:
    rows = []
    for call in match.calls.all():
        loggable = can_log and call.status == CallStatus.SCHEDULED and call.due_at <= now + dt.timedelta(hours=12)
        rows.append(
            {
                "when": day(call.due_at),
                "status": call.get_status_display(),
                "mood": call.get_mood_display(),
                "pass_on": call.pass_on,
                "log_href": f"/befriending/calls/{call.pk}/log/" if loggable else "",
            }
        )
    return rows


def match_page(match: Match, user, now: dt.datetime) -> dict:
    coordinator = rules.can(user, "manage_match", match)
    concerns = match.concerns.filter(rules.scope(user, "concern")).select_related("match__request__person")
    return {
        "match": match,
        "person": person_details(match, user),
        "weekly": f"Every week: a {MODE_NOUN.get(match.mode, match.mode)} on {WEEKDAYS[match.weekday]}"
        f" at {match.time:%H:%M}",
        "calls": call_rows(match, now, rules.can(user, "log_call", match)),
        "coordinator": coordinator,
        "reasons": match.reasons if coordinator else [],
        "concerns": concern_rows(concerns),
        "can_raise": rules.can(user, "raise_concern", match) and match.status == MatchStatus.ACTIVE,
    }


def concern_rows(concerns) -> list[dict]:
    return [
        {
            "href": f"/befriending/concerns/{c.pk}/",
            "kind": c.get_kind_display(),
            "raised": day(c.raised_at),
            "status": {"text": c.get_status_display(), "classes": TAG[c.status]},
            "match": c.match.request.person.full_name,
        }
        for c in concerns
    ]


def coordinator_home(scheme_id: int, now: dt.datetime) -> dict:
    since = now - dt.timedelta(days=14)
    notes = (
        Call.objects.filter(match__scheme_id=scheme_id, logged_at__gte=since)
        .filter(~Q(pass_on="") | Q(mood=Mood.WORRIED))
        .select_related("match__request__person")
        .order_by("-logged_at")[:20]
    )
    return {
        "open_concerns": Concern.objects.filter(scheme_id=scheme_id).exclude(status=ConcernStatus.ACTED).count(),
        "applicants": Volunteer.objects.filter(scheme_id=scheme_id, status=VolunteerStatus.APPLIED).count(),
        "waiting": Request.objects.filter(scheme_id=scheme_id, status=RequestStatus.WAITING).count(),
        "active": Match.objects.filter(scheme_id=scheme_id, status=MatchStatus.ACTIVE).count(),
        "notes": [
            {
                "href": f"/befriending/matches/{c.match_id}/",
                "name": c.match.request.person.full_name,
                "when": day(c.logged_at),
                "mood": c.get_mood_display(),
                "text": c.pass_on,
            }
            for c in notes
        ],
        "people_shown": [c.match.request.person_id for c in notes],
    }


def my_matches(user, now: dt.datetime) -> list[dict]:
    matches = Match.objects.filter(rules.scope(user, "match"), status=MatchStatus.ACTIVE).select_related(
        "request__person"
    )
    rows = []
    for m in matches:
        due = m.calls.filter(status=CallStatus.SCHEDULED).order_by("due_at").first()
        rows.append(
            {
                "href": f"/befriending/matches/{m.pk}/",
                "name": m.request.person.given_name,
                "next": day(due.due_at) if due else "None scheduled",
                "log_href": f"/befriending/calls/{due.pk}/log/"
                if due and due.due_at <= now + dt.timedelta(hours=12)
                else "",
            }
        )
    return rows
