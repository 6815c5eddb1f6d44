"""Properties over every possible answer set of every instrument (exhaustive: the largest, ONS4, has 11^4).

"Worse" order of each item's options is written out here from the standard's text,
independently of the scores in the definitions, so a mis-scored option fails the
monotonicity test.
"""

from __future__ import annotations

import itertools
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connected.measures import registry
from connected.measures.definitions import Direction
from connected.measures.scoring import ResponseInvalid, score, validate

FREQ3 = ["hardly_ever_or_never", "some_of_the_time", "often"]
FREQ5 = ["never", "hardly_ever", "occasionally", "some_of_the_time", "often_always"]
AGREE = ["strongly_agree", "agree", "neutral", "disagree", "strongly_disagree"]  # positive wording
ZERO_TEN = [str(n) for n in range(11)]
# Option values from best to worst, per item; ties (De Jong Gierveld's "More or less") in one group.
WORSE_ORDER: dict[str, dict[str, list[list[str]]]] = {
    "ucla3": {i: [[v] for v in FREQ3] for i in ("lack_companionship", "left_out", "isolated")},
    "ucla3-child": {i: [[v] for v in FREQ3] for i in ("no_one_to_talk_to", "left_out", "alone")},
    "ons-direct": {"lonely": [[v] for v in FREQ5]},
    "ons-direct-child": {"lonely": [[v] for v in FREQ5]},
    "ons4": {
        **{i: [[v] for v in reversed(ZERO_TEN)] for i in ("life_satisfaction", "worthwhile", "happiness")},
        "anxiety": [[v] for v in ZERO_TEN],
    },
    "cel": {i: [[v] for v in AGREE] for i in ("content", "enough_people_to_ask", "relationships_satisfying")},
    "djg6": {
        **{i: [["no"], ["yes", "more_or_less"]] for i in ("emptiness", "miss_people", "rejected")},
        **{i: [["yes"], ["no", "more_or_less"]] for i in ("rely_on", "trust", "close_to")},
    },
}
CODES = sorted(WORSE_ORDER)


def test_every_instrument_has_a_worse_order():
    assert {i.code for i in registry.all()} == set(CODES)
    for code in CODES:
        instrument = registry.get(code)
        assert set(WORSE_ORDER[code]) == {i.id for i in instrument.items}
        for item in instrument.items:
            assert sorted(v for group in WORSE_ORDER[code][item.id] for v in group) == sorted(
                o.value for o in item.options
            )


@cache
def all_answer_sets(code: str) -> list[dict[str, str]]:
    instrument = registry.get(code)
    values = [[o.value for o in item.options] for item in instrument.items]
    ids = [item.id for item in instrument.items]
    return [dict(zip(ids, combo, strict=True)) for combo in itertools.product(*values)]


def _rank(code: str, item_id: str, value: str) -> int:
    return next(n for n, group in enumerate(WORSE_ORDER[code][item_id]) if value in group)


@pytest.mark.parametrize("code", CODES)
def test_range_and_band_coverage_over_every_answer_set(code):
    instrument = registry.get(code)
    seen: dict[str, set[int]] = {s.id: set() for s in instrument.scores}
    for answers in all_answer_sets(code):
        result = score(instrument, answers)
        for s in instrument.scores:
            value = result.score(s.id).value
            assert s.low <= value <= s.high
            seen[s.id].add(value)
            if s.bands:
                assert sum(b.contains(value) for b in s.bands) == 1
                assert result.score(s.id).band is not None
    for s in instrument.scores:
        # Every value in the range is reachable, and every one has exactly one band.
        assert seen[s.id] == set(range(s.low, s.high + 1))
        if s.bands:
            for value in range(s.low, s.high + 1):
                assert len([b for b in s.bands if b.contains(value)]) == 1


@pytest.mark.parametrize("code", CODES)
def test_answering_one_item_worse_never_makes_a_score_better(code):
    instrument = registry.get(code)
    for answers in all_answer_sets(code):
        before = score(instrument, answers)
        for item in instrument.items:
            rank = _rank(code, item.id, answers[item.id])
            groups = WORSE_ORDER[code][item.id]
            if rank + 1 == len(groups):
                continue
            for worse_value in groups[rank + 1]:
                after = score(instrument, {**answers, item.id: worse_value})
                for s in instrument.scores:
                    b, a = before.score(s.id).value, after.score(s.id).value
                    if item.id not in s.items:
                        assert a == b
                    elif s.direction == Direction.HIGHER_WORSE:
                        assert a > b, (code, s.id, answers, item.id)  # strictly: each step is a real step
                    else:
                        assert a < b, (code, s.id, answers, item.id)


@pytest.mark.parametrize("code", CODES)
def test_direction_best_answers_give_best_score(code):
    instrument = registry.get(code)
    best = {i: WORSE_ORDER[code][i][0][0] for i in WORSE_ORDER[code]}
    worst = {i: WORSE_ORDER[code][i][-1][0] for i in WORSE_ORDER[code]}
    for s in instrument.scores:
        good, bad = score(instrument, best).score(s.id).value, score(instrument, worst).score(s.id).value
        if s.direction == Direction.HIGHER_WORSE:
            assert (good, bad) == (s.low, s.high)
        else:
            assert (good, bad) == (s.high, s.low)


def test_de_jong_gierveld_total_is_the_sum_of_its_subscales():
    djg = registry.get("djg6")
    for answers in all_answer_sets("djg6"):
        v = score(djg, answers).values
        assert v["total"] == v["emotional"] + v["social"]


@st.composite
def messy_response(draw):
    """A response with some items missing, some answered with junk, and maybe unknown keys."""
    instrument = registry.get(draw(st.sampled_from(CODES)))
    answers: dict[str, object] = {}
    for item in instrument.items:
        choice = draw(st.sampled_from(["valid", "valid", "missing", "junk", "blank"]))
        if choice == "valid":
            answers[item.id] = draw(st.sampled_from([o.value for o in item.options]))
        elif choice == "junk":
            answers[item.id] = draw(
                st.one_of(st.text(max_size=5), st.integers(-3, 15), st.booleans(), st.none(), st.floats())
            )
        elif choice == "blank":
            answers[item.id] = ""
    extras = draw(st.lists(st.text(min_size=1, max_size=8), max_size=2))
    for key in extras:
        answers.setdefault(key, "often")
    return instrument, answers


@settings(max_examples=400, deadline=None)
@given(messy_response())
def test_errors_name_exactly_the_items_at_fault(case):
    instrument, answers = case
    valid_values = {i.id: {o.value for o in i.options} for i in instrument.items}

    def ok(item_id: str) -> bool:
        v = answers.get(item_id)
        if isinstance(v, bool):
            return False
        if isinstance(v, str):
            v = v.strip()  # surrounding spaces are forgiven
        return (str(v) if isinstance(v, int) else v) in valid_values[item_id]

    faulty = [i.id for i in instrument.items if not ok(i.id)] + [k for k in answers if k not in valid_values]
    errors = validate(instrument, answers)
    assert [e.item for e in errors] == [k[:40] for k in faulty]
    if faulty:
        with pytest.raises(ResponseInvalid):
            score(instrument, answers)
    else:
        assert score(instrument, answers).instrument == instrument.code
