"""Writes for volunteers, requests and matches (keyword-only, `<entity>_<action>`), each audited.

Calls and reminders are in `call_services.py`, concerns in `concern_services.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from connected.casework.models import Referral
from connected.casework.routing import route
from connected.core import audit
from connected.core.models import Membership, Role
from connected.core.postcodes import PostcodeError, parse

from . import notify
from .call_services import calls_schedule
from .checks import check_state
from .models import Match, Request, Support, Training, Volunteer
from .vocabulary import MODE_NOUN, MODES, SLOT_CODES, MatchStatus, RequestStatus, VolunteerStatus, slot_hour

PROFILE = ("languages", "interests", "modes", "availability")


def _check_profile(data: dict[str, Any]) -> dict[str, str]:
    errors = {}
    if not set(data.get("availability") or []) <= SLOT_CODES:
        errors["availability"] = "Choose times from the list"
    if not data.get("availability"):
        errors["availability"] = "Choose at least one time of the week"
    if not data.get("modes"):
        errors["modes"] = "Choose at least one way of befriending"
    elif not set(data["modes"]) <= {code for code, _ in MODES}:
        errors["modes"] = "Choose ways of befriending from the list"
    return errors


def volunteer_apply(*, data: dict[str, Any], now: dt.datetime | None = None) -> Volunteer:
    """A public application: routed to the scheme covering the postcode; only the outcode is kept."""
    errors = _check_profile(data)
    scheme = None
    try:
        parsed = parse(data.get("postcode", ""))
        scheme = route(postcode=str(parsed)).scheme
    except PostcodeError:
        errors["postcode"] = "Enter a real postcode, like LS6 1AA"
    else:
        if scheme is None:
            errors["postcode"] = "There is no befriending scheme for that postcode yet"
    if errors:
        raise ValidationError(errors)
    fields = ("given_name", "family_name", "email", "phone", "gender", "birth_year", "travel_km", "motivation")
    volunteer = Volunteer.objects.create(
        scheme=scheme,
        outcode=parsed.outcode,
        applied_at=now or timezone.now(),
        **{f: data[f] for f in fields if data.get(f) not in (None, "")},
        **{f: list(data.get(f) or []) for f in PROFILE},
    )
    audit.record(actor="applicant", action="create", obj=volunteer, why="volunteer application")
    return volunteer


def volunteer_checks_record(*, volunteer: Volunteer, by, data: dict[str, Any]) -> Volunteer:
    """The coordinator's review: DBS level and dates, references back, capacity."""
    checked, expires = data.get("dbs_checked_on"), data.get("dbs_expires_on")
    if checked and expires and expires <= checked:
        raise ValidationError({"dbs_expires_on": "The renewal date must be after the date of the check"})
    for field in ("dbs_level", "dbs_checked_on", "dbs_expires_on", "references_received", "capacity"):
        if field in data:
            setattr(volunteer, field, data[field])
    volunteer.save()
    audit.record(actor=by, action="update", obj=volunteer, why="volunteer checks")
    return volunteer


def training_record(*, volunteer: Volunteer, by, course: str, completed_on: dt.date, expires_on=None) -> Training:
    if expires_on and expires_on <= completed_on:
        raise ValidationError({"expires_on": "The expiry date must be after the date it was completed"})
    done = Training.objects.create(volunteer=volunteer, course=course, completed_on=completed_on, expires_on=expires_on)
    audit.record(actor=by, action="create", obj=done, why="volunteer training")
    return done


def support_record(*, volunteer: Volunteer, by, kind: str, held_on: dt.date, next_due=None) -> Support:
    """Supervision or a wellbeing check-in for the volunteer themselves, with when the next is due."""
    if next_due and next_due <= held_on:
        raise ValidationError({"next_due": "The next one must be after this one"})
    held = Support.objects.create(volunteer=volunteer, kind=kind, held_on=held_on, next_due=next_due, by=by)
    audit.record(actor=by, action="create", obj=held, why="volunteer support")
    return held


@transaction.atomic
def volunteer_decide(*, volunteer: Volunteer, by, approve: bool, now: dt.datetime | None = None) -> Volunteer:
    """Approve (with a sign-in account in the volunteer role, set up at induction) or decline an application."""
    volunteer.status = VolunteerStatus.APPROVED if approve else VolunteerStatus.DECLINED
    volunteer.reviewed_at, volunteer.reviewed_by = now or timezone.now(), by
    if approve and volunteer.user_id is None:
        user = get_user_model().objects.create_user(username=f"volunteer-{volunteer.pk}", email=volunteer.email)
        user.set_unusable_password()  # the coordinator sets it with them at induction, with their second factor
        user.save()
        Membership.objects.create(
            user=user, organisation=volunteer.scheme.organisation, scheme=volunteer.scheme, role=Role.VOLUNTEER
        )
        volunteer.user = user
    volunteer.save()
    audit.record(actor=by, action="update", obj=volunteer, why="approved" if approve else "declined")
    return volunteer


def request_create(*, referral: Referral, by, data: dict[str, Any], now: dt.datetime | None = None) -> Request:
    """Take a casework referral (a link worker's or the person's own) on for befriending, with their wishes."""
    errors = _check_profile(data)
    if Request.objects.filter(referral=referral, status__in=[RequestStatus.WAITING, RequestStatus.MATCHED]).exists():
        errors["__all__"] = "This person is already waiting for, or has, a befriender"
    if errors:
        raise ValidationError(errors)
    made = Request.objects.create(
        scheme=referral.scheme,
        person=referral.person,
        referral=referral,
        prefers_gender=data.get("prefers_gender", ""),
        prefers_age=data.get("prefers_age", ""),
        shared=list(data.get("shared") or []),
        created_by=by,
        created_at=now or timezone.now(),
        **{f: list(data.get(f) or []) for f in PROFILE},
    )
    audit.record(actor=by, action="create", obj=made, person_id=referral.person_id, why="befriending request")
    return made


@transaction.atomic
def match_confirm(
    *, request: Request, volunteer: Volunteer, by, slot: str, mode: str, reasons: list[str], now=None
) -> Match:
    """The coordinator's yes: the match starts, its weekly calls are scheduled, and both are introduced."""
    now = now or timezone.now()
    if request.status != RequestStatus.WAITING:
        raise ValidationError({"__all__": "This person already has a befriender"})
    if not check_state(volunteer).clear_on(timezone.localdate(now)):
        raise ValidationError({"volunteer": "This volunteer's checks are not complete or have expired"})
    if volunteer.matches.filter(status=MatchStatus.ACTIVE).count() >= volunteer.capacity:
        raise ValidationError({"volunteer": "This volunteer is befriending as many people as they can"})
    if slot not in set(request.availability) & set(volunteer.availability):
        raise ValidationError({"slot": "Choose a time that suits both of them"})
    if mode not in set(request.modes) & set(volunteer.modes):
        raise ValidationError({"mode": "Choose a way of meeting that suits both of them"})
    weekday, hour = slot_hour(slot)
    match = Match.objects.create(
        scheme=request.scheme,
        request=request,
        volunteer=volunteer,
        reasons=reasons,
        mode=mode,
        weekday=weekday,
        time=dt.time(hour, 0),
        started_at=now,
        confirmed_by=by,
    )
    request.status = RequestStatus.MATCHED
    request.save(update_fields=["status"])
    audit.record(actor=by, action="create", obj=match, person_id=request.person_id, why="match confirmed")
    calls_schedule(match=match, now=now)
    match_introduce(match=match, now=now)
    return match


def match_introduce(*, match: Match, now: dt.datetime) -> None:
    """Tell each about the other: the volunteer only the first name and what the person agreed to share."""
    person, volunteer = match.request.person, match.volunteer
    when = f"{['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'][match.weekday]}"
    when += f" at {match.time:%H:%M}"
    notify.send(
        email=volunteer.email,
        phone=volunteer.phone,
        subject="You have a new befriending match",
        text=f"You are matched with {person.given_name}. Your {MODE_NOUN.get(match.mode, match.mode)} is on {when}. "
        "Sign in to Connected to see what they have agreed to share.",
    )
    notify.send(
        email=person.email if person.consent_to_contact else "",
        phone=person.phone if person.consent_to_contact else "",
        subject="Your befriender",
        text=f"Your befriender is {volunteer.given_name}. They will be in touch on {when}.",
        prefer="sms",
    )
    match.introduced_at = now
    match.save(update_fields=["introduced_at"])


@transaction.atomic
def match_end(*, match: Match, by, reason: str, goodbye: str, now: dt.datetime | None = None) -> Match:
    """End kindly: a reason and how they said goodbye; calls not yet due are cancelled."""
    if match.status != MatchStatus.ACTIVE:
        raise ValidationError({"__all__": "This match has already ended"})
    now = now or timezone.now()
    match.status, match.ended_at, match.end_reason, match.goodbye = MatchStatus.ENDED, now, reason, goodbye
    match.save(update_fields=["status", "ended_at", "end_reason", "goodbye"])
    match.calls.filter(status="scheduled", due_at__gt=now).delete()
    match.request.status = RequestStatus.CLOSED
    match.request.save(update_fields=["status"])
    audit.record(actor=by, action="update", obj=match, person_id=match.person_id, why="match ended")
    return match
