"""The plan in the budget and the financial statement: the budget view by administrative branch, a measure's
budget lines, and the exports for the budget book and the financial statement. Thin: forms in, services out."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core import clock
from hyte.core.http import AuthenticatedRequest, back_to, call_service, download
from hyte.reports import queries, services
from hyte.reports.budget_exports import budget_docx, budget_xlsx
from hyte.reports.forms import BudgetLineForm
from hyte.reports.models import BudgetLine, Measure, Report, ReportKind


def _plan(request: HttpRequest, slug: str, report_id: int) -> tuple[Organisation, Report]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    plan = queries.report_for(request.user, organisation, report_id)
    if plan.kind == ReportKind.ANNUAL:
        raise Http404  # an annual report's measures are its plan's
    return organisation, plan


def _year(request: HttpRequest, plan: Report) -> int:
    years = queries.budget_years(plan)
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = min(max(clock.today().year, years[0]), years[-1])
    if year not in years:
        raise Http404
    return year


def _to_year(slug: str, plan: Report, year: str) -> HttpResponse:
    response = back_to("report-budget", slug=slug, report_id=plan.pk)
    if year.isdigit():
        response["Location"] += f"?year={year}"
    return response


def _measures(plan: Report) -> list[Measure]:
    return list(
        Measure.objects.filter(goal__report=plan, retired_by=None, goal__retired_by=None)
        .select_related("goal")
        .order_by("goal__position", "position")
    )


@require_GET
@login_required
def budget(request: HttpRequest, slug: str, report_id: int) -> HttpResponse:
    organisation, plan = _plan(request, slug, report_id)
    year = _year(request, plan)
    can_edit = permissions_for(request.user).can(Action.EDIT, plan)
    form = BudgetLineForm(
        measures=_measures(plan) if can_edit else [], years=queries.budget_years(plan), initial={"year": year}
    )
    return render(
        request,
        "reports/budget.html",
        {
            "organisation": organisation,
            "report": plan,
            **queries.budget_of(plan, year),
            "form": form if can_edit else None,
            "can_edit": can_edit,
        },
    )


@require_POST
@login_required
def budget_line_set(request: AuthenticatedRequest, slug: str, report_id: int) -> HttpResponse:
    _organisation, plan = _plan(request, slug, report_id)
    measures = _measures(plan)
    form = BudgetLineForm(request.POST, measures=measures, years=queries.budget_years(plan))
    year = request.POST.get("year", "")
    if form.is_valid():
        data = dict(form.cleaned_data)
        measure = next(m for m in measures if m.pk == data.pop("measure"))
        call_service(request, services.set_budget_line, measure=measure, **data)
    else:
        messages.error(request, form.errors.as_text())
    return _to_year(slug, plan, year)


@require_POST
@login_required
def budget_line_remove(request: AuthenticatedRequest, slug: str, report_id: int, line_id: int) -> HttpResponse:
    _organisation, plan = _plan(request, slug, report_id)
    line = get_object_or_404(BudgetLine.objects.select_related("measure__goal__report"), pk=line_id)
    if line.measure.goal.report_id != plan.pk:
        raise Http404
    call_service(request, services.remove_budget_line, line=line)
    return _to_year(slug, plan, str(line.year))


@require_GET
@login_required
def budget_export(request: HttpRequest, slug: str, report_id: int, file_format: str) -> HttpResponse:
    _organisation, plan = _plan(request, slug, report_id)
    year = _year(request, plan)
    statement = request.GET.get("statement") == "1"
    if file_format == "docx":
        body = budget_docx(plan, year, statement=statement)
    elif file_format == "xlsx":
        body = budget_xlsx(plan, year, statement=statement)
    else:
        raise Http404
    name = f"{'tilinpaatos' if statement else 'talousarvio'}-hyte-{year}"
    return download(body, file_format=file_format, filename=name)
