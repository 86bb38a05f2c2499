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

from hyte.core.formats import NumberFormat, number, number_format, signed
from hyte.situation.display import comparison_class, comparison_text, trend_class, trend_judgement_text, trend_text
from hyte.situation.display import words as vocabulary
from hyte.situation.picture import ComparisonCell, IndicatorRow


class _Writer:
    """The cells of one table in one language: the words, the number format and the column labels are looked up
    once, not once per cell (the same texts as IndicatorRow's and ComparisonCell's properties)."""

    def __init__(self, *, indicator_url: str, peers_label: str) -> None:
        self.fmt: NumberFormat = number_format()  # digits, separators and signs: nothing to escape
        self.words = {key: escape(word) for key, word in vocabulary().items()}
        self.labels: dict[str, str] = {}  # comparator name → escaped
        self.change_from = _("%(change)s from %(year)s")
        self.latest, self.trend, self.men, self.women = (
            escape(_(label)) for label in ("Latest", "Trend", "Men", "Women")
        )
        self.untested, self.peers = escape(_("not tested for significance")), escape(peers_label)
        self.url = escape(indicator_url)

    def latest_cell(self, row: IndicatorRow) -> str:
        latest, label = row.latest, self.latest
        if latest is None:
            return f'<td class="num" data-label="{label}">–</td>'
        decimals = row.indicator.decimals
        text = self.fmt(latest.value, decimals) if latest.value is not None else "–"
        change = ""
        previous = row.previous
        if previous is not None and latest.value is not None and previous.value is not None:
            change_text = self.change_from % {
                "change": signed(latest.value - previous.value, decimals, fmt=self.fmt),
                "year": previous.year,
            }
            change = f' <span class="change">{escape(change_text)}</span>'
        elif previous is not None:
            change = ' <span class="change"></span>'
        return (
            f'<td class="num" data-label="{label}">{text} <span class="year">({int(latest.year)})</span>{change}</td>'
        )

    def trend_cell(self, row: IndicatorRow) -> str:
        trend, judgement = row.trend, ""
        if trend.judgement:
            judgement = (
                f' <span class="judgement {trend_class(trend)}">{trend_judgement_text(trend, self.words)}</span>'
            )
        return (
            f'<td data-label="{self.trend}"><span class="trend">{trend_text(trend, self.words)}</span>{judgement}</td>'
        )

    def comparison_cell(self, cell: ComparisonCell) -> str:
        result = cell.result
        untested = result.direction in ("higher", "lower", "similar") and not result.significance_tested
        mark = f'<span class="untested" title="{self.untested}">*</span>' if untested else ""
        benchmark = (
            f' <span class="benchmark">({self.fmt(cell.benchmark, cell.decimals)})</span>'
            if cell.benchmark is not None
            else ""
        )
        label = self.peers
        if cell.label:
            label = self.labels.get(cell.label) or self.labels.setdefault(cell.label, escape(cell.label))
        return (
            f'<td data-label="{label}"><span class="judgement {comparison_class(result)}">'
            f"{comparison_text(result, self.words)}</span>{mark}{benchmark}</td>"
        )

    def row(self, row: IndicatorRow) -> str:
        indicator, decimals = row.indicator, row.indicator.decimals
        comparisons = "".join([self.comparison_cell(cell) for cell in row.comparisons])
        male = number(row.genders.get("male"), decimals, fmt=self.fmt)
        female = number(row.genders.get("female"), decimals, fmt=self.fmt)
        return (
            f'<tr><th scope="row"><a href="{self.url}{int(indicator.pk)}/">{escape(indicator.title)}</a></th>'
            f"{self.latest_cell(row)}{self.trend_cell(row)}{comparisons}"
            f'<td class="num" data-label="{self.men}">{male}</td>'
            f'<td class="num" data-label="{self.women}">{female}</td></tr>'
        )


def rows_html(rows: Iterable[IndicatorRow], *, indicator_url: str, peers_label: str) -> SafeString:
    """`<tr>` elements of these rows. `indicator_url` + the indicator's id + '/' is its page."""
    writer = _Writer(indicator_url=indicator_url, peers_label=peers_label)
    # Every text in it went through html.escape; the numbers are digits, separators and signs.
    return mark_safe("\n".join([writer.row(row) for row in rows]))
