"""When a referral was promised a first contact, and whether that promise has been broken.

The urgency labels promise a time ("Urgent (within 2 working days)", "Soon (within a week)",
"Routine (within 2 weeks)"); this module is the one place that turns a label into a date, so the
caseload's overdue flag and the team view agree. Working days are Monday to Friday; bank holidays
are not counted out (a flag a day early is safer than a day late).
"""

from __future__ import annotations

import datetime as dt

from .vocabulary import Urgency

# (days, working days only?) per urgency, as the labels in vocabulary.Urgency promise.
PROMISES: dict[str, tuple[int, bool]] = {
    Urgency.URGENT: (2, True),
    Urgency.SOON: (7, False),
    Urgency.ROUTINE: (14, False),
}


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days (Monday to Friday) after `start`."""
    day = start
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def due_by(received: dt.date, urgency: str) -> dt.date:
    """The last day on which the first contact keeps the urgency's promise."""
    days, working = PROMISES.get(urgency, PROMISES[Urgency.ROUTINE])
    return add_working_days(received, days) if working else received + dt.timedelta(days=days)


def days_overdue(received: dt.date, urgency: str, today: dt.date) -> int:
    """Calendar days past the promised date (0 when the promise still stands)."""
    return max((today - due_by(received, urgency)).days, 0)


def earliest_overdue_received(urgency: str, today: dt.date) -> dt.date:
    """Referrals of this urgency received before this date are overdue today (for a database filter)."""
    days, working = PROMISES.get(urgency, PROMISES[Urgency.ROUTINE])
    if not working:
        return today - dt.timedelta(days=days)
    day = today
    while due_by(day, urgency) >= today:
        day -= dt.timedelta(days=1)
    return day + dt.timedelta(days=1)
