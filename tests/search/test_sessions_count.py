"""A schedule's `count` ends its series: the sessions counted from dtstart, then none (RFC 5545 COUNT)."""

from __future__ import annotations

from datetime import date, datetime, time
from types import SimpleNamespace

from connected.directory.sessions import LONDON, next_session


def weekly(**kw) -> SimpleNamespace:
    base = dict(
        freq="WEEKLY", interval=None, byday="TU", bymonthday="", dtstart=date(2026, 11, 3), valid_from=None,
        valid_to=None, until=None, opens_at=time(10), closes_at=time(12), count=None,
    )  # fmt: skip
    return SimpleNamespace(**(base | kw))


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def test_three_tuesdays_then_no_more():
    three = weekly(count=3)  # 3, 10 and 17 November 2026
    assert next_session([three], at(2026, 11, 1)) == at(2026, 11, 3, 10)
    assert next_session([three], at(2026, 11, 10, 11)) == at(2026, 11, 17, 10)
    assert next_session([three], at(2026, 11, 17, 11)) is None
    assert next_session([weekly()], at(2026, 11, 17, 11)) == at(2026, 11, 24, 10)  # no count: it goes on


def test_count_is_counted_from_dtstart_with_the_interval_and_before_the_window():
    fortnightly = weekly(interval=2, count=2)  # 3 and 17 November
    assert next_session([fortnightly], at(2026, 11, 4)) == at(2026, 11, 17, 10)
    assert next_session([fortnightly], at(2026, 11, 18)) is None
    later = weekly(count=3, valid_from=date(2026, 11, 12))  # the third, 17 November, is the only one in the window
    assert next_session([later], at(2026, 11, 1)) == at(2026, 11, 17, 10)


def test_a_monthly_count_and_a_count_of_zero():
    monthly = weekly(freq="MONTHLY", byday="-1FR", count=2, dtstart=date(2026, 11, 1))  # 27 Nov, 25 Dec 2026
    assert next_session([monthly], at(2026, 12, 1)) == at(2026, 12, 25, 10)
    assert next_session([monthly], at(2026, 12, 26)) is None
    assert next_session([weekly(count=0)], at(2026, 12, 1)) == at(2026, 12, 1, 10)  # 0 is no count at all
