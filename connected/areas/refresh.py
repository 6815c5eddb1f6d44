"""Compute every area's risk, supply and unmet need and rewrite the figures tables, all or nothing.

Called by `manage.py import_areas` (after the inputs), `manage.py refresh_areas` and the
`refresh_area_figures` task (after the directory changes). Pages only read what this writes.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from connected.areas import hexes, need, risk, sources
from connected.areas.inputs import Inputs, read_inputs
from connected.areas.models import AreaRun, AuthorityFigures, SmallAreaFigures
from connected.areas.supply import REACH_KM, Area, Supply, floating_catchment
from connected.core.models import LocalAuthority, LsoaCentroid

LA_CODE = re.compile(r"^[EWSN]\d{8}$")


@dataclass
class Small:
    """One small area while it is being computed."""

    code: str
    name: str
    lsoa21: str
    la_code: str
    lat: float
    lon: float
    population: int
    values: dict[str, float | None]
    contributions: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    supply: Supply = field(default_factory=Supply)
    schemes: list[str] = field(default_factory=list)


def _small_areas(inputs: Inputs) -> list[Small]:
    """England's LSOAs that have a centroid, an authority and people, in code order."""
    rows = LsoaCentroid.objects.filter(code__in=list(inputs.small_areas)).values_list(
        "code", "name", "lsoa21_code", "la_code", "lat", "lon"
    )
    out = []
    for code, name, lsoa21, la_code, lat, lon in rows.order_by("code"):
        area = inputs.small_areas[code]
        if la_code and area.population > 0:
            out.append(Small(code, name, lsoa21, la_code, lat, lon, area.population, risk.values(area)))
    return out


def _score(smalls: list[Small]) -> dict[str, float]:
    means = risk.england_means((s.population, s.values) for s in smalls)
    for s in smalls:
        s.contributions = risk.contributions(s.values, means)
        s.score = risk.score(s.contributions)
    return means


def _supply(smalls: list[Small], reach_km: float) -> int:
    places = sources.active_places()
    areas = [Area(s.code, s.lat, s.lon, s.population) for s in smalls]
    for s, supply in zip(smalls, floating_catchment(areas, places, reach_km), strict=True):
        s.supply = supply
    return len(places)


def _schemes(smalls: list[Small]) -> None:
    coverage = sources.scheme_coverage()
    if not coverage:
        return
    by_postcode = any(not LA_CODE.match(token) for _, tokens in coverage for token in tokens)
    outcodes = sources.nearest_outcodes([(s.lat, s.lon) for s in smalls]) if by_postcode else [""] * len(smalls)
    for s, outcode in zip(smalls, outcodes, strict=True):
        s.schemes = sources.schemes_covering(s.la_code, outcode, coverage)


@dataclass
class Authority:
    code: str
    smalls: list[Small]
    population: int = 0
    contributions: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    share: float = 0.0
    by_type: dict[str, float] = field(default_factory=dict)
    in_reach: int = 0
    covered: int = 0
    schemes: list[str] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)


def _authorities(smalls: list[Small]) -> list[Authority]:
    grouped: dict[str, list[Small]] = defaultdict(list)
    for s in smalls:
        grouped[s.la_code].append(s)
    out = []
    for code in sorted(grouped):
        members = grouped[code]
        a = Authority(code, members, population=sum(s.population for s in members))
        a.contributions = risk.weighted_mean((s.population, s.contributions) for s in members)
        a.score = risk.score(a.contributions)
        a.values = risk.weighted_mean(
            (s.population, {k: v for k, v in s.values.items() if v is not None}) for s in members
        )
        a.share = sum(s.supply.share for s in members)
        for s in members:
            for kind, amount in s.supply.by_type.items():
                a.by_type[kind] = a.by_type.get(kind, 0.0) + amount
        a.in_reach = len(set().union(*(s.supply.services for s in members)))
        a.covered = sum(s.population for s in members if s.schemes)
        a.schemes = sorted({name for s in members for name in s.schemes})
        out.append(a)
    return out


def _per_1000(share: float, population: int) -> float:
    return 1000 * share / population if population else 0.0


def _small_rows(smalls: list[Small], england_per_1000: float, reach_km: float, covered: bool) -> list:
    per_1000 = [s.supply.per_1000(s.population) for s in smalls]
    scores = [s.score for s in smalls]
    unmet, risk_pct, risk_ranks, unmet_ranks = need.ranked(scores, per_1000)
    rows = []
    for i, s in enumerate(smalls):
        why = need.reasons(
            risk_pct=risk_pct[i],
            contributions=s.contributions,
            in_reach=s.supply.in_reach,
            per_1000=per_1000[i],
            england_per_1000=england_per_1000,
            reach_km=reach_km,
            covered=bool(s.schemes) if covered else None,
        )
        rows.append(
            SmallAreaFigures(
                code=s.code,
                name=s.name,
                lsoa21_code=s.lsoa21,
                la_code=s.la_code,
                lat=s.lat,
                lon=s.lon,
                population=s.population,
                risk_score=round(s.score, 4),
                risk_rank=risk_ranks[i],
                inputs={k: (round(v, 5) if v is not None else None) for k, v in s.values.items()},
                contributions={k: round(v, 4) for k, v in s.contributions.items()},
                supply_share=s.supply.share,
                supply_per_1000=round(per_1000[i], 4),
                in_reach=s.supply.in_reach,
                by_type={k: round(v, 5) for k, v in s.supply.by_type.items()},
                covered_population=s.population if s.schemes else 0,
                scheme_covered=bool(s.schemes),
                unmet_need_score=round(unmet[i], 3),
                unmet_rank=unmet_ranks[i],
                reasons=why,
            )
        )
    _ranks_within(rows)
    return rows


def _ranks_within(rows: list[SmallAreaFigures]) -> None:
    grouped: dict[str, list[SmallAreaFigures]] = defaultdict(list)
    for row in rows:
        grouped[row.la_code].append(row)
    for members in grouped.values():
        for rank, row in enumerate(sorted(members, key=lambda r: r.risk_rank), start=1):
            row.rank_in_la = rank
        for rank, row in enumerate(sorted(members, key=lambda r: r.unmet_rank), start=1):
            row.unmet_rank_in_la = rank


def _authority_rows(authorities: list[Authority], inputs: Inputs, england_per_1000: float, reach_km: float) -> list:
    names = {
        code: (name, region) for code, name, region in LocalAuthority.objects.values_list("code", "name", "region")
    }
    layout = hexes.layout([(a.code, *_centre(a.smalls), a.population) for a in authorities])
    per_1000 = [_per_1000(a.share, a.population) for a in authorities]
    scores = [a.score for a in authorities]
    unmet, risk_pct, risk_ranks, unmet_ranks = need.ranked(scores, per_1000)
    rows = []
    for i, a in enumerate(authorities):
        name, region = names.get(a.code, (a.code, ""))
        context = dict(inputs.phof.get(a.code, {}))
        if a.code in inputs.imd_la_score:
            context["imd_score"] = inputs.imd_la_score[a.code]
        rows.append(
            AuthorityFigures(
                code=a.code,
                name=name,
                region=region,
                population=a.population,
                small_areas=len(a.smalls),
                risk_score=round(a.score, 4),
                risk_rank=risk_ranks[i],
                inputs={k: round(v, 5) for k, v in a.values.items()},
                contributions={k: round(v, 4) for k, v in a.contributions.items()},
                supply_share=a.share,
                supply_per_1000=round(per_1000[i], 4),
                in_reach=a.in_reach,
                by_type={k: round(v, 5) for k, v in a.by_type.items()},
                covered_population=a.covered,
                schemes=a.schemes,
                unmet_need_score=round(unmet[i], 3),
                unmet_rank=unmet_ranks[i],
                reasons=need.reasons(
                    risk_pct=risk_pct[i],
                    contributions=a.contributions,
                    in_reach=a.in_reach,
                    per_1000=per_1000[i],
                    england_per_1000=england_per_1000,
                    reach_km=reach_km,
                    covered=None,
                ),
                context=context,
                hex_col=layout[a.code][0],
                hex_row=layout[a.code][1],
            )
        )
    return rows


def _centre(smalls: list[Small]) -> tuple[float, float]:
    """Population-weighted centre of an authority's small areas' centroids."""
    people = sum(s.population for s in smalls) or 1
    return sum(s.lat * s.population for s in smalls) / people, sum(s.lon * s.population for s in smalls) / people


@dataclass
class Refreshed:
    small_areas: int
    authorities: int
    places: int
    seconds: float
    totals: dict


STEPS = ("read inputs", "score risk", "find supply", "match schemes", "rank", "write")


def refresh_figures(
    data_dir: Path, *, reach_km: float = REACH_KM, step: Callable[[str], None] = lambda name: None
) -> Refreshed:
    """Read the inputs, compute everything, and replace the figures tables in one transaction.

    `step` is called with each of STEPS as it starts (the command's progress bar).
    """
    started = time.perf_counter()
    step(STEPS[0])
    inputs = read_inputs(data_dir)
    smalls = _small_areas(inputs)
    step(STEPS[1])
    means = _score(smalls)
    step(STEPS[2])
    places = _supply(smalls, reach_km)
    step(STEPS[3])
    _schemes(smalls)
    step(STEPS[4])
    population = sum(s.population for s in smalls)
    share = sum(s.supply.share for s in smalls)
    england_per_1000 = _per_1000(share, population)
    covered = bool(sources.scheme_coverage())
    small_rows = _small_rows(smalls, england_per_1000, reach_km, covered)
    authorities = _authorities(smalls)
    la_rows = _authority_rows(authorities, inputs, england_per_1000, reach_km)
    totals = {
        "population": population,
        "supply_share": share,
        "supply_per_1000": england_per_1000,
        "covered_population": sum(r.covered_population for r in small_rows),
        "places": places,
        "services_without_place": sources.services_without_place(),
        "england_means": means,
        "excluded_columns": inputs.excluded_columns,
        "schemes": covered,
    }
    step(STEPS[5])
    with transaction.atomic():
        SmallAreaFigures.objects.all().delete()
        AuthorityFigures.objects.all().delete()
        SmallAreaFigures.objects.bulk_create(small_rows, batch_size=2000)
        AuthorityFigures.objects.bulk_create(la_rows, batch_size=500)
        seconds = time.perf_counter() - started
        AreaRun.objects.create(reach_km=reach_km, seconds=seconds, totals=totals)
    return Refreshed(len(small_rows), len(la_rows), places, seconds, totals)
