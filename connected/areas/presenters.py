"""Shape the precomputed figures for pages and CSV files: rows of plain strings and numbers."""

from __future__ import annotations

from typing import NamedTuple

from django.urls import reverse
from markupsafe import Markup

from connected.areas.inputs import PHOF_COLUMNS
from connected.areas.maps import Shape, dot_map, hex_map
from connected.areas.models import AreaRun, AuthorityFigures, SmallAreaFigures
from connected.areas.risk import FACTORS
from connected.directory.vocabulary import ACTIVITIES

MACHINE_COLUMNS = ("code", "name", "risk_score", "risk_rank", "supply_per_1000", "unmet_need_score")
CODE_VINTAGE = "LSOA 2011"  # what `code` is in small-areas.csv (the X-Area-Code-Vintage header says so)
ACTIVITY_LABEL = {t.code: t.label for t in ACTIVITIES}
MAPS = {
    "risk": ("Loneliness risk score", "risk_score", "lower risk", "higher risk", "{:.1f}"),
    "unmet": ("Unmet need score", "unmet_need_score", "less unmet need", "more", "{:.1f}"),
    "supply": ("Activities per 1,000 people", "supply_per_1000", "fewer", "more", "{:.2f}"),
}


def machine_row(area) -> list:
    return [
        area.code,
        area.name,
        f"{area.risk_score:.2f}",
        area.risk_rank,
        f"{area.supply_per_1000:.3f}",
        f"{area.unmet_need_score:.1f}",
    ]


class SmallRow(NamedTuple):
    unmet_rank_in_la: int
    code: str
    name: str
    lat: float
    lon: float
    risk_score: float
    in_reach: int
    supply_per_1000: float
    unmet_need_score: float


def latest_run() -> AreaRun | None:
    return AreaRun.objects.order_by("-finished_at", "-id").first()


def authorities(order: str = "risk") -> list[AuthorityFigures]:
    ordering = {"risk": "risk_rank", "unmet": "unmet_rank", "supply": "supply_per_1000"}[order]
    return list(
        AuthorityFigures.objects.only(
            "code", "name", "region", "risk_score", "risk_rank", "supply_per_1000", "unmet_need_score", "unmet_rank"
        ).order_by(ordering, "code")
    )


def national_cells(rows: list[AuthorityFigures]) -> list[tuple]:
    """The national table's cells, formatted here (Python is faster than the template at 296 rows)."""
    return [
        (
            a.risk_rank,
            Markup('<a href="{}">{}</a>').format(reverse("areas:authority", args=[a.code]), a.name),
            a.region,
            f"{a.risk_score:.1f}",
            f"{a.supply_per_1000:.2f}",
            f"{a.unmet_need_score:.1f}",
            a.unmet_rank,
        )
        for a in rows
    ]


def factor_rows(contributions: dict[str, float], inputs: dict[str, float | None], means: dict[str, float]) -> list:
    """One row per factor: its value here, England's, the points it adds or takes away, and a word for it."""
    rows = []
    for f in FACTORS:
        points = contributions.get(f.code, 0.0)
        here, england = inputs.get(f.code), means.get(f.code)
        effect = "raises" if points > 0.05 else "lowers" if points < -0.05 else "about average"
        rows.append(
            {
                "code": f.code,
                "label": f.label,
                "here": "unknown" if here is None else _value(f.code, here),
                "england": "" if england is None else _value(f.code, england),
                "points": f"{points:+.1f}",
                "effect": effect,
            }
        )
    return rows


def _value(code: str, value: float) -> str:
    return f"{value:.3f} ln(OR)" if code == "deprivation" else f"{value * 100:.1f}%"


def supply_rows(area, population: int) -> list:
    rows = [
        (ACTIVITY_LABEL.get(code, code), 1000 * share / population if population else 0.0)
        for code, share in area.by_type.items()
    ]
    rows.sort(key=lambda r: (-r[1], r[0]))
    return [{"type": label, "per_1000": f"{per:.3f}"} for label, per in rows]


def context_rows(context: dict[str, float]) -> list:
    labels = {**PHOF_COLUMNS, "imd_score": "Index of Multiple Deprivation 2019, average score"}
    return [{"indicator": labels[k], "value": f"{v:.1f}"} for k, v in context.items() if k in labels]


def national_map(kind: str) -> dict:
    title, field, low, high, fmt = MAPS[kind]
    rows = list(AuthorityFigures.objects.only("code", "name", field, "hex_col", "hex_row").order_by("code"))
    shapes = [
        (Shape(a.code, a.name, getattr(a, field), fmt.format(getattr(a, field))), a.hex_col, a.hex_row) for a in rows
    ]
    svg = hex_map(f"map-{kind}", title, shapes, low, high)
    table = sorted(shapes, key=lambda s: -s[0].value)
    return {"title": title, "svg": svg, "rows": [s for s, _, _ in table], "kind": kind}


def authority_page(area: AuthorityFigures) -> dict:
    run = latest_run()
    means = run.totals.get("england_means", {}) if run else {}
    # Plain rows for the table and map (no model objects, no JSON); the reasons only for the top five.
    fields = ("code", "name", "lat", "lon", "risk_score", "in_reach", "supply_per_1000", "unmet_need_score")
    ordered = SmallAreaFigures.objects.filter(la_code=area.code).order_by("unmet_rank_in_la")
    smalls = [SmallRow(rank, *row) for rank, row in enumerate(ordered.values_list(*fields), start=1)]
    top_needs = list(ordered.only("code", "name", "unmet_need_score", "reasons")[:5])
    shapes = [(Shape(s.code, s.name, s.unmet_need_score, f"{s.unmet_need_score:.1f}"), s.lat, s.lon) for s in smalls]
    return {
        "area": area,
        "run": run,
        "total": AuthorityFigures.objects.count(),
        "factors": factor_rows(area.contributions, area.inputs, means),
        "smalls": smalls,
        "small_cells": [
            (
                s.unmet_rank_in_la,
                f"{s.name} ({s.code})",
                f"{s.risk_score:.1f}",
                s.in_reach,
                f"{s.supply_per_1000:.2f}",
                f"{s.unmet_need_score:.1f}",
            )
            for s in smalls
        ],
        "top_needs": top_needs,
        "map": dot_map("map-small-areas", "Unmet need by small area", shapes, "less", "more"),
        "supply": supply_rows(area, area.population),
        "context": context_rows(area.context),
        "england_per_1000": run.totals.get("supply_per_1000", 0.0) if run else 0.0,
    }
