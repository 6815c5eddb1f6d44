"""Seeded, synthetic answers for demo data and tests: never real people's answers.

`severity` runs from 0 (best possible answers) to 1 (worst); each item's answer is
drawn near that point of its own best-to-worst order, so totals are plausible and
every answer set is valid by construction.
"""

from __future__ import annotations

import random

from connected.measures.definitions import Direction, Instrument, Item, Option


def best_to_worst(instrument: Instrument, item: Item) -> list[Option]:
    """The item's options from best to worst, by the direction of the first score that uses it."""
    score_def = next(s for s in instrument.scores if item.id in s.items)
    return sorted(item.options, key=lambda o: o.score, reverse=score_def.direction == Direction.HIGHER_BETTER)


def synthetic_answers(instrument: Instrument, rng: random.Random, severity: float) -> dict[str, str]:
    severity = min(1.0, max(0.0, severity))
    answers = {}
    for item in instrument.items:
        ordered = best_to_worst(instrument, item)
        position = severity * (len(ordered) - 1) + rng.uniform(-0.6, 0.6)
        answers[item.id] = ordered[min(len(ordered) - 1, max(0, round(position)))].value
    return answers


def synthetic_course(rng: random.Random) -> tuple[float, float]:
    """Baseline and follow-up severity for one person: most improve somewhat, some do not."""
    before = rng.uniform(0.45, 1.0)
    change = rng.gauss(-0.25, 0.2)
    return before, min(1.0, max(0.0, before + change))
