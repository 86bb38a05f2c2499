"""Choosing an indicator by name: the one search behind every place an indicator is chosen (report blocks, goals,
rules, assessment cells, indicator sets). Searches titles in Finnish, Swedish and English, the Sotkanet id, the
theme and the age group, and shows each match's latest value for the organisation's area."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.http import QueryDict

from hyte.accounts.models import Organisation
from hyte.core.actors import Viewer
from hyte.indicators.forms import PickerForm
from hyte.indicators.models import Indicator, Observation
from hyte.indicators.queries import (
    LONG_TEXT_FIELDS,
    indicators_with_data,
    search_indicators,
    set_indicator_ids,
    visible_indicators,
)

LIMIT = 30


@dataclass
class Pick:
    indicator: Indicator
    latest_year: int | None = None
    latest_value: float | None = None


def pick(
    user: Viewer,
    *,
    area_id: int | None,
    q: str = "",
    theme: str = "",
    age_group: str = "",
    limit: int = LIMIT,
    default_ids: Sequence[int] = (),
) -> list[Pick]:
    """Indicators the user may use that match, at most `limit`, each with its latest value for the area (one
    query for all). With no words given: `default_ids` (e.g. the organisation's indicator sets) where given, else
    the indicators that have values."""
    found = search_indicators(visible_indicators(user), text=q.strip(), theme=theme.strip(), age_group=age_group)
    if not q.strip():
        found = found.filter(pk__in=default_ids) if default_ids else indicators_with_data(found)
    indicators = list(found.defer(*LONG_TEXT_FIELDS)[:limit])
    latest = latest_values([i.pk for i in indicators], area_id=area_id)
    return [Pick(i, *latest.get(i.pk, (None, None))) for i in indicators]


def searched(
    user: Viewer,
    organisation: Organisation,
    params: QueryDict,
    *,
    prefix: str | None = "pick",
    defaults: bool = True,
    wanted: bool = True,
) -> tuple[PickerForm, list[Pick]]:
    """The picker's search form read from the request's query, and its matches for the organisation's area: with
    no words given, the organisation's indicator sets (`defaults`) or else the indicators that have values.
    `wanted=False` (a reader, who chooses nothing) gives the form and no matches, without a query."""
    form = PickerForm(params or None, prefix=prefix)
    if not wanted:
        return form, []
    search = form.cleaned_data if form.is_valid() else {}
    return form, pick(
        user,
        area_id=organisation.area_id,
        q=search.get("q", ""),
        theme=search.get("theme", ""),
        age_group=search.get("age_group", ""),
        default_ids=sorted(set_indicator_ids(organisation)) if defaults else (),
    )


def latest_values(indicator_ids: Sequence[int], *, area_id: int | None) -> dict[int, tuple[int, float]]:
    """Each indicator's latest value for the area (the whole population, yearly), in one query: id → (year, value)."""
    latest: dict[int, tuple[int, float]] = {}
    if area_id is None or not indicator_ids:
        return latest
    for indicator_id, year, value in (
        Observation.objects.filter(
            indicator_id__in=list(indicator_ids),
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
    return latest


def choice_label(found: Pick) -> str:
    """'Title (Sotkanet 683) – 11,9 (2023)': for a select of picked indicators."""
    from hyte.core.formats import number

    indicator = found.indicator
    label = f"{indicator.title} ({indicator.get_source_display()} {indicator.source_id})"
    if found.latest_value is not None:
        label += f" – {number(found.latest_value, indicator.decimals)} ({found.latest_year})"
    return label
