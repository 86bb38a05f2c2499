"""Importing a survey's results, as the register's spreadsheet import does it: upload → choose the columns →
preview → confirm (or discard). The preview shows counts per question and every rejected row with its reason,
never a respondent's answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hyte.accounts.permissions import Action
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST
from hyte.indicators.parsing.values import FileRefused
from hyte.surveys import files, queries, services
from hyte.surveys.forms import ColumnsForm, ResultsForm
from hyte.surveys.models import ImportStatus, SurveyTool
from hyte.surveys.preview import checked
from hyte.surveys.views._common import survey_of, to_survey


@require_POST
@login_required
def import_start(request: AuthenticatedRequest, slug: str, survey_id: int) -> HttpResponse:
    survey = survey_of(request, slug, survey_id, Action.EDIT)
    form = ResultsForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return to_survey(survey, "results")
    upload = form.cleaned_data["file"]
    run = call_service(request, services.start_import, survey=survey, data=upload.read(), filename=upload.name)
    if run is None:
        return to_survey(survey, "results")
    return redirect("survey-import", slug=slug, survey_id=survey.pk, import_id=run.pk)


@require_GET_or_POST
@login_required
def import_page(request: AuthenticatedRequest, slug: str, survey_id: int, import_id: int) -> HttpResponse:
    """A table's columns (POST chooses them), then the preview; a finished import's outcome."""
    survey = survey_of(request, slug, survey_id, Action.EDIT)
    run = queries.import_for(request.user, survey, import_id)
    header: list[str] = []
    values: list[list[str] | None] = []
    preview, refused = None, ""
    form = None
    if run.is_open and run.upload is not None:
        try:
            sheet = files.read_file(bytes(run.upload))
            header = files.header_of(sheet)
        except FileRefused as exc:
            refused = str(exc)
        if header and survey.tool == SurveyTool.TABLE:
            form = ColumnsForm(request.POST or None, header=header, mapping=run.mapping)
            values = files.column_values(sheet)
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This import's columns cannot be chosen."))
            return redirect("survey-import", slug=slug, survey_id=survey.pk, import_id=run.pk)
        if form.is_valid():
            id_column, columns = form.columns()
            saved = call_service(request, services.choose_columns, run=run, id_column=id_column, columns=columns)
            if saved is not None:
                return redirect("survey-import", slug=slug, survey_id=survey.pk, import_id=run.pk)
    if run.is_open and run.upload is not None and run.status == ImportStatus.PREVIEW and not refused:
        try:
            preview = checked(run)
        except FileRefused as exc:
            refused = str(exc)
    context = {
        "organisation": survey.organisation,
        "survey": survey,
        "run": run,
        "form": form,
        "columns": list(zip(header, values, strict=False)),
        "preview": preview,
        "refused": refused,
        "questions": {str(q["code"]): q for q in survey.questions},
    }
    return render(request, "surveys/import.html", context)


@require_POST
@login_required
def import_confirm(request: AuthenticatedRequest, slug: str, survey_id: int, import_id: int) -> HttpResponse:
    survey = survey_of(request, slug, survey_id, Action.EDIT)
    run = queries.import_for(request.user, survey, import_id)
    if call_service(request, services.confirm_import, run=run) is None:
        return redirect("survey-import", slug=slug, survey_id=survey.pk, import_id=run.pk)
    return to_survey(survey, "indicators")


@require_POST
@login_required
def import_discard(request: AuthenticatedRequest, slug: str, survey_id: int, import_id: int) -> HttpResponse:
    survey = survey_of(request, slug, survey_id, Action.EDIT)
    run = queries.import_for(request.user, survey, import_id)
    call_service(request, services.discard_import, run=run)
    return to_survey(survey, "results")
