"""next_session: examples a person would check on a calendar, and properties against a day-by-day oracle."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from connected.directory.sessions import LONDON, describe, next_occurrence, next_session, parse_byday

DAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def schedule(**kw) -> SimpleNamespace:
    base = dict(
        freq="WEEKLY", interval=None, byday="", bymonthday="", dtstart=None, valid_from=None, valid_to=None,
        until=None, opens_at=time(10), closes_at=time(12),
    )  # fmt: skip
    base.update(kw)
    return SimpleNamespace(**base)


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def test_weekly_tuesday_from_a_monday():
    assert next_session([schedule(byday="TU")], at(2026, 11, 23, 9)) == at(2026, 11, 24, 10)


def test_a_session_that_has_started_is_not_next():
    assert next_session([schedule(byday="MO")], at(2026, 11, 23, 10, 30)) == at(2026, 11, 30, 10)


def test_last_friday_and_second_monday_of_the_month():
    assert next_session([schedule(freq="MONTHLY", byday="-1FR")], at(2026, 11, 1)) == at(2026, 11, 27, 10)
    assert next_session([schedule(freq="MONTHLY", byday="2MO")], at(2026, 11, 10)) == at(2026, 12, 14, 10)


def test_fortnightly_counts_from_dtstart():
    rule = schedule(byday="WE", interval=2, dtstart=date(2026, 11, 4))
    assert next_session([rule], at(2026, 11, 5)) == at(2026, 11, 18, 10)


def test_validity_window_and_until():
    assert next_session([schedule(byday="TU", valid_to=date(2026, 11, 1))], at(2026, 11, 23)) is None
    assert next_session([schedule(byday="TU", valid_from=date(2027, 1, 1))], at(2026, 11, 23)) == at(2027, 1, 5, 10)
    assert next_session([schedule(byday="TU", until=date(2026, 11, 24))], at(2026, 11, 23)) == at(2026, 11, 24, 10)


def test_wall_clock_time_is_kept_across_the_clock_change():
    before = next_session([schedule(byday="SU")], at(2026, 10, 12))  # Sunday 18 October, BST
    after = next_session([schedule(byday="SU")], at(2026, 10, 20))  # Sunday 25 October, GMT again
    assert (before.hour, after.hour) == (10, 10)
    assert before.utcoffset() == timedelta(hours=1) and after.utcoffset() == timedelta(0)


def test_earliest_of_several_schedules_and_its_text():
    found = next_occurrence([schedule(byday="FR"), schedule(byday="WE", opens_at=time(10, 30))], at(2026, 11, 23))
    assert found.start == at(2026, 11, 25, 10, 30)
    assert found.text == "Wednesday 10:30am to 12pm"


def test_no_usable_rule_gives_none():
    assert next_session([schedule(byday=""), schedule(freq="DAILY", byday="MO")], at(2026, 11, 23)) is None


def test_describe_and_parse():
    assert describe(at(2026, 11, 24, 10), time(10), time(12)) == "Tuesday 10am to 12pm"
    assert describe(at(2026, 11, 24), None, None) == "Tuesday"
    assert parse_byday("TU, 2MO,-1FR,XX,9MO") == ((0, 1), (2, 0), (-1, 4))


def occurs(rule: SimpleNamespace, day: date) -> bool:
    """Does the rule have a session on this day? Written independently of sessions.py, by brute force."""
    starts = max([d for d in (rule.dtstart, rule.valid_from) if d] or [date.min])
    ends = min([d for d in (rule.until, rule.valid_to) if d] or [date.max])
    if not starts <= day <= ends:
        return False
    interval = rule.interval or 1
    anchor = rule.dtstart or rule.valid_from
    for part in rule.byday.split(","):
        weekday, prefix = DAY.index(part[-2:]), part[:-2]
        if day.weekday() != weekday:
            continue
        if rule.freq == "WEEKLY":
            monday = day - timedelta(days=day.weekday())
            if anchor and interval > 1:
                weeks = (monday - (anchor - timedelta(days=anchor.weekday()))).days // 7
                if weeks % interval:
                    continue
            return True
        if anchor and interval > 1 and ((day.year - anchor.year) * 12 + day.month - anchor.month) % interval:
            continue
        if not prefix:
            return True
        nth = int(prefix)
        same = [d for d in range(1, calendar.monthrange(day.year, day.month)[1] + 1)
                if date(day.year, day.month, d).weekday() == weekday]  # fmt: skip
        if abs(nth) <= len(same) and same[nth - 1 if nth > 0 else nth] == day.day:
            return True
    return False


days = st.lists(st.sampled_from(DAY), min_size=1, max_size=3, unique=True)
ordinal = st.sampled_from(["", "1", "2", "3", "4", "-1", "-2"])
some_date = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))


@st.composite
def rules(draw):
    freq = draw(st.sampled_from(["WEEKLY", "MONTHLY"]))
    picked = draw(days)
    byday = ",".join((draw(ordinal) if freq == "MONTHLY" else "") + d for d in picked)
    return schedule(
        freq=freq,
        byday=byday,
        interval=draw(st.sampled_from([None, 1, 2, 3])),
        dtstart=draw(st.none() | some_date),
        valid_from=draw(st.none() | some_date),
        valid_to=draw(st.none() | some_date),
        opens_at=draw(st.sampled_from([time(9), time(10, 30), time(18)])),
    )


@settings(max_examples=300, deadline=None)
@given(rule=rules(), now_day=some_date, hour=st.integers(0, 23))
def test_next_session_is_the_first_matching_day_on_or_after_now(rule, now_day, hour):
    now = at(now_day.year, now_day.month, now_day.day, hour)
    found = next_session([rule], now)
    horizon = now_day + timedelta(days=800)
    day = now_day
    expected = None
    while day <= horizon:
        if occurs(rule, day) and datetime.combine(day, rule.opens_at, tzinfo=LONDON) >= now:
            expected = datetime.combine(day, rule.opens_at, tzinfo=LONDON)
            break
        day += timedelta(days=1)
    if expected is None:
        assert found is None or found.date() > horizon
    else:
        assert found == expected
