"""What waits for one person in one organisation: the "my work" page, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.assessments.models import Assessment, AssessmentStatus
from hyte.cooperation.calendar_models import CalendarStep
from hyte.cooperation.calendar_queries import StepRow, work_steps
from hyte.core.actors import Viewer
from hyte.reports.models import Comment, Goal, Measure, Report, ReportKind, ReportStatus, Section
from hyte.reports.queries import current_plan
from hyte.situation.queries import open_alerts
from hyte.work.deadlines import Deadline, next_deadline

UNFROZEN = [ReportStatus.DRAFT, ReportStatus.IN_REVIEW]
FOLLOW_UP_SOON = dt.timedelta(days=30)
SHOWN = 10  # of each list; the count says how many there are


@dataclass
class MyWork:
    sections: list[Section]
    goals: list[Goal]
    measures: list[Measure]
    comments: list[Comment]
    in_review: list[Report]
    alerts: list[Any]
    alert_count: int
    assessments_due: list[Assessment]
    deadline: Deadline
    has_published: bool
    calendar_steps: list[StepRow] = field(default_factory=list)  # the council-term steps the person is responsible for
    calendar_overdue: list[StepRow] = field(default_factory=list)  # overdue statutory steps, for the coordinator

    @property
    def assignment_count(self) -> int:
        return len(self.sections) + len(self.goals) + len(self.measures)


def deadline_of(organisation: Organisation, plan: Report | None, *, today: dt.date) -> Deadline:
    """The organisation's next statutory deadline, from its current plan and the annual reports approved."""
    annual = Report.objects.filter(organisation=organisation, kind=ReportKind.ANNUAL, plan_report=plan)
    return next_deadline(
        today=today,
        plan_term=(plan.term_start, plan.term_end) if plan else None,
        plan_decided=plan.decision_date if plan else None,
        approved_annual_years={
            year for year in annual.exclude(status__in=UNFROZEN).values_list("year", flat=True) if year is not None
        }
        if plan
        else set(),
    )


def my_work(user: Viewer, organisation: Organisation, *, today: dt.date) -> MyWork:
    """The signed-in person's assignments, the comments that wait for them, the reports in review, the open
    alerts, the assessments due for follow-up and the next statutory deadline, as far as they may see them."""
    perms = permissions_for(user)
    drafts = perms.can(Action.VIEW_DRAFTS, organisation)
    reports = Report.objects.filter(organisation=organisation)
    plan = current_plan(organisation)
    work = MyWork(
        sections=[],
        goals=[],
        measures=[],
        comments=[],
        in_review=[],
        alerts=list(open_alerts(organisation)[:SHOWN]),
        alert_count=open_alerts(organisation).count(),
        assessments_due=[],
        has_published=reports.filter(status=ReportStatus.PUBLISHED).exists(),
        deadline=deadline_of(organisation, plan, today=today),
    )
    if not drafts or not isinstance(user, User):
        return work
    coordinator = perms.can(Action.EDIT, CalendarStep(organisation=organisation))
    work.calendar_steps, work.calendar_overdue = work_steps(user.pk, organisation, coordinator=coordinator, today=today)
    current = Q(report__organisation=organisation) & (Q(report__status__in=UNFROZEN) | Q(report=plan))
    work.sections = list(
        Section.objects.filter(assignees=user, report__organisation=organisation, report__status__in=UNFROZEN)
        .select_related("report")
        .order_by("report_id", "position")
    )
    work.goals = list(
        Goal.objects.filter(current, assignees=user, retired_by=None).select_related("report").order_by("position")
    )
    work.measures = list(
        Measure.objects.filter(
            Q(goal__report__organisation=organisation) & (Q(goal__report__status__in=UNFROZEN) | Q(goal__report=plan)),
            assignees=user,
            retired_by=None,
        )
        .select_related("goal__report")
        .order_by("goal__position", "position")
    )
    mine = {section.pk for section in work.sections}
    open_comments = (
        Comment.objects.filter(report__organisation=organisation, report__status__in=UNFROZEN, resolved_at=None)
        .exclude(author=user)
        .select_related("report__organisation", "section", "author")
    )
    work.comments = [
        comment for comment in open_comments if comment.section_id in mine or perms.can(Action.RESOLVE, comment)
    ][:SHOWN]
    work.in_review = list(reports.filter(status=ReportStatus.IN_REVIEW))
    work.assessments_due = list(
        Assessment.objects.filter(
            organisation=organisation,
            status=AssessmentStatus.DECIDED,
            follow_up_date__lte=today + FOLLOW_UP_SOON,
        ).order_by("follow_up_date")[:SHOWN]
    )
    return work
