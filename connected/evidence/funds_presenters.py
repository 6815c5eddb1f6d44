"""Page shapes for the funds pages: portfolio rows, one grant, the roll-up table, its sheet and chart.

Every count goes out through `suppression.shown`, so a page or download never holds a small number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from . import funds_figures as figures
from .files import Sheet
from .funds_models import Grant
from .suppression import shown, suppress_table

NOT_REPORTED = "not reported"


def money(value) -> str:
    return f"£{value:,.2f}"


def period(start: date, end: date) -> str:
    return f"{start:%-d %b %Y} to {end:%-d %b %Y}"


def _activities(n: int) -> str:
    return "1 activity" if n == 1 else f"{n} activities"


def portfolio_rows(grants: list[Grant]) -> list[dict]:
    return [
        {
            "pk": g.pk,
            "title": g.title,
            "reference": g.reference,
            "amount": money(g.amount),
            "period": period(g.starts_on, g.ends_on),
            "grantees": ", ".join(o.name for o in g.organisations.all()) or "None named",
            "services": _activities(len(g.services.all())),
        }
        for g in grants
    ]


def _returns_rows(grant: Grant, start, end) -> tuple[list[str], list[list[str]]]:
    returns = list(figures.returns_in(grant, start, end))
    metrics = [("reach", "reach"), ("sessions", "sessions"), ("attendances", "attendances")]
    metrics += [("measured", "people_measured"), ("improved", "people_improved")]
    columns = {}
    for metric, attr in metrics:
        table = suppress_table([[getattr(r, attr) or 0] for r in returns])
        columns[metric] = [row[0] for row in table.cells]
    rows = []
    for i, r in enumerate(returns):
        cells = [NOT_REPORTED if getattr(r, attr) is None else shown(columns[metric][i]) for metric, attr in metrics]
        rows.append([period(r.period_start, r.period_end), *cells, r.measure_instrument or ""])
    headings = ["Period", "People reached", "Sessions", "Attendances", "Measured", "Improved", "Measure"]
    return headings, rows


def grant_page(grant: Grant, start, end) -> dict:
    one = figures.rollup([grant], start, end)
    fig, values = one.rows[0]
    labels, measures = figures.measures_table(grant, start, end) if grant.uses_connected else ([], None)
    return {
        "grant": grant,
        "amount": money(grant.amount),
        "grant_period": period(grant.starts_on, grant.ends_on),
        "organisations": [o.name for o in grant.organisations.all()],
        "services": [s.name for s in grant.services.all()],
        "figures": [
            {
                "label": label,
                "value": shown(values[m]) if fig.values[m] is not None else NOT_REPORTED,
                "source": fig.sources.get(m, "returns"),
            }
            for m, label in figures.METRICS
        ],
        "returns": _returns_rows(grant, start, end),
        "measures": [
            [label, *(shown(v) for v in row), shown(total)]
            for label, row, total in zip(labels, measures.cells, measures.row_totals, strict=True)
        ]
        if measures
        else [],
    }


@dataclass
class RollupTable:
    headings: list[str]
    rows: list[list[str]]
    total: list[str]
    reach: list[tuple[str, int | None, bool]]  # grant title, shown reach, reported


def rollup_table(grants: list[Grant], start, end) -> RollupTable:
    rolled = figures.rollup(grants, start, end)
    rows, reach = [], []
    for fig, values in rolled.rows:
        cells = [shown(values[m]) if rolled.reported[(fig.grant.pk, m)] else NOT_REPORTED for m, _ in figures.METRICS]
        rows.append([fig.grant.title, money(fig.grant.amount), *cells])
        reach.append((fig.grant.title, values["reach"], rolled.reported[(fig.grant.pk, "reach")]))
    amount = sum((g.amount for g in grants), start=0)
    total = ["All grants", money(amount), *(shown(rolled.totals[m]) for m, _ in figures.METRICS)]
    return RollupTable(["Grant", "Amount", *(label for _, label in figures.METRICS)], rows, total, reach)


def rollup_sheet(table: RollupTable, words: str) -> Sheet:
    notes = [f"Grants evaluation: {words}. Small counts are shown as 'fewer than' the threshold."]
    return Sheet("Grants evaluation", table.headings, [*table.rows, table.total], notes)


def reach_chart(table: RollupTable) -> Markup:
    """Horizontal bars of people reached per grant; a withheld or unreported figure has no bar."""
    bar_h, gap, label_w, width = 24, 10, 0, 400
    values = [v for _, v, ok in table.reach if ok and v is not None]
    top = max(values, default=0) or 1
    height = len(table.reach) * (bar_h * 2 + gap) + gap
    parts = [
        f'<svg class="measures-chart__svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="reach-chart-title" focusable="false"><title id="reach-chart-title">People reached '
        f"per grant (the numbers are in the table)</title>"
    ]
    y = gap
    for title, value, ok in table.reach:
        words = shown(value) if ok else NOT_REPORTED
        parts.append(f'<text x="{label_w}" y="{y + 16}" font-size="15" fill="#212b32">{escape(title)}: {words}</text>')
        if ok and value:
            w = max(2, round((width - 10) * value / top))
            parts.append(f'<rect x="0" y="{y + bar_h - 2}" width="{w}" height="{bar_h - 6}" fill="#005eb8"></rect>')
        y += bar_h * 2 + gap
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every interpolated text is escaped or a number
