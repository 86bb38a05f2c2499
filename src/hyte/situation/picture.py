"""The situation picture: each indicator's latest value, changes, trend, comparisons and gender breakdown for
one area, built with a fixed number of queries however many indicators there are.

A municipality is compared with its region, its county, the whole country and the median of similar
municipalities; a county with the whole country and the median of the other counties. Only rates, shares and
indices are compared: a count always shows a smaller number for a smaller area. Better and worse are judged only
by a polarity a person has confirmed (`Indicator.judged_polarity`).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hyte.core.formats import format_number, number, signed
from hyte.indicators.models import AgeGroup, Indicator
from hyte.regions.models import Area, AreaKind
from hyte.situation import reads, stats
from hyte.situation.display import (
    comparison_class,
    comparison_text,
    trend_class,
    trend_judgement_text,
    trend_text,
)
from hyte.situation.peers import fellow_counties, similar_municipalities
from hyte.situation.summaries import summary_sentence

COMPARATORS = ("region", "county", "country", "similar")
NOT_COMPARED = {"count"}  # value types that grow with the area's size
# Years with data the picture reads back from the area's latest: the trend's window (stats.trend, 10 points).
YEARS_READ = 10


@dataclass(slots=True)
class Point:
    year: int
    value: float | None
    count: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None


@dataclass
class ComparisonCell:
    key: str
    label: str
    benchmark: float | None
    year: int | None
    result: stats.Comparison
    area_count: int = 0  # for "similar": how many municipalities the median is of
    decimals: int = 1

    @property
    def benchmark_text(self) -> str:
        return "" if self.benchmark is None else format_number(self.benchmark, self.decimals)

    @property
    def css(self) -> str:
        return comparison_class(self.result)

    @property
    def text(self) -> str:
        return comparison_text(self.result)

    @property
    def untested(self) -> bool:
        return self.result.direction in ("higher", "lower", "similar") and not self.result.significance_tested


@dataclass
class IndicatorRow:
    indicator: Indicator
    area: Area
    latest: Point | None
    interval: tuple[float, float] | None
    interval_998: tuple[float, float] | None
    previous: Point | None
    five_years_before: Point | None
    trend: stats.Trend
    comparisons: list[ComparisonCell]
    genders: dict[str, float | None]
    series: list[Point]

    @functools.cached_property
    def summary(self) -> str:
        """The row in one sentence (the indicator page, exports); written when asked for."""
        return summary_sentence(self, self.area)

    # Texts for the page, formatted in Python: cheaper than filters in a template loop of hundreds of cells.
    @property
    def latest_text(self) -> str:
        return (
            format_number(self.latest.value, self.indicator.decimals)
            if self.latest and self.latest.value is not None
            else "–"
        )

    @property
    def change_text(self) -> str:
        change = self.change_previous
        if change is None or self.previous is None:
            return ""
        return _("%(change)s from %(year)s") % {
            "change": signed(change, self.indicator.decimals),
            "year": self.previous.year,
        }

    @property
    def male_text(self) -> str:
        return number(self.genders.get("male"), self.indicator.decimals)

    @property
    def female_text(self) -> str:
        return number(self.genders.get("female"), self.indicator.decimals)

    @property
    def trend_css(self) -> str:
        return trend_class(self.trend)

    @property
    def trend_text(self) -> str:
        return trend_text(self.trend)

    @property
    def trend_judgement(self) -> str:
        return trend_judgement_text(self.trend)

    @property
    def change_previous(self) -> float | None:
        return _change(self.latest, self.previous)

    @property
    def change_five_years(self) -> float | None:
        return _change(self.latest, self.five_years_before)


def _change(latest: Point | None, earlier: Point | None) -> float | None:
    if latest is None or earlier is None or latest.value is None or earlier.value is None:
        return None
    return latest.value - earlier.value


@dataclass
class Group:
    age_group: str
    label: str
    rows: list[IndicatorRow] = field(default_factory=list)
    html: str = ""  # the table's rows, when a page shows them (situation.table)


@dataclass
class SituationPicture:
    area: Area
    comparator_areas: dict[str, Area | None]
    similar_areas: list[Area]  # a municipality's similar municipalities, or a county's fellow counties
    size_class: str
    groups: list[Group]

    @property
    def peers_are_counties(self) -> bool:
        return self.area.kind == AreaKind.COUNTY

    @property
    def rows(self) -> list[IndicatorRow]:
        return [row for group in self.groups for row in group.rows]


def build(*, area: Area, indicators: Sequence[Indicator]) -> SituationPicture:
    comparator_areas: dict[str, Area | None] = {
        "region": area.region if area.kind == AreaKind.MUNICIPALITY else None,
        "county": area.county if area.kind == AreaKind.MUNICIPALITY else None,
        "country": reads.country() if area.kind != AreaKind.COUNTRY else None,
    }
    if area.kind == AreaKind.COUNTY:
        similar, size_label = fellow_counties(area), ""
    else:
        similar, size_label = similar_municipalities(area)
    indicator_ids = [i.pk for i in indicators]

    # 1. The years in which the area has a value, per indicator (one query, on the primary key's index).
    years_of: dict[int, list[int]] = defaultdict(list)
    for indicator_id, year in reads.years_with_values(indicator_ids, area.pk):
        years_of[indicator_id].append(year)
    spans: dict[tuple[int, int], list[int]] = defaultdict(list)
    for indicator_id, years in years_of.items():
        years.sort()
        spans[(years[-YEARS_READ:][0], years[-1])].append(indicator_id)

    # 2. The values of the area and its comparators in the years the picture reads: the area's last ten years
    # with data, the trend's window, in which the change over five years also falls; its comparators and its
    # genders only in its latest year (one query).
    values: dict[tuple[int, int, str], list[Point]] = defaultdict(list)
    comparator_ids = [a.pk for a in comparator_areas.values() if a is not None]
    for indicator_id, area_id, gender, year, value, count, low, high in reads.window_values(
        spans, area_id=area.pk, comparator_ids=comparator_ids
    ):
        values[(indicator_id, area_id, gender)].append(Point(year, value, count, low, high))

    # 3. The median of the similar municipalities (or the other counties) in the area's latest year (one query).
    peers = reads.peer_medians([a.pk for a in similar], spans)

    # The comparators' ids and names once, not once per row (a name is looked up in the active language).
    comparators = [(key, a.pk, a.name) for key, a in comparator_areas.items() if a is not None]
    rows = [_row(indicator, area, comparators, values, peers, similar_count=len(similar)) for indicator in indicators]
    return SituationPicture(
        area=area,
        comparator_areas=comparator_areas,
        similar_areas=similar,
        size_class=size_label,
        groups=_grouped(rows),
    )


def _denominator(known: list[Point], latest: Point, value_type: str) -> float | None:
    """For a year of 0 events: the denominator of the nearest year with events (it changes slowly)."""
    if latest.count is None or latest.count > 0:
        return None
    nearby = sorted(known, key=lambda p: abs(p.year - latest.year))
    for point in nearby:
        n = stats.denominator_of(value=point.value, count=point.count, value_type=value_type)
        if n is not None:
            return n
    return None


def _intervals(indicator: Indicator, known: list[Point], latest: Point | None) -> list[tuple[float, float] | None]:
    if latest is None:
        return [None, None]
    denominator = _denominator(known, latest, indicator.value_type)
    return [
        stats.value_interval(
            value=latest.value,
            count=latest.count,
            value_type=indicator.value_type,
            ci_low=latest.ci_low,
            ci_high=latest.ci_high,
            denominator=denominator,
            confidence=confidence,
        )
        for confidence in (0.95, 0.998)
    ]


def _row(
    indicator: Indicator,
    area: Area,
    comparators: list[tuple[str, int, str]],
    values: dict[tuple[int, int, str], list[Point]],
    peers: dict[int, tuple[float, int]],
    *,
    similar_count: int,
) -> IndicatorRow:
    """`comparators`: (key, area id, name) of the region, county and country that the area has."""
    indicator_id, area_id, decimals = indicator.pk, area.pk, indicator.decimals
    series = values.get((indicator_id, area_id, "total"), [])
    known = [p for p in series if p.value is not None]
    latest = known[-1] if known else None
    latest_year = latest.year if latest else None
    previous = known[-2] if len(known) > 1 else None
    five_before = next((p for p in known if latest_year is not None and p.year == latest_year - 5), None)
    interval, interval_998 = _intervals(indicator, known, latest)
    polarity = indicator.judged_polarity
    comparable = indicator.value_type not in NOT_COMPARED

    def compare(benchmark: float | None) -> stats.Comparison:
        return stats.compare(
            value=latest.value if latest else None,
            interval=interval,
            interval_998=interval_998,
            benchmark=benchmark,
            polarity=polarity,
            comparable=comparable,
        )

    def at_latest(area_id: int, gender: str) -> float | None:
        """The value of that area and gender in the area's latest year, if any."""
        if latest_year is None:
            return None
        for point in values.get((indicator_id, area_id, gender), ()):
            if point.year == latest_year and point.value is not None:
                return point.value
        return None

    comparisons = []
    for key, comparator_id, name in comparators:
        benchmark = at_latest(comparator_id, "total")
        comparisons.append(
            ComparisonCell(
                key=key,
                label=name,
                benchmark=benchmark,
                year=latest_year,
                result=compare(benchmark),
                decimals=decimals,
            )
        )
    if similar_count:
        median, peer_count = peers.get(indicator_id, (None, 0)) if latest else (None, 0)
        comparisons.append(
            ComparisonCell(
                key="similar",
                label="",
                benchmark=median,
                year=latest_year,
                result=compare(median),
                area_count=peer_count,
                decimals=decimals,
            )
        )
    genders: dict[str, float | None] = {}
    if latest is not None:
        for gender in ("male", "female"):
            point = next((p for p in values.get((indicator_id, area_id, gender), []) if p.year == latest_year), None)
            if point is not None:
                genders[gender] = point.value
    return IndicatorRow(
        indicator=indicator,
        area=area,
        latest=latest,
        interval=interval,
        interval_998=interval_998,
        previous=previous,
        five_years_before=five_before,
        trend=stats.trend([(p.year, p.value) for p in known if p.value is not None], polarity),
        comparisons=comparisons,
        genders=genders,
        series=series,
    )


_AGE_ORDER = [AgeGroup.CHILDREN, AgeGroup.WORKING_AGE, AgeGroup.OLDER, AgeGroup.ALL]


def _grouped(rows: list[IndicatorRow]) -> list[Group]:
    groups = {age: Group(age_group=age, label=str(AgeGroup(age).label)) for age in _AGE_ORDER}
    for row in rows:
        groups[AgeGroup(row.indicator.age_group or AgeGroup.ALL)].rows.append(row)
    for group in groups.values():
        group.rows.sort(key=lambda r: (r.indicator.theme or "~", r.indicator.title))
    return [g for g in groups.values() if g.rows]


def picture_as_records(picture: SituationPicture) -> list[dict[str, Any]]:
    """Flat records for the CSV/XLSX exports and the API."""
    records = []
    for group in picture.groups:
        for row in group.rows:
            record: dict[str, Any] = {
                "age_group": group.age_group,
                "indicator_id": row.indicator.pk,
                "source_id": row.indicator.source_id,
                "indicator": row.indicator.title,
                "polarity": row.indicator.polarity,
                "year": row.latest.year if row.latest else None,
                "value": row.latest.value if row.latest else None,
                "ci_low": row.interval[0] if row.interval else None,
                "ci_high": row.interval[1] if row.interval else None,
                "change_previous": row.change_previous,
                "change_5_years": row.change_five_years,
                "trend": row.trend.direction,
                "trend_judgement": row.trend.judgement,
                "ci998_low": row.interval_998[0] if row.interval_998 else None,
                "ci998_high": row.interval_998[1] if row.interval_998 else None,
                "polarity_confirmed": row.indicator.polarity_confirmed,
                "trend_points": row.trend.points,
                "male": row.genders.get("male"),
                "female": row.genders.get("female"),
                "summary": row.summary,
                "source": row.indicator.attribution,
            }
            for cell in row.comparisons:
                record[f"{cell.key}_value"] = cell.benchmark
                record[f"{cell.key}_direction"] = cell.result.direction
                record[f"{cell.key}_judgement"] = cell.result.judgement
                record[f"{cell.key}_significance_tested"] = cell.result.significance_tested
                record[f"{cell.key}_clear"] = cell.result.clear
            records.append(record)
    return records
