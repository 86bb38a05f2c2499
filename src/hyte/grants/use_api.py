"""The use reports' API: the grantee NGO reads, writes and sends its report; the funder's coordinators read the
reports of a call and check one. The same services, rules and reads as the pages; refusals answer 400, what the
caller may not see 404. The ledger extract is attached on the page (a file), its name and size are read here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import Http404
from ninja import Field, Router, Schema

from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest
from hyte.grants import queries, services
from hyte.grants.models import UseReport
from hyte.grants.use_checks import use_report_problems

router = Router(tags=["grants"])
AgeGroupCode = Literal["children", "young", "working_age", "older"]


class UseReportOut(Schema):
    application: int
    call: int
    call_title: str
    ngo: str
    granted_eur: Decimal | None
    due_on: dt.date
    status: str = Field(description="due, sent, returned or accepted")
    done: str
    participants: dict[str, int] = Field(description="by age group: children, young, working_age, older")
    money_used_eur: Decimal
    results: str
    ledger_filename: str
    ledger_size: int
    sent_at: dt.datetime | None
    closer_check: bool | None = Field(description="the funder's: null for the grantee")
    closer_check_reason: str
    checklist: list[str]
    check_note: str
    checked_at: dt.datetime | None
    problems: list[str] = Field(description="what still stops the report from being sent")


class UseReportIn(Schema):
    done: str = ""
    participants: dict[AgeGroupCode, Annotated[int, Field(ge=0, le=10_000_000)]] = Field(
        default_factory=dict, description="by age group: children, young, working_age, older"
    )
    money_used_eur: Decimal = Field(default=Decimal(0), ge=0, lt=Decimal("1e10"), max_digits=12, decimal_places=2)
    results: str = ""


class UseReportCheckIn(Schema):
    checklist: list[str] = Field(description="the items confirmed: activities, money, ledger, participants, results")
    note: str = ""
    accept: bool = Field(description="true accepts the report, false returns it for corrections (a note needed)")


def _out(report: UseReport, *, funder: bool) -> dict[str, Any]:
    """The report; whether it was picked for a closer check, and why, is the funder's alone."""
    application = report.application
    return {
        "application": application.pk,
        "call": application.call_id,
        "call_title": application.call.title,
        "ngo": application.applicant_name,
        "granted_eur": application.granted_amount,
        "due_on": report.due_on,
        "status": report.status,
        "done": report.done,
        "participants": report.participants,
        "money_used_eur": report.money_used,
        "results": report.results,
        "ledger_filename": report.ledger_filename,
        "ledger_size": report.ledger_size,
        "sent_at": report.sent_at,
        "closer_check": report.closer_check if funder else None,
        "closer_check_reason": report.closer_check_reason if funder else "",
        "checklist": report.checklist,
        "check_note": report.check_note,
        "checked_at": report.checked_at,
        "problems": use_report_problems(report) if report.is_open else [],
    }


def _report(request: AuthenticatedRequest, slug: str, application_id: int, action: Action) -> UseReport:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    return queries.use_report_for(request.user, organisation, application_id, action)


@router.get(
    "/organisations/{slug}/grant-applications/{application_id}/use-report",
    response=UseReportOut,
    summary="A grant's use report (the grantee's members, the funder's coordinators)",
)
def get_use_report(request: AuthenticatedRequest, slug: str, application_id: int) -> dict[str, Any]:
    report = _report(request, slug, application_id, Action.VIEW)
    return _out(report, funder=report.application.applicant.slug != slug)


@router.put(
    "/organisations/{slug}/grant-applications/{application_id}/use-report",
    response={200: UseReportOut, 400: Problem},
    summary="The use report saved (the grantee's editors; kept whatever it lacks)",
)
def put_use_report(request: AuthenticatedRequest, slug: str, application_id: int, data: UseReportIn) -> Any:
    """Saves what can be stored; `problems` in the answer lists what still stops sending."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    report = queries.use_report_for(request.user, organisation, application_id, Action.VIEW)
    if report.application.applicant_id != organisation.pk or not permissions_for(request.user).can(Action.EDIT, report):
        raise Http404
    draft = services.UseReportDraft(
        done=data.done,
        participants={group: str(count) for group, count in data.participants.items()},
        money_used=data.money_used_eur,
        results=data.results,
    )
    services.save_use_report(actor=request.user, report=report, draft=draft)
    return _out(report, funder=False)


@router.post(
    "/organisations/{slug}/grant-applications/{application_id}/use-report/send",
    response={200: UseReportOut, 400: Problem},
    summary="The use report sent (the grantee's editors; refused while anything is missing)",
)
def post_use_report_send(request: AuthenticatedRequest, slug: str, application_id: int) -> Any:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    report = queries.use_report_for(request.user, organisation, application_id, Action.EDIT)
    if report.application.applicant_id != organisation.pk:
        raise Http404
    services.send_use_report(actor=request.user, report=report)
    return _out(report, funder=False)


@router.post(
    "/organisations/{slug}/grant-applications/{application_id}/use-report/check",
    response={200: UseReportOut, 400: Problem},
    summary="The use report checked: accepted or returned for corrections (the funder's coordinators)",
)
def post_use_report_check(request: AuthenticatedRequest, slug: str, application_id: int, data: UseReportCheckIn) -> Any:
    report = _report(request, slug, application_id, Action.APPROVE)
    services.check_use_report(
        actor=request.user, report=report, ticked=data.checklist, note=data.note, accept=data.accept
    )
    return _out(report, funder=True)


@router.get(
    "/organisations/{slug}/grant-calls/{call_id}/use-reports",
    response=list[UseReportOut],
    summary="The use reports of a call's grants (the funder's coordinators)",
)
def list_call_use_reports(request: AuthenticatedRequest, slug: str, call_id: int) -> list[dict[str, Any]]:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    call = queries.call_for(request.user, organisation, call_id, Action.EDIT)
    reports = queries.use_reports_of_call(call)
    for report in reports:
        report.application.call = call
    return [_out(report, funder=True) for report in reports]
