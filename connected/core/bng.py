"""British National Grid (EPSG:27700) eastings/northings to WGS84 latitude/longitude.

The LSOA centroids come in grid metres; everything else here is WGS84. We
need only this one direction, for 35,000 points at import time, so rather
than depend on PROJ we follow Ordnance Survey's "A guide to coordinate
systems in Great Britain": the inverse Transverse Mercator projection on
the Airy 1830 ellipsoid (exact to well under a millimetre), then the
published 7-parameter Helmert transformation OSGB36 → WGS84, which OS gives
as accurate to about 5 metres (checked against OS's own OSTN test stations
in tests/geography/test_bng.py). OSTN15 would give centimetres, but needs a
15 MB grid file and a population-weighted centroid does not merit it.
"""

from __future__ import annotations

import math

# Airy 1830 ellipsoid and the National Grid's projection.
_AIRY_A, _AIRY_B = 6377563.396, 6356256.909
_F0 = 0.9996012717
_LAT0, _LON0 = math.radians(49.0), math.radians(-2.0)
_E0, _N0 = 400000.0, -100000.0

# WGS84 ellipsoid.
_WGS_A, _WGS_B = 6378137.0, 6356752.314245

# Helmert OSGB36 → WGS84 (position-vector convention): metres, ppm, arc-seconds.
_TX, _TY, _TZ = 446.448, -125.157, 542.060
_S_PPM = -20.4894
_RX, _RY, _RZ = 0.1502, 0.2470, 0.8421


def grid_to_osgb36(easting: float, northing: float) -> tuple[float, float]:
    """Inverse Transverse Mercator: National Grid metres → OSGB36 (latitude, longitude) in degrees."""
    a, b, f0 = _AIRY_A, _AIRY_B, _F0
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    n2, n3 = n * n, n * n * n

    lat = _LAT0
    meridional = 0.0
    while True:
        lat = (northing - _N0 - meridional) / (a * f0) + lat
        dl, sl = lat - _LAT0, lat + _LAT0
        meridional = (
            b
            * f0
            * (
                (1 + n + 1.25 * n2 + 1.25 * n3) * dl
                - (3 * n + 3 * n2 + 2.625 * n3) * math.sin(dl) * math.cos(sl)
                + (1.875 * n2 + 1.875 * n3) * math.sin(2 * dl) * math.cos(2 * sl)
                - (35 / 24) * n3 * math.sin(3 * dl) * math.cos(3 * sl)
            )
        )
        if abs(northing - _N0 - meridional) < 0.00001:
            break

    sin_lat = math.sin(lat)
    nu = a * f0 / math.sqrt(1 - e2 * sin_lat * sin_lat)
    rho = a * f0 * (1 - e2) / (1 - e2 * sin_lat * sin_lat) ** 1.5
    eta2 = nu / rho - 1
    tan_lat = math.tan(lat)
    t2, t4, t6 = tan_lat**2, tan_lat**4, tan_lat**6
    sec_lat = 1 / math.cos(lat)

    vii = tan_lat / (2 * rho * nu)
    viii = tan_lat / (24 * rho * nu**3) * (5 + 3 * t2 + eta2 - 9 * t2 * eta2)
    ix = tan_lat / (720 * rho * nu**5) * (61 + 90 * t2 + 45 * t4)
    x = sec_lat / nu
    xi = sec_lat / (6 * nu**3) * (nu / rho + 2 * t2)
    xii = sec_lat / (120 * nu**5) * (5 + 28 * t2 + 24 * t4)
    xiia = sec_lat / (5040 * nu**7) * (61 + 662 * t2 + 1320 * t4 + 720 * t6)

    de = easting - _E0
    phi = lat - vii * de**2 + viii * de**4 - ix * de**6
    lam = _LON0 + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return math.degrees(phi), math.degrees(lam)


def _to_cartesian(lat: float, lon: float, a: float, b: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    e2 = 1 - (b * b) / (a * a)
    nu = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    return (
        nu * math.cos(phi) * math.cos(lam),
        nu * math.cos(phi) * math.sin(lam),
        (1 - e2) * nu * math.sin(phi),
    )


def _to_geodetic(x: float, y: float, z: float, a: float, b: float) -> tuple[float, float]:
    e2 = 1 - (b * b) / (a * a)
    p = math.hypot(x, y)
    phi = math.atan2(z, p * (1 - e2))
    for _ in range(10):
        nu = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
        phi = math.atan2(z + e2 * nu * math.sin(phi), p)
    return math.degrees(phi), math.degrees(math.atan2(y, x))


def osgb36_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    """Helmert transformation OSGB36 → WGS84 (about 5 m accuracy across Great Britain)."""
    x, y, z = _to_cartesian(lat, lon, _AIRY_A, _AIRY_B)
    s = _S_PPM * 1e-6
    rx, ry, rz = (math.radians(r / 3600) for r in (_RX, _RY, _RZ))
    x2 = _TX + (1 + s) * x - rz * y + ry * z
    y2 = _TY + rz * x + (1 + s) * y - rx * z
    z2 = _TZ - ry * x + rx * y + (1 + s) * z
    return _to_geodetic(x2, y2, z2, _WGS_A, _WGS_B)


def grid_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """National Grid eastings/northings → WGS84 (latitude, longitude) in degrees."""
    return osgb36_to_wgs84(*grid_to_osgb36(easting, northing))
