"""Read the directory and the schemes for the supply side: plain tuples, no model objects kept.

Only active, canonical services (a duplicate listed by another feed is folded into its original) at a place
with a position. Services with no place (online, phone, home visits) are counted apart: they are within
everyone's reach, so they do not tell one area from another.
"""

from __future__ import annotations

import re
from collections import defaultdict

from connected.areas.supply import Place, plane_km
from connected.core.models import OutcodeCentroid
from connected.directory import register
from connected.directory.models import Attribute, Service, ServiceAtLocation
from connected.directory.vocabulary import ACTIVITIES_TAXONOMY


def activity_types() -> dict[str, tuple[str, ...]]:
    """Service id (text) → its activity type codes from Connected's own taxonomy."""
    types: dict[str, list[str]] = defaultdict(list)
    rows = Attribute.objects.filter(
        link_entity=Attribute.LinkEntity.SERVICE, taxonomy_term__taxonomy__name=ACTIVITIES_TAXONOMY
    ).values_list("link_id", "taxonomy_term__code")
    for link_id, code in rows.iterator(chunk_size=20_000):
        if code:
            types[str(link_id)].append(code)
    return {k: tuple(sorted(set(v))) for k, v in types.items()}


def active_places() -> list[Place]:
    """Every place an active canonical service meets, with its activity types."""
    types = activity_types()
    rows = ServiceAtLocation.objects.filter(
        service__status=Service.Status.ACTIVE,
        service__duplicate_of__isnull=True,
        location__latitude__isnull=False,
        location__longitude__isnull=False,
    ).values_list("service_id", "location__latitude", "location__longitude")
    places = []
    for service_id, lat, lon in rows.iterator(chunk_size=20_000):
        key = str(service_id)
        places.append(Place(key, lat, lon, types.get(key, ())))
    return places


def services_without_place() -> int:
    return (
        Service.objects.filter(status=Service.Status.ACTIVE, duplicate_of__isnull=True)
        .exclude(service_at_locations__location__latitude__isnull=False)
        .count()
    )


def nearest_outcodes(points: list[tuple[float, float]]) -> list[str]:
    """The nearest outcode centroid to each point (an approximation of the outcode it lies in; '' if none)."""
    cell = 5.0  # km; most outcode centroids are within a few km of their postcodes
    grid: dict[tuple[int, int], list[tuple[str, float, float]]] = defaultdict(list)
    for outcode, lat, lon in OutcodeCentroid.objects.values_list("outcode", "lat", "lon"):
        x, y = plane_km(lat, lon)
        grid[(int(x // cell), int(y // cell))].append((outcode, x, y))
    found = []
    for lat, lon in points:
        x, y = plane_km(lat, lon)
        cx, cy = int(x // cell), int(y // cell)
        best, best_d = "", 1e18
        for ring in range(0, 4):
            for dx in range(-ring, ring + 1):
                for dy in range(-ring, ring + 1):
                    if max(abs(dx), abs(dy)) != ring:
                        continue
                    for outcode, ox, oy in grid.get((cx + dx, cy + dy), ()):
                        d = (ox - x) ** 2 + (oy - y) ** 2
                        if d < best_d:
                            best, best_d = outcode, d
            if best:
                break
        found.append(best)
    return found


def scheme_coverage() -> list[tuple[str, set[str]]]:
    """(scheme name, the codes it covers) for every scheme in the register that names an area (ADR 0034)."""
    listings = register.schemes().order_by("name")
    areas = register.coverage_of(listings.values_list("id", flat=True))
    found = [(name, {code for _, code, _ in areas.get(pk, [])}) for pk, name in listings.values_list("id", "name")]
    return [(name, codes) for name, codes in found if codes]


def schemes_covering(la_code: str, outcode: str, coverage: list[tuple[str, set[str]]]) -> list[str]:
    """Names of the schemes whose coverage names this authority, outcode or postcode area."""
    area = re.match(r"[A-Z]*", outcode).group(0) if outcode else ""
    keys = {k for k in (la_code, outcode, area) if k}
    return [name for name, covers in coverage if covers & keys]
