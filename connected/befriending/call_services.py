"""The weekly rhythm of a match: calls scheduled ahead, reminders, the volunteer's log, missed calls escalated.

`calls_sweep` runs from the task (and the management command `befriending_sweep`): it marks calls not
logged a day after they were due as missed and, once `BEFRIENDING_MISSED_LIMIT` (default 2) calls in a
row are missed, raises a concern for the coordinator, so a person who has stopped answering is noticed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from connected.core import audit

from . import notify
from .models import Call, Concern, Match
from .vocabulary import MODE_NOUN, CallStatus, ConcernKind, ConcernStatus, MatchStatus, Mood

WEEKS_AHEAD = 4
GRACE = dt.timedelta(days=1)  # a call may be logged until a day after it was due


def missed_limit() -> int:
    return int(getattr(settings, "BEFRIENDING_MISSED_LIMIT", 2))


def next_slots(match: Match, now: dt.datetime, weeks: int = WEEKS_AHEAD) -> list[dt.datetime]:
    """The match's weekly day and time for the next `weeks` weeks, from the start or now, whichever is later."""
    local = timezone.localtime(max(now, match.started_at))
    days = (match.weekday - local.weekday()) % 7
    first = timezone.make_aware(dt.datetime.combine(local.date() + dt.timedelta(days=days), match.time))
    if first <= local:
        first += dt.timedelta(days=7)
    return [first + dt.timedelta(weeks=n) for n in range(weeks)]


def calls_schedule(*, match: Match, now: dt.datetime) -> int:
    """Keep `WEEKS_AHEAD` weeks of calls on the calendar; returns how many were added."""
    added = 0
    for due in next_slots(match, now):
        _call, made = Call.objects.get_or_create(match=match, due_at=due)
        added += made
    return added


def call_log(*, call: Call, by, happened: bool, mood: str = "", pass_on: str = "", now=None) -> Call:
    """The volunteer's 30-second log: did it happen, how did they seem, anything to pass on."""
    errors = {}
    if call.status != CallStatus.SCHEDULED:
        errors["__all__"] = "This call has already been logged"
    if happened and mood not in Mood.values:
        errors["mood"] = "Select how they seemed"
    if len(pass_on) > 2000:
        errors["pass_on"] = "Anything to pass on must be 2000 characters or fewer"  # noqa: S105 - a message, not a password
    if errors:
        raise ValidationError(errors)
    call.status = CallStatus.DONE if happened else CallStatus.MISSED
    call.mood, call.pass_on = (mood if happened else ""), pass_on.strip()
    call.logged_at = now or timezone.now()
    call.save(update_fields=["status", "mood", "pass_on", "logged_at"])
    audit.record(actor=by, action="create", obj=call, person_id=call.match.person_id, why="call log")
    if not happened:
        _escalate_if_missing(call.match, now=call.logged_at)
    return call


def missed_in_a_row(match: Match) -> int:
    """Missed calls since the last one that took place."""
    run = 0
    for status in match.calls.exclude(status=CallStatus.SCHEDULED).order_by("-due_at").values_list("status", flat=True):
        if status != CallStatus.MISSED:
            break
        run += 1
    return run


def _escalate_if_missing(match: Match, *, now: dt.datetime) -> Concern | None:
    if missed_in_a_row(match) < missed_limit():
        return None
    open_ = match.concerns.filter(kind=ConcernKind.MISSED_CALLS).exclude(status=ConcernStatus.ACTED)
    if open_.exists():
        return None
    from .concern_services import concern_raise

    detail = f"{missed_in_a_row(match)} calls in a row have been missed. Check in with the person and the volunteer."
    return concern_raise(match=match, by=None, kind=ConcernKind.MISSED_CALLS, detail=detail, now=now)


@dataclass
class SweepResult:
    missed: int = 0
    escalated: int = 0
    scheduled: int = 0


def calls_sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Mark overdue calls missed, escalate runs of misses, and keep every active match's calendar full."""
    now = now or timezone.now()
    result = SweepResult()
    overdue = Call.objects.filter(status=CallStatus.SCHEDULED, due_at__lt=now - GRACE, match__status="active")
    touched = set(overdue.values_list("match_id", flat=True))
    result.missed = overdue.update(status=CallStatus.MISSED)
    for match in Match.objects.filter(pk__in=touched).select_related("request"):
        result.escalated += _escalate_if_missing(match, now=now) is not None
    for match in Match.objects.filter(status=MatchStatus.ACTIVE):
        result.scheduled += calls_schedule(match=match, now=now)
    return result


def reminders_send(*, now: dt.datetime | None = None, ahead: dt.timedelta = dt.timedelta(hours=24)) -> int:
    """Remind each volunteer of a call due in the next day (once per call); returns how many were sent."""
    now = now or timezone.now()
    due = Call.objects.filter(
        status=CallStatus.SCHEDULED, reminded_at__isnull=True, due_at__gte=now, due_at__lt=now + ahead
    ).select_related("match__volunteer", "match__request__person")
    sent = 0
    for call in due:
        volunteer = call.match.volunteer
        when = timezone.localtime(call.due_at)
        channel = notify.send(
            email=volunteer.email,
            phone=volunteer.phone,
            subject="Befriending reminder",
            text=f"Your {MODE_NOUN.get(call.match.mode, call.match.mode)} with "
            f"{call.match.request.person.given_name} is at {when:%H:%M} on {when:%A}.",
        )
        if channel:
            call.reminded_at = now
            call.save(update_fields=["reminded_at"])
            sent += 1
    return sent
