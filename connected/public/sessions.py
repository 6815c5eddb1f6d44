"""Sessions in plain English.

Feeds describe sessions as iCalendar-style rules (HSDS `schedule`): WEEKLY with
BYDAY=TU,TH, MONTHLY with BYDAY=2MO (second Monday) or BYMONTHDAY=15. People
read "Every Tuesday, 10am to 12pm" and "Second Monday of the month", so the
rules are turned into those words here. When the next session falls is the
directory's job (`connected.directory.sessions`), so that results and service
pages agree; this module only words it. Functions take `now` as an argument so
that tests never depend on the clock.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from connected.directory.sessions import clock
from connected.directory.vocabulary import DAY_NAMES, DAYS

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last", -2: "second to last"}


@dataclass(frozen=True)
class ByDay:
    """One BYDAY part: a weekday code and, for monthly rules, which one in the month (2MO, -1FR)."""

    day: str
    ordinal: int | None = None


def parse_byday(text: str) -> list[ByDay]:
    """Parse "TU,TH" or "2MO,-1FR"; unknown parts are skipped rather than guessed."""
    parts = []
    for raw in (text or "").upper().replace(" ", "").split(","):
        if len(raw) < 2 or raw[-2:] not in DAYS:
            continue
        number = raw[:-2]
        try:
            ordinal = int(number) if number else None
        except ValueError:
            continue
        if ordinal is not None and (ordinal == 0 or abs(ordinal) > 5):
            continue
        parts.append(ByDay(raw[-2:], ordinal))
    return parts


def parse_monthdays(text: str) -> list[int]:
    days = []
    for raw in (text or "").replace(" ", "").split(","):
        try:
            value = int(raw)
        except ValueError:
            continue
        if 1 <= abs(value) <= 31:
            days.append(value)
    return days


def time_range(opens: time | None, closes: time | None) -> str:
    if opens and closes:
        return f"{clock(opens)} to {clock(closes)}"
    if opens:
        return f"from {clock(opens)}"
    if closes:
        return f"until {clock(closes)}"
    return ""


def join_words(words: Iterable[str]) -> str:
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def ordinal_suffix(n: int) -> str:
    if n == -1:
        return "last day"
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _weekdays(parts: list[ByDay]) -> str:
    return join_words(DAY_NAMES[p.day] for p in parts)


def rule_text(schedule: Any) -> str:
    """The repeating part of a schedule in words, or "" where the rule says nothing we can read."""
    freq = (schedule.freq or "").upper()
    interval = schedule.interval or 1
    parts = parse_byday(schedule.byday)
    if freq == "WEEKLY" and parts:
        days = _weekdays(parts)
        if interval == 1:
            return f"Every {days}"
        if interval == 2:
            return f"Every other {days}"
        return f"Every {interval} weeks on {days}"
    if freq == "MONTHLY":
        ordinal_parts = [p for p in parts if p.ordinal]
        if ordinal_parts:
            by_day: dict[str, list[int]] = {}
            for p in ordinal_parts:
                by_day.setdefault(p.day, []).append(p.ordinal or 0)
            phrases = [
                f"{join_words(ORDINALS.get(n, str(n)) for n in ordinals)} {DAY_NAMES[day]}"
                for day, ordinals in by_day.items()
            ]
            text = join_words(phrases)
            return text[0].upper() + text[1:] + (" of the month" if interval == 1 else f" every {interval} months")
        monthdays = parse_monthdays(schedule.bymonthday)
        if monthdays:
            return f"On the {join_words(ordinal_suffix(d) for d in monthdays)} of every month"
    return ""


def session_text(schedule: Any) -> str:
    """One session in plain English: "Every Tuesday, 10am to 12pm"; falls back to the feed's own words."""
    rule = rule_text(schedule)
    hours = time_range(schedule.opens_at, schedule.closes_at)
    if rule:
        return f"{rule}, {hours}" if hours else rule
    description = (schedule.description or "").strip()
    if description:
        return description
    if schedule.dtstart and not schedule.freq:
        when = long_date(schedule.dtstart)
        return f"{when}, {hours}" if hours else when
    return hours[0].upper() + hours[1:] if hours else "Ask the organiser when sessions run"


def long_date(value: date) -> str:
    """NHS.UK date style: "Tuesday 25 November 2026"."""
    return f"{calendar.day_name[value.weekday()]} {value.day} {calendar.month_name[value.month]} {value.year}"


def short_date(value: date) -> str:
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def when_text(moment: datetime, now: datetime) -> str:
    """ "Today, 10am", "Tomorrow, 2pm" or "Tuesday 25 November 2026, 10am"."""
    days = (moment.date() - now.date()).days
    label = "Today" if days == 0 else "Tomorrow" if days == 1 else long_date(moment.date())
    return f"{label}, {clock(moment.time())}" if moment.time() != time(0, 0) else label
