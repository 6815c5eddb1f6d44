"""Whether a volunteer's checks let them be matched, and until when (ADR 0040).

A volunteer may befriend while: they are approved, their DBS certificate is standard or enhanced and
not past the date the scheme set for its renewal, two references came back, and the induction and
safeguarding courses are done (and in date where a course expires). `checks_until` is the day the first
of these lapses, so the ranker and the pages ask one question.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import Volunteer
from .vocabulary import COURSES, REFERENCES_NEEDED, REQUIRED_COURSES, DbsLevel, VolunteerStatus, label

FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class CheckState:
    until: dt.date | None  # None while something is missing
    missing: list[str]  # in words, for the coordinator

    def clear_on(self, day: dt.date) -> bool:
        return self.until is not None and self.until >= day


def check_state(volunteer: Volunteer, trainings: list | None = None) -> CheckState:
    """What is missing and when the checks lapse; `trainings` may be passed to save a query per volunteer."""
    missing: list[str] = []
    if volunteer.status != VolunteerStatus.APPROVED:
        missing.append("approval by a coordinator")
    if volunteer.dbs_level not in (DbsLevel.STANDARD, DbsLevel.ENHANCED) or volunteer.dbs_expires_on is None:
        missing.append("a standard or enhanced DBS check with a renewal date")
    if volunteer.references_received < REFERENCES_NEEDED:
        missing.append(f"{REFERENCES_NEEDED} references")
    done: dict[str, dt.date] = {}
    for course in trainings if trainings is not None else volunteer.training.all():
        until = course.expires_on or FAR_FUTURE
        done[course.course] = max(done.get(course.course, until), until)
    for course in sorted(REQUIRED_COURSES - set(done)):
        missing.append(label(COURSES, course).lower() + " training")
    if missing:
        return CheckState(until=None, missing=missing)
    return CheckState(until=min([volunteer.dbs_expires_on, *(done[c] for c in REQUIRED_COURSES)]), missing=[])
