"""Setting up a survey round: its titles, year, tool, the smallest group shown and how long answers are kept; its
structure from LimeSurvey's .lss or .txt export."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.indicators.parsing.values import FileRefused
from hyte.surveys.models import LOWEST_MIN_CELL, Survey, SurveyTool
from hyte.surveys.services._common import compute, line
from hyte.surveys.structure import read_structure


def _clean(
    *, title_fi: str, title_sv: str, year: int, tool: str, min_cell: int, keep_until: datetime.date | None
) -> dict[str, Any]:
    title_fi, title_sv = line(title_fi, 300), line(title_sv, 300)
    if not title_fi or not title_sv:
        raise ValidationError(_("Give the survey a title in Finnish and in Swedish."))
    if not 1990 <= int(year) <= clock.today().year + 1:
        raise ValidationError(_("Give the year the survey was made."))
    if tool not in SurveyTool.values:
        raise ValidationError(_("Choose the tool the results come from."))
    if int(min_cell) < LOWEST_MIN_CELL:
        raise ValidationError(
            _("The smallest group shown cannot be below %(lowest)s respondents.") % {"lowest": LOWEST_MIN_CELL}
        )
    if keep_until is None:
        raise ValidationError(_("Set the day until which the respondents' answers are kept."))
    return {
        "title_fi": title_fi,
        "title_sv": title_sv,
        "year": int(year),
        "tool": tool,
        "min_cell": int(min_cell),
        "keep_responses_until": keep_until,
    }


@audit.service(AuditAction.SURVEY_CREATE)
def create_survey(
    *,
    actor: Actor,
    organisation: Organisation,
    title_fi: str,
    title_sv: str,
    year: int,
    tool: str,
    keep_until: datetime.date | None,
    min_cell: int = 5,
) -> Survey:
    """A new survey round of the organisation, without results yet."""
    require(actor, Action.EDIT, Survey(organisation=organisation))
    values = _clean(
        title_fi=title_fi, title_sv=title_sv, year=year, tool=tool, min_cell=min_cell, keep_until=keep_until
    )
    now = clock.now()
    return audit.create(Survey, organisation=organisation, created_at=now, updated_at=now, **values)


@audit.service(AuditAction.SURVEY_UPDATE, AuditAction.SURVEY_COMPUTE)
def update_survey(
    *,
    actor: Actor,
    survey: Survey,
    title_fi: str,
    title_sv: str,
    year: int,
    keep_until: datetime.date | None,
    min_cell: int,
) -> Survey:
    """Change the settings; a new smallest group or year recomputes and republishes the indicators."""
    require(actor, Action.EDIT, survey)
    values = _clean(
        title_fi=title_fi, title_sv=title_sv, year=year, tool=survey.tool, min_cell=min_cell, keep_until=keep_until
    )
    values.pop("tool")
    changes = audit.update(survey, updated_at=clock.now(), **values)
    if {"min_cell", "year", "title_fi", "title_sv"} & set(changes) and survey.indicators.exists():
        if "year" in changes:
            _drop_published_year(survey, changes["year"][0])
        cells, _touched = compute(survey)
        audit.record(survey, action=AuditAction.SURVEY_COMPUTE, changes={"cells": len(cells)})
    return survey


def _drop_published_year(survey: Survey, year: int) -> None:
    from hyte.indicators.models import Indicator, IndicatorSource, Observation

    own = Indicator.objects.filter(
        organisation=survey.organisation, source=IndicatorSource.SURVEY, source_id__startswith=f"survey-{survey.pk}-"
    )
    Observation.objects.filter(indicator__in=own, year=year).delete()


@audit.service(AuditAction.SURVEY_STRUCTURE)
def set_structure(*, actor: Actor, survey: Survey, data: bytes, filename: str = "") -> Survey:
    """Read the survey's questions and answer scales from LimeSurvey's structure file (.lss or .txt)."""
    require(actor, Action.EDIT, survey)
    try:
        questions = read_structure(data)
    except FileRefused as exc:
        raise ValidationError(str(exc)) from exc
    audit.update(survey, questions=questions, updated_at=clock.now())
    audit.record(survey, changes={"structure": [filename[:200], f"{len(questions)} questions"]})
    return survey
