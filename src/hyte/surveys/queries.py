"""Reads of residents' surveys, scoped to what the reader may see, in a fixed number of queries. The respondents'
answers are never read here: pages and the API show counts and computed cells only."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_for, permissions_for
from hyte.core.actors import Viewer
from hyte.core.formats import number
from hyte.surveys.models import Cell, Grouping, Survey, SurveyImport, SurveyIndicator


def surveys_of(user: Viewer, organisation: Organisation) -> QuerySet[Survey]:
    """The organisation's surveys (members see them all), with how many indicators each has."""
    if not permissions_for(user).can(Action.VIEW, Survey(organisation=organisation)):
        return Survey.objects.none()
    return (
        Survey.objects.filter(organisation=organisation)
        .select_related("organisation")
        .annotate(indicator_count=Count("indicators", distinct=True))
    )


def survey_for(user: Viewer, organisation: Organisation, survey_id: int, action: Action = Action.VIEW) -> Survey:
    """One survey of the organisation if the reader may `action` it; 404 otherwise."""
    scoped = Survey.objects.filter(organisation=organisation).select_related("organisation", "organisation__area")
    found: Survey = get_for(user, action, scoped, pk=survey_id)
    return found


def indicators_of(survey: Survey) -> list[SurveyIndicator]:
    """The survey's indicators with their groupings and cells (total first, then by grouping)."""
    cells = Cell.objects.select_related("grouping")  # Meta.ordering: the total first, then by grouping
    return list(
        SurveyIndicator.objects.filter(survey=survey).prefetch_related(
            "groupings", Prefetch("cells", queryset=cells, to_attr="ordered_cells")
        )
    )


def groupings_of(survey: Survey) -> list[Grouping]:
    return list(Grouping.objects.filter(survey=survey))


def imports_of(survey: Survey) -> list[SurveyImport]:
    return list(SurveyImport.objects.filter(survey=survey).select_related("created_by").defer("upload")[:10])


def import_for(user: Viewer, survey: Survey, import_id: int) -> SurveyImport:
    scoped = SurveyImport.objects.filter(survey=survey).select_related("survey", "survey__organisation")
    found: SurveyImport = get_for(user, Action.EDIT, scoped, pk=import_id)
    return found


def cell_rows(indicator: SurveyIndicator) -> list[dict[str, Any]]:
    """An indicator's cells as the page and the API show them: suppressed cells without numbers."""
    rows = []
    for cell in getattr(indicator, "ordered_cells", None) or indicator.cells.select_related("grouping"):
        rows.append(
            {
                "grouping": cell.grouping.title if cell.grouping is not None else "",
                "grouping_id": cell.grouping_id,
                "key": cell.key,
                "label": cell.label,
                "count": cell.count,
                "base": cell.base,
                "share": cell.share,
                "ci_low": cell.ci_low,
                "ci_high": cell.ci_high,
                "suppressed": cell.suppressed,
                "percent": number(100 * cell.share, 1) if cell.share is not None else "",
                "interval": (
                    f"{number(100 * cell.ci_low, 1)}–{number(100 * cell.ci_high, 1)}"
                    if cell.ci_low is not None and cell.ci_high is not None
                    else ""
                ),
            }
        )
    return rows
