"""Defining what is computed: background questions forming population groups, and indicators from questions
(the answers counted over the valid answers). Each change recomputes and republishes the survey's indicators."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core.actors import Actor
from hyte.indicators.models import Gender, Polarity
from hyte.surveys.models import Dimension, Grouping, Survey, SurveyIndicator
from hyte.surveys.services._common import compute, line, scale_of, unpublish

_KEY = re.compile(r"[^0-9A-Za-z_\-]+")
_GENDERS = {"F": Gender.FEMALE, "M": Gender.MALE}


def _recompute(survey: Survey) -> None:
    cells, _touched = compute(survey)
    audit.record(survey, action=AuditAction.SURVEY_COMPUTE, changes={"cells": len(cells)})


def _default_groups(survey: Survey, question: str, dimension: str) -> list[dict[str, Any]]:
    """Each answer of the question its own group, labelled by the answer's text (gender: LimeSurvey's F and M)."""
    found = survey.question(question)
    answers = (found or {}).get("answers") or []
    groups = []
    for answer in answers:
        code = str(answer["code"])
        key = _GENDERS.get(code, "") if dimension == Dimension.GENDER else _KEY.sub("-", code)[:20]
        groups.append({"key": key, "label_fi": str(answer["label"])[:200], "label_sv": "", "values": [code]})
    return groups


def _clean_groups(survey: Survey, question: str, dimension: str, groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    scale = scale_of(survey, question)
    cleaned: list[dict[str, Any]] = []
    keys: set[str] = set()
    taken: set[str] = set()
    for group in groups:
        key = _KEY.sub("-", str(group.get("key", "")).strip())[:20]
        values = [str(value).strip() for value in group.get("values") or [] if str(value).strip()]
        if not key or not values:
            raise ValidationError(_("Give each group a key and the answers that belong to it."))
        if key in keys:
            raise ValidationError(_("Two groups have the key %(key)s.") % {"key": key})
        if dimension == Dimension.GENDER and key not in (Gender.MALE, Gender.FEMALE):
            raise ValidationError(_("The groups of gender are male and female: say which answers are which."))
        for value in values:
            if scale is not None and value not in scale:
                raise ValidationError(
                    _("%(value)s is not an answer to %(question)s.") % {"value": value[:30], "question": question}
                )
            if value in taken:
                raise ValidationError(_("The answer %(value)s is in two groups.") % {"value": value[:30]})
            taken.add(value)
        keys.add(key)
        label_fi = line(str(group.get("label_fi", "")), 200) or key
        cleaned.append(
            {"key": key, "label_fi": label_fi, "label_sv": line(str(group.get("label_sv", "")), 200), "values": values}
        )
    if not cleaned:
        raise ValidationError(_("Give the groups: the question has no answer scale to take them from."))
    return cleaned


@audit.service(AuditAction.SURVEY_GROUPING_ADD, AuditAction.SURVEY_COMPUTE)
def add_grouping(
    *,
    actor: Actor,
    survey: Survey,
    question: str,
    dimension: str,
    title_fi: str,
    title_sv: str,
    groups: list[dict[str, Any]] | None = None,
) -> Grouping:
    """A background question as a population grouping; without `groups`, each answer is a group of its own."""
    require(actor, Action.EDIT, Grouping(survey=survey))
    if dimension not in Dimension.values:
        raise ValidationError(_("Choose the kind of grouping."))
    title_fi, title_sv = line(title_fi, 200), line(title_sv, 200)
    if not title_fi or not title_sv:
        raise ValidationError(_("Give the grouping a title in Finnish and in Swedish."))
    chosen = groups or _default_groups(survey, question, dimension)
    cleaned = _clean_groups(survey, question, dimension, chosen)
    return audit.create(
        Grouping,
        survey=survey,
        question=question,
        dimension=dimension,
        title_fi=title_fi,
        title_sv=title_sv,
        groups=cleaned,
    )


@audit.service(AuditAction.SURVEY_GROUPING_REMOVE, AuditAction.SURVEY_COMPUTE)
def remove_grouping(*, actor: Actor, grouping: Grouping) -> None:
    """Remove a grouping; the indicators published by it are removed, the others recomputed."""
    require(actor, Action.EDIT, grouping)
    survey = grouping.survey
    from hyte.indicators.models import Indicator, IndicatorSource

    for indicator in grouping.indicators.all():
        Indicator.objects.filter(
            organisation=survey.organisation,
            source=IndicatorSource.SURVEY,
            source_id=f"survey-{survey.pk}-{indicator.pk}-{grouping.pk}",
        ).delete()
    audit.delete(grouping)
    _recompute(survey)


@audit.service(AuditAction.SURVEY_INDICATOR_ADD, AuditAction.SURVEY_COMPUTE)
def add_indicator(
    *,
    actor: Actor,
    survey: Survey,
    question: str,
    counted: Iterable[str],
    title_fi: str,
    title_sv: str,
    polarity: str = Polarity.NO_JUDGEMENT,
    groupings: Iterable[Grouping] = (),
) -> SurveyIndicator:
    """An indicator from a question: the share of valid answers that are one of `counted`, in total and by each
    of `groupings`, published as the organisation's own indicators."""
    require(actor, Action.EDIT, SurveyIndicator(survey=survey))
    scale = scale_of(survey, question)
    counted = [str(value).strip() for value in counted if str(value).strip()]
    if not counted:
        raise ValidationError(_("Choose the answers that are counted."))
    outside = [value for value in counted if scale is not None and value not in scale]
    if outside:
        raise ValidationError(
            _("%(value)s is not an answer to %(question)s.") % {"value": outside[0][:30], "question": question}
        )
    if scale is not None and set(counted) == set(scale):
        raise ValidationError(_("Every answer is counted: the share would always be 100 %."))
    title_fi, title_sv = line(title_fi, 300), line(title_sv, 300)
    if not title_fi or not title_sv:
        raise ValidationError(_("Give the indicator a title in Finnish and in Swedish."))
    if polarity not in Polarity.values:
        raise ValidationError(_("Choose whether high or low is good."))
    groupings = list(groupings)
    if any(grouping.survey_id != survey.pk for grouping in groupings):
        raise ValidationError(_("A grouping of another survey cannot be used."))
    made = audit.create(
        SurveyIndicator,
        survey=survey,
        question=question,
        counted=counted,
        title_fi=title_fi,
        title_sv=title_sv,
        polarity=polarity,
    )
    made.groupings.set(groupings)
    audit.record(made, changes={"groupings": [[], sorted(g.pk for g in groupings)]})
    _recompute(survey)
    return made


@audit.service(AuditAction.SURVEY_INDICATOR_REMOVE)
def remove_indicator(*, actor: Actor, indicator: SurveyIndicator) -> None:
    """Remove a survey indicator and the organisation's indicators published from it."""
    require(actor, Action.EDIT, indicator)
    removed = unpublish(indicator)
    audit.delete(indicator, changes={"published indicators removed": removed})
