"""Sessions in plain English and the next session date (no database, no clock)."""

from __future__ import annotations

from datetime import datetime, time

from hypothesis import given
from hypothesis import strategies as st

from connected.directory.models import Schedule
from connected.directory.vocabulary import DAYS
from connected.public.sessions import clock, parse_byday, session_text, when_text

MONDAY = datetime(2026, 11, 23, 9, 0)  # a Monday


def weekly(byday: str, **kw) -> Schedule:
    return Schedule(freq="WEEKLY", byday=byday, **kw)


def test_weekly_session_reads_as_people_say_it():
    assert session_text(weekly("TU", opens_at=time(10), closes_at=time(12))) == "Every Tuesday, 10am to 12pm"
    assert session_text(weekly("TU,TH")) == "Every Tuesday and Thursday"
    assert session_text(weekly("MO,WE,FR", interval=2)) == "Every other Monday, Wednesday and Friday"


def test_monthly_sessions_name_the_week_of_the_month():
    assert session_text(Schedule(freq="MONTHLY", byday="2MO")) == "Second Monday of the month"
    assert session_text(Schedule(freq="MONTHLY", byday="-1FR", opens_at=time(14))) == (
        "Last Friday of the month, from 2pm"
    )
    assert session_text(Schedule(freq="MONTHLY", byday="1TH,3TH")) == "First and third Thursday of the month"
    assert session_text(Schedule(freq="MONTHLY", bymonthday="15")) == "On the 15th of every month"


def test_unreadable_rules_fall_back_to_the_feeds_words():
    assert session_text(Schedule(freq="WEEKLY", byday="XX", description="Term time only")) == "Term time only"
    assert session_text(Schedule()) == "Ask the organiser when sessions run"


def test_clock_times_follow_nhs_style():
    assert clock(time(10, 30)) == "10:30am"
    assert clock(time(12, 0)) == "12pm"
    assert clock(time(19, 5)) == "7:05pm"
    assert clock(time(0, 0)) == "midnight"


def test_when_text_names_today_tomorrow_or_the_date():
    assert when_text(datetime(2026, 11, 23, 18, 0), MONDAY) == "Today, 6pm"
    assert when_text(datetime(2026, 11, 24, 10, 0), MONDAY) == "Tomorrow, 10am"
    assert when_text(datetime(2026, 11, 26, 14, 30), MONDAY) == "Thursday 26 November 2026, 2:30pm"


@given(st.text(max_size=30))
def test_byday_parser_never_fails_and_only_returns_real_days(text):
    assert all(part.day in DAYS for part in parse_byday(text))
