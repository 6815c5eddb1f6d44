"""The places a policy names, with their loneliness risk and supply from `areas` (issue 21, part 2)."""

from __future__ import annotations

from dataclasses import dataclass

from connected.areas.models import AreaRun, AuthorityFigures

SOURCE = "Connected area figures: loneliness risk and activities within reach (ADR 0029), from ONS and directory data"


@dataclass(frozen=True)
class PlaceFigures:
    code: str
    name: str
    found: bool
    risk_score: str = ""
    risk_rank: str = ""
    in_reach: str = ""
    per_1000: str = ""
    unmet_rank: str = ""


def figures_for(codes: list[str]) -> tuple[list[PlaceFigures], str]:
    """Each code's figures (or a row saying there are none), and the date the figures were computed."""
    found = {a.code: a for a in AuthorityFigures.objects.filter(code__in=codes)}
    total = AuthorityFigures.objects.count()
    rows = []
    for code in codes:
        a = found.get(code)
        if a is None:
            rows.append(PlaceFigures(code=code, name="No figures for this code", found=False))
            continue
        rows.append(
            PlaceFigures(
                code=code,
                name=a.name,
                found=True,
                risk_score=f"{a.risk_score:+.1f}",
                risk_rank=f"{a.risk_rank} of {total}",
                in_reach=f"{a.in_reach:,}",
                per_1000=f"{a.supply_per_1000:.2f}",
                unmet_rank=f"{a.unmet_rank} of {total}",
            )
        )
    run = AreaRun.objects.order_by("-finished_at", "-id").first()
    return rows, (f"{run.finished_at:%d %B %Y}" if run else "")


HEADINGS = (
    "Local authority",
    "Code",
    "Risk score (0 = England average)",
    "Risk rank (1 = highest)",
    "Activities within reach",
    "Activities per 1,000 people",
    "Unmet need rank (1 = greatest)",
)


def table_rows(rows: list[PlaceFigures]) -> list[list[str]]:
    return [
        [r.name, r.code, r.risk_score, r.risk_rank, r.in_reach, r.per_1000, r.unmet_rank]
        if r.found
        else [r.name, r.code, "—", "—", "—", "—", "—"]
        for r in rows
    ]
