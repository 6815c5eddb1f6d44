"""Small-number suppression: no count that leaves the system lets anyone be singled out.

Three layers, applied to every count on a page, in a download or in the national return (ADR 0027):

1. Primary suppression hides every count from 1 to threshold - 1 ("fewer than 10"). Zero is shown:
   it identifies nobody.
2. Secondary suppression: a line (a table's column with its total, or a row or column of a grid) that
   would hold exactly one hidden figure gets a second one, so no figure is its total less the others;
   and the hidden figures of a line must add up to at least the threshold, or two hidden 1s beside a
   shown total would be pinned by subtraction. It repeats until every line is safe.
3. Rounding: every shown count is rounded to the nearest `ROUNDING_BASE` (5). Subtracting two
   published tables (two periods, or a scheme and its area) then carries an error of several people,
   so a hidden cell cannot be recovered by differencing. Filters that differ by one person are
   refused outright by `filterguard` (rounding alone cannot stop a count crossing the threshold).

Totals are computed from the true counts before any of this, then published by the same rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

ROUNDING_BASE = 5
_UNBOUNDED = 10**12


def threshold() -> int:
    """The deployment's threshold (``SUPPRESSION_THRESHOLD``, default 10; never below 3)."""
    value = int(getattr(settings, "SUPPRESSION_THRESHOLD", 10))
    if value < 3:
        raise ValueError("SUPPRESSION_THRESHOLD must be at least 3")
    return value


def rounded(value: int, limit: int = 0) -> int:
    """To the nearest ROUNDING_BASE, halves up (12 -> 10, 13 -> 15); a shown count never rounds below the
    threshold (with a threshold of 11, 11 is shown as 15, not 10)."""
    floor = -(-limit // ROUNDING_BASE) * ROUNDING_BASE
    return max(((value + ROUNDING_BASE // 2) // ROUNDING_BASE) * ROUNDING_BASE, floor if value else 0)


def _check_counts(values: Sequence[int]) -> None:
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise ValueError(f"A count must be a whole number of at least 0, not {v!r}")


def _shape(limit: int, rounding: bool):
    return (lambda v: rounded(v, limit)) if rounding else int


def _hidden_primary(value: int, limit: int) -> bool:
    return 0 < value < limit


def _settle(grid: list[list[int]], hidden: list[list[bool]], lines: list[list[tuple[int, int]]], limit: int) -> None:
    """Hide more figures until no line has a lone hidden figure or hidden figures adding to under `limit`."""
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden_here = [(r, c) for r, c in line if hidden[r][c]]
            if not hidden_here:
                continue
            if len(hidden_here) >= 2 and sum(grid[r][c] for r, c in hidden_here) >= limit:
                continue
            # Hide the smallest shown non-zero figure (a hidden zero protects nothing).
            shown = [(grid[r][c], r, c) for r, c in line if not hidden[r][c] and grid[r][c] > 0]
            if not shown:
                continue
            _, r, c = min(shown)
            hidden[r][c] = changed = True


def _known(value: int, hidden: bool, limit: int, rounding: bool) -> tuple[int, int]:
    """What a reader who knows these rules learns of a figure from what is published."""
    if hidden:
        return (1, _UNBOUNDED)  # a hidden count is at least 1 (zeros are shown)
    if value == 0 or not rounding:
        return (value, value)
    shown = rounded(value, limit)
    same = [v for v in range(max(limit, shown - ROUNDING_BASE), shown + ROUNDING_BASE) if rounded(v, limit) == shown]
    return (min(same), max(same))


def _pinned(grid, hidden, lines, limit: int, rounding: bool) -> list[tuple[int, int]]:
    """Hidden figures a reader can work out exactly, by bounding every figure from every line (its members
    add up to its last cell, the total) until nothing tightens: the attack in the property tests."""
    bounds = {(r, c): _known(v, hidden[r][c], limit, rounding) for r, row in enumerate(grid) for c, v in enumerate(row)}
    changed = True
    while changed:
        changed = False
        for line in lines:
            members, total = line[:-1], line[-1]
            t_lo, t_hi = bounds[total]
            lo_sum, hi_sum = sum(bounds[m][0] for m in members), sum(bounds[m][1] for m in members)
            tighter = {total: (max(t_lo, lo_sum), min(t_hi, hi_sum))}
            for m in members:
                lo, hi = bounds[m]
                tighter[m] = (max(lo, t_lo - (hi_sum - hi)), min(hi, t_hi - (lo_sum - lo)))
            for key, value in tighter.items():
                if value != bounds[key]:
                    bounds[key], changed = value, True
    return [key for key, (lo, hi) in bounds.items() if hidden[key[0]][key[1]] and lo == hi]


def _protect(grid, hidden, lines, limit: int, rounding: bool) -> None:
    """Audit the published table as an attacker would and hide more until no hidden figure can be worked out.

    The line rules in `_settle` miss figures pinned across lines (two hidden cells whose sum another line
    fixes at 2 are both 1), so each pinned figure gets the smallest shown figure on one of its lines hidden too.
    """
    while pinned := _pinned(grid, hidden, lines, limit, rounding):
        r, c = pinned[0]
        near = [(grid[i][j], i, j) for line in lines if (r, c) in line for i, j in line]
        shown = [f for f in near if not hidden[f[1]][f[2]] and f[0] > 0] or [
            (v, i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if not hidden[i][j] and v > 0
        ]
        if not shown:
            return  # everything that is not zero is hidden already
        _, i, j = min(shown)
        hidden[i][j] = True
        _settle(grid, hidden, lines, limit)


@dataclass(frozen=True)
class SuppressedTable:
    """Published counts with ``None`` where a figure is withheld; totals computed before suppression."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None
    threshold: int


def suppress_table(
    counts: Sequence[Sequence[int]], *, limit: int | None = None, rounding: bool = True
) -> SuppressedTable:
    """Suppress a grid of `counts` (rows of equal length) with its row, column and grand totals."""
    limit = threshold() if limit is None else limit
    rows = [list(row) for row in counts]
    width = len(rows[0]) if rows else 0
    if any(len(row) != width for row in rows):
        raise ValueError("Every row of a count table must have the same number of columns")
    for row in rows:
        _check_counts(row)
    grid = [[*row, sum(row)] for row in rows]
    grid.append([sum(col) for col in zip(*grid, strict=True)] if rows else [0])
    hidden = [[_hidden_primary(v, limit) for v in row] for row in grid]
    lines = [[(r, c) for c in range(width + 1)] for r in range(len(grid))]
    lines += [[(r, c) for r in range(len(grid))] for c in range(width + 1)]
    _settle(grid, hidden, lines, limit)
    _protect(grid, hidden, lines, limit, rounding)
    shape = _shape(limit, rounding)
    out = [[None if hidden[r][c] else shape(grid[r][c]) for c in range(width + 1)] for r in range(len(grid))]
    return SuppressedTable(
        cells=[row[:width] for row in out[:-1]],
        row_totals=[row[width] for row in out[:-1]],
        column_totals=out[-1][:width],
        total=out[-1][width],
        threshold=limit,
    )


@dataclass(frozen=True)
class SuppressedColumn:
    """One column of counts and its total as published (None: withheld)."""

    cells: list[int | None]
    total: int | None
    threshold: int


def suppress_column(
    counts: Sequence[int], *, total: int | None = None, limit: int | None = None, rounding: bool = True
) -> SuppressedColumn:
    """A column of counts with its total. When `total` is given the cells need not add up to it (one
    referral may give several reasons): each cell is then suppressed on its own, since no subtraction
    recovers it; otherwise the total is their sum and secondary suppression protects the line."""
    limit = threshold() if limit is None else limit
    values = list(counts)
    _check_counts(values)
    shape = _shape(limit, rounding)
    if total is not None:
        _check_counts([total])
        return SuppressedColumn(
            cells=[None if _hidden_primary(v, limit) else shape(v) for v in values],
            total=None if _hidden_primary(total, limit) else shape(total),
            threshold=limit,
        )
    grid = [[v] for v in values] + [[sum(values)]]
    hidden = [[_hidden_primary(v, limit)] for v in values] + [[_hidden_primary(sum(values), limit)]]
    _settle(grid, hidden, [[(r, 0) for r in range(len(grid))]], limit)
    out = [None if hidden[r][0] else shape(grid[r][0]) for r in range(len(grid))]
    return SuppressedColumn(cells=out[:-1], total=out[-1], threshold=limit)


def suppress_count(value: int, *, limit: int | None = None, rounding: bool = True) -> int | None:
    """One figure on its own: withheld when under the threshold (and not zero), else rounded."""
    limit = threshold() if limit is None else limit
    _check_counts([value])
    if _hidden_primary(value, limit):
        return None
    return _shape(limit, rounding)(value)


def shown(value: int | None, *, limit: int | None = None) -> str:
    """How a possibly withheld figure reads on a page or in a download."""
    limit = threshold() if limit is None else limit
    return f"fewer than {limit}" if value is None else f"{value:,}"
