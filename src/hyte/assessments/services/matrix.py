"""The impact matrix: options compared with no change, each option's effect on each impact area with its
evidence, the fit with the welfare plan's goals, and the people heard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.assessments.models import (
    Assessment,
    Certainty,
    GoalEffect,
    GoalEffectKind,
    Hearing,
    Impact,
    ImpactArea,
    ImpactDirection,
    ImpactSize,
    Option,
    TimeSpan,
)
from hyte.assessments.queries import indicators_by_code
from hyte.assessments.services._common import choice, editable, text, touch
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor, person
from hyte.reports.models import Goal, ReportKind


def _open_for_edits(actor: Actor, assessment: Assessment) -> None:
    require(actor, Action.EDIT, assessment)
    editable(assessment)


@audit.service(AuditAction.OPTION_ADD)
def add_option(*, actor: Actor, assessment: Assessment, title: str, description: str = "") -> Option:
    _open_for_edits(actor, assessment)
    if not title.strip():
        raise ValidationError(_("Name the option."))
    if assessment.options.filter(title__iexact=title.strip()).exists():
        raise ValidationError(_("The assessment already has an option %(title)s.") % {"title": title.strip()})
    position = (assessment.options.aggregate(last=Max("position"))["last"] or 0) + 1
    option = audit.create(
        Option,
        audit_fields=["title"],
        assessment=assessment,
        position=position,
        title=text(title, limit=300),
        description=text(description),
    )
    touch(assessment)
    return option


@audit.service(AuditAction.OPTION_REMOVE)
def remove_option(*, actor: Actor, option: Option) -> None:
    assessment = option.assessment
    _open_for_edits(actor, assessment)
    if option.is_no_change:
        raise ValidationError(_("The no-change option is always compared; it cannot be removed."))
    audit.delete(option, changes={"impacts": [option.impacts.count(), 0]})
    touch(assessment)


@audit.service(AuditAction.IMPACT_SET)
def set_impact(
    *,
    actor: Actor,
    option: Option,
    area: str,
    direction: str,
    size: str = "",
    certainty: str = "",
    time_span: str = "",
    description: str = "",
    sources: str = "",
    indicator_codes: Sequence[str] = (),
) -> Impact:
    """Write one cell of the matrix: the option's effect on one impact area, with its evidence."""
    assessment = option.assessment
    _open_for_edits(actor, assessment)
    area = choice(ImpactArea, area)
    direction = choice(ImpactDirection, direction)
    size = choice(ImpactSize, size) if size else ""
    certainty = choice(Certainty, certainty) if certainty else ""
    time_span = choice(TimeSpan, time_span) if time_span else ""
    if direction in (ImpactDirection.POSITIVE, ImpactDirection.NEGATIVE) and not (size and certainty):
        raise ValidationError(_("Give the size and the certainty of a positive or negative effect."))
    indicators = indicators_by_code(actor=actor, organisation=assessment.organisation, codes=indicator_codes)
    impact = Impact.objects.filter(option=option, area=area).first() or Impact(option=option, area=area)
    values = {
        "direction": direction,
        "size": size,
        "certainty": certainty,
        "time_span": time_span,
        "description": text(description),
        "sources": text(sources),
    }
    before = audit.snapshot(impact, values) if impact.pk else {}
    for name, value in values.items():
        setattr(impact, name, value)
    impact.updated_by = person(actor)
    impact.updated_at = clock.now()
    impact.save()
    impact.indicators.set(indicators)
    touch(assessment)
    changes = audit.diff(before, audit.snapshot(impact, values))
    audit.record(impact, changes={**changes, "indicators": [None, [i.source_id for i in indicators]]})
    return impact


@dataclass(frozen=True)
class GridCell:
    """One cell of the grid as submitted: an empty direction means "not assessed"."""

    option: Option
    area: str
    direction: str
    size: str = ""
    certainty: str = ""


@audit.service(AuditAction.IMPACT_SET, AuditAction.IMPACT_CLEAR)
def set_grid(*, actor: Actor, assessment: Assessment, cells: Sequence[GridCell]) -> int:
    """Write the matrix as one grid, all or nothing: each changed cell is set (its evidence, time span and
    indicators kept) or cleared; every refused cell is named in the error. Returns how many cells changed."""
    _open_for_edits(actor, assessment)
    existing = {
        (impact.option_id, impact.area): impact
        for impact in Impact.objects.filter(option__assessment=assessment).prefetch_related("indicators")
    }
    errors: list[str] = []
    changed = 0
    for cell in cells:
        if cell.option.assessment_id != assessment.pk or cell.area not in ImpactArea.values:
            raise ValidationError(_("The cell is not one of this assessment's."))
        current = existing.get((cell.option.pk, cell.area))
        if not cell.direction:
            if current is not None:
                clear_impact(actor=actor, option=cell.option, area=cell.area)
                changed += 1
            continue
        if current is not None and (current.direction, current.size, current.certainty) == (
            cell.direction,
            cell.size,
            cell.certainty,
        ):
            continue
        try:
            set_impact(
                actor=actor,
                option=cell.option,
                area=cell.area,
                direction=cell.direction,
                size=cell.size,
                certainty=cell.certainty,
                time_span=current.time_span if current else "",
                description=current.description if current else "",
                sources=current.sources if current else "",
                indicator_codes=[i.source_id for i in current.indicators.all()] if current else (),
            )
            changed += 1
        except ValidationError as exc:
            label = ImpactArea(cell.area).label
            errors.append(f"{cell.option.label}, {label}: {' '.join(exc.messages)}")
    if errors:
        raise ValidationError(errors)
    return changed


@audit.service(AuditAction.IMPACT_CLEAR)
def clear_impact(*, actor: Actor, option: Option, area: str) -> None:
    assessment = option.assessment
    _open_for_edits(actor, assessment)
    impact = Impact.objects.filter(option=option, area=area).first()
    if impact is not None:
        audit.delete(impact)
        touch(assessment)


@audit.service(AuditAction.GOAL_EFFECT)
def set_goal_effect(*, actor: Actor, option: Option, goal: Goal, effect: str, note: str = "") -> GoalEffect:
    """Record how an option bears on a goal of the organisation's own welfare plan."""
    assessment = option.assessment
    _open_for_edits(actor, assessment)
    kind: GoalEffectKind = choice(GoalEffectKind, effect)
    if goal.report.organisation_id != assessment.organisation_id or goal.report.kind == ReportKind.ANNUAL:
        raise ValidationError(_("The goal is not in the organisation's plan."))
    previous = GoalEffect.objects.filter(option=option, goal=goal).values_list("effect", flat=True).first()
    found, _created = GoalEffect.objects.update_or_create(
        option=option, goal=goal, defaults={"effect": kind, "note": text(note, limit=2000)}
    )
    touch(assessment)
    audit.record(found, changes={"goal": [None, goal.pk], "effect": [previous, kind.value]})
    return found


@audit.service(AuditAction.HEARING_ADD)
def add_hearing(
    *,
    actor: Actor,
    assessment: Assessment,
    party: str,
    views: str,
    heard_on: dt.date | None = None,
    response: str = "",
) -> Hearing:
    """Who was consulted and what they said, e.g. the youth council's statement."""
    _open_for_edits(actor, assessment)
    if not party.strip():
        raise ValidationError(_("Name who was heard."))
    if not views.strip():
        raise ValidationError(_("Write down what they said."))
    if heard_on is not None and heard_on > clock.today():
        raise ValidationError(_("A hearing cannot be dated in the future."))
    hearing = audit.create(
        Hearing,
        audit_fields=["party", "heard_on"],
        assessment=assessment,
        party=text(party, limit=200),
        heard_on=heard_on,
        views=text(views),
        response=text(response),
        created_at=clock.now(),
    )
    touch(assessment)
    return hearing
