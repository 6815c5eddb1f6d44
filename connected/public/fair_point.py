"""A fair meeting point for a group: the place that keeps the furthest member's journey shortest.

Why minimax and not the average: the average (centroid) is pulled towards where most members live and can
leave one member far out; minimising the largest distance treats the furthest member first. The point is the
centre of the smallest circle around the members (Badoiu and Clarkson's iteration, on a local flat projection,
accurate to well under a hundred metres across a town or county). Spaces are then ranked by the same rule,
measured exactly: the furthest member's great-circle distance to each space.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from connected.core.places import distance_km

ITERATIONS = 2000


def _project(points: Sequence[tuple[float, float]]) -> tuple[list[tuple[float, float]], float, float]:
    lat0 = sum(p[0] for p in points) / len(points)
    scale = math.cos(math.radians(lat0))
    return [(lon * scale, lat) for lat, lon in points], lat0, scale


def centre(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """(lat, lon) minimising the furthest point's distance (approximately: within 1/sqrt(ITERATIONS))."""
    if not points:
        raise ValueError("a fair point needs at least one member's place")
    flat, _, scale = _project(points)
    x, y = flat[0]
    for i in range(1, ITERATIONS + 1):
        fx, fy = max(flat, key=lambda p: (p[0] - x) ** 2 + (p[1] - y) ** 2)
        x += (fx - x) / (i + 1)
        y += (fy - y) / (i + 1)
    return y, x / scale


def furthest_km(point: tuple[float, float], members: Sequence[tuple[float, float]]) -> float:
    return max(distance_km(point[0], point[1], lat, lon) for lat, lon in members)
