"""Turn what a person typed ("sw1a 1aa", "SW1A") into a place on the map, and measure distances.

Order (docs/adr, postcode data): the exact postcode; else the outcode's
centroid, for an outcode alone or a well-formed postcode we do not hold
(flagged ``precision="outcode"``); else `PostcodeError`. The area (LSOA,
local authority, region) comes exactly from the ONS Postcode Directory
columns when those were imported, otherwise from the nearest LSOA
population-weighted centroid, flagged ``approximate_area=True``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from connected.core.postcodes import InvalidPostcode, PostcodeError, UnknownPostcode, parse

__all__ = [
    "ATTRIBUTION",
    "InvalidPostcode",
    "Place",
    "PostcodeError",
    "UnknownPostcode",
    "attribution",
    "bounding_box",
    "distance_km",
    "km_to_miles",
    "locate",
    "miles_to_km",
]

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
KM_PER_MILE = 1.609344
BOX_MARGIN_DEG = 1e-4  # widen boxes so that rounding (the R*Tree stores 32-bit floats) never loses a point
# LSOAs cover England and Wales only: Scottish postcodes get no area rather than an English neighbour's.
SCOTTISH_AREAS = frozenset(["AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "ZE"])
ENGLISH_TD_OUTCODES = frozenset({"TD12", "TD15"})  # Berwick-upon-Tweed and Cornhill; the rest of TD is Scotland
NEAREST_LSOA_MAX_KM = 25.0

# The licence terms of the ONS postcode and geography files (shared/data/README.md): show wherever they are used.
ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data © Crown copyright and database right 2025. "
    "Contains Royal Mail data © Royal Mail copyright and database right 2025. "
    "Contains GeoPlace data © Local Government Information House Limited copyright and database right 2025."
)


def attribution() -> str:
    """The attribution text that pages using postcode positions or areas must show."""
    return ATTRIBUTION


Precision = Literal["postcode", "outcode"]


@dataclass(frozen=True)
class Place:
    """Where a query points, how precisely, and the area it falls in (when known)."""

    query: str
    postcode: str | None  # normal form of a full postcode asked for (found or not); None for an outcode alone
    outcode: str
    latitude: float
    longitude: float
    precision: Precision
    approximate_area: bool = False  # area fields come from the nearest LSOA centroid, not the ONS directory
    lsoa_code: str | None = None
    local_authority_code: str | None = None
    local_authority_name: str | None = None
    region: str | None = None
    imd_decile: int | None = None

    @property
    def approximate(self) -> bool:
        """Whether the position is an outcode's centre rather than the postcode itself."""
        return self.precision != "postcode"

    @property
    def label(self) -> str:
        """How to name the place on a page: the postcode, or the outcode when that is all we placed."""
        return self.postcode if self.precision == "postcode" and self.postcode else self.outcode

    @property
    def note(self) -> str:
        """A sentence for the page when the position is approximate, else empty."""
        if self.precision == "postcode":
            return ""
        if self.postcode:
            return f"We could not place {self.postcode} exactly, so distances are from the centre of {self.outcode}."
        return f"Distances are from the centre of {self.outcode}."


def locate(text: str) -> Place:
    """Place a UK postcode or outcode; raises `PostcodeError` (`InvalidPostcode` or `UnknownPostcode`)."""
    from connected.core.models import Postcode

    parsed = parse(text)
    query = " ".join(str(text).split())
    if parsed.is_full:
        row = Postcode.objects.filter(pk=str(parsed)).first()
        if row is not None and row.lat is not None and row.lon is not None:
            area = (
                _exact_area(row) if (row.la_code or row.lsoa_code) else _nearest_area(parsed.outcode, row.lat, row.lon)
            )
            return Place(
                query=query,
                postcode=row.postcode,
                outcode=row.outcode,
                latitude=row.lat,
                longitude=row.lon,
                precision="postcode",
                **area,
            )
    centroid = outcode_centroid(parsed.outcode)
    if centroid is None:
        if parsed.is_full:
            raise UnknownPostcode(
                f"We could not find the postcode {parsed} or the area {parsed.outcode}. "
                "Check the postcode and try again"
            )
        raise UnknownPostcode(f"We could not find the postcode area {parsed.outcode}. Check it and try again")
    return Place(
        query=query,
        postcode=str(parsed) if parsed.is_full else None,
        outcode=parsed.outcode,
        latitude=centroid[0],
        longitude=centroid[1],
        precision="outcode",
        **_nearest_area(parsed.outcode, *centroid),
    )


def outcode_centroid(outcode: str) -> tuple[float, float] | None:
    """The outcode's centroid; for a split central London district ("EC1", "SW1") the mean of its parts.

    People say "SW1" or "WC2", but the ONS files only hold SW1A, SW1E, ... and WC2A, WC2B, ...
    """
    from connected.core.models import OutcodeCentroid

    centroid = OutcodeCentroid.objects.filter(pk=outcode).first()
    if centroid is not None:
        return centroid.lat, centroid.lon
    if not outcode[-1].isdigit():
        return None
    parts = [
        c
        for c in OutcodeCentroid.objects.filter(outcode__startswith=outcode)
        if len(c.outcode) == len(outcode) + 1 and c.outcode[-1].isalpha()
    ]
    weight = sum(max(c.n_postcodes, 1) for c in parts)
    if not parts:
        return None
    lat = sum(c.lat * max(c.n_postcodes, 1) for c in parts) / weight
    lon = sum(c.lon * max(c.n_postcodes, 1) for c in parts) / weight
    return round(lat, 5), round(lon, 5)


def _exact_area(row) -> dict:
    """Area fields from the ONS Postcode Directory columns stored on the postcode."""
    from connected.core.models import LocalAuthority, LsoaCentroid

    la_code = row.la_code or None
    lsoa = LsoaCentroid.objects.filter(pk=row.lsoa_code).first() if row.lsoa_code else None
    if lsoa is None and row.lsoa_code:
        lsoa = LsoaCentroid.objects.filter(lsoa21_code=row.lsoa_code).first()
    authority = LocalAuthority.objects.filter(pk=la_code).first() if la_code else None
    if la_code is None and lsoa is not None:
        la_code = lsoa.la_code or None
    return {
        "approximate_area": False,
        "lsoa_code": row.lsoa_code or None,
        "local_authority_code": la_code,
        "local_authority_name": authority.name if authority else (lsoa.la_name if lsoa else None) or None,
        "region": (authority.region if authority else (lsoa.region if lsoa else None)) or None,
        "imd_decile": row.imd_decile,
    }


def _nearest_area(outcode: str, lat: float, lon: float) -> dict:
    """Area fields from the nearest LSOA population-weighted centroid (England and Wales), flagged approximate."""
    area = "".join(ch for ch in outcode if ch.isalpha())
    if area in SCOTTISH_AREAS or (area == "TD" and outcode not in ENGLISH_TD_OUTCODES):
        return {}
    lsoa = nearest_lsoa(lat, lon)
    if lsoa is None:
        return {}
    return {
        "approximate_area": True,
        "lsoa_code": lsoa.code,
        "local_authority_code": lsoa.la_code or None,
        "local_authority_name": lsoa.la_name or None,
        "region": lsoa.region or None,
    }


def nearest_lsoa(lat: float, lon: float, max_km: float = NEAREST_LSOA_MAX_KM):
    """The LSOA whose population-weighted centroid is nearest (within max_km), or None.

    Searches a small box first and widens it, so a town centre reads a few
    dozen rows through the (lat, lon) index rather than all 35,000.
    """
    from connected.core.models import LsoaCentroid

    for half_km in (2.0, 8.0, max_km):
        min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, half_km)
        rows = LsoaCentroid.objects.filter(lat__gte=min_lat, lat__lte=max_lat, lon__gte=min_lon, lon__lte=max_lon)
        best = min(rows, key=lambda r: distance_km(lat, lon, r.lat, r.lon), default=None)
        # The box's nearest is the true nearest only if it lies within the box's inscribed circle.
        if best is not None and distance_km(lat, lon, best.lat, best.lon) <= half_km:
            return best
    return None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine on the mean Earth sphere; within 0.5% of the ellipsoid)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) holding every point within radius_km of (lat, lon), on the same sphere."""
    angular = radius_km / EARTH_RADIUS_KM
    dlat = math.degrees(angular)
    ratio = math.sin(angular) / max(math.cos(math.radians(lat)), 1e-9)
    dlon = 180.0 if ratio >= 1 else math.degrees(math.asin(ratio))
    m = BOX_MARGIN_DEG
    return lat - dlat - m, lat + dlat + m, lon - dlon - m, lon + dlon + m


def km_to_miles(km: float) -> float:
    return km / KM_PER_MILE


def miles_to_km(miles: float) -> float:
    return miles * KM_PER_MILE
