from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from hyte.accounts.permissions import Action, get_organisation_for
from hyte.core.api import Problem, Year
from hyte.core.http import AuthenticatedRequest
from hyte.reports import queries, services
from hyte.reports.content import FrozenReport, dump
from hyte.reports.models import BudgetPart, Goal, Measure, MeasureStatus, Progress, Report, ReportKind

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


class ProgressEntryOut(Schema):
    id: int = Field(description="the entry's id, for PUT …/progress/{entry_id}")
    goal: int | None = Field(description="the goal followed up, or null for a measure's entry")
    measure: int | None = Field(description="the measure followed up, or null for a goal's entry")
    status: str = Field(description="not_started, on_track, at_risk, off_track or done")
    text: str = Field(description="the year's progress, as written")


class VersionOut(Schema):
    number: int = Field(description="the version's number, from 1")
    status: str = Field(description="the report's status the version was frozen in")
    frozen_at: str = Field(description="when it was frozen (ISO 8601 with the time zone)")


class ReportDetailOut(FrozenReport):
    """The report's content as approval would freeze it now (the schema of a frozen version), with its id, its
    status, the annual progress entries and the versions frozen so far."""

    id: int
    status: str = Field(description="draft, in_review, approved or published")
    progress: list[ProgressEntryOut] = Field(description="an annual report's follow-up entries")
    versions: list[VersionOut] = Field(description="the frozen versions, newest first")


class ProgressOut(Schema):
    id: int
    status: str = Field(description="not_started, on_track, at_risk, off_track or done")
    text: str


class MeasureOut(Schema):
    id: int
    text: str
    responsible_parties: list[str]


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


@router.get(
    "/organisations/{slug}/reports/{report_id}",
    response=ReportDetailOut,
    summary="A report with its sections, goals and measures",
)
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
    response={200: ProgressOut, 400: Problem},
    summary="Record a goal's or a measure's progress",
)
def put_progress(request: AuthenticatedRequest, slug: str, report_id: int, entry_id: int, data: ProgressIn) -> Any:
    report = _report(request, slug, report_id)
    entry = get_object_or_404(Progress, pk=entry_id, report=report)
    services.record_progress(actor=request.user, entry=entry, status=data.status, text=data.text)
    return {"id": entry.pk, "status": entry.status, "text": entry.text}


@router.post(
    "/organisations/{slug}/reports/{report_id}/goals/{goal_id}/measures",
    response={201: MeasureOut, 400: Problem},
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


class BudgetLineIn(Schema):
    measure: int
    year: Year
    branch: str
    cost_centre: str = ""
    part: BudgetPart
    amount: str  # euros as typed ("12 000,50") or as a number
    used: str | None = None


class BudgetLineOut(Schema):
    id: int
    branch: str = Field(description="the administrative branch")
    cost_centre: str
    part: str = Field(description="operating or investment")
    goal: int = Field(description="the goal of the line's measure")
    measure: int
    amount_eur: float = Field(description="the budgeted euros")
    used_eur: float | None = Field(description="the euros used, once known")


class GoalBudgetOut(Schema):
    goal: int
    amount_eur: float = Field(description="the goal's measures' budgeted euros, across branches")
    used_eur: float | None = Field(description="the euros used, when any line's use is known")


class BudgetOut(Schema):
    year: int
    lines: list[BudgetLineOut] = Field(description="the lines by branch, goal and measure, as on the budget page")
    per_goal: list[GoalBudgetOut] = Field(description="every goal of the plan, in order")
    total_eur: float = Field(description="the year's budgeted euros in all")


class BudgetLineSaved(Schema):
    id: int
    amount_eur: float
    used_eur: float | None


def _euros(value: Any) -> float | None:
    return None if value is None else float(value)


@router.get(
    "/organisations/{slug}/reports/{report_id}/budget", response=BudgetOut, summary="The plan's budget for a year"
)
def get_budget(request: AuthenticatedRequest, slug: str, report_id: int, year: Year) -> Any:
    """Budget lines by administrative branch, and the euros per goal, as on the budget page."""
    plan = _report(request, slug, report_id)
    if plan.kind == ReportKind.ANNUAL or year not in queries.budget_years(plan):
        raise Http404
    data = queries.budget_of(plan, year)
    return {
        "year": year,
        "lines": [
            {
                "id": line.pk,
                "branch": branch.name,
                "cost_centre": line.cost_centre,
                "part": line.part,
                "goal": goal_entry.goal.pk,
                "measure": measure_entry.measure.pk,
                "amount_eur": _euros(line.amount),
                "used_eur": _euros(line.used),
            }
            for branch in data["branches"]
            for goal_entry in branch.goals
            for measure_entry in goal_entry.measures
            for line in measure_entry.lines
        ],
        "per_goal": [
            {"goal": entry.goal.pk, "amount_eur": _euros(entry.amount), "used_eur": _euros(entry.used)}
            for entry in data["per_goal"]
        ],
        "total_eur": _euros(data["total"]),
    }


@router.put(
    "/organisations/{slug}/reports/{report_id}/budget/lines",
    response={200: BudgetLineSaved, 400: Problem},
    summary="Set a measure's budget line for a year",
)
def put_budget_line(request: AuthenticatedRequest, slug: str, report_id: int, data: BudgetLineIn) -> Any:
    """The same year, branch, cost centre and part is one line: sending it again corrects it."""
    plan = _report(request, slug, report_id)
    measure = get_object_or_404(Measure, pk=data.measure, goal__report=plan)
    line = services.set_budget_line(
        actor=request.user,
        measure=measure,
        year=data.year,
        branch=data.branch,
        cost_centre=data.cost_centre,
        part=data.part,
        amount=data.amount,
        used=data.used,
    )
    return {"id": line.pk, "amount_eur": _euros(line.amount), "used_eur": _euros(line.used)}
