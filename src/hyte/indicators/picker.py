"""Choosing an indicator by name: the one search behind every place an indicator is chosen (report blocks, goals,
rules, assessment cells, indicator sets). Searches titles in Finnish, Swedish and English, the Sotkanet id, the
theme and the age group, and shows each match's latest value for the organisation's area."""

from __future__ import annotations

from dataclasses import dataclass

from hyte.core.actors import Viewer
from hyte.indicators.models import Indicator, Observation
from hyte.indicators.queries import LONG_TEXT_FIELDS, indicators_with_data, search_indicators, visible_indicators

LIMIT = 30


@dataclass
class Pick:
    indicator: Indicator
    latest_year: int | None = None
    latest_value: float | None = None


def pick(
    user: Viewer, *, area_id: int | None, q: str = "", theme: str = "", age_group: str = "", limit: int = LIMIT
) -> list[Pick]:
    """Indicators the user may use that match, with data first considered: with no words given, only those with
    values; at most `limit`, each with its latest value for the area (one query for all)."""
    found = search_indicators(visible_indicators(user), text=q.strip(), theme=theme.strip(), age_group=age_group)
    if not q.strip():
        found = indicators_with_data(found)
    indicators = list(found.defer(*LONG_TEXT_FIELDS)[:limit])
    latest: dict[int, tuple[int, float]] = {}
    if area_id is not None and indicators:
        for indicator_id, year, value in (
            Observation.objects.filter(
                indicator_id__in=[i.pk for i in indicators],
                area_id=area_id,
                gender="total",
                age_group="",
                period="",
                value__isnull=False,
            )
            .order_by("year")
            .values_list("indicator_id", "year", "value")
        ):
            if value is not None:
                latest[indicator_id] = (year, value)
    return [Pick(i, *latest.get(i.pk, (None, None))) for i in indicators]
