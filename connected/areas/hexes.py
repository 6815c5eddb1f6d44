"""A hexagon layout of local authorities from their population-weighted centres (no boundary files offline).

Each authority takes the free hexagon nearest its centre, the most populous first, searching outward ring
by ring; crowded places (London, the West Midlands) spill into neighbouring cells, so the layout keeps
each authority near where it is and every one the same size, as in the ONS and House of Commons Library
hex maps. Rows are offset ("odd-r"): odd rows sit half a hexagon to the right.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SIZE_DEG = 0.2  # hexagon width in projected degrees: about 300 English authorities fill England's shape


def _project(lat: float, lon: float) -> tuple[float, float]:
    return lon * math.cos(math.radians(52.5)), lat


def _cell_centre(col: int, row: int) -> tuple[float, float]:
    return (col + (0.5 if row % 2 else 0.0)) * SIZE_DEG, row * SIZE_DEG * math.sqrt(3) / 2


def _nearest_cell(x: float, y: float) -> tuple[int, int]:
    row = round(y / (SIZE_DEG * math.sqrt(3) / 2))
    col = round(x / SIZE_DEG - (0.5 if row % 2 else 0.0))
    return col, row


def _distance(cell: tuple[int, int], x: float, y: float) -> float:
    cx, cy = _cell_centre(*cell)
    return (cx - x) ** 2 + (cy - y) ** 2


def layout(centres: Sequence[tuple[str, float, float, int]]) -> dict[str, tuple[int, int]]:
    """(code, lat, lon, population) → code: (col, row), each code in its own cell."""
    taken: set[tuple[int, int]] = set()
    placed: dict[str, tuple[int, int]] = {}
    for code, lat, lon, _ in sorted(centres, key=lambda c: (-c[3], c[0])):
        x, y = _project(lat, lon)
        home = _nearest_cell(x, y)
        best = None
        for ring in range(0, 40):
            candidates = [
                (home[0] + dc, home[1] + dr)
                for dc in range(-ring, ring + 1)
                for dr in range(-ring, ring + 1)
                if max(abs(dc), abs(dr)) == ring and (home[0] + dc, home[1] + dr) not in taken
            ]
            if candidates:
                best = min(candidates, key=lambda c, x=x, y=y: (_distance(c, x, y), c))
                break
        taken.add(best)
        placed[code] = best
    return placed
