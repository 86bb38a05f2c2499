"""The situation table's body rows as HTML, written in Python.

A picture of 60 indicators has about 600 cells; Django's template engine spent as long on them as the database
spent on the whole page, so the rows are written here with f-strings, every value passed through
`html.escape`, and the template places them. The columns are the template's header: indicator, latest value,
trend, one column per comparison, men, women; each cell carries its column's name for the phone layout
(`data-label`).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from hyte.situation.picture import ComparisonCell, IndicatorRow


def _latest(row: IndicatorRow, label: str) -> str:
    if row.latest is None:
        return f'<td class="num" data-label="{label}">–</td>'
    change = f' <span class="change">{escape(row.change_text)}</span>' if row.previous else ""
    return (
        f'<td class="num" data-label="{label}">{escape(row.latest_text)} '
        f'<span class="year">({row.latest.year})</span>{change}</td>'
    )


def _trend(row: IndicatorRow, label: str) -> str:
    judgement = ""
    if row.trend.judgement:
        judgement = f' <span class="judgement {row.trend_css}">{escape(row.trend_judgement)}</span>'
    return f'<td data-label="{label}"><span class="trend">{escape(row.trend_text)}</span>{judgement}</td>'


def _comparison(cell: ComparisonCell, peers: str, untested: str) -> str:
    mark = f'<span class="untested" title="{untested}">*</span>' if cell.untested else ""
    benchmark = f' <span class="benchmark">({escape(cell.benchmark_text)})</span>' if cell.benchmark is not None else ""
    label = escape(cell.label) if cell.label else peers
    return (
        f'<td data-label="{label}"><span class="judgement {cell.css}">{escape(cell.text)}</span>{mark}{benchmark}</td>'
    )


def rows_html(rows: Iterable[IndicatorRow], *, indicator_url: str, peers_label: str) -> SafeString:
    """`<tr>` elements of these rows. `indicator_url` + the indicator's id + '/' is its page."""
    latest, trend, men, women = (escape(_(label)) for label in ("Latest", "Trend", "Men", "Women"))
    untested, peers, url = escape(_("not tested for significance")), escape(peers_label), escape(indicator_url)
    html = []
    for row in rows:
        indicator = row.indicator
        comparisons = "".join(_comparison(cell, peers, untested) for cell in row.comparisons)
        html.append(
            f'<tr><th scope="row"><a href="{url}{int(indicator.pk)}/">{escape(indicator.title)}</a></th>'
            f"{_latest(row, latest)}{_trend(row, trend)}{comparisons}"
            f'<td class="num" data-label="{men}">{escape(row.male_text)}</td>'
            f'<td class="num" data-label="{women}">{escape(row.female_text)}</td></tr>'
        )
    return mark_safe("\n".join(html))  # every value in it went through html.escape
