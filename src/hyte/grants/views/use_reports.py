"""Use reports: the NGO writes and sends its report with the ledger extract; the funder's coordinators read it,
check it, move its due date, and list a call's reports with a random sample for a closer check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.permissions import Action, permissions_for
from hyte.core import clock
from hyte.core.http import AuthenticatedRequest, back_to, call_service, private_file, require_GET_or_POST
from hyte.grants import queries, review_queries, services
from hyte.grants.models import UseReport
from hyte.grants.use_checks import use_report_problems
from hyte.grants.use_forms import DueForm, LedgerForm, SampleForm, UseReportCheckForm, UseReportForm
from hyte.grants.views.calls import organisation_of


def _to_report(slug: str, application_id: int, anchor: str = "") -> HttpResponse:
    return back_to("grants-use-report", anchor, slug=slug, application_id=application_id)


@require_GET_or_POST
@login_required
def use_report(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    """The NGO's report (saved whatever it lacks, every problem listed); the funder's check beside it."""
    organisation = organisation_of(request, slug)
    report = queries.use_report_for(request.user, organisation, application_id, Action.VIEW)
    perms = permissions_for(request.user)
    grantee = report.application.applicant_id == organisation.pk
    can_write = grantee and report.is_open and perms.can(Action.EDIT, report)
    can_check = not grantee and perms.can(Action.APPROVE, report)
    form = UseReportForm(request.POST or None, initial=UseReportForm.initial_from(report)) if can_write else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            found = call_service(request, services.save_use_report, report=report, draft=form.draft())
            for problem in found or []:
                messages.warning(request, problem)
            return _to_report(slug, application_id)
    return render(
        request,
        "grants/use_report.html",
        {
            "organisation": organisation,
            "report": report,
            "application": report.application,
            "call": report.application.call,
            "form": form,
            "ledger_form": LedgerForm() if can_write else None,
            "problems": use_report_problems(report) if can_write else [],
            "overdue": report.is_open and report.due_on < clock.today(),
            "check_form": UseReportCheckForm(initial={"checklist": report.checklist}) if can_check else None,
            "due_form": DueForm(initial={"due_on": report.due_on}) if can_check else None,
            "participants": _participants(report),
            "conflicts": review_queries.conflicts(request.user, report.application) if can_check else [],
        },
    )


def _participants(report: UseReport) -> list[tuple[str, int]]:
    from hyte.actors.models import AgeGroup

    return [(str(group.label), report.participants[group.value]) for group in AgeGroup if group in report.participants]


@require_POST
@login_required
def use_report_send(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    report = queries.use_report_for(request.user, organisation_of(request, slug), application_id, Action.EDIT)
    call_service(request, services.send_use_report, report=report)
    return _to_report(slug, application_id)


@require_POST
@login_required
def use_report_ledger(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    report = queries.use_report_for(request.user, organisation_of(request, slug), application_id, Action.EDIT)
    form = LedgerForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return _to_report(slug, application_id, "ledger")
    upload = form.cleaned_data["file"]
    call_service(request, services.attach_ledger, report=report, data=upload.read(), filename=upload.name or "")
    return _to_report(slug, application_id, "ledger")


@require_GET
@login_required
def use_report_ledger_file(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    report = queries.use_report_for(request.user, organisation_of(request, slug), application_id, Action.VIEW)
    data = UseReport.objects.filter(pk=report.pk).values_list("ledger", flat=True).first()
    if not data:
        raise Http404
    return private_file(bytes(data), content_type=report.ledger_content_type, filename=report.ledger_filename)


@require_POST
@login_required
def use_report_check(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    report = queries.use_report_for(request.user, organisation_of(request, slug), application_id, Action.APPROVE)
    form = UseReportCheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return _to_report(slug, application_id, "check")
    call_service(
        request,
        services.check_use_report,
        report=report,
        ticked=form.cleaned_data["checklist"],
        note=form.cleaned_data["note"],
        accept=form.cleaned_data["decision"] == "accept",
    )
    return _to_report(slug, application_id, "check")


@require_POST
@login_required
def use_report_due(request: AuthenticatedRequest, slug: str, application_id: int) -> HttpResponse:
    report = queries.use_report_for(request.user, organisation_of(request, slug), application_id, Action.APPROVE)
    form = DueForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
    else:
        call_service(request, services.set_use_report_due, report=report, due_on=form.cleaned_data["due_on"])
    return _to_report(slug, application_id, "check")


@require_GET_or_POST
@login_required
def call_use_reports(request: AuthenticatedRequest, slug: str, call_id: int) -> HttpResponse:
    """A call's use reports for its coordinators: status, due date, overdue, and who is picked for a closer check;
    a random sample of the sent ones can be picked."""
    organisation = organisation_of(request, slug)
    call = queries.call_for(request.user, organisation, call_id, Action.EDIT)
    form = SampleForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            call_service(request, services.draw_sample, call=call, percent=form.cleaned_data["percent"])
        else:
            messages.error(request, form.errors.as_text())
        return back_to("grants-use-reports", slug=slug, call_id=call_id)
    return render(
        request,
        "grants/use_reports.html",
        {
            "organisation": organisation,
            "call": call,
            "reports": queries.use_reports_of_call(call),
            "today": clock.today(),
            "sample_form": form,
        },
    )
