"""Charts drawn on the server as SVG, so the same chart goes unchanged into pages, reports, PDFs and the public
site. Each chart has a title and a description for assistive technology; pages show its data as a table too.
Series differ by colour, line style and marker, so they can be told apart without colour."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from django.template.defaultfilters import floatformat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hyte.core.formats import format_number
from hyte.situation.boundaries import municipality_rings

# Okabe–Ito colours (distinguishable with colour-vision deficiencies), all ≥ 3:1 against white.
COLOURS = ("#0b5394", "#b35900", "#117a4f", "#8e3b8e", "#6b6b00")
DASHES = ("", "6 4", "2 3", "10 3 2 3", "1 5")
MARKERS = ("circle", "square", "diamond", "triangle", "circle")
WIDTH, HEIGHT = 640, 320
MARGIN = {"left": 64, "right": 16, "top": 16, "bottom": 64}


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if low == high:
        low, high = low - 1, high + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 0.5:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if kind == "diamond":
        points = f"M{x:.1f} {y - 4.5:.1f}L{x + 4.5:.1f} {y:.1f}L{x:.1f} {y + 4.5:.1f}L{x - 4.5:.1f} {y:.1f}Z"
        return f'<path d="{points}" fill="{colour}"/>'
    if kind == "triangle":
        return (
            f'<path d="M{x:.1f} {y - 4.5:.1f}L{x + 4.5:.1f} {y + 4:.1f}L{x - 4.5:.1f} {y + 4:.1f}Z" fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[tuple[str, Sequence[tuple[int, float | None]]]],
    decimals: int = 1,
) -> SafeString:
    points = [(x, y) for _label, values in series for x, y in values if y is not None]
    if not points:
        return mark_safe("")
    years = [x for x, _y in points]
    x_low, x_high = min(years), max(years)
    y_ticks = _nice_ticks(min(0.0, *(y for _x, y in points)), max(y for _x, y in points))
    y_low, y_high = y_ticks[0], y_ticks[-1]
    plot_w = WIDTH - MARGIN["left"] - MARGIN["right"]
    plot_h = HEIGHT - MARGIN["top"] - MARGIN["bottom"]

    def sx(x: float) -> float:
        return MARGIN["left"] + (0.5 if x_high == x_low else (x - x_low) / (x_high - x_low)) * plot_w

    def sy(y: float) -> float:
        return MARGIN["top"] + (1 - (y - y_low) / ((y_high - y_low) or 1)) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
    ]
    for tick in y_ticks:
        y = sy(tick)
        parts.append(
            f'<line x1="{MARGIN["left"]}" x2="{WIDTH - MARGIN["right"]}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d5dc"/>'
        )
        parts.append(
            f'<text x="{MARGIN["left"] - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#333">'
            f"{escape(floatformat(tick, '-2g'))}</text>"
        )
    step = max(1, math.ceil((x_high - x_low + 1) / 12))
    for year in range(x_low, x_high + 1, step):
        parts.append(
            f'<text x="{sx(year):.1f}" y="{HEIGHT - MARGIN["bottom"] + 16}" text-anchor="middle" '
            f'fill="#333">{year}</text>'
        )
    parts.append(
        f'<line x1="{MARGIN["left"]}" x2="{WIDTH - MARGIN["right"]}" y1="{sy(y_low):.1f}" '
        f'y2="{sy(y_low):.1f}" stroke="#333"/>'
    )
    legend_y = HEIGHT - 34
    legend_x = MARGIN["left"]
    for index, (label, values) in enumerate(series):
        if legend_x + 40 + 7 * len(label) > WIDTH and legend_x > MARGIN["left"]:
            legend_x, legend_y = MARGIN["left"], legend_y + 18  # the legend wraps onto a second line
        colour, dash, marker = COLOURS[index % 5], DASHES[index % 5], MARKERS[index % 5]
        known = [(x, y) for x, y in values if y is not None]
        segments: list[list[tuple[int, float]]] = [[]]
        for x, maybe in sorted(values):
            if maybe is None:
                segments.append([])
            else:
                segments[-1].append((x, maybe))
        for segment in segments:
            if len(segment) > 1:
                path = " ".join(f"{'M' if i == 0 else 'L'}{sx(x):.1f} {sy(y):.1f}" for i, (x, y) in enumerate(segment))
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        for x, y in known:
            parts.append(_marker(marker, sx(x), sy(y), colour))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{legend_x}" x2="{legend_x + 28}" y1="{legend_y}" y2="{legend_y}" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attr}/>' + _marker(marker, legend_x + 14, legend_y, colour)
        )
        parts.append(f'<text x="{legend_x + 34}" y="{legend_y + 4}" fill="#1b1f24">{escape(label)}</text>')
        legend_x += 40 + 7 * len(label)
    parts.append("</svg>")
    return mark_safe("".join(parts))


# --- maps ---------------------------------------------------------------------------------------------------

MAP_COLOURS = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")  # light to dark


@lru_cache(maxsize=1)
def _municipality_shapes() -> dict[str, list[list[tuple[float, float]]]]:
    """Municipality code → polygons' rings in projected coordinates (decoded once per process)."""
    stretch = math.cos(math.radians(64))
    return {
        code: [[(lon * stretch, -lat) for lon, lat in ring] for ring in rings]
        for code, rings in municipality_rings().items()
    }


def choropleth(
    *,
    chart_id: str,
    title: str,
    description: str,
    values: dict[str, float | None],
    names: dict[str, str],
    highlight: str = "",
    decimals: int = 1,
    no_data: str = "no data",
) -> SafeString:
    """Municipalities (by code) coloured by value in five equal-count classes; others drawn grey."""
    shapes = _municipality_shapes()
    codes = [code for code in values if code in shapes]
    if not codes:
        return mark_safe("")
    xs = [x for code in codes for ring in shapes[code] for x, _y in ring]
    ys = [y for code in codes for ring in shapes[code] for _x, y in ring]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    scale = 560 / max(max_x - min_x, (max_y - min_y) * 0.75)
    width, height = (max_x - min_x) * scale + 20, (max_y - min_y) * scale + 20
    known = sorted(v for v in (values[c] for c in codes) if v is not None)
    breaks = [known[int(len(known) * q / 5)] for q in range(1, 5)] if known else []

    def colour(value: float | None) -> str:
        if value is None:
            return "#f0f0f0"
        return MAP_COLOURS[sum(1 for b in breaks if value >= b)]

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height + 40:.0f}" class="map" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for code in codes:
        path = "".join(
            "M" + "L".join(f"{(x - min_x) * scale + 10:.1f} {(y - min_y) * scale + 10:.1f}" for x, y in ring) + "Z"
            for ring in shapes[code]
        )
        value = values[code]
        label = f"{names.get(code, code)}: {format_number(value, decimals) if value is not None else no_data}"
        stroke = ' stroke="#000" stroke-width="2.5"' if code == highlight else ' stroke="#fff" stroke-width="0.6"'
        parts.append(f'<path d="{path}" fill="{colour(value)}"{stroke}><title>{escape(label)}</title></path>')
    if breaks:
        legend_y = height + 10
        bounds = [known[0], *breaks, known[-1]]
        for index, fill in enumerate(MAP_COLOURS):
            x = 10 + index * (width - 20) / 5
            parts.append(f'<rect x="{x:.1f}" y="{legend_y:.1f}" width="14" height="14" fill="{fill}" stroke="#555"/>')
            text = f"{format_number(bounds[index], decimals)}–{format_number(bounds[index + 1], decimals)}"
            parts.append(f'<text x="{x + 18:.1f}" y="{legend_y + 12:.1f}" fill="#1b1f24">{escape(text)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
