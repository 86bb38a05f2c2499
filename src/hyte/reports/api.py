from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from hyte.accounts.permissions import Action, get_organisation_for
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest
from hyte.reports import queries, services
from hyte.reports.content import dump
from hyte.reports.models import Goal, MeasureStatus, Progress, Report

router = Router(tags=["reports"])


class ReportOut(Schema):
    id: int
    kind: str
    title: str
    title_sv: str
    term_start: int
    term_end: int
    year: int | None
    status: str
    decision_body: str
    decision_date: str | None
    decision_reference: str

    @staticmethod
    def resolve_decision_date(obj: Report) -> str | None:
        return obj.decision_date.isoformat() if obj.decision_date else None


class ProgressIn(Schema):
    status: MeasureStatus
    text: str = ""


class MeasureIn(Schema):
    text: str
    responsible_parties: list[str] = []
    schedule: str = ""
    budget_line: str = ""


def _report(request: HttpRequest, slug: str, report_id: int) -> Report:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    return queries.report_for(request.user, organisation, report_id)


@router.get("/organisations/{slug}/reports", response=list[ReportOut], summary="The organisation's reports")
def list_reports(request: AuthenticatedRequest, slug: str) -> Any:
    organisation = get_organisation_for(request.user, slug, Action.VIEW_DRAFTS)
    return queries.reports_of(organisation)


@router.get("/organisations/{slug}/reports/{report_id}", summary="A report with its sections, goals and measures")
def get_report(request: AuthenticatedRequest, slug: str, report_id: int) -> dict[str, Any]:
    """The report as it stands now: the same content that approval freezes, and the annual progress entries."""
    report = _report(request, slug, report_id)
    content = dump(queries.snapshot(report))
    content["id"] = report.pk
    content["status"] = report.status
    content["progress"] = [
        {"id": p.pk, "goal": p.goal_id, "measure": p.measure_id, "status": p.status, "text": p.text}
        for p in Progress.objects.filter(report=report)
    ]
    content["versions"] = [
        {"number": v.number, "status": v.status, "frozen_at": v.frozen_at.isoformat()} for v in report.versions.all()
    ]
    return content


@router.put(
    "/organisations/{slug}/reports/{report_id}/progress/{entry_id}",
    response={200: dict, 400: Problem},
    summary="Record a goal's or a measure's progress",
)
def put_progress(request: AuthenticatedRequest, slug: str, report_id: int, entry_id: int, data: ProgressIn) -> Any:
    report = _report(request, slug, report_id)
    entry = get_object_or_404(Progress, pk=entry_id, report=report)
    services.record_progress(actor=request.user, entry=entry, status=data.status, text=data.text)
    return {"id": entry.pk, "status": entry.status, "text": entry.text}


@router.post(
    "/organisations/{slug}/reports/{report_id}/goals/{goal_id}/measures",
    response={201: dict, 400: Problem},
    summary="Add a measure to a goal",
)
def post_measure(request: AuthenticatedRequest, slug: str, report_id: int, goal_id: int, data: MeasureIn) -> Any:
    report = _report(request, slug, report_id)
    goal = get_object_or_404(Goal, pk=goal_id, report=report)
    measure = services.add_measure(
        actor=request.user,
        goal=goal,
        text=data.text,
        responsible_parties=data.responsible_parties,
        schedule=data.schedule,
        budget_line=data.budget_line,
    )
    return Status(201, {"id": measure.pk, "text": measure.text, "responsible_parties": measure.responsible_parties})
