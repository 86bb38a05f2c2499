"""A funnel plot as SVG: each municipality's value against its size (the denominator), with the limits within
which a value is not significantly different from the average at 95% and 99.8%. Like the other charts it has a
title and a description, and the page shows the same values as a table."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hyte.situation.charts import COLOURS, HEIGHT, MARGIN, WIDTH, _nice_ticks


@dataclass(frozen=True)
class FunnelPoint:
    label: str
    denominator: float
    value: float
    highlight: bool = False


def funnel_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: Sequence[FunnelPoint],
    average: float,
    limits: Sequence[tuple[float, float, float, float, float]],  # (denominator, low95, high95, low998, high998)
) -> SafeString:
    if not points or not limits:
        return mark_safe("")
    xs = [math.log10(p.denominator) for p in points]
    x_low, x_high = min(xs), max(xs)
    ys = [p.value for p in points] + [v for row in limits for v in row[1:]] + [average]
    y_ticks = _nice_ticks(min(ys), max(ys))
    y_low, y_high = y_ticks[0], y_ticks[-1]
    plot_w = WIDTH - MARGIN["left"] - MARGIN["right"]
    plot_h = HEIGHT - MARGIN["top"] - MARGIN["bottom"]

    def sx(denominator: float) -> float:
        share = 0.5 if x_high == x_low else (math.log10(denominator) - x_low) / (x_high - x_low)
        return MARGIN["left"] + min(1.0, max(0.0, share)) * plot_w

    def sy(value: float) -> float:
        return MARGIN["top"] + (1 - (value - y_low) / ((y_high - y_low) or 1)) * plot_h

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
    for power in range(math.floor(x_low), math.ceil(x_high) + 1):
        if x_low <= power <= x_high:
            parts.append(
                f'<text x="{sx(10**power):.1f}" y="{HEIGHT - MARGIN["bottom"] + 16}" text-anchor="middle" '
                f'fill="#333">{10**power:,}</text>'.replace(",", " ")
            )
    ordered = sorted(limits)
    for index, dash in ((1, "6 4"), (3, "2 3")):
        for offset in (0, 1):
            path = " ".join(
                f"{'M' if i == 0 else 'L'}{sx(row[0]):.1f} {sy(row[index + offset]):.1f}"
                for i, row in enumerate(ordered)
            )
            parts.append(
                f'<path d="{path}" fill="none" stroke="#4a5360" stroke-width="1.5" stroke-dasharray="{dash}"/>'
            )
    parts.append(
        f'<line x1="{MARGIN["left"]}" x2="{WIDTH - MARGIN["right"]}" y1="{sy(average):.1f}" y2="{sy(average):.1f}" '
        f'stroke="#1b1f24" stroke-width="1.5"/>'
    )
    for point in points:
        colour = COLOURS[1] if point.highlight else COLOURS[0]
        radius = 6 if point.highlight else 3.5
        parts.append(
            f'<circle cx="{sx(point.denominator):.1f}" cy="{sy(point.value):.1f}" r="{radius}" fill="{colour}">'
            f"<title>{escape(point.label)}</title></circle>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
