"""What approving an amendment does to the plan: its changes made, the new items followed up in the plan's annual
reports still being written, and a new version of the plan frozen. Called by the services that approve (an
amendment on its own, or an annual report with the amendments proposed with it), which check the permission and
declare the audit actions used here."""

from __future__ import annotations

from decimal import Decimal

from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.reports.content import dump
from hyte.reports.models import (
    Amendment,
    AmendmentStatus,
    ChangeKind,
    Goal,
    GoalIndicator,
    Measure,
    MeasureStatus,
    Progress,
    Report,
    ReportKind,
    ReportStatus,
    ReportVersion,
)
from hyte.reports.queries.snapshot import snapshot
from hyte.reports.services._common import next_position


def approve_with(annual: Report) -> None:
    """The amendments proposed with an annual report are approved by the decision that approves the report.
    Called inside `change_status` (which audits the report); each amendment is audited as it changes."""
    for amendment in (
        annual.proposed_amendments.exclude(status=AmendmentStatus.APPROVED).filter(changes__isnull=False).distinct()
    ):
        audit.update(
            amendment,
            action=AuditAction.AMENDMENT_STATUS,
            status=AmendmentStatus.APPROVED.value,
            decision_body=annual.decision_body,
            decision_date=annual.decision_date,
            decision_reference=annual.decision_reference,
        )
        apply(amendment)


def apply(amendment: Amendment) -> None:
    """Make the changes in the plan, follow the new items up in the plan's open annual reports, freeze a version."""
    action = AuditAction.AMENDMENT_APPLY
    plan = amendment.plan
    made_goals: dict[int, Goal] = {}
    new_items: list[Goal | Measure] = []
    for change in amendment.changes.select_related("goal", "measure", "goal_indicator", "new_goal"):
        data = change.data
        if change.kind == ChangeKind.ADD_GOAL:
            goal = audit.create(
                Goal,
                action=action,
                audit_fields=["text"],
                report=plan,
                position=next_position(plan.goals),
                added_by=amendment,
                **data,
            )
            made_goals[change.pk] = goal
            new_items.append(goal)
            audit.update(change, action=action, goal=goal)
        elif change.kind == ChangeKind.ADD_MEASURE:
            goal = change.goal or made_goals[change.new_goal_id or 0]
            amount = data.get("budget_amount")
            measure = audit.create(
                Measure,
                action=action,
                audit_fields=["text"],
                goal=goal,
                position=next_position(goal.measures),
                added_by=amendment,
                **{**data, "budget_amount": None if amount is None else Decimal(amount)},
            )
            new_items.append(measure)
            audit.update(change, action=action, goal=goal, measure=measure)
        elif change.kind == ChangeKind.ADD_INDICATOR:
            assert change.goal is not None  # noqa: S101 - the proposal requires it
            tied = audit.create(
                GoalIndicator,
                action=action,
                audit_fields=["indicator", "target_value"],
                goal=change.goal,
                added_by=amendment,
                **data,
            )
            audit.update(change, action=action, goal_indicator=tied)
        elif change.kind == ChangeKind.CHANGE_GOAL and change.goal is not None:
            audit.update(change.goal, action=action, text=data["text"], text_sv=data.get("text_sv", ""))
        elif change.kind == ChangeKind.CHANGE_MEASURE and change.measure is not None:
            audit.update(change.measure, action=action, text=data["text"])
        elif change.kind == ChangeKind.RETIRE_GOAL and change.goal is not None:
            audit.update(change.goal, action=action, retired_by=amendment)
            for measure in change.goal.measures.filter(retired_by=None):
                audit.update(measure, action=action, retired_by=amendment)
            for tied in change.goal.goal_indicators.filter(retired_by=None):
                audit.update(tied, action=action, retired_by=amendment)
        elif change.kind == ChangeKind.RETIRE_MEASURE and change.measure is not None:
            audit.update(change.measure, action=action, retired_by=amendment)
        elif change.kind == ChangeKind.RETIRE_INDICATOR and change.goal_indicator is not None:
            audit.update(change.goal_indicator, action=action, retired_by=amendment)
    _follow_up_new_items(plan, new_items)
    latest = plan.versions.order_by("-number").first()
    version = ReportVersion.objects.create(
        report=plan,
        number=(latest.number if latest else 0) + 1,
        status=ReportStatus(plan.status),
        frozen_at=clock.now(),
        content=dump(snapshot(plan)),
    )
    audit.update(amendment, action=action, version=version)


def _follow_up_new_items(plan: Report, items: list[Goal | Measure]) -> None:
    """The plan's annual reports still being written follow up what the amendment adds."""
    now = clock.now()
    for annual in Report.objects.filter(plan_report=plan, kind=ReportKind.ANNUAL).exclude(
        status__in=[ReportStatus.APPROVED, ReportStatus.PUBLISHED]
    ):
        Progress.objects.bulk_create(
            Progress(
                report=annual,
                goal=item if isinstance(item, Goal) else None,
                measure=item if isinstance(item, Measure) else None,
                status=MeasureStatus.NOT_STARTED,
                updated_at=now,
            )
            for item in items
        )
