"""The survey's charts: horizontal bars of shares drawn on the server as SVG, in the situation picture's colours
and with a title and description for assistive technology (pages show the same numbers as a table)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hyte.core.formats import format_number
from hyte.situation.charts import COLOURS

BAR, GAP, LABEL_WIDTH, BAR_WIDTH = 22, 10, 260, 300


def share_bars(
    *, chart_id: str, title: str, description: str, bars: Sequence[tuple[str, int]], total: int
) -> SafeString:
    """One bar per (label, count), its length the count's share of `total`, the share and count written beside."""
    if not bars or total <= 0:
        return mark_safe("")
    height = len(bars) * (BAR + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 120
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, (label, count) in enumerate(bars):
        y = GAP + index * (BAR + GAP)
        share = 100 * count / total
        length = BAR_WIDTH * count / total
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" fill="#1b1f24">{escape(label[:40])}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR}" fill="{COLOURS[0]}"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 16}" fill="#1b1f24">'
            f"{escape(format_number(share, 0))} % ({count})</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
