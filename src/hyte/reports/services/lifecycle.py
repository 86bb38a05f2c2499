"""A report's life: created from THL's outline or copied forward, and taken through the council."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, require
from hyte.accounts.roles import Role
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.notifications.models import Kind
from hyte.notifications.queries import display_name
from hyte.notifications.recipients import members
from hyte.notifications.services import notify
from hyte.reports.amending import approve_with
from hyte.reports.content import dump
from hyte.reports.models import (
    Block,
    BlockKind,
    Goal,
    GoalIndicator,
    Measure,
    MeasureStatus,
    Progress,
    Report,
    ReportKind,
    ReportStatus,
    ReportVersion,
    Section,
)
from hyte.reports.outline import ANNUAL_OUTLINE, THL_OUTLINE
from hyte.reports.queries.snapshot import snapshot
from hyte.reports.workflow import TRANSITIONS, council_decision


@audit.service(AuditAction.REPORT_CREATE)
def create_report(
    *,
    actor: Actor,
    organisation: Organisation,
    kind: str,
    title: str,
    term_start: int,
    term_end: int,
    year: int | None = None,
    copy_from: Report | None = None,
    plan_report: Report | None = None,
    title_sv: str = "",
) -> Report:
    """A new report from THL's outline, or copied forward from an earlier report of the same organisation."""
    require(actor, Action.EDIT, organisation)
    kind = ReportKind(kind)
    if not title.strip():
        raise ValidationError(_("Give the report a title."))
    if not 0 <= term_end - term_start <= 5:
        raise ValidationError(_("A council term runs from one year to another at most five years later."))
    if kind == ReportKind.REGIONAL and organisation.kind != OrganisationKind.COUNTY:
        raise ValidationError(_("Only a wellbeing services county writes a regional report."))
    if kind == ReportKind.ANNUAL:
        if year is None or plan_report is None:
            raise ValidationError(_("An annual report needs its year and the plan it follows up."))
        if plan_report.organisation_id != organisation.pk or plan_report.kind == ReportKind.ANNUAL:
            raise ValidationError(_("An annual report follows up the organisation's own broad report."))
        # The annual report belongs to the plan's council term, whatever the form said.
        term_start, term_end = plan_report.term_start, plan_report.term_end
        if not term_start <= year <= term_end:
            raise ValidationError(
                _("The plan covers %(start)s–%(end)s: its annual reports are for those years.")
                % {"start": term_start, "end": term_end}
            )
    for source in (copy_from, plan_report):
        if source is not None and source.organisation_id != organisation.pk:
            raise ValidationError(_("Reports can be copied only within the organisation."))
    now = clock.now()
    report = audit.create(
        Report,
        audit_fields=["kind", "title", "copied_from_id"],
        organisation=organisation,
        kind=kind,
        title=title.strip()[:300],
        title_sv=title_sv.strip()[:300],
        term_start=term_start,
        term_end=term_end,
        year=year,
        plan_report=plan_report,
        copied_from=copy_from,
        created_at=now,
        updated_at=now,
    )
    if copy_from is not None:
        _copy_content(copy_from, report)
    else:
        outline = ANNUAL_OUTLINE if kind == ReportKind.ANNUAL else THL_OUTLINE
        for position, (key, section_fi, section_sv) in enumerate(outline, start=1):
            section = Section.objects.create(
                report=report, position=position, key=key, title=section_fi, title_sv=section_sv
            )
            Block.objects.create(section=section, position=1, kind=BlockKind.TEXT, updated_at=now)
    if kind == ReportKind.ANNUAL and plan_report is not None:
        _start_follow_up(report, plan_report)
    return report


def _require_earlier_annual_approved(report: Report) -> None:
    """The annual reports of a plan are approved in the order of their years."""
    if report.kind != ReportKind.ANNUAL or report.year is None:
        return
    earlier = (
        Report.objects.filter(plan_report_id=report.plan_report_id, kind=ReportKind.ANNUAL, year__lt=report.year)
        .exclude(status__in=[ReportStatus.APPROVED, ReportStatus.PUBLISHED])
        .order_by("year")
        .first()
    )
    if earlier is not None:
        raise ValidationError(
            _("Approve the annual report of %(year)s first: annual reports are approved year by year.")
            % {"year": earlier.year}
        )


def _copy_content(source: Report, target: Report) -> None:
    now = clock.now()
    for section in source.sections.prefetch_related("blocks__indicators"):
        new_section = Section.objects.create(
            report=target, position=section.position, key=section.key, title=section.title, title_sv=section.title_sv
        )
        for block in section.blocks.all():
            new_block = Block.objects.create(
                section=new_section,
                position=block.position,
                kind=block.kind,
                text=block.text,
                text_sv=block.text_sv,
                items=block.items,
                updated_at=now,
            )
            new_block.indicators.set(block.indicators.all())
    for goal in source.goals.prefetch_related("goal_indicators", "measures"):
        new_goal = Goal.objects.create(
            report=target,
            position=goal.position,
            theme=goal.theme,
            age_group=goal.age_group,
            text=goal.text,
            text_sv=goal.text_sv,
            origin=goal.origin,
            origin_sv=goal.origin_sv,
            carried_from=goal,
        )
        GoalIndicator.objects.bulk_create(
            GoalIndicator(
                goal=new_goal,
                indicator_id=gi.indicator_id,
                baseline_year=gi.baseline_year,
                baseline_value=gi.baseline_value,
                target_year=gi.target_year,
                target_value=gi.target_value,
                direction=gi.direction,
            )
            for gi in goal.goal_indicators.all()
        )
        Measure.objects.bulk_create(
            Measure(
                goal=new_goal,
                position=measure.position,
                text=measure.text,
                responsible_parties=measure.responsible_parties,
                schedule=measure.schedule,
                budget_line=measure.budget_line,
                budget_amount=measure.budget_amount,
                status=measure.status,
                carried_from=measure,
            )
            for measure in goal.measures.all()
        )


def _start_follow_up(annual: Report, plan: Report) -> None:
    """One progress entry per goal and measure of the plan; last year's texts copy forward."""
    previous = (
        Report.objects.filter(plan_report=plan, kind=ReportKind.ANNUAL, year__lt=annual.year)
        .exclude(pk=annual.pk)
        .order_by("-year")
        .first()
    )
    earlier = {}
    if previous is not None:
        for entry in previous.progress_entries.all():
            earlier[("g", entry.goal_id) if entry.goal_id else ("m", entry.measure_id)] = entry
    now = clock.now()
    entries = []
    for goal in plan.goals.filter(retired_by=None).prefetch_related("measures"):
        last = earlier.get(("g", goal.pk))
        status = last.status if last else MeasureStatus.NOT_STARTED
        entries.append(
            Progress(report=annual, goal=goal, status=status, text=last.text if last else "", updated_at=now)
        )
        for measure in goal.measures.filter(retired_by=None):
            last = earlier.get(("m", measure.pk))
            status = last.status if last else measure.status
            entries.append(
                Progress(report=annual, measure=measure, status=status, text=last.text if last else "", updated_at=now)
            )
    Progress.objects.bulk_create(entries)


@audit.service(AuditAction.REPORT_STATUS, AuditAction.AMENDMENT_STATUS, AuditAction.AMENDMENT_APPLY)
def change_status(
    *,
    actor: Actor,
    report: Report,
    status: str,
    decision_body: str = "",
    decision_date: dt.date | None = None,
    decision_reference: str = "",
) -> Report:
    """draft → in review → approved (with the council's decision) → published. Approval freezes a version."""
    require(actor, Action.APPROVE, report)
    new = ReportStatus(status)
    old = ReportStatus(report.status)
    if new not in TRANSITIONS[old]:
        raise ValidationError(_("A report cannot go from %(old)s to %(new)s.") % {"old": old.label, "new": new.label})
    decision: dict[str, Any] = {}
    if new == ReportStatus.APPROVED:
        decision = council_decision(body=decision_body, date=decision_date, reference=decision_reference)
        if report.comments.filter(resolved_at__isnull=True).exists():
            raise ValidationError(_("Resolve every review comment before approval."))
        if report.plan_report is not None and not report.plan_report.is_frozen:
            raise ValidationError(_("Approve the plan this report follows up first."))
        _require_earlier_annual_approved(report)
    audit.update(report, status=new.value, updated_at=clock.now(), **decision)
    if new == ReportStatus.APPROVED and report.kind == ReportKind.ANNUAL:
        approve_with(report)
    if new in (ReportStatus.APPROVED, ReportStatus.PUBLISHED):
        latest = report.versions.order_by("-number").first()
        # Publication publishes what the council approved: the approved version's content, values and all.
        content = latest.content if new == ReportStatus.PUBLISHED and latest is not None else dump(snapshot(report))
        ReportVersion.objects.create(
            report=report,
            number=(latest.number if latest else 0) + 1,
            status=new,
            frozen_at=clock.now(),
            content=content,
        )
    _tell_of_status(actor, report, new)
    return report


_STATUS_MESSAGES = {
    ReportStatus.IN_REVIEW: (Kind.IN_REVIEW, gettext_noop("%(report)s was sent to review by %(who)s")),
    ReportStatus.APPROVED: (Kind.APPROVED, gettext_noop("%(report)s was approved")),
    ReportStatus.PUBLISHED: (Kind.PUBLISHED, gettext_noop("%(report)s was published")),
}


def _tell_of_status(actor: Actor, report: Report, status: ReportStatus) -> None:
    """Review concerns those who write; approval and publication every member."""
    if status not in _STATUS_MESSAGES:
        return
    kind, message = _STATUS_MESSAGES[status]
    roles = [Role.COORDINATOR, Role.ADMIN, Role.EDITOR] if status == ReportStatus.IN_REVIEW else None
    notify(
        actor=actor,
        users=members(report.organisation, roles),
        kind=kind,
        message=message,
        params={"report": report.title, "who": display_name(actor)},
        url=reverse("report-detail", args=[report.organisation.slug, report.pk]),
        organisation=report.organisation,
    )
