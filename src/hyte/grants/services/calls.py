"""Setting up a grant call: its details, the scoring scale, the criteria with their weights and plan goals, the
form's questions, and publishing it once the weights sum as the call says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.grants.models import Call, CallKind, Criterion, FieldType, ProposalRule, Question
from hyte.grants.services._common import euros, line, next_position, text
from hyte.reports.models import Goal


@dataclass
class CallDetails:
    kind: str
    title: str
    budget: Decimal | int | str
    opens_at: dt.datetime
    closes_at: dt.datetime
    title_sv: str = ""
    description: str = ""
    description_sv: str = ""
    eligibility: str = ""
    eligibility_sv: str = ""
    division_of_work: str = ""
    division_of_work_sv: str = ""
    required_attachments: str = ""
    required_attachments_sv: str = ""
    weights_total: int = 100
    # [(points, text in Finnish, text in Swedish)], lowest first
    scale: Sequence[tuple[int, str, str]] = field(default_factory=list)
    proposal_rule: str = ProposalRule.FULL_DOWN_THE_RANKING
    goals: Sequence[Goal] = field(default_factory=list)


def _scale(levels: Iterable[tuple[int, str, str]]) -> list[dict[str, Any]]:
    cleaned: list[dict[str, Any]] = []
    for points, finnish, swedish in levels:
        if not isinstance(points, int) or points < 0 or points > 1000:
            raise ValidationError(_("The points of a level of the scale are a whole number from 0 to 1000."))
        if not line(finnish, 300):
            raise ValidationError(_("Describe each level of the scale in words."))
        cleaned.append({"points": points, "text": line(finnish, 300), "text_sv": line(swedish, 300)})
    points_list: list[int] = [int(level["points"]) for level in cleaned]
    if len(cleaned) < 2:
        raise ValidationError(_("The scoring scale needs at least two levels, e.g. 0, 2 and 6 points."))
    if points_list != sorted(set(points_list)):
        raise ValidationError(_("The levels of the scale go from the lowest points to the highest, each once."))
    return cleaned


def _clean(details: CallDetails, funder: Organisation) -> dict[str, Any]:
    if details.kind not in CallKind.values:
        raise ValidationError(_("Choose the kind of grant."))
    if details.proposal_rule not in ProposalRule.values:
        raise ValidationError(_("Choose the rule of the proposal."))
    title = line(details.title, 300)
    if not title:
        raise ValidationError(_("Give the call a title."))
    if details.opens_at.tzinfo is None or details.closes_at.tzinfo is None:
        raise ValidationError(_("Give the opening and closing times with their time zone."))
    if details.closes_at <= details.opens_at:
        raise ValidationError(_("The call must close after it opens."))
    if not 1 <= details.weights_total <= 1000:
        raise ValidationError(_("The weights' sum is a whole number from 1 to 1000."))
    if any(goal.report.organisation_id != funder.pk for goal in details.goals):
        raise ValidationError(_("Choose goals of the funder's own plan."))
    return {
        "kind": details.kind,
        "title": title,
        "title_sv": line(details.title_sv, 300),
        "description": text(details.description),
        "description_sv": text(details.description_sv),
        "budget": euros(details.budget, _("The budget")),
        "opens_at": details.opens_at,
        "closes_at": details.closes_at,
        "eligibility": text(details.eligibility),
        "eligibility_sv": text(details.eligibility_sv),
        "division_of_work": text(details.division_of_work),
        "division_of_work_sv": text(details.division_of_work_sv),
        "required_attachments": text(details.required_attachments),
        "required_attachments_sv": text(details.required_attachments_sv),
        "weights_total": details.weights_total,
        "scale": _scale(details.scale),
        "proposal_rule": details.proposal_rule,
    }


def _set_goals(call: Call, goals: Sequence[Goal]) -> dict[str, list[list[int]]]:
    before = sorted(call.goals.values_list("pk", flat=True))
    call.goals.set(goals)
    after = sorted(goal.pk for goal in goals)
    return {"goals": [before, after]} if before != after else {}


@audit.service(AuditAction.GRANT_CALL_CREATE)
def create_call(*, actor: Actor, funder: Organisation, details: CallDetails) -> Call:
    """A new call of a municipality or a county, as a draft."""
    require(actor, Action.EDIT, Call(funder=funder))
    values = _clean(details, funder)
    now = clock.now()
    call = audit.create(
        Call,
        audit_fields=["kind", "title", "budget", "funder"],
        funder=funder,
        created_at=now,
        updated_at=now,
        **values,
    )
    call.goals.set(details.goals)
    audit.record(call, changes={"goals": [[], sorted(goal.pk for goal in details.goals)]})
    return call


@audit.service(AuditAction.GRANT_CALL_UPDATE)
def update_call(*, actor: Actor, call: Call, details: CallDetails) -> Call:
    require(actor, Action.EDIT, call)
    if call.applications.exclude(status="draft").exists() and details.scale and call.scale != _scale(details.scale):
        raise ValidationError(_("Applications have been sent: the scoring scale no longer changes."))
    values = _clean(details, call.funder)
    links = _set_goals(call, details.goals)
    audit.update(call, also_changed=links, updated_at=clock.now(), **values)
    return call


@audit.service(AuditAction.GRANT_CALL_PUBLISH)
def publish_call(*, actor: Actor, call: Call) -> Call:
    """On the public site and in the open data: only with criteria whose weights sum as the call says."""
    require(actor, Action.EDIT, call)
    problem = call.weight_problem()
    if problem:
        raise ValidationError(problem)
    if len(call.scale) < 2:
        raise ValidationError(_("The scoring scale needs at least two levels, e.g. 0, 2 and 6 points."))
    audit.update(call, is_published=True, updated_at=clock.now())
    return call


def _editable(call: Call) -> None:
    if call.applications.exclude(status="draft").exists():
        raise ValidationError(_("Applications have been sent: the criteria and the form no longer change."))


@audit.service(AuditAction.GRANT_CRITERION_ADD)
def add_criterion(
    *,
    actor: Actor,
    call: Call,
    title: str,
    weight: int,
    title_sv: str = "",
    description: str = "",
    description_sv: str = "",
    goal: Goal | None = None,
) -> Criterion:
    require(actor, Action.EDIT, call)
    _editable(call)
    title = line(title, 300)
    if not title:
        raise ValidationError(_("Name the criterion."))
    if not isinstance(weight, int) or not 1 <= weight <= call.weights_total:
        raise ValidationError(
            _("A criterion's weight is a whole number from 1 to %(total)s.") % {"total": call.weights_total}
        )
    if goal is not None and goal.report.organisation_id != call.funder_id:
        raise ValidationError(_("Choose goals of the funder's own plan."))
    return audit.create(
        Criterion,
        call=call,
        position=next_position(call.criteria),
        title=title,
        title_sv=line(title_sv, 300),
        description=text(description),
        description_sv=text(description_sv),
        weight=weight,
        goal=goal,
    )


@audit.service(AuditAction.GRANT_CRITERION_REMOVE)
def remove_criterion(*, actor: Actor, criterion: Criterion) -> None:
    require(actor, Action.EDIT, criterion.call)
    _editable(criterion.call)
    audit.delete(criterion)


@audit.service(AuditAction.GRANT_QUESTION_ADD)
def add_question(
    *,
    actor: Actor,
    call: Call,
    text: str,
    field_type: str,
    text_sv: str = "",
    choices: str = "",
    required: bool = True,
) -> Question:
    require(actor, Action.EDIT, call)
    _editable(call)
    question = line(text, 500)
    if not question:
        raise ValidationError(_("Write the question."))
    if field_type not in FieldType.values:
        raise ValidationError(_("Choose the type of answer."))
    choice_lines = [line(choice, 200) for choice in (choices or "").splitlines() if line(choice, 200)]
    if field_type == FieldType.CHOICE and len(choice_lines) < 2:
        raise ValidationError(_("A question with choices needs at least two choices, one per line."))
    return audit.create(
        Question,
        call=call,
        position=next_position(call.questions),
        text=question,
        text_sv=line(text_sv, 500),
        field_type=field_type,
        choices="\n".join(choice_lines) if field_type == FieldType.CHOICE else "",
        required=required,
    )


@audit.service(AuditAction.GRANT_QUESTION_REMOVE)
def remove_question(*, actor: Actor, question: Question) -> None:
    require(actor, Action.EDIT, question.call)
    _editable(question.call)
    audit.delete(question)
