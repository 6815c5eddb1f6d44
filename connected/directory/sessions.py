"""When is the next session? Expands the HSDS schedule rules we see in feeds.

HSDS schedules are an RFC 5545 subset. We expand WEEKLY and MONTHLY rules with
`byday` (plain "TU", or ordinal "2MO" / "-1FR" in a month), `bymonthday` (with
`byday`, either picks a day), `interval` (anchored on `dtstart`, else
`valid_from`), `count` (sessions from that anchor) and the validity window
(`valid_from`/`valid_to`, `dtstart`/`until`), through `dateutil.rrule`. Times
are wall-clock times in Europe/London, so a 10am session is 10am in both GMT
and BST.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule, rruleset, weekday

from connected.directory.vocabulary import DAY_NAMES, DAYS

LONDON = ZoneInfo("Europe/London")
_MAX_MONTHS = 48  # how far ahead a monthly rule is followed before giving up


@dataclass(frozen=True)
class Rule:
    """The parts of a Schedule that decide when sessions happen (model-free, so the index can store it)."""

    freq: str = "WEEKLY"
    interval: int = 1
    byday: tuple[tuple[int, int], ...] = ()  # (ordinal or 0, weekday 0=Monday)
    bymonthday: tuple[int, ...] = ()
    starts: date | None = None  # first day sessions may happen
    ends: date | None = None  # last day sessions may happen
    anchor: date | None = None  # where interval (and count) counting starts
    opens_at: time | None = None
    closes_at: time | None = None
    count: int | None = None  # how many sessions the series has from `anchor`

    @property
    def weekdays(self) -> frozenset[int]:
        return frozenset(day for _, day in self.byday)


@dataclass(frozen=True)
class Occurrence:
    start: datetime
    end: datetime | None
    text: str


def parse_byday(value: str) -> tuple[tuple[int, int], ...]:
    """'TU,TH' -> ((0,1),(0,3)); '2MO' -> ((2,0),); '-1FR' -> ((-1,4),). Unknown parts are skipped."""
    out: list[tuple[int, int]] = []
    for part in (value or "").upper().replace(" ", "").split(","):
        if len(part) < 2 or part[-2:] not in DAYS:
            continue
        prefix = part[:-2]
        try:
            ordinal = int(prefix) if prefix not in ("", "+", "-") else 0
        except ValueError:
            continue
        if -5 <= ordinal <= 5:
            out.append((ordinal, DAYS.index(part[-2:])))
    return tuple(out)


def _ints(value: str) -> tuple[int, ...]:
    out = []
    for part in (value or "").split(","):
        try:
            number = int(part.strip())
        except ValueError:
            continue
        if 1 <= abs(number) <= 31:
            out.append(number)
    return tuple(out)


def _latest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


def _earliest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def rule_from_schedule(schedule: object) -> Rule | None:
    """A Rule from a Schedule (or anything with its attribute names); None when it has no usable pattern."""
    freq = (getattr(schedule, "freq", "") or "").upper()
    byday = parse_byday(getattr(schedule, "byday", "") or "")
    bymonthday = _ints(getattr(schedule, "bymonthday", "") or "")
    if not freq and byday:
        freq = "WEEKLY"
    if freq not in ("WEEKLY", "MONTHLY") or not (byday or (freq == "MONTHLY" and bymonthday)):
        return None
    dtstart = getattr(schedule, "dtstart", None)
    valid_from = getattr(schedule, "valid_from", None)
    return Rule(
        freq=freq,
        interval=max(1, getattr(schedule, "interval", None) or 1),
        byday=byday,
        bymonthday=bymonthday if freq == "MONTHLY" else (),
        starts=_latest(dtstart, valid_from),
        ends=_earliest(getattr(schedule, "until", None), getattr(schedule, "valid_to", None)),
        anchor=dtstart or valid_from,
        opens_at=getattr(schedule, "opens_at", None),
        closes_at=getattr(schedule, "closes_at", None),
        count=getattr(schedule, "count", None) or None,
    )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _counted(rule: Rule) -> int | None:
    """The series' length when it has one: `count` is counted from the anchor, so a rule with none ignores it."""
    return rule.count if rule.anchor else None


def _phase_start(rule: Rule, start: date) -> date:
    """Where to start expanding: the anchor when the series is counted or starts later, else the latest period at
    or before `start` in step with the anchor's `interval`, so that years of past sessions are never walked."""
    anchor = rule.anchor or start
    if _counted(rule) or anchor >= start:
        return anchor
    if rule.interval == 1:
        return start
    if rule.freq == "WEEKLY":
        weeks = (_monday(start) - _monday(anchor)).days // 7
        return max(anchor, _monday(anchor) + timedelta(weeks=weeks - weeks % rule.interval))
    months = (start.year - anchor.year) * 12 + start.month - anchor.month
    return max(anchor, date(anchor.year, anchor.month, 1) + relativedelta(months=months - months % rule.interval))


@lru_cache(maxsize=8192)
def _expansion(rule: Rule, start: date) -> rrule | rruleset:
    """The rule as dateutil expands it, from `_phase_start`; uncounted rules stop `_MAX_MONTHS` intervals on.

    Cached: building an rrule costs more than walking it, and a page of results asks the same rules each day."""
    horizon = start + relativedelta(months=_MAX_MONTHS * rule.interval)
    common = {
        "dtstart": datetime.combine(_phase_start(rule, start), time()),
        "interval": rule.interval if rule.anchor else 1,
        "wkst": 0,  # weeks start on Monday, as the interval is counted
        "until": None if _counted(rule) else datetime.combine(horizon, time()),
    }
    if rule.freq == "WEEKLY":
        return rrule(WEEKLY, byweekday=sorted(rule.weekdays), **common)
    # dateutil intersects plain weekdays, nth weekdays and month days; a feed means any of them, so one rule each.
    plain = sorted({day for ordinal, day in rule.byday if not ordinal})
    nth = [weekday(day, ordinal) for ordinal, day in rule.byday if ordinal]
    parts = [
        rrule(MONTHLY, **{key: value}, **common)
        for key, value in (("byweekday", plain), ("byweekday", nth), ("bymonthday", rule.bymonthday))
        if value
    ]
    if len(parts) == 1:
        return parts[0]
    union = rruleset()
    for part in parts:
        union.rrule(part)
    return union


def _dates(rule: Rule, start: date) -> Iterator[date]:
    """The rule's session days from `start` on, in order; a counted series stops after its `count`."""
    expansion = _expansion(rule, start)
    count = _counted(rule)
    moments = islice(expansion, count) if count else expansion.xafter(datetime.combine(start, time()), inc=True)
    return (moment.date() for moment in moments if moment.date() >= start)


def _at(day: date, moment: time | None) -> datetime:
    return datetime.combine(day, moment or time(0, 0), tzinfo=LONDON)


def rule_next(rule: Rule, now: datetime) -> datetime | None:
    """The first session of this rule starting at or after `now` (an aware datetime)."""
    local = now.astimezone(LONDON)
    start = local.date()
    if rule.starts and rule.starts > start:
        start = rule.starts
    for day in _dates(rule, start):
        if rule.ends and day > rule.ends:
            return None
        moment = _at(day, rule.opens_at)
        if moment >= local:
            return moment
    return None


def clock(moment: time) -> str:
    """10:00 -> "10am", 10:30 -> "10:30am", 12:00 -> "12pm", 0:00 -> "midnight" (NHS.UK style)."""
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def describe(start: datetime, opens_at: time | None, closes_at: time | None) -> str:
    """'Tuesday 10am to 12pm' (or just 'Tuesday' when the feed gives no times)."""
    text = DAY_NAMES[DAYS[start.weekday()]]
    if opens_at and closes_at:
        return f"{text} {clock(opens_at)} to {clock(closes_at)}"
    if opens_at:
        return f"{text} {clock(opens_at)}"
    return text


def next_occurrence(schedules: Iterable[object], now: datetime | None = None) -> Occurrence | None:
    """The earliest next session over several schedules (Schedule rows or Rules)."""
    now = now or datetime.now(LONDON)
    if now.tzinfo is None:
        now = now.replace(tzinfo=LONDON)
    best: tuple[datetime, Rule] | None = None
    for item in schedules:
        rule = item if isinstance(item, Rule) else rule_from_schedule(item)
        if rule is None:
            continue
        moment = rule_next(rule, now)
        if moment is not None and (best is None or moment < best[0]):
            best = (moment, rule)
    if best is None:
        return None
    moment, rule = best
    end = _at(moment.date(), rule.closes_at) if rule.closes_at else None
    return Occurrence(start=moment, end=end, text=describe(moment, rule.opens_at, rule.closes_at))


def next_session(schedules: Iterable[object], now: datetime | None = None) -> datetime | None:
    """When the next session starts, in Europe/London; None when no rule gives one."""
    occurrence = next_occurrence(schedules, now)
    return occurrence.start if occurrence else None
