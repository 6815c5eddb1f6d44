"""British National Grid → WGS84, checked against Ordnance Survey's own published points."""

from __future__ import annotations

import pytest

from connected.core.bng import grid_to_osgb36, grid_to_wgs84
from connected.core.places import distance_km


def test_inverse_projection_matches_the_os_worked_example() -> None:
    # OS "A guide to coordinate systems in Great Britain", annex C: E 651409.903, N 313177.270
    # is OSGB36 52 deg 39 min 27.2531 sec N, 1 deg 43 min 4.5177 sec E.
    lat, lon = grid_to_osgb36(651409.903, 313177.270)
    assert lat == pytest.approx(52 + 39 / 60 + 27.2531 / 3600, abs=1e-7)  # about 1 cm
    assert lon == pytest.approx(1 + 43 / 60 + 4.5177 / 3600, abs=1e-7)


# OS test stations (OSTN02/OSTN15 test set, © Crown copyright): ETRS89 position and its exact grid reference.
# ETRS89 and WGS84 agree to within a metre in Great Britain.
STATIONS = {
    "BLAC": (53.7791102569444, -3.04045490694444, 331534.552, 431920.792),
    "BRIS": (51.4275474336111, -2.54407618611111, 362269.979, 169978.688),
    "CARL": (54.8954234052778, -2.93827741472222, 339921.133, 556034.759),
    "CARM": (51.8589089675, -4.30852476611111, 241124.573, 220332.638),
    "COLC": (51.8943663752778, 0.897243275, 599445.578, 225722.824),
    "DARE": (53.3448028066667, -2.64049320722222, 357455.831, 383290.434),
    "DROI": (52.2552938163889, -2.15458614944444, 389544.178, 261912.151),
    "EDIN": (55.9247826525, -3.29479218777778, 319188.423, 670947.532),
    "FLA1": (54.1168514433333, -0.077731326666667, 525745.658, 470703.211),
    "GLAS": (55.8539995297222, -4.29649015555556, 256340.914, 664697.266),
}


@pytest.mark.parametrize("station", sorted(STATIONS))
def test_grid_to_wgs84_is_within_five_metres_of_the_os_stations(station: str) -> None:
    lat, lon, easting, northing = STATIONS[station]
    got_lat, got_lon = grid_to_wgs84(easting, northing)
    assert distance_km(lat, lon, got_lat, got_lon) * 1000 < 5.0


def test_lsoa_centroid_lands_in_its_place() -> None:
    # Westminster 018C's population-weighted centroid (from the ONS file) is near St James's, London.
    lat, lon = grid_to_wgs84(529532.802, 180194.577)
    assert distance_km(lat, lon, 51.5035, -0.1340) < 1.0
