"""The next-session memo in search results: always the answer `next_occurrence` gives, whatever order the
moments come in (later, earlier, across a session's start, the day with no next session)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from connected.directory.search import results
from connected.directory.search.index import rule_to_json
from connected.directory.sessions import LONDON, Rule, next_occurrence

DAYS = st.lists(st.tuples(st.sampled_from((0, 0, 1, 2, -1)), st.integers(0, 6)), min_size=1, max_size=3)
START = datetime(2026, 11, 23, 8, tzinfo=LONDON)


@st.composite
def rules(draw) -> list[Rule]:
    out = []
    for _ in range(draw(st.integers(1, 2))):
        freq = draw(st.sampled_from(("WEEKLY", "MONTHLY")))
        byday = (
            tuple(sorted(set(draw(DAYS))))
            if freq == "MONTHLY"
            else tuple((0, d) for d in draw(st.sets(st.integers(0, 6), min_size=1)))
        )
        opens = draw(st.sampled_from((time(9), time(10, 30), time(19))))
        ends = draw(st.sampled_from((None, date(2026, 12, 10), date(2026, 11, 20))))
        out.append(
            Rule(freq=freq, interval=draw(st.integers(1, 2)), byday=byday, bymonthday=(), starts=date(2026, 1, 5),
                 ends=ends, anchor=date(2026, 1, 5), opens_at=opens, closes_at=time(opens.hour + 1), count=None)
        )  # fmt: skip
    return out


@settings(max_examples=60, deadline=None)
@given(rules(), st.lists(st.integers(0, 60 * 24 * 21), min_size=2, max_size=8))
def test_the_memo_gives_next_occurrences_answer_for_any_order_of_moments(drawn, minutes):
    text = json.dumps([rule_to_json(r) for r in drawn])
    parsed = results.rules_from_json(text)
    results._NEXT.pop(text, None)
    for offset in minutes:
        now = START + timedelta(minutes=offset)
        assert results.next_session_of(text, parsed, now) == next_occurrence(drawn, now)


def test_a_session_that_starts_between_two_searches_is_not_reused():
    rule = Rule(freq="WEEKLY", interval=1, byday=((0, 1),), bymonthday=(), starts=None, ends=None, anchor=None,
                opens_at=time(10), closes_at=time(12), count=None)  # fmt: skip
    text = json.dumps([rule_to_json(rule)])
    monday = datetime(2026, 11, 23, 9, tzinfo=LONDON)
    first = results.next_session_of(text, (rule,), monday)
    later = results.next_session_of(text, (rule,), monday + timedelta(days=1, hours=1, minutes=1))  # Tuesday 10:01
    assert first.start == datetime(2026, 11, 24, 10, tzinfo=LONDON)
    assert later.start == datetime(2026, 12, 1, 10, tzinfo=LONDON)
    assert results.next_session_of(text, (rule,), monday).start == first.start  # an earlier moment again
