"""What is on offer within reach of each small area: a two-step floating catchment (2SFCA), in process.

Luo W, Wang F (2003) Measures of spatial accessibility to health care in a GIS environment, Environment and
Planning B 30(6):865-884. Step 1: each activity's capacity (one per service, split evenly over its places)
is divided by the people living within reach of it. Step 2: an area's supply per person is the sum of those
ratios over the activities within its reach. So a busy city club shared by many streets counts for less per
person than a village club that only one village can reach, and the shares (people x supply per person)
add up, over all areas, to the number of activities that anyone can reach: additive from small area to
authority to England.

Reach is straight-line distance from the LSOA's population-weighted centroid (ADR 0029 justifies the
distance). Pairs are found through a square grid whose cells are one reach wide: a centroid only checks the
nine cells around it, so 33,000 areas against hundreds of thousands of places take seconds, not hours.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

REACH_KM = 1.6  # one mile: about a 25-minute walk at the DfT's 4.8 km/h once streets' detours are added
KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_EQUATOR = 111.320


@dataclass(frozen=True)
class Place:
    """One place where a service meets: its service, position and activity types."""

    service: str
    lat: float
    lon: float
    types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Area:
    code: str
    lat: float
    lon: float
    population: int


@dataclass
class Supply:
    """One area's supply: its additive share, per 1,000 people, distinct services in reach and shares by type."""

    share: float = 0.0
    services: set[str] = field(default_factory=set)
    by_type: dict[str, float] = field(default_factory=dict)

    @property
    def in_reach(self) -> int:
        return len(self.services)

    def per_1000(self, population: int) -> float:
        return 1000 * self.share / population if population else 0.0


def plane_km(lat: float, lon: float) -> tuple[float, float]:
    """Kilometres on a local plane: exact enough for distances of a mile or two."""
    return lon * KM_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(lat)), lat * KM_PER_DEGREE_LAT


def _grid(places: Sequence[Place], cell: float) -> dict[tuple[int, int], list[tuple[int, float, float]]]:
    grid: dict[tuple[int, int], list[tuple[int, float, float]]] = defaultdict(list)
    for index, place in enumerate(places):
        x, y = plane_km(place.lat, place.lon)
        grid[(int(x // cell), int(y // cell))].append((index, x, y))
    return grid


def pairs(areas: Sequence[Area], places: Sequence[Place], reach_km: float) -> Iterator[tuple[int, list[int]]]:
    """For each area index, the indexes of the places within `reach_km` of it (areas with none are skipped)."""
    grid = _grid(places, reach_km)
    limit = reach_km * reach_km
    for a_index, area in enumerate(areas):
        x, y = plane_km(area.lat, area.lon)
        cx, cy = int(x // reach_km), int(y // reach_km)
        near = [
            p
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for (p, px, py) in grid.get((cx + dx, cy + dy), ())
            if (px - x) * (px - x) + (py - y) * (py - y) <= limit
        ]
        if near:
            yield a_index, near


def capacities(places: Sequence[Place]) -> list[float]:
    """Each place's share of its service: a service counts once however many places it meets in."""
    counts: dict[str, int] = defaultdict(int)
    for place in places:
        counts[place.service] += 1
    return [1 / counts[place.service] for place in places]


def floating_catchment(areas: Sequence[Area], places: Sequence[Place], reach_km: float = REACH_KM) -> list[Supply]:
    """Every area's supply, in the order given (see the module's docstring for the method)."""
    reach = list(pairs(areas, places, reach_km))
    people = [0.0] * len(places)
    for a_index, near in reach:
        for p in near:
            people[p] += areas[a_index].population
    capacity = capacities(places)
    ratio = [capacity[p] / people[p] if people[p] else 0.0 for p in range(len(places))]
    supplies = [Supply() for _ in areas]
    for a_index, near in reach:
        population = areas[a_index].population
        supply = supplies[a_index]
        supply.share = population * sum(ratio[p] for p in near)
        supply.services = {places[p].service for p in near}
        for p in near:
            for code in places[p].types:
                supply.by_type[code] = supply.by_type.get(code, 0.0) + population * ratio[p]
    return supplies
