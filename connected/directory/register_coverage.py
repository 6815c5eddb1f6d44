"""Coverage of England by the register: each local authority's schemes, the gaps and the overlaps.

A scheme covers an authority wholly when it names the authority's code, and in part when it names
a postcode district or area whose centre lies in it (placed by the nearest LSOA centroid, an
approximation the pages say). Practice and PCN coverage is not placed on the map (no open lookup
of practices to authorities is held here).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from connected.core.models import LocalAuthority, OutcodeCentroid
from connected.core.places import nearest_lsoa

from . import models as m
from .register import AREA, LA, OUTCODE, area_of_uri

ENGLAND = "E"


@dataclass
class AuthorityCoverage:
    code: str
    name: str
    region: str
    whole: list[str] = field(default_factory=list)  # schemes naming the authority
    part: list[str] = field(default_factory=list)  # schemes naming a district or area in it

    @property
    def schemes(self) -> list[str]:
        return sorted(set(self.whole) | set(self.part))

    @property
    def gap(self) -> bool:
        return not self.schemes

    @property
    def overlap(self) -> bool:
        return len(set(self.whole)) > 1


def _outcode_authority(outcodes: set[str]) -> dict[str, str]:
    """Outcode -> the local authority its centre lies in (nearest LSOA centroid)."""
    out = {}
    for centroid in OutcodeCentroid.objects.filter(pk__in=outcodes):
        lsoa = nearest_lsoa(centroid.lat, centroid.lon)
        if lsoa is not None and lsoa.la_code:
            out[centroid.outcode] = lsoa.la_code
    return out


def _outcodes_in_areas(areas: set[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    if not areas:
        return found
    for outcode in OutcodeCentroid.objects.values_list("outcode", flat=True):
        letters = re.match(r"[A-Z]+", outcode)
        if letters and letters.group(0) in areas:
            found[letters.group(0)].add(outcode)
    return found


def england() -> list[AuthorityCoverage]:
    """Every English local authority with the schemes that cover it, by name."""
    rows = {
        la.code: AuthorityCoverage(la.code, la.name, la.region)
        for la in LocalAuthority.objects.filter(code__startswith=ENGLAND)
    }
    coded = defaultdict(list)  # kind -> [(code, scheme name)]
    areas = m.ServiceArea.objects.filter(service__scheme__isnull=False, service__status=m.Service.Status.ACTIVE)
    for uri, name in areas.values_list("uri", "service__name"):
        parsed = area_of_uri(uri)
        if parsed:
            coded[parsed[0]].append((parsed[1], name))
    for code, name in coded[LA]:
        if code in rows:
            rows[code].whole.append(name)
    in_area = _outcodes_in_areas({code for code, _ in coded[AREA]})
    partial = [(code, name) for code, name in coded[OUTCODE]]
    partial += [(outcode, name) for code, name in coded[AREA] for outcode in in_area.get(code, ())]
    placed = _outcode_authority({code for code, _ in partial})
    for outcode, name in partial:
        la = placed.get(outcode)
        if la in rows and name not in rows[la].part:
            rows[la].part.append(name)
    return sorted(rows.values(), key=lambda r: (r.region, r.name))


def summary(rows: list[AuthorityCoverage]) -> dict[str, int]:
    return {
        "authorities": len(rows),
        "covered": sum(1 for r in rows if not r.gap),
        "gaps": sum(1 for r in rows if r.gap),
        "overlaps": sum(1 for r in rows if r.overlap),
    }
