"""Writing the welfare report and plan. Keyword-only, atomic, audited; permissions from the one resolver.

Coordinators edit everything of their organisation; editors edit the sections, goals and measures assigned to
them; nothing of an approved or published report changes (its versions are frozen).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import permissions_for, require
from hyte.accounts.roles import Perm
from hyte.audit.services import record
from hyte.core import clock
from hyte.indicators.models import Indicator, Observation
from hyte.indicators.queries import visible_indicators
from hyte.reports.models import (
    Block,
    BlockKind,
    Comment,
    Direction,
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
from hyte.reports.outline import THL_OUTLINE

MAX_TEXT = 100_000
ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "h3",
    "h4",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
    "code",
}


class StaleEdit(ValidationError):
    """Someone else saved the block after this edit began; nothing was overwritten."""


def clean_text(text: str) -> str:
    """Markdown source with any HTML reduced to harmless tags: scripts, styles and event handlers are stripped."""
    if len(text) > MAX_TEXT:
        raise ValidationError(_("The text is longer than %(max)s characters.") % {"max": MAX_TEXT})
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes={"a": {"href"}}, link_rel="noopener noreferrer")


def _editable(report: Report) -> None:
    if report.is_frozen:
        raise ValidationError(_("An approved report cannot be changed; start a new version instead."))


def _can_edit(actor: Any, organisation: Organisation, assignees: Iterable[Any]) -> bool:
    if actor is None:
        return True
    return permissions_for(actor).can_edit(organisation, assignee_ids=[u.pk for u in assignees])


def _next_position(items: Any) -> int:
    """The position after the last of `items` (a related manager of ordered things)."""
    return (items.aggregate(last=Max("position"))["last"] or 0) + 1


def _touch(report: Report) -> None:
    report.updated_at = clock.now()
    report.save(update_fields=["updated_at"])


@transaction.atomic
def create_report(
    *,
    actor: Any,
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
    require(actor, Perm.EDIT_ALL, organisation)
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
    for source in (copy_from, plan_report):
        if source is not None and source.organisation_id != organisation.pk:
            raise ValidationError(_("Reports can be copied only within the organisation."))
    now = clock.now()
    report = Report.objects.create(
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
        for position, (key, section_fi, section_sv) in enumerate(THL_OUTLINE, start=1):
            section = Section.objects.create(
                report=report, position=position, key=key, title=section_fi, title_sv=section_sv
            )
            Block.objects.create(section=section, position=1, kind=BlockKind.TEXT, updated_at=now)
    if kind == ReportKind.ANNUAL and plan_report is not None:
        _start_follow_up(report, plan_report)
    record(
        actor=actor,
        action="report.create",
        obj=report,
        organisation=organisation,
        changes={"kind": [None, kind.value], "copied_from": [None, copy_from.pk if copy_from else None]},
    )
    return report


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
            carried_from=goal,
        )
        for gi in goal.goal_indicators.all():
            GoalIndicator.objects.create(
                goal=new_goal,
                indicator_id=gi.indicator_id,
                baseline_year=gi.baseline_year,
                baseline_value=gi.baseline_value,
                target_year=gi.target_year,
                target_value=gi.target_value,
                direction=gi.direction,
            )
        for measure in goal.measures.all():
            Measure.objects.create(
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
    for goal in plan.goals.prefetch_related("measures"):
        last = earlier.get(("g", goal.pk))
        Progress.objects.create(
            report=annual,
            goal=goal,
            status=last.status if last else MeasureStatus.NOT_STARTED,
            text=last.text if last else "",
            updated_at=now,
        )
        for measure in goal.measures.all():
            last = earlier.get(("m", measure.pk))
            Progress.objects.create(
                report=annual,
                measure=measure,
                status=last.status if last else measure.status,
                text=last.text if last else "",
                updated_at=now,
            )


@transaction.atomic
def assign(*, actor: Any, subject: Section | Goal | Measure, users: Sequence[Any]) -> None:
    report = subject.report if isinstance(subject, Section | Goal) else subject.goal.report
    require(actor, Perm.EDIT_ALL, report.organisation)
    members = set(report.organisation.memberships.values_list("user_id", flat=True))
    if any(user.pk not in members for user in users):
        raise ValidationError(_("Work can be assigned only to members of the organisation."))
    before = sorted(subject.assignees.values_list("pk", flat=True))
    subject.assignees.set(users)
    record(
        actor=actor,
        action="report.assign",
        obj=subject,
        organisation=report.organisation,
        changes={"assignees": [before, sorted(u.pk for u in users)]},
    )


@transaction.atomic
def edit_block(
    *,
    actor: Any,
    block: Block,
    text: str,
    expected_revision: int,
    items: list[str] | None = None,
    text_sv: str | None = None,
) -> Block:
    """Save a block if nobody saved it since `expected_revision`; otherwise refuse and keep both texts."""
    block = Block.objects.select_for_update().select_related("section__report__organisation").get(pk=block.pk)
    report = block.section.report
    _editable(report)
    if not _can_edit(actor, report.organisation, block.section.assignees.all()):
        raise PermissionDenied
    if block.revision != expected_revision:
        raise StaleEdit(
            _(
                "Someone else saved this block while you were editing. Your text was not saved; copy it "
                "and merge it with the current one."
            )
        )
    old = block.text
    block.text = clean_text(text)
    if text_sv is not None:
        block.text_sv = clean_text(text_sv)
    if items is not None:
        block.items = [clean_text(item)[:2000] for item in items if item.strip()]
    block.revision += 1
    block.updated_by = actor if actor is not None else None
    block.updated_at = clock.now()
    block.save()
    _touch(report)
    record(
        actor=actor,
        action="report.edit_block",
        obj=block,
        organisation=report.organisation,
        changes={"text": [old[:200], block.text[:200]], "revision": [expected_revision, block.revision]},
    )
    return block


@transaction.atomic
def add_block(
    *, actor: Any, section: Section, kind: str, text: str = "", indicators: Sequence[Indicator] = ()
) -> Block:
    report = section.report
    _editable(report)
    if not _can_edit(actor, report.organisation, section.assignees.all()):
        raise PermissionDenied
    position = _next_position(section.blocks)
    block = Block.objects.create(
        section=section,
        position=position,
        kind=BlockKind(kind),
        text=clean_text(text),
        updated_by=actor,
        updated_at=clock.now(),
    )
    block.indicators.set(indicators)
    record(
        actor=actor,
        action="report.add_block",
        obj=block,
        organisation=report.organisation,
        changes={"kind": [None, kind]},
    )
    return block


@transaction.atomic
def add_goal(
    *, actor: Any, report: Report, text: str, theme: str = "", age_group: str = "all", text_sv: str = ""
) -> Goal:
    require(actor, Perm.EDIT_ALL, report.organisation)
    _editable(report)
    if not text.strip():
        raise ValidationError(_("Write the goal."))
    position = _next_position(report.goals)
    goal = Goal.objects.create(
        report=report,
        position=position,
        text=clean_text(text.strip()),
        text_sv=clean_text(text_sv.strip()),
        theme=theme.strip()[:200],
        age_group=age_group,
    )
    record(
        actor=actor,
        action="report.add_goal",
        obj=goal,
        organisation=report.organisation,
        changes={"text": [None, goal.text[:200]]},
    )
    return goal


@transaction.atomic
def add_goal_indicator(
    *,
    actor: Any,
    goal: Goal,
    indicator: Indicator,
    baseline_year: int,
    target_year: int,
    direction: str,
    target_value: float | None = None,
    baseline_value: float | None = None,
) -> GoalIndicator:
    """Tie an indicator to a goal; the baseline value comes from the data when not given."""
    report = goal.report
    if not _can_edit(actor, report.organisation, goal.assignees.all()):
        raise PermissionDenied
    _editable(report)
    if actor is not None and not visible_indicators(actor).filter(pk=indicator.pk).exists():
        raise ValidationError(_("Unknown indicator."))
    if target_year < baseline_year:
        raise ValidationError(_("The target year cannot be before the baseline year."))
    direction = Direction(direction)
    if baseline_value is None and report.organisation.area_id is not None:
        found = Observation.objects.filter(
            indicator=indicator,
            area_id=report.organisation.area_id,
            year=baseline_year,
            gender="total",
            age_group="",
            period="",
        )
        baseline_value = found.values_list("value", flat=True).first()
    if (
        target_value is not None
        and baseline_value is not None
        and direction != Direction.KEEP
        and (
            (direction == Direction.INCREASE and target_value < baseline_value)
            or (direction == Direction.DECREASE and target_value > baseline_value)
        )
    ):
        raise ValidationError(_("The target value goes the other way than the direction."))
    if GoalIndicator.objects.filter(goal=goal, indicator=indicator).exists():
        raise ValidationError(_("The indicator is already tied to this goal."))
    tied = GoalIndicator.objects.create(
        goal=goal,
        indicator=indicator,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        target_year=target_year,
        target_value=target_value,
        direction=direction,
    )
    record(
        actor=actor,
        action="report.add_goal_indicator",
        obj=goal,
        organisation=report.organisation,
        changes={"indicator": [None, indicator.title_fi], "target": [None, target_value]},
    )
    return tied


@transaction.atomic
def add_measure(
    *,
    actor: Any,
    goal: Goal,
    text: str,
    responsible_parties: Sequence[str] = (),
    schedule: str = "",
    budget_line: str = "",
    budget_amount: Decimal | None = None,
) -> Measure:
    report = goal.report
    if not _can_edit(actor, report.organisation, goal.assignees.all()):
        raise PermissionDenied
    _editable(report)
    if not text.strip():
        raise ValidationError(_("Describe the measure."))
    if budget_amount is not None and budget_amount < 0:
        raise ValidationError(_("The budget cannot be negative."))
    position = _next_position(goal.measures)
    measure = Measure.objects.create(
        goal=goal,
        position=position,
        text=clean_text(text.strip()),
        responsible_parties=[p.strip()[:200] for p in responsible_parties if p.strip()],
        schedule=schedule[:200],
        budget_line=budget_line[:200],
        budget_amount=budget_amount,
    )
    record(
        actor=actor,
        action="report.add_measure",
        obj=measure,
        organisation=report.organisation,
        changes={"text": [None, measure.text[:200]], "responsible": [None, measure.responsible_parties]},
    )
    return measure


@transaction.atomic
def record_progress(*, actor: Any, entry: Progress, status: str, text: str) -> Progress:
    subject_assignees = entry.measure.assignees.all() if entry.measure_id else entry.goal.assignees.all()
    if not _can_edit(actor, entry.report.organisation, subject_assignees):
        raise PermissionDenied
    _editable(entry.report)
    before = [entry.status, entry.text[:200]]
    entry.status = MeasureStatus(status)
    entry.text = clean_text(text)
    entry.updated_at = clock.now()
    entry.save()
    record(
        actor=actor,
        action="report.progress",
        obj=entry,
        organisation=entry.report.organisation,
        changes={"progress": [before, [entry.status, entry.text[:200]]]},
    )
    return entry


def indicator_changes(
    goal_indicators: Sequence[GoalIndicator], *, area_id: int, until: int | None
) -> dict[int, dict[str, Any]]:
    """Each goal indicator's latest value (up to `until`) against its baseline and target, from the data.

    One query for all of them: a plan's page shows every goal's indicators at once.
    """
    values = Observation.objects.filter(
        indicator_id__in={gi.indicator_id for gi in goal_indicators},
        area_id=area_id,
        gender="total",
        age_group="",
        period="",
        value__isnull=False,
    )
    if until is not None:
        values = values.filter(year__lte=until)
    latest: dict[int, tuple[int, float]] = {}
    for indicator_id, year, value in values.order_by("year").values_list("indicator_id", "year", "value"):
        latest[indicator_id] = (year, value)  # ordered by year: the last one stays
    return {gi.pk: _change_of(gi, latest.get(gi.indicator_id)) for gi in goal_indicators}


def indicator_change(goal_indicator: GoalIndicator, *, area_id: int, until: int | None) -> dict[str, Any]:
    return indicator_changes([goal_indicator], area_id=area_id, until=until)[goal_indicator.pk]


def _change_of(goal_indicator: GoalIndicator, latest: tuple[int, float] | None) -> dict[str, Any]:
    change = None
    if latest is not None and goal_indicator.baseline_value is not None:
        change = latest[1] - goal_indicator.baseline_value
    reached = None
    if latest is not None and goal_indicator.target_value is not None:
        target, value = goal_indicator.target_value, latest[1]
        reached = {
            Direction.INCREASE: value >= target,
            Direction.DECREASE: value <= target,
            Direction.KEEP: value >= target,
        }.get(Direction(goal_indicator.direction))
    return {
        "latest_year": latest[0] if latest else None,
        "latest_value": latest[1] if latest else None,
        "change_since_baseline": change,
        "target_reached": reached,
    }


@transaction.atomic
def add_comment(*, actor: Any, report: Report, text: str, section: Section | None = None) -> Comment:
    if not permissions_for(actor).can_view_drafts(report.organisation):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError(_("Write the comment."))
    comment = Comment.objects.create(
        report=report, section=section, author=actor, text=clean_text(text.strip()), created_at=clock.now()
    )
    record(actor=actor, action="report.comment", obj=comment, organisation=report.organisation)
    return comment


@transaction.atomic
def resolve_comment(*, actor: Any, comment: Comment) -> Comment:
    if comment.author_id != actor.pk:
        require(actor, Perm.EDIT_ALL, comment.report.organisation)
    comment.resolved_by = actor
    comment.resolved_at = clock.now()
    comment.save(update_fields=["resolved_by", "resolved_at"])
    record(actor=actor, action="report.resolve_comment", obj=comment, organisation=comment.report.organisation)
    return comment


_TRANSITIONS = {
    ReportStatus.DRAFT: {ReportStatus.IN_REVIEW},
    ReportStatus.IN_REVIEW: {ReportStatus.DRAFT, ReportStatus.APPROVED},
    ReportStatus.APPROVED: {ReportStatus.PUBLISHED},
    ReportStatus.PUBLISHED: set(),
}


def next_statuses(report: Report) -> list[ReportStatus]:
    return sorted(_TRANSITIONS[ReportStatus(report.status)], key=list(ReportStatus).index)


@transaction.atomic
def change_status(
    *,
    actor: Any,
    report: Report,
    status: str,
    decision_body: str = "",
    decision_date: dt.date | None = None,
    decision_reference: str = "",
) -> Report:
    """draft → in review → approved (with the council's decision) → published. Approval freezes a version."""
    require(actor, Perm.APPROVE, report.organisation)
    new = ReportStatus(status)
    old = ReportStatus(report.status)
    if new not in _TRANSITIONS[old]:
        raise ValidationError(_("A report cannot go from %(old)s to %(new)s.") % {"old": old.label, "new": new.label})
    if new == ReportStatus.APPROVED:
        if not (decision_body.strip() and decision_date and decision_reference.strip()):
            raise ValidationError(_("Approval needs the body, the date and the minute reference of the decision."))
        if report.comments.filter(resolved_at__isnull=True).exists():
            raise ValidationError(_("Resolve every review comment before approval."))
        if report.plan_report is not None and not report.plan_report.is_frozen:
            raise ValidationError(_("Approve the plan this report follows up first."))
        report.decision_body = decision_body.strip()[:200]
        report.decision_date = decision_date
        report.decision_reference = decision_reference.strip()[:200]
    report.status = new
    report.updated_at = clock.now()
    report.save()
    if new in (ReportStatus.APPROVED, ReportStatus.PUBLISHED):
        latest = report.versions.order_by("-number").first()
        # Publication publishes what the council approved: the approved version's content, values and all.
        content = latest.content if new == ReportStatus.PUBLISHED and latest is not None else snapshot(report)
        ReportVersion.objects.create(
            report=report,
            number=(latest.number if latest else 0) + 1,
            status=new,
            frozen_at=clock.now(),
            content=content,
        )
    record(
        actor=actor,
        action="report.status",
        obj=report,
        organisation=report.organisation,
        changes={"status": [old.value, new.value], "decision": [None, report.decision_reference or None]},
    )
    return report


def snapshot(report: Report) -> dict[str, Any]:
    """The report as it stands, with the indicator values of this moment: what approval freezes.

    An annual report also freezes its follow-up: each goal and measure of the plan with the year's status,
    progress text and each indicator's change since the baseline.
    """
    area_id = report.organisation.area_id
    sections = list(report.sections.prefetch_related("blocks__indicators"))
    series: dict[int, list[tuple[int, float | None]]] = {}
    if area_id is not None:
        shown = {indicator.pk for section in sections for b in section.blocks.all() for indicator in b.indicators.all()}
        rows = Observation.objects.filter(
            indicator_id__in=shown, area_id=area_id, gender="total", age_group="", period=""
        ).order_by("indicator_id", "year")
        for indicator_id, year, value in rows.values_list("indicator_id", "year", "value"):
            series.setdefault(indicator_id, []).append((year, value))
    frozen_sections = []
    for section in sections:
        blocks = []
        for block in section.blocks.all():
            values = {}
            if area_id is not None:
                for indicator in block.indicators.all():
                    values[str(indicator.pk)] = {
                        "source_id": indicator.source_id,
                        "title": indicator.title_fi,
                        "title_sv": indicator.title_sv,
                        "decimals": indicator.decimals,
                        "source": indicator.attribution,
                        "series": series.get(indicator.pk, []),
                    }
            blocks.append(
                {
                    "kind": block.kind,
                    "text": block.text,
                    "text_sv": block.text_sv,
                    "items": block.items,
                    "indicators": values,
                }
            )
        frozen_sections.append(
            {"key": section.key, "title": section.title, "title_sv": section.title_sv, "blocks": blocks}
        )
    content: dict[str, Any] = {
        "title": report.title,
        "title_sv": report.title_sv,
        "kind": report.kind,
        "term": [report.term_start, report.term_end],
        "year": report.year,
        "decision": {
            "body": report.decision_body,
            "date": report.decision_date.isoformat() if report.decision_date else None,
            "reference": report.decision_reference,
        },
        "sections": frozen_sections,
        "goals": _frozen_goals(report.goals.all(), area_id=area_id, until=report.year, progress={}),
    }
    if report.kind == ReportKind.ANNUAL and report.plan_report_id is not None:
        progress = {
            ("g", e.goal_id) if e.goal_id else ("m", e.measure_id): {"status": e.status, "text": e.text}
            for e in Progress.objects.filter(report=report)
        }
        content["follow_up"] = {
            "plan": report.plan_report_id,
            "goals": _frozen_goals(
                report.plan_report.goals.all(), area_id=area_id, until=report.year, progress=progress
            ),
        }
    return content


def _frozen_goals(
    goals: Iterable[Goal], *, area_id: int | None, until: int | None, progress: dict[tuple[str, int], dict[str, str]]
) -> list[dict[str, Any]]:
    all_goals = list(goals.prefetch_related("goal_indicators__indicator", "measures"))  # type: ignore[attr-defined]
    tied = [gi for goal in all_goals for gi in goal.goal_indicators.all()]
    changes = indicator_changes(tied, area_id=area_id, until=until) if area_id and tied else {}
    return [
        {
            "id": goal.pk,
            "carried_from": goal.carried_from_id,
            "progress": progress.get(("g", goal.pk)),
            "text": goal.text,
            "text_sv": goal.text_sv,
            "theme": goal.theme,
            "age_group": goal.age_group,
            "indicators": [
                {
                    "indicator": gi.indicator.title_fi,
                    "indicator_sv": gi.indicator.title_sv,
                    "source_id": gi.indicator.source_id,
                    "source": gi.indicator.attribution,
                    "baseline_year": gi.baseline_year,
                    "baseline_value": gi.baseline_value,
                    "target_year": gi.target_year,
                    "target_value": gi.target_value,
                    "direction": gi.direction,
                    **changes.get(gi.pk, {}),
                }
                for gi in goal.goal_indicators.all()
            ],
            "measures": [
                {
                    "id": m.pk,
                    "carried_from": m.carried_from_id,
                    "progress": progress.get(("m", m.pk)),
                    "text": m.text,
                    "responsible_parties": m.responsible_parties,
                    "schedule": m.schedule,
                    "budget_line": m.budget_line,
                    "budget_amount": str(m.budget_amount) if m.budget_amount is not None else None,
                    "status": m.status,
                }
                for m in goal.measures.all()
            ],
        }
        for goal in all_goals
    ]


def compare_versions(old: ReportVersion, new: ReportVersion) -> dict[str, list[Any]]:
    """What changed between two frozen versions: section texts, goals and measures added or removed."""

    def texts(content: dict[str, Any]) -> dict[str, str]:
        return {s["title"]: "\n".join(b["text"] for b in s["blocks"]) for s in content["sections"]}

    def goal_texts(content: dict[str, Any]) -> set[str]:
        return {g["text"] for g in content["goals"]}

    def measure_texts(content: dict[str, Any]) -> set[str]:
        return {m["text"] for g in content["goals"] for m in g["measures"]}

    old_texts, new_texts = texts(old.content), texts(new.content)
    return {
        "sections_changed": sorted(t for t in new_texts if old_texts.get(t) != new_texts[t]),
        "goals_added": sorted(goal_texts(new.content) - goal_texts(old.content)),
        "goals_removed": sorted(goal_texts(old.content) - goal_texts(new.content)),
        "measures_added": sorted(measure_texts(new.content) - measure_texts(old.content)),
        "measures_removed": sorted(measure_texts(old.content) - measure_texts(new.content)),
    }


def _readable_municipal_report(county: Organisation, report: Report) -> bool:
    """A municipal report the county may use: of its own municipality, and shared with it or published."""
    from hyte.accounts.models import DraftSharing

    municipality = report.organisation
    if municipality.kind != OrganisationKind.MUNICIPALITY or municipality.area is None:
        return False
    if county.area_id is None or municipality.area.county_id != county.area_id:
        return False
    shared = DraftSharing.objects.filter(organisation=municipality, shared_with=county).exists()
    return shared or report.status == ReportStatus.PUBLISHED


@transaction.atomic
def link_supporting_goal(*, actor: Any, regional_goal: Goal, municipal_goal: Goal) -> None:
    """Record that a municipality's goal supports a goal of the county's regional report."""
    regional = regional_goal.report
    require(actor, Perm.EDIT_ALL, regional.organisation)
    _editable(regional)
    if regional.kind != ReportKind.REGIONAL:
        raise ValidationError(_("Only a regional report's goals are supported by municipal goals."))
    if not _readable_municipal_report(regional.organisation, municipal_goal.report):
        raise ValidationError(_("The goal is not of a municipality of the county that shares its report."))
    regional_goal.supported_by.add(municipal_goal)
    record(
        actor=actor,
        action="report.link_goal",
        obj=regional_goal,
        organisation=regional.organisation,
        changes={"supported_by": [None, f"{municipal_goal.report.organisation}: {municipal_goal.text[:100]}"]},
    )


@transaction.atomic
def pull_into_regional(*, actor: Any, regional: Report, municipal: Report) -> Block:
    """Copy a municipality's strengths and areas to develop into the regional report, marked with its name."""
    require(actor, Perm.EDIT_ALL, regional.organisation)
    _editable(regional)
    if regional.kind != ReportKind.REGIONAL:
        raise ValidationError(_("Municipal reports are pulled into a regional report."))
    if not _readable_municipal_report(regional.organisation, municipal):
        raise ValidationError(_("The report is not of a municipality of the county that shares its report."))
    from hyte.reports.models import OutlineKey

    texts = [
        b.text
        for b in Block.objects.filter(section__report=municipal, section__key=OutlineKey.STRENGTHS)
        if b.text.strip()
    ]
    target = regional.sections.filter(key=OutlineKey.STRENGTHS).first() or regional.sections.first()
    if target is None:
        raise ValidationError(_("The regional report has no section to pull into."))
    text = f"**{municipal.organisation.name}**\n\n" + "\n\n".join(texts)
    return add_block(actor=actor, section=target, kind=BlockKind.TEXT, text=text)


@transaction.atomic
def measure_from_alert(*, actor: Any, alert: Any, goal: Goal) -> Measure:
    """Indicator → threshold → measure: the rule's proposed measure becomes a measure of a plan goal."""
    from hyte.situation.models import AlertStatus

    organisation = alert.rule.organisation
    if goal.report.organisation_id != organisation.pk:
        raise ValidationError(_("The goal is not in the organisation's plan."))
    evidence = _("(from an alert: %(indicator)s %(value)s in %(year)s)") % {
        "indicator": alert.rule.indicator.title,
        "value": alert.value,
        "year": alert.year,
    }
    measure = add_measure(actor=actor, goal=goal, text=f"{alert.rule.measure} {evidence}")
    alert.status = AlertStatus.CONVERTED
    alert.save(update_fields=["status"])
    record(
        actor=actor,
        action="alert.convert",
        obj=alert,
        organisation=organisation,
        changes={"measure": [None, measure.pk]},
    )
    return measure
