"""The organisation's surveys, a survey's page (its settings, structure, groupings, indicators and their values),
and the forms that change them. Members read; coordinators change."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hyte.accounts.permissions import Action, get_for, permissions_for
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST
from hyte.surveys import queries, services
from hyte.surveys.forms import (
    GroupingForm,
    IndicatorForm,
    ResultsForm,
    SettingsForm,
    StructureForm,
    SurveyForm,
    settings_initial,
)
from hyte.surveys.models import Grouping, Survey, SurveyIndicator, SurveyTool
from hyte.surveys.views._common import organisation_of, survey_of, to_survey


@require_GET_or_POST
@login_required
def survey_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = organisation_of(request, slug)
    can_add = permissions_for(request.user).can(Action.EDIT, Survey(organisation=organisation))
    form = SurveyForm(request.POST or None) if can_add else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            created = call_service(
                request,
                services.create_survey,
                organisation=organisation,
                title_fi=data["title_fi"],
                title_sv=data["title_sv"],
                year=data["year"],
                tool=data["tool"],
                min_cell=data["min_cell"],
                keep_until=data["keep_until"],
            )
            if created is not None:
                return redirect("survey", slug=slug, survey_id=created.pk)
    context = {"organisation": organisation, "surveys": queries.surveys_of(request.user, organisation), "form": form}
    return render(request, "surveys/survey_list.html", context)


@require_GET_or_POST
@login_required
def survey_page(request: AuthenticatedRequest, slug: str, survey_id: int) -> HttpResponse:
    """The survey: its indicators' values by group (suppressed cells without numbers), its groupings and structure;
    for coordinators the settings (retention included), the structure file, an upload of results, new
    groupings and indicators. POST saves the settings."""
    survey = survey_of(request, slug, survey_id)
    can_edit = permissions_for(request.user).can(Action.EDIT, survey)
    form = SettingsForm(request.POST or None, initial=settings_initial(survey)) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            saved = call_service(
                request,
                services.update_survey,
                survey=survey,
                title_fi=data["title_fi"],
                title_sv=data["title_sv"],
                year=data["year"],
                min_cell=data["min_cell"],
                keep_until=data["keep_until"],
            )
            if saved is not None:
                return to_survey(survey, "settings")
    indicators = queries.indicators_of(survey)
    context = {
        "organisation": survey.organisation,
        "survey": survey,
        "indicators": [(indicator, queries.cell_rows(indicator)) for indicator in indicators],
        "groupings": queries.groupings_of(survey),
        "imports": queries.imports_of(survey) if can_edit else [],
        "can_edit": can_edit,
        "form": form,
        "structure_form": StructureForm() if can_edit and survey.tool == SurveyTool.LIMESURVEY else None,
        "results_form": ResultsForm() if can_edit and survey.responses_deleted_at is None else None,
        "grouping_form": GroupingForm(survey=survey, prefix="grouping") if can_edit and survey.questions else None,
        "indicator_form": IndicatorForm(survey=survey, prefix="indicator") if can_edit and survey.questions else None,
    }
    return render(request, "surveys/survey.html", context)


@require_POST
@login_required
def survey_structure(request: AuthenticatedRequest, slug: str, survey_id: int) -> HttpResponse:
    survey = survey_of(request, slug, survey_id, Action.EDIT)
    form = StructureForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        call_service(request, services.set_structure, survey=survey, data=upload.read(), filename=upload.name)
    else:
        messages.error(request, form.errors.as_text())
    return to_survey(survey, "structure")


@require_POST
@login_required
def grouping_add(request: AuthenticatedRequest, slug: str, survey_id: int) -> HttpResponse:
    survey = survey_of(request, slug, survey_id, Action.EDIT)
    form = GroupingForm(request.POST, survey=survey, prefix="grouping")
    if form.is_valid():
        call_service(request, services.add_grouping, survey=survey, **form.cleaned_data)
    else:
        messages.error(request, form.errors.as_text())
    return to_survey(survey, "groupings")


@require_POST
@login_required
def grouping_remove(request: AuthenticatedRequest, slug: str, survey_id: int, grouping_id: int) -> HttpResponse:
    survey = survey_of(request, slug, survey_id)
    grouping = get_for(request.user, Action.EDIT, Grouping.objects.filter(survey=survey), pk=grouping_id)
    call_service(request, services.remove_grouping, grouping=grouping)
    return to_survey(survey, "groupings")


@require_POST
@login_required
def indicator_add(request: AuthenticatedRequest, slug: str, survey_id: int) -> HttpResponse:
    survey = survey_of(request, slug, survey_id, Action.EDIT)
    form = IndicatorForm(request.POST, survey=survey, prefix="indicator")
    if form.is_valid():
        call_service(request, services.add_indicator, survey=survey, **form.cleaned_data)
    else:
        messages.error(request, form.errors.as_text())
    return to_survey(survey, "indicators")


@require_POST
@login_required
def indicator_remove(
    request: AuthenticatedRequest, slug: str, survey_id: int, survey_indicator_id: int
) -> HttpResponse:
    survey = survey_of(request, slug, survey_id)
    scoped = SurveyIndicator.objects.filter(survey=survey)
    indicator = get_for(request.user, Action.EDIT, scoped, pk=survey_indicator_id)
    call_service(request, services.remove_indicator, indicator=indicator)
    return to_survey(survey, "indicators")
