"""Try to recover suppressed counts by arithmetic, and fail (ADR 0027).

The attacker knows the rules (threshold, rounding to 5, that a hidden count is at least 1) and reads
every published figure. From the totals they bound each hidden cell by interval propagation over every
line (a row or column with its total); from two filters they subtract. A cell is recovered when its
bounds close on one value. Hypothesis draws the tables and the data.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connected.evidence import filterguard, suppression
from connected.evidence.suppression import ROUNDING_BASE, suppress_column, suppress_table

BIG = 10**6
T = 10


def _domain(published: int | None, limit: int, rounding: bool) -> tuple[int, int]:
    """What a published figure tells the attacker about the true count."""
    if published is None:
        return (1, BIG)
    if published == 0:
        return (0, 0)
    if not rounding:
        return (published, published)
    preimage = [v for v in range(limit, published + ROUNDING_BASE) if suppression.rounded(v, limit) == published]
    return (min(preimage), max(preimage))


def _propagate(domains: dict, lines: list[tuple[list, object]]) -> dict:
    """Tighten each figure's bounds from `sum(members) == total` for every line, to a fixed point."""
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            t_lo, t_hi = domains[total]
            lo_sum = sum(domains[m][0] for m in members)
            hi_sum = sum(domains[m][1] for m in members)
            new_total = (max(t_lo, lo_sum), min(t_hi, hi_sum))
            updates = {total: new_total}
            for m in members:
                lo, hi = domains[m]
                updates[m] = (max(lo, t_lo - (hi_sum - hi)), min(hi, t_hi - (lo_sum - lo)))
            for key, bounds in updates.items():
                if bounds != domains[key]:
                    domains[key] = bounds
                    changed = True
    return domains


def _grid_attack(counts: list[list[int]], limit: int, rounding: bool) -> None:
    published = suppress_table(counts, limit=limit, rounding=rounding)
    rows, width = len(counts), len(counts[0])
    values = {("c", r, c): published.cells[r][c] for r in range(rows) for c in range(width)}
    values |= {("r", r): published.row_totals[r] for r in range(rows)}
    values |= {("k", c): published.column_totals[c] for c in range(width)}
    values[("t",)] = published.total
    domains = {key: _domain(v, limit, rounding) for key, v in values.items()}
    lines = [([("c", r, c) for c in range(width)], ("r", r)) for r in range(rows)]
    lines += [([("c", r, c) for r in range(rows)], ("k", c)) for c in range(width)]
    lines += [([("r", r) for r in range(rows)], ("t",)), ([("k", c) for c in range(width)], ("t",))]
    truth = {("c", r, c): counts[r][c] for r in range(rows) for c in range(width)}
    truth |= {("r", r): sum(counts[r]) for r in range(rows)}
    truth |= {("k", c): sum(row[c] for row in counts) for c in range(width)}
    truth[("t",)] = sum(map(sum, counts))
    bounds = _propagate(domains, lines)
    for key, value in values.items():
        lo, hi = bounds[key]
        assert lo <= truth[key] <= hi, "the attacker's bounds must hold the truth (the test is sound)"
        if value is None:
            assert lo < hi, f"hidden figure {key} recovered as {lo} from {values}"
        elif 0 < truth[key] < limit:
            pytest.fail(f"{key} shows {value}, under the threshold")


counts_grid = st.integers(1, 4).flatmap(
    lambda w: st.lists(st.lists(st.integers(0, 30), min_size=w, max_size=w), min_size=1, max_size=4)
)


@settings(max_examples=400, deadline=None)
@given(counts=counts_grid, rounding=st.booleans())
def test_hidden_cells_cannot_be_recovered_from_totals(counts, rounding):
    _grid_attack(counts, T, rounding)


@pytest.mark.parametrize("rounding", [True, False])
def test_two_hidden_cells_pinned_by_another_line_are_protected(rounding):
    """Hypothesis found it: column totals fixed two hidden cells' sum at 2, so both were 1 (three lines apart)."""
    _grid_attack([[0, 0, 0, 1], [0, 0, 3, 0], [0, 1, 9, 10]], T, rounding)


@settings(max_examples=200, deadline=None)
@given(counts=counts_grid, limit=st.integers(3, 12))
def test_any_threshold_holds(counts, limit):
    _grid_attack(counts, limit, True)


@settings(max_examples=300, deadline=None)
@given(counts=st.lists(st.integers(0, 40), min_size=1, max_size=8), rounding=st.booleans())
def test_a_column_and_its_total_hide_what_they_must(counts, rounding):
    published = suppress_column(counts, limit=T, rounding=rounding)
    _grid_attack([[v] for v in counts], T, rounding)  # the same line, attacked the same way
    assert [v is None for v in published.cells] == [
        v is None for v in suppress_table([[v] for v in counts], limit=T, rounding=rounding).row_totals
    ]
    for true, shown in zip(counts, published.cells, strict=True):
        assert shown is None or shown == 0 or shown >= T
        if shown is not None and rounding:
            assert abs(shown - true) <= ROUNDING_BASE // 2


def test_examples_by_hand():
    assert suppression.rounded(12) == 10 and suppression.rounded(13) == 15 and suppression.rounded(0) == 0
    assert suppression.rounded(11, 11) == 15
    assert suppress_column([3, 40, 50]).cells == [None, None, 50]  # 3 alone would be 93 - 40 - 50
    assert suppress_column([1, 1, 40, 50]).cells[:3] == [None, None, None]  # two hidden 1s sum to 2: one more
    assert suppression.shown(None) == "fewer than 10"
    with pytest.raises(ValueError, match="at least 0"):
        suppress_column([3, -1])


# Differencing: every pair of filters the guard allows differs by no one or by at least the threshold.
MONTHS = ("2026-01", "2026-02", "2026-03", "2026-04")
SCHEMES, AREAS = ("s1", "s2"), ("a1", "a2")
LIMIT = 3  # small, so hypothesis reaches the edges with few referrals

cubes = st.dictionaries(
    st.tuples(st.sampled_from(MONTHS), st.sampled_from(SCHEMES), st.sampled_from(AREAS)), st.integers(0, 6)
)


def _selections():
    periods = [MONTHS[i:j] for i in range(len(MONTHS)) for j in range(i + 1, len(MONTHS) + 1)]
    for months, scheme, area in itertools.product(periods, (None, *SCHEMES), (None, *AREAS)):
        yield filterguard.Selection(months=months, scheme=scheme, area=area)


def _people(cube, selection) -> set:
    return {(key, i) for key, n in cube.items() for i in range(n) if selection.holds(*key)}


def _allowed(cube, selection) -> bool:
    try:
        filterguard.check(cube, selection, limit=LIMIT)
    except filterguard.FilterRefused:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(cube=cubes)
def test_no_two_allowed_filters_differ_by_fewer_than_the_threshold(cube):
    allowed = [_people(cube, s) for s in _selections() if _allowed(cube, s)]
    for a, b in itertools.combinations(allowed, 2):
        assert len(a ^ b) == 0 or len(a ^ b) >= LIMIT, "two allowed filters single out a few people"
