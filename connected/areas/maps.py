"""Maps drawn on the server as SVG: a hexagon map of authorities and a centroid map of small areas.

No boundary files are available offline, so authorities are equal hexagons near where they are
(`hexes.py`) and small areas are dots at their population-weighted centroids. Colour shows the fifth of
the areas shown that an area falls in; the table beside every map carries the numbers, so colour is never
the only way to read it. Each shape has a <title> for pointer users; the SVG as a whole is one image with
a text alternative.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from connected.areas.need import percentiles

# Light to dark NHS blues: each step distinguishable in lightness, the darkest readable against white.
PALETTE = ("#e8edee", "#aecbe5", "#5b9bd5", "#005eb8", "#002f5c")
INK = "#212b32"


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    value: float
    label: str  # the value as shown


def fifths(values: Sequence[float]) -> list[int]:
    """0 (lowest fifth) to 4 (highest fifth) of the values shown."""
    return [min(4, int(p * 5)) for p in percentiles(values)]


def _legend(y: float, title: str, low: str, high: str) -> list[str]:
    """Title on one line, then five swatches from `low` to `high`; 16px text stays legible when scaled down."""
    parts = [f'<text x="8" y="{y:.0f}" font-size="16" fill="{INK}">{escape(title)}</text>']
    parts.append(f'<text x="8" y="{y + 24:.0f}" font-size="16" fill="{INK}">{escape(low)}</text>')
    left = 8 + 9 * len(low)
    for i, colour in enumerate(PALETTE):
        parts.append(
            f'<rect x="{left + i * 26}" y="{y + 10:.0f}" width="24" height="18" fill="{colour}" stroke="{INK}" '
            'stroke-width="0.5"/>'
        )
    parts.append(f'<text x="{left + 5 * 26 + 6}" y="{y + 24:.0f}" font-size="16" fill="{INK}">{escape(high)}</text>')
    return parts


def _open(map_id: str, title: str, desc: str, width: float, height: float) -> list[str]:
    return [
        f'<svg class="areas-map" role="img" aria-labelledby="{map_id}-title {map_id}-desc" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="100%" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{map_id}-title">{escape(title)}</title>',
        f'<desc id="{map_id}-desc">{escape(desc)}</desc>',
    ]


def hex_map(map_id: str, title: str, shapes: Sequence[tuple[Shape, int, int]], low: str, high: str) -> Markup:
    """Authorities as hexagons at (col, row); darker is higher."""
    if not shapes:
        return Markup("")
    r = 9.0  # hexagon circumradius in pixels
    w, h = math.sqrt(3) * r, 1.5 * r
    cols = [c for _, c, _ in shapes]
    rows = [rw for _, _, rw in shapes]
    left, top = min(cols), max(rows)
    width = max((max(cols) - left + 2) * w + 16, 360)
    height = (top - min(rows) + 2) * h + 76
    bands = fifths([s.value for s, _, _ in shapes])
    desc = f"{len(shapes)} areas; darker is higher. The table below gives every value."
    parts = _open(map_id, title, desc, width, height)
    parts += _legend(16, title, low, high)
    for (shape, col, row), band in zip(shapes, bands, strict=True):
        cx = 8 + (col - left + (0.5 if row % 2 else 0) + 0.5) * w
        cy = 66 + (top - row + 0.5) * h
        points = " ".join(
            f"{cx + r * math.cos(math.radians(60 * k - 30)):.1f},{cy + r * math.sin(math.radians(60 * k - 30)):.1f}"
            for k in range(6)
        )
        parts.append(
            f'<polygon points="{points}" fill="{PALETTE[band]}" stroke="{INK}" stroke-width="0.4">'
            f"<title>{escape(shape.name)}: {escape(shape.label)}</title></polygon>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every name and label above went through escape()


def dot_map(
    map_id: str, title: str, shapes: Sequence[tuple[Shape, float, float]], low: str, high: str, width: int = 480
) -> Markup:
    """Small areas as dots at their centroids (lat, lon); darker is higher."""
    if not shapes:
        return Markup("")
    lats = [lat for _, lat, _ in shapes]
    xs = [lon * math.cos(math.radians(sum(lats) / len(lats))) for _, _, lon in shapes]
    span = max(max(xs) - min(xs), max(lats) - min(lats), 1e-6)
    scale = (width - 32) / span
    height = (max(lats) - min(lats)) * scale + 92
    bands = fifths([s.value for s, _, _ in shapes])
    desc = f"{len(shapes)} small areas at their population-weighted centres; darker is higher. See the table."
    parts = _open(map_id, title, desc, width, height)
    parts += _legend(16, title, low, high)
    left, top = min(xs), max(lats)
    for (shape, lat, _), x, band in zip(shapes, xs, bands, strict=True):
        cx = 16 + (x - left) * scale
        cy = 76 + (top - lat) * scale
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{PALETTE[band]}" stroke="{INK}" stroke-width="0.6">'
            f"<title>{escape(shape.name)}: {escape(shape.label)}</title></circle>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every name and label above went through escape()


__all__ = ["Shape", "dot_map", "fifths", "hex_map"]
