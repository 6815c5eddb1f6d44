"""Small-number suppression: no count that leaves the system lets anyone be singled out.

A table of counts is published with its row and column totals. Primary suppression hides every cell
below the threshold (zero is shown: it identifies nobody). Secondary suppression then hides a second
cell in any row or column, totals included, that holds exactly one hidden cell, since that one could
be recovered by subtraction; it repeats until no line has a lone hidden cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings


def threshold() -> int:
    """The deployment's threshold (``SUPPRESSION_THRESHOLD``, default 10)."""
    return int(getattr(settings, "SUPPRESSION_THRESHOLD", 10))


@dataclass(frozen=True)
class SuppressedTable:
    """Counts with ``None`` where a figure is withheld; totals are computed before suppression."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None
    threshold: int


def _hidden_primary(value: int, limit: int) -> bool:
    return 0 < value < limit


def suppress_table(counts: Sequence[Sequence[int]], *, limit: int | None = None) -> SuppressedTable:
    """Suppress `counts` (rows of equal length) with totals, primary then secondary."""
    limit = threshold() if limit is None else limit
    rows = [list(row) for row in counts]
    width = len(rows[0]) if rows else 0
    if any(len(row) != width for row in rows):
        raise ValueError("Every row of a count table must have the same number of columns")
    # The grid with totals: the last column holds row totals, the last row column totals.
    grid = [[*row, sum(row)] for row in rows]
    grid.append([sum(col) for col in zip(*grid, strict=True)] if rows else [0])
    hidden = [[_hidden_primary(v, limit) for v in row] for row in grid]
    lines = [[(r, c) for c in range(width + 1)] for r in range(len(grid))]
    lines += [[(r, c) for r in range(len(grid))] for c in range(width + 1)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(hidden[r][c] for r, c in line) != 1:
                continue
            # Hide the smallest shown non-zero figure in the line (a hidden zero protects nothing).
            shown = [(grid[r][c], r, c) for r, c in line if not hidden[r][c] and grid[r][c] > 0]
            if not shown:
                continue
            _, r, c = min(shown)
            hidden[r][c] = changed = True
    out = [[None if hidden[r][c] else grid[r][c] for c in range(width + 1)] for r in range(len(grid))]
    return SuppressedTable(
        cells=[row[:width] for row in out[:-1]],
        row_totals=[row[width] for row in out[:-1]],
        column_totals=out[-1][:width],
        total=out[-1][width],
        threshold=limit,
    )


def suppress_count(value: int, *, limit: int | None = None) -> int | None:
    """One figure on its own: withheld when under the threshold (and not zero)."""
    limit = threshold() if limit is None else limit
    return None if _hidden_primary(value, limit) else value


def shown(value: int | None, *, limit: int | None = None) -> str:
    """How a possibly withheld figure reads on a page or in a download."""
    limit = threshold() if limit is None else limit
    return f"fewer than {limit}" if value is None else f"{value:,}"
