"""Changing an approved plan during the council term: amendments.

An amendment collects proposed changes (new goals, measures and goal indicators; changed texts; retirements),
goes draft → in review → approved with the council's decision — on its own, or with the annual report that
proposes it — and on approval changes the plan and freezes a new version of it. Nothing is deleted: a retired
item stays in the plan's earlier versions and in the annual reports that followed it up.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor, person
from hyte.indicators.models import Indicator
from hyte.reports.amending import apply
from hyte.reports.fields import goal_fields, indicator_fields, measure_fields
from hyte.reports.models import (
    Amendment,
    AmendmentChange,
    AmendmentStatus,
    ChangeKind,
    Goal,
    GoalIndicator,
    Measure,
    Report,
    ReportKind,
)
from hyte.reports.services._common import next_position
from hyte.reports.services.plan import add_measure
from hyte.reports.text import clean_text
from hyte.reports.workflow import council_decision
from hyte.situation.models import Alert, AlertStatus

_NEXT = {
    AmendmentStatus.DRAFT: {AmendmentStatus.IN_REVIEW},
    AmendmentStatus.IN_REVIEW: {AmendmentStatus.DRAFT, AmendmentStatus.APPROVED},
    AmendmentStatus.APPROVED: set(),
}


def _amendable(plan: Report) -> None:
    if plan.kind not in (ReportKind.BROAD, ReportKind.REGIONAL):
        raise ValidationError(_("Only a plan (a broad or regional report) is amended."))
    if not plan.is_frozen:
        raise ValidationError(_("The plan is not approved yet: change it directly."))


def _open(amendment: Amendment) -> None:
    if amendment.status != AmendmentStatus.DRAFT:
        raise ValidationError(_("Only a draft amendment can be changed; send it back to draft first."))


@audit.service(AuditAction.AMENDMENT_CREATE)
def start_amendment(
    *, actor: Actor, plan: Report, title: str, reason: str = "", annual_report: Report | None = None
) -> Amendment:
    """A new draft amendment of an approved plan (optionally proposed with an annual report of the plan)."""
    require(actor, Action.EDIT, plan)
    _amendable(plan)
    if not title.strip():
        raise ValidationError(_("Give the amendment a title."))
    if annual_report is not None and (annual_report.plan_report_id != plan.pk or annual_report.is_frozen):
        raise ValidationError(_("Changes are proposed with an annual report of this plan that is not yet approved."))
    last = plan.amendments.order_by("-number").values_list("number", flat=True).first() or 0
    return audit.create(
        Amendment,
        audit_fields=["title", "number"],
        plan=plan,
        number=last + 1,
        title=title.strip()[:300],
        reason=clean_text(reason.strip()),
        annual_report=annual_report,
        created_by=person(actor),
        created_at=clock.now(),
    )


def _propose(amendment: Amendment, kind: ChangeKind, **fields: Any) -> AmendmentChange:
    return audit.create(
        AmendmentChange,
        audit_fields=["kind", "data"],
        amendment=amendment,
        position=next_position(amendment.changes),
        kind=kind,
        **fields,
    )


def _in_plan(amendment: Amendment, item: Goal | Measure | GoalIndicator) -> None:
    goal = item if isinstance(item, Goal) else item.goal
    if goal.report_id != amendment.plan_id:
        raise ValidationError(_("That is not in this plan."))
    if item.retired_by_id is not None:
        raise ValidationError(_("That has been retired already."))


def _new_goal_of(amendment: Amendment, change: AmendmentChange | None) -> AmendmentChange | None:
    if change is not None and (change.amendment_id != amendment.pk or change.kind != ChangeKind.ADD_GOAL):
        raise ValidationError(_("That is not a new goal of this amendment."))
    return change


@audit.service(AuditAction.AMENDMENT_PROPOSE)
def propose_goal(
    *, actor: Actor, amendment: Amendment, text: str, text_sv: str = "", theme: str = "", age_group: str = "all"
) -> AmendmentChange:
    require(actor, Action.EDIT, amendment)
    _open(amendment)
    data = goal_fields(text=text, text_sv=text_sv, theme=theme, age_group=age_group)
    return _propose(amendment, ChangeKind.ADD_GOAL, data=data)


@audit.service(AuditAction.AMENDMENT_PROPOSE)
def propose_measure(
    *,
    actor: Actor,
    amendment: Amendment,
    text: str,
    goal: Goal | None = None,
    new_goal: AmendmentChange | None = None,
    responsible_parties: tuple[str, ...] | list[str] = (),
    schedule: str = "",
    budget_line: str = "",
    budget_amount: Decimal | None = None,
    reason: str = "",
) -> AmendmentChange:
    """A new measure under a goal of the plan, or under a goal the same amendment adds."""
    require(actor, Action.EDIT, amendment)
    _open(amendment)
    if (goal is None) == (new_goal is None):
        raise ValidationError(_("Choose the goal the measure serves."))
    if goal is not None:
        _in_plan(amendment, goal)
    data = measure_fields(
        text=text,
        responsible_parties=responsible_parties,
        schedule=schedule,
        budget_line=budget_line,
        budget_amount=budget_amount,
    )
    return _propose(
        amendment,
        ChangeKind.ADD_MEASURE,
        goal=goal,
        new_goal=_new_goal_of(amendment, new_goal),
        data=data,
        reason=clean_text(reason.strip()),
    )


@audit.service(AuditAction.AMENDMENT_PROPOSE)
def propose_goal_indicator(
    *,
    actor: Actor,
    amendment: Amendment,
    goal: Goal,
    indicator: Indicator,
    baseline_year: int,
    target_year: int,
    direction: str,
    target_value: float | None = None,
) -> AmendmentChange:
    require(actor, Action.EDIT, amendment)
    _open(amendment)
    _in_plan(amendment, goal)
    data = indicator_fields(
        actor=actor,
        report=amendment.plan,
        goal=goal,
        indicator=indicator,
        baseline_year=baseline_year,
        target_year=target_year,
        direction=direction,
        target_value=target_value,
    )
    return _propose(amendment, ChangeKind.ADD_INDICATOR, goal=goal, data=data)


@audit.service(AuditAction.AMENDMENT_PROPOSE)
def propose_new_text(
    *, actor: Actor, amendment: Amendment, item: Goal | Measure, text: str, text_sv: str = "", reason: str = ""
) -> AmendmentChange:
    """A goal or a measure reworded."""
    require(actor, Action.EDIT, amendment)
    _open(amendment)
    _in_plan(amendment, item)
    if not text.strip():
        raise ValidationError(_("Write the new text."))
    data = {"text": clean_text(text.strip()), "old_text": item.text}
    if isinstance(item, Goal):
        data |= {"text_sv": clean_text(text_sv.strip()), "old_text_sv": item.text_sv}
        return _propose(amendment, ChangeKind.CHANGE_GOAL, goal=item, data=data, reason=clean_text(reason.strip()))
    return _propose(
        amendment, ChangeKind.CHANGE_MEASURE, goal=item.goal, measure=item, data=data, reason=clean_text(reason)
    )


@audit.service(AuditAction.AMENDMENT_PROPOSE)
def propose_retirement(
    *, actor: Actor, amendment: Amendment, item: Goal | Measure | GoalIndicator, reason: str
) -> AmendmentChange:
    """A goal (with its measures and indicators), a measure or a goal indicator retired, with the reason."""
    require(actor, Action.EDIT, amendment)
    _open(amendment)
    _in_plan(amendment, item)
    if not reason.strip():
        raise ValidationError(_("Say why it is retired."))
    reason = clean_text(reason.strip())
    if isinstance(item, Goal):
        return _propose(amendment, ChangeKind.RETIRE_GOAL, goal=item, reason=reason, data={"text": item.text})
    if isinstance(item, Measure):
        data = {"text": item.text}
        return _propose(amendment, ChangeKind.RETIRE_MEASURE, goal=item.goal, measure=item, reason=reason, data=data)
    data = {"indicator": item.indicator.title_fi}
    return _propose(
        amendment, ChangeKind.RETIRE_INDICATOR, goal=item.goal, goal_indicator=item, reason=reason, data=data
    )


@audit.service(AuditAction.AMENDMENT_WITHDRAW)
def withdraw_change(*, actor: Actor, change: AmendmentChange) -> None:
    require(actor, Action.EDIT, change.amendment)
    _open(change.amendment)
    if AmendmentChange.objects.filter(new_goal=change).exists():
        raise ValidationError(_("Withdraw the measures proposed for this goal first."))
    audit.delete(change)


@audit.service(AuditAction.AMENDMENT_STATUS, AuditAction.AMENDMENT_APPLY)
def change_amendment_status(
    *,
    actor: Actor,
    amendment: Amendment,
    status: str,
    decision_body: str = "",
    decision_date: dt.date | None = None,
    decision_reference: str = "",
) -> Amendment:
    """draft → in review → approved with the council's decision (the plan changes and a version is frozen)."""
    new = AmendmentStatus(status)
    require(actor, Action.APPROVE if new == AmendmentStatus.APPROVED else Action.EDIT, amendment)
    old = AmendmentStatus(amendment.status)
    if new not in _NEXT[old]:
        raise ValidationError(
            _("An amendment cannot go from %(old)s to %(new)s.") % {"old": old.label, "new": new.label}
        )
    if new == AmendmentStatus.IN_REVIEW and not amendment.changes.exists():
        raise ValidationError(_("The amendment proposes no changes yet."))
    decision: dict[str, Any] = {}
    if new == AmendmentStatus.APPROVED:
        decision = council_decision(body=decision_body, date=decision_date, reference=decision_reference)
    audit.update(amendment, status=new.value, **decision)
    if new == AmendmentStatus.APPROVED:
        apply(amendment)
    return amendment


@audit.service(AuditAction.ALERT_CONVERT)
def measure_from_alert(*, actor: Actor, alert: Alert, goal: Goal) -> Measure | AmendmentChange:
    """Indicator → threshold → measure: the rule's proposed measure becomes a measure of a plan goal — at once in
    a plan still being written, or as a proposed change in the open amendment of an approved plan (one is started
    when there is none), which the council then approves."""
    require(actor, Action.EDIT, alert)
    plan = goal.report
    if plan.organisation_id != alert.rule.organisation_id or plan.kind == ReportKind.ANNUAL:
        raise ValidationError(_("The goal is not in the organisation's plan."))
    evidence = _("(from an alert: %(indicator)s %(value)s in %(year)s)") % {
        "indicator": alert.rule.indicator.title,
        "value": alert.value,
        "year": alert.year,
    }
    text = f"{alert.rule.measure} {evidence}"
    made: Measure | AmendmentChange
    if not plan.is_frozen:
        made = add_measure(actor=actor, goal=goal, text=text)
    else:
        amendment = plan.amendments.filter(status=AmendmentStatus.DRAFT, annual_report=None).order_by("-number").first()
        if amendment is None:
            amendment = start_amendment(
                actor=actor,
                plan=plan,
                title=_("Measures from alerts"),
                reason=_("Alerts of the situation picture proposed these measures."),
            )
        made = propose_measure(actor=actor, amendment=amendment, goal=goal, text=text)
    changed = {"measure": [None, made.pk]} if isinstance(made, Measure) else {"amendment_change": [None, made.pk]}
    audit.update(alert, status=AlertStatus.CONVERTED.value, also_changed=changed)
    return made
