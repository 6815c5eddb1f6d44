"""The radius test that counts places: plain arithmetic for most rows, the haversine near the edge, same answer.

`within_sql` settles a row by its flat-earth distance unless it lies in the thin ring `planar_bounds` leaves
around the circle's edge. These tests hold the bounds to the haversine everywhere they are used, and the
count to the haversine on the database, with places a few metres either side of the edge.
"""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connected.core.places import EARTH_RADIUS_KM, bounding_box, distance_km
from connected.directory import models as m
from connected.directory.search import SearchQuery, refresh_index, search
from connected.directory.search.query import planar_bounds

from .factories import CENTRE, add_service, vocabulary_terms


def destination(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point `km` from (lat, lon) along `bearing` degrees, on the same sphere as the haversine."""
    d, b, p1, l1 = km / EARTH_RADIUS_KM, math.radians(bearing), math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), math.degrees(l2)


def flat(lat: float, lon: float, plat: float, plon: float, scale: float) -> float:
    return (plat - lat) * (plat - lat) + (plon - lon) * (plon - lon) * scale


def settled_rightly(lat: float, lon: float, radius: float, plat: float, plon: float) -> bool:
    bounds = planar_bounds(lat, radius)
    if bounds is None:
        return True  # the haversine decides every row
    inside, outside, scale = bounds
    s, d = flat(lat, lon, plat, plon, scale), distance_km(lat, lon, plat, plon)
    return not (s <= inside and d > radius) and not (s > outside and d <= radius)


latitudes = st.floats(-89.9, 89.9)
longitudes = st.floats(-170, 170)
radii = st.floats(0.01, 200)


@settings(max_examples=2000)
@given(latitudes, longitudes, radii, st.floats(0, 1), st.floats(0, 1))
def test_any_point_of_the_box_is_settled_as_the_haversine_settles_it(lat, lon, radius, fy, fx):
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, radius)
    plat, plon = min_lat + fy * (max_lat - min_lat), min_lon + fx * (max_lon - min_lon)
    assert settled_rightly(lat, lon, radius, plat, plon)


@settings(max_examples=2000)
@given(latitudes, longitudes, radii, st.floats(0, 360), st.floats(0.9, 1.1))
def test_points_near_the_edge_are_settled_as_the_haversine_settles_them(lat, lon, radius, bearing, ratio):
    plat, plon = destination(lat, lon, radius * ratio, bearing)
    assert settled_rightly(lat, lon, radius, plat, plon)


def test_the_shortcut_covers_england_at_every_radius_search_allows():
    # Lizard Point to Berwick: the arithmetic settles all but the edge for every search the finder runs there.
    for lat in (49.9, 52.0, 55.8):
        assert planar_bounds(lat, 200) is not None
    assert planar_bounds(89.0, 5) is None  # near the pole the meridians converge too fast: haversine alone


@pytest.mark.django_db
def test_places_a_few_metres_either_side_of_the_edge_are_counted_exactly():
    rng = random.Random(5)
    terms = vocabulary_terms()
    feed = m.Feed.objects.create(name="Edge feed")
    radius = 12.0
    inside = 0
    for i in range(24):
        # Towards the northern diagonals the flat-earth distance here is 6 m long: points 2 m inside the edge
        # would fall outside it, so the count is right only if the ring sends them to the haversine. (Only
        # there: to the south it errs the other way, and the two mistakes would cancel in a count.)
        metres = (-2, 2)[i % 2]
        point = destination(*CENTRE, radius + metres / 1000, bearing=(60, 300)[i // 2 % 2] + rng.uniform(-5, 5))
        add_service(feed, terms, name=f"Edge {i}", point=point, rng=rng)
        inside += distance_km(*CENTRE, *point) <= radius
    for i in range(30):  # and many settled by arithmetic alone, well inside and in the box's corners
        km = rng.uniform(0, radius * 0.9) if i % 2 else radius * rng.uniform(1.05, 1.4)
        point = destination(*CENTRE, km, bearing=rng.uniform(0, 360))
        add_service(feed, terms, name=f"Other {i}", point=point, rng=rng)
        inside += distance_km(*CENTRE, *point) <= radius
    refresh_index()
    page = search(SearchQuery(latitude=CENTRE[0], longitude=CENTRE[1], radius_km=radius, per_page=5))
    assert 12 < inside < 54
    assert page.total == inside
