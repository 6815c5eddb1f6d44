"""The content file's checks, tip choice, and the conversation's answer parsers (property-tested)."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected.public import checkin, conversation, tips


def raw_content() -> dict:
    return tomllib.loads(tips.CONTENT.read_text(encoding="utf-8"))


def test_the_shipped_content_loads_and_every_tip_has_a_source():
    content = tips.content()
    assert content.tips and all(t.source.url.startswith("https://") for t in content.tips)
    assert [line.phone for line in content.urgent] == ["999", "111", "116 123"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw["tips"][1]["when"].update(ucla=["Very lonely"]), "ucla has unknown values"),
        (lambda raw: raw["tips"][0].pop("source"), "needs a source"),
        (lambda raw: raw["tips"][0].update(when={"mood": ["low"]}), "unknown condition 'mood'"),
        (lambda raw: raw["tips"].append(dict(raw["tips"][0])), "ids used twice"),
        (lambda raw: raw.pop("urgent"), "urgent help lines are required"),
    ],
)
def test_a_broken_content_file_is_refused_naming_the_fault(change, message):
    raw = raw_content()
    change(raw)
    with pytest.raises(tips.ContentError, match=message):
        tips.parse(raw)


def test_tips_put_what_the_person_told_us_first():
    facts = {"lonely": ("never",), "ucla": ("Not lonely",), "circumstances": ("carer",), "connect": ("phone",)}
    chosen = [t.id for t in tips.choose(facts)]
    assert chosen[:2] == ["carer", "phone-friendship"] and "reach-out" not in chosen


@given(st.data())
def test_every_option_is_understood_by_number_words_or_value(data):
    _, item = data.draw(st.sampled_from(checkin.questions(wellbeing=True)))
    n, option = data.draw(st.sampled_from(list(enumerate(item.presented_options, 1))))
    shout = data.draw(st.booleans())
    words = option.label.upper() if shout else f"  {option.label} "
    assert conversation.parse_option(item, words) == option.value
    assert conversation.parse_option(item, option.value) == option.value
    if not item.hint:  # numbered lists (not ONS4, whose answers are the numbers 0 to 10 themselves)
        assert conversation.parse_option(item, str(n)) == option.value


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 12, 31)), st.sampled_from([" ", "/", "-"]))
def test_dates_of_birth_are_read_day_month_year(born, sep):
    assert conversation.parse_date(f"{born.day}{sep}{born.month}{sep}{born.year}") == born
    assert conversation.parse_date(born.isoformat()) == born


@given(st.one_of(st.text(max_size=30), st.sampled_from(["²", "٣", "1", "01", "99"])))
def test_any_text_gets_a_reply_and_never_an_error(text):
    turn = conversation.step({"step": "question", "answers": {}, "i": 0, "wellbeing": False}, text or "x")
    assert turn.reply
