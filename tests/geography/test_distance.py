"""Distances: haversine against an independent formula and a published figure, plus its properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connected.core.places import EARTH_RADIUS_KM, distance_km, km_to_miles, miles_to_km

SW1A_1AA = (51.50101, -0.14156)  # Buckingham Palace, from the ONS file
M1_1AE = (53.48348, -2.23118)  # Manchester Piccadilly, from the ONS file


def _vector_angle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Central angle from unit vectors (atan2 of cross and dot): a different formula, the same sphere."""

    def unit(lat: float, lon: float) -> tuple[float, float, float]:
        phi, lam = math.radians(lat), math.radians(lon)
        return (math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi))

    a, b = unit(lat1, lon1), unit(lat2, lon2)
    cross = (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return math.atan2(math.sqrt(sum(c * c for c in cross)), dot) * EARTH_RADIUS_KM


def test_distance_between_two_known_postcodes() -> None:
    km = distance_km(*SW1A_1AA, *M1_1AE)
    assert km == pytest.approx(_vector_angle_km(*SW1A_1AA, *M1_1AE), rel=1e-9)
    # The ellipsoidal (Vincenty, WGS84) distance between them is 262.29 km, computed separately;
    # the sphere is within 0.5% of it.
    assert km == pytest.approx(262.29, rel=0.005)
    assert km_to_miles(km) == pytest.approx(km / 1.609344)


def test_one_degree_of_latitude_is_about_111_km() -> None:
    assert distance_km(52.0, -1.0, 53.0, -1.0) == pytest.approx(111.19, abs=0.01)


def test_miles_and_km() -> None:
    assert km_to_miles(1.609344) == pytest.approx(1.0)
    assert miles_to_km(5) == pytest.approx(8.04672)


coords = st.tuples(st.floats(49.0, 61.0), st.floats(-8.7, 2.0))


@given(coords, coords)
def test_distance_is_symmetric_non_negative_and_matches_the_vector_formula(a, b) -> None:
    d = distance_km(*a, *b)
    assert d >= 0
    assert d == pytest.approx(distance_km(*b, *a), abs=1e-9)
    assert d == pytest.approx(_vector_angle_km(*a, *b), abs=1e-6)
    assert distance_km(*a, *a) == 0


@given(coords, coords, coords)
def test_triangle_inequality(a, b, c) -> None:
    assert distance_km(*a, *c) <= distance_km(*a, *b) + distance_km(*b, *c) + 1e-6
