"""Synthetic answers are always valid, and follow severity."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected.demo.measures import synthetic_answers, synthetic_course
from connected.measures import registry
from connected.measures.definitions import Direction
from connected.measures.scoring import score, validate

CODES = [i.code for i in registry.all()]


@given(st.sampled_from(CODES), st.integers(0, 2**32), st.floats(-1, 2))
def test_synthetic_answers_are_always_valid(code, seed, severity):
    instrument = registry.get(code)
    assert validate(instrument, synthetic_answers(instrument, random.Random(seed), severity)) == []


@pytest.mark.parametrize("code", CODES)
def test_severity_zero_is_best_and_one_is_worst_on_average(code):
    instrument = registry.get(code)
    rng = random.Random(1)
    for s in instrument.scores:
        low = [score(instrument, synthetic_answers(instrument, rng, 0.0)).score(s.id).value for _ in range(50)]
        high = [score(instrument, synthetic_answers(instrument, rng, 1.0)).score(s.id).value for _ in range(50)]
        if s.direction == Direction.HIGHER_WORSE:
            assert sum(low) < sum(high)
        else:
            assert sum(low) > sum(high)


def test_course_is_seeded_and_in_range():
    a, b = synthetic_course(random.Random(7)), synthetic_course(random.Random(7))
    assert a == b and all(0 <= v <= 1 for v in a)
