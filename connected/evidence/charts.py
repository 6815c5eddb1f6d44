"""Horizontal bar charts drawn on the server as SVG, the numbers in a table beside them.

Only published figures are drawn: a withheld count has no bar, and its label says "fewer than 10",
so the picture tells no more than the table. The SVG has a short text alternative; the table is the
full one (the model is measures.charts).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH, LABEL_W, BAR_H, GAP, RIGHT = 400, 180, 18, 6, 84  # readable at phone width, unscaled


def bar_chart(title: str, bars: Sequence[tuple[str, int | None]], *, chart_id: str, limit: int) -> Markup:
    """One bar per (label, published count); None draws no bar and reads "fewer than `limit`"."""
    top = max((v for _, v in bars if v), default=0) or 1
    height = len(bars) * (BAR_H + GAP) + GAP
    inner = WIDTH - LABEL_W - RIGHT
    desc = "; ".join(f"{label}: {v:,}" if v is not None else f"{label}: fewer than {limit}" for label, v in bars)
    parts = [
        f'<svg class="evidence-chart__svg" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<line x1="{LABEL_W}" y1="0" x2="{LABEL_W}" y2="{height}" stroke="#4c6272"/>',
    ]
    for i, (label, value) in enumerate(bars):
        y = GAP + i * (BAR_H + GAP)
        short = label if len(label) <= 28 else label[:27] + "…"
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + BAR_H - 5}" text-anchor="end" font-size="12" fill="#212b32">'
            f"{escape(short)}</text>"
        )
        width = 0.0 if not value else inner * value / top
        if width:
            parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{width:.1f}" height="{BAR_H}" fill="#005eb8"/>')
        text = f"{value:,}" if value is not None else f"fewer than {limit}"
        parts.append(
            f'<text x="{LABEL_W + width + 4:.1f}" y="{y + BAR_H - 5}" font-size="12" fill="#212b32">'
            f"{escape(text)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every interpolated text is escaped above
