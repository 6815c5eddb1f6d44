"""Small line charts drawn on the server as SVG: no JavaScript, no CDN, numbers in a table beside them.

The SVG is a picture for sighted users; the table carries the same numbers for
everyone, so the SVG has a short text alternative and the table is the full one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 320, 170
LEFT, RIGHT, TOP, BOTTOM = 36, 36, 12, 40  # room for the last x label ("Follow-up")


@dataclass(frozen=True)
class Point:
    label: str  # x-axis label, e.g. "Baseline 3 Mar 2026"
    value: float


@dataclass(frozen=True)
class LineChart:
    title: str
    svg: Markup
    table_headings: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def y_position(value: float, low: float, high: float) -> float:
    """Vertical pixel position: `high` at the top of the plot, `low` at the bottom."""
    span = (high - low) or 1
    return TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / span


def x_positions(count: int) -> list[float]:
    inner = WIDTH - LEFT - RIGHT
    if count == 1:
        return [LEFT + inner / 2]
    return [LEFT + inner * i / (count - 1) for i in range(count)]


def line_chart(
    title: str,
    points: Sequence[Point],
    *,
    low: float,
    high: float,
    direction_note: str = "",
    chart_id: str = "chart",
    extra_columns: Sequence[tuple[str, Sequence[str]]] = (),
) -> LineChart:
    """An SVG line through `points` on a fixed y scale from `low` to `high`, and its table.

    chart_id must be unique on the page (it names the SVG's title and description).
    extra_columns adds columns to the table (e.g. the band), one value per point.
    """
    xs = x_positions(len(points)) if points else []
    ys = [y_position(p.value, low, high) for p in points]
    desc = "; ".join(f"{p.label}: {_fmt(p.value)}" for p in points) or "No scores yet"
    parts = [
        f'<svg class="measures-chart__svg" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}{escape(". " + direction_note if direction_note else "")}</desc>',
    ]
    bottom = HEIGHT - BOTTOM
    parts.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}" stroke="#4c6272" stroke-width="1"/>')
    parts.append(f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" stroke="#4c6272"/>')
    for tick in sorted({low, (low + high) / 2, high}):
        y = y_position(tick, low, high)
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#212b32">{_fmt(tick)}</text>'
        )
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d8dde0"/>')
    if len(points) > 1:
        coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
        parts.append(f'<polyline points="{coords}" fill="none" stroke="#005eb8" stroke-width="2"/>')
    for x, y, point in zip(xs, ys, points, strict=True):
        value = escape(_fmt(point.value))
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#005eb8"><title>{value}</title></circle>')
        short = escape(point.label.split(" ")[0])
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" font-size="11" fill="#212b32">{short}</text>'
        )
    parts.append("</svg>")
    headings = ("When", "Score", *(name for name, _ in extra_columns))
    rows = tuple(
        (p.label, _fmt(p.value), *(str(values[i]) for _, values in extra_columns)) for i, p in enumerate(points)
    )
    return LineChart(title=title, svg=Markup("".join(parts)), table_headings=headings, table_rows=rows)  # noqa: S704 - every interpolated text is escaped above
