"""What the survey services share: tidy text, and computing the indicators of a survey from its answers and
publishing them as the organisation's own indicators (called inside the services that change what they depend
on, so the cells and the observations are always those of the current answers and definitions)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.indicators import events
from hyte.indicators.models import (
    Gender,
    Indicator,
    IndicatorSource,
    MissingReason,
    Observation,
    ValueType,
)
from hyte.surveys import stats
from hyte.surveys.models import Cell, Dimension, Grouping, Response, Survey, SurveyIndicator


def line(value: str, limit: int) -> str:
    """One line of plain text: control characters dropped, spaces tidied, cut to `limit` characters."""
    kept = "".join(ch if ch.isprintable() else " " for ch in value or "")
    return " ".join(kept.split())[:limit]


def scale_of(survey: Survey, code: str) -> list[str] | None:
    """The answer codes of a question's scale; None for a question without one (any answer is valid)."""
    question = survey.question(code)
    if question is None:
        raise ValidationError(_("The survey has no question %(code)s.") % {"code": code})
    answers = [str(a["code"]) for a in question.get("answers") or []]
    return answers or None


def source_id(indicator: SurveyIndicator, grouping: Grouping | None) -> str:
    base = f"survey-{indicator.survey_id}-{indicator.pk}"
    return f"{base}-{grouping.pk}" if grouping is not None else base


def _grouping_map(grouping: Grouping) -> dict[str, str]:
    return {str(value): group["key"] for group in grouping.groups for value in group.get("values", [])}


def compute(survey: Survey) -> tuple[list[Cell], set[int]]:
    """Recompute every cell of the survey's indicators from the answers it holds, then publish them. Once the
    answers are deleted (retention), the cells and the published indicators stay as they were."""
    if survey.responses_deleted_at is not None:
        return [], set()
    answers = list(Response.objects.filter(survey=survey).values_list("answers", flat=True))
    cells: list[Cell] = []
    touched: set[int] = set()
    for indicator in survey.indicators.prefetch_related("groupings"):
        Cell.objects.filter(indicator=indicator).delete()
        valid = scale_of(survey, indicator.question)
        total, _groups = stats.tally(answers, question=indicator.question, counted=indicator.counted, valid=valid)
        stats.suppress(total, [], survey.min_cell)
        made = [_cell(indicator, None, total)]
        by_grouping: list[tuple[Grouping, list[tuple[stats.Tally, dict[str, Any]]]]] = []
        for grouping in indicator.groupings.all():
            _total, groups = stats.tally(
                answers,
                question=indicator.question,
                counted=indicator.counted,
                valid=valid,
                group_question=grouping.question,
                groups=_grouping_map(grouping),
            )
            tallies = [groups[group["key"]] for group in grouping.groups]
            stats.suppress(total, tallies, survey.min_cell)
            pairs = list(zip(tallies, grouping.groups, strict=True))
            by_grouping.append((grouping, pairs))
            for position, (tally, group) in enumerate(pairs, start=1):
                made.append(_cell(indicator, grouping, tally, group, position))
        Cell.objects.bulk_create(made)
        cells.extend(made)
        touched |= _publish(survey, indicator, made[0], by_grouping)
    events.observations_changed(touched)
    return cells, touched


def _cell(
    indicator: SurveyIndicator,
    grouping: Grouping | None,
    tally: stats.Tally,
    group: dict[str, Any] | None = None,
    position: int = 0,
) -> Cell:
    group = group or {}
    cell = Cell(
        indicator=indicator,
        grouping=grouping,
        key=group.get("key", ""),
        label_fi=group.get("label_fi", ""),
        label_sv=group.get("label_sv", ""),
        position=position,
    )
    if tally.suppressed or tally.base == 0:
        cell.suppressed = tally.suppressed
        return cell
    cell.count, cell.base, cell.share = tally.count, tally.base, tally.count / tally.base
    cell.ci_low, cell.ci_high = stats.wilson(tally.count, tally.base)
    return cell


def _observation(
    indicator: Indicator, survey: Survey, cell: Cell, *, area_id: int, gender: str, age_group: str
) -> Observation:
    shown = not cell.suppressed and cell.share is not None
    return Observation(
        indicator=indicator,
        area_id=area_id,
        year=survey.year,
        gender=gender,
        age_group=age_group,
        value=round(cell.share * 100, 4) if shown and cell.share is not None else None,
        absolute_value=cell.count if shown else None,
        ci_low=round(cell.ci_low * 100, 4) if shown and cell.ci_low is not None else None,
        ci_high=round(cell.ci_high * 100, 4) if shown and cell.ci_high is not None else None,
        missing_reason=MissingReason.SUPPRESSED if cell.suppressed else "",
    )


def _publish(
    survey: Survey,
    survey_indicator: SurveyIndicator,
    total: Cell,
    by_grouping: list[tuple[Grouping, list[tuple[stats.Tally, dict[str, Any]]]]],
) -> set[int]:
    """One indicator of the organisation per grouping (or one for the total when there is none), each with the
    total and its groups: gender in the observations' gender, every other grouping's key in their population
    group, labelled in `Indicator.group_labels`."""
    area_id = survey.organisation.area_id
    if area_id is None:
        return set()
    cells = {(cell.grouping_id, cell.key): cell for cell in survey_indicator.cells.all()}
    wanted: list[Grouping | None] = [grouping for grouping, _pairs in by_grouping] or [None]
    touched: set[int] = set()
    for grouping in wanted:
        indicator = _indicator(survey, survey_indicator, grouping, total)
        Observation.objects.filter(indicator=indicator).delete()
        rows = [_observation(indicator, survey, total, area_id=area_id, gender=Gender.TOTAL, age_group="")]
        if grouping is not None:
            for group in grouping.groups:
                cell = cells[(grouping.pk, group["key"])]
                by_gender = grouping.dimension == Dimension.GENDER
                rows.append(
                    _observation(
                        indicator,
                        survey,
                        cell,
                        area_id=area_id,
                        gender=group["key"] if by_gender else Gender.TOTAL,
                        age_group="" if by_gender else group["key"],
                    )
                )
        Observation.objects.bulk_create(rows)
        touched.add(indicator.pk)
    return touched


def _indicator(survey: Survey, survey_indicator: SurveyIndicator, grouping: Grouping | None, total: Cell) -> Indicator:
    by_fi = f" – {grouping.title_fi.lower()}" if grouping is not None else ""
    by_sv = f" – {(grouping.title_sv or grouping.title_fi).lower()}" if grouping is not None else ""
    sample = total.base if total.base is not None else f"< {survey.min_cell}"
    question = survey_indicator.question
    values = {
        "title_fi": f"{survey_indicator.title_fi}{by_fi}"[:500],
        "title_sv": f"{survey_indicator.title_sv}{by_sv}"[:500],
        "value_type": ValueType.PERCENT,
        "decimals": 1,
        "polarity": survey_indicator.polarity,
        "polarity_set_by_user": True,
        "range_start": survey.year,
        "range_end": survey.year,
        "producer": survey.organisation.name[:300],
        "source_text": f"{survey.title_fi} {survey.year} (n = {sample})"[:500],
        "sample_size": total.base,
        "group_labels": {
            group["key"]: {"fi": group["label_fi"], "sv": group.get("label_sv", "")}
            for group in (grouping.groups if grouping is not None and grouping.dimension != Dimension.GENDER else [])
        },
        "description_fi": f"Osuus kysymykseen {question} kelvollisesti vastanneista, kysely {survey.year}.",
        "description_sv": f"Andel av dem som svarat giltigt på frågan {question}, enkät {survey.year}.",
    }
    indicator, _created = Indicator.objects.update_or_create(
        organisation=survey.organisation,
        source=IndicatorSource.SURVEY,
        source_id=source_id(survey_indicator, grouping),
        defaults=values,
    )
    return indicator


def unpublish(survey_indicator: SurveyIndicator) -> int:
    """Remove the organisation's indicators published from a survey indicator (with their observations)."""
    prefix = source_id(survey_indicator, None)
    found = Indicator.objects.filter(
        organisation_id=survey_indicator.survey.organisation_id, source=IndicatorSource.SURVEY
    ).filter(source_id__regex=rf"^{prefix}(-[0-9]+)?$")
    count = 0
    for indicator in found:
        Observation.objects.filter(indicator=indicator).delete()
        indicator.delete()
        count += 1
    return count
