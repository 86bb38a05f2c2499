"""An assessment from its start (a screening or straight a full EVA/IVA or LAVA) through its details, people and
the method's answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for, require
from hyte.assessments.models import Assessment, AssessmentStatus, Impact, Option, TemplateKind
from hyte.assessments.queries import method_questions
from hyte.assessments.services._common import MAX_TEXT, choice, editable, lock, members, text
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor, person

DETAIL_FIELDS = (
    "title",
    "case_number",
    "preparing_body",
    "decision_maker",
    "deadline",
    "description",
    "other_participants",
    "cumulative_effects",
    "conclusion",
    "recommended_option",
)
_LIMITS = {"title": 300, "case_number": 100, "preparing_body": 200, "decision_maker": 200}


def _check_deadline(deadline: dt.date | None, *, was: dt.date | None = None) -> None:
    if deadline is not None and deadline != was and deadline < clock.today():
        raise ValidationError(_("The deadline %(date)s is already past.") % {"date": deadline.strftime("%d.%m.%Y")})


@audit.service(AuditAction.ASSESSMENT_CREATE)
def create_assessment(
    *,
    actor: Actor,
    organisation: Organisation,
    title: str,
    kind: str = TemplateKind.SCREENING,
    case_number: str = "",
    preparing_body: str = "",
    decision_maker: str = "",
    deadline: dt.date | None = None,
    description: str = "",
    preparer: User | None = None,
    copy_from: Assessment | None = None,
) -> Assessment:
    """Start an assessment, by screening or straight as a full EVA/IVA or LAVA, with its "no change" option; or
    as a copy of an earlier assessment of the organisation (its method, options, matrix with evidence and answers
    as a starting point; not its hearings, conclusion or decision).

    Editors may start one for the decisions they prepare; they become its preparer.
    """
    require(actor, Action.CONTRIBUTE, organisation)
    kind = choice(TemplateKind, kind)
    if not permissions_for(actor).can(Action.EDIT, organisation):
        if preparer is not None and preparer.pk != actor.pk:
            raise PermissionDenied
        preparer = person(actor)
    preparer = preparer or person(actor)
    if preparer is not None and preparer.pk not in members(organisation):
        raise ValidationError(_("The preparer must be a member of the organisation."))
    if not title.strip():
        raise ValidationError(_("Name the decision under preparation."))
    _check_deadline(deadline)
    now = clock.now()
    screening = kind == TemplateKind.SCREENING
    assessment = audit.create(
        Assessment,
        audit_fields=["kind", "status", "title"],
        organisation=organisation,
        kind=kind,
        status=AssessmentStatus.SCREENING if screening else AssessmentStatus.IN_PREPARATION,
        title=text(title, limit=300),
        case_number=text(case_number, limit=100),
        preparing_body=text(preparing_body, limit=200),
        decision_maker=text(decision_maker, limit=200),
        deadline=deadline,
        description=text(description),
        preparer=preparer,
        screening_questions=method_questions(organisation, TemplateKind.SCREENING) if screening else [],
        answers=[] if screening else method_questions(organisation, kind),
        created_by=person(actor),
        created_at=now,
        updated_at=now,
    )
    no_change = Option.objects.create(assessment=assessment, position=1, title=_("No change"), is_no_change=True)
    if copy_from is not None:
        _copy(copy_from, assessment, no_change)
    return assessment


def _copy(source: Assessment, target: Assessment, no_change: Option) -> None:
    if source.organisation_id != target.organisation_id:
        raise ValidationError(_("An assessment can be copied only within the organisation."))
    target.kind = source.kind
    target.status = AssessmentStatus.IN_PREPARATION
    target.answers = [{**item, "answer": item.get("answer", "")} for item in source.answers]
    target.cumulative_effects = source.cumulative_effects
    target.description = target.description or source.description
    target.save(update_fields=["kind", "status", "answers", "cumulative_effects", "description"])
    for option in source.options.prefetch_related("impacts__indicators"):
        copied = no_change
        if not option.is_no_change:
            copied = Option.objects.create(
                assessment=target, position=option.position, title=option.title, description=option.description
            )
        for impact in option.impacts.all():
            new = Impact.objects.create(
                option=copied,
                area=impact.area,
                direction=impact.direction,
                size=impact.size,
                certainty=impact.certainty,
                time_span=impact.time_span,
                description=impact.description,
                sources=impact.sources,
                updated_by=impact.updated_by,
                updated_at=clock.now(),
            )
            new.indicators.set(impact.indicators.all())
    audit.record(target, changes={"copied_from": [None, source.pk]})


_UNCHANGED: Any = object()


@audit.service(AuditAction.ASSESSMENT_UPDATE)
def update_assessment(
    *,
    actor: Actor,
    assessment: Assessment,
    title: str = _UNCHANGED,
    case_number: str = _UNCHANGED,
    preparing_body: str = _UNCHANGED,
    decision_maker: str = _UNCHANGED,
    deadline: dt.date | None = _UNCHANGED,
    description: str = _UNCHANGED,
    other_participants: str = _UNCHANGED,
    cumulative_effects: str = _UNCHANGED,
    conclusion: str = _UNCHANGED,
    recommended_option: Option | None = _UNCHANGED,
) -> Assessment:
    """Change the details; arguments left out stay as they are."""
    require(actor, Action.EDIT, assessment)
    editable(assessment)
    texts = {
        "title": title,
        "case_number": case_number,
        "preparing_body": preparing_body,
        "decision_maker": decision_maker,
        "description": description,
        "other_participants": other_participants,
        "cumulative_effects": cumulative_effects,
        "conclusion": conclusion,
    }
    values: dict[str, Any] = {
        name: text(value, limit=_LIMITS.get(name, MAX_TEXT)) for name, value in texts.items() if value is not _UNCHANGED
    }
    if not values.get("title", assessment.title):
        raise ValidationError(_("Name the decision under preparation."))
    if deadline is not _UNCHANGED:
        _check_deadline(deadline, was=assessment.deadline)
        values["deadline"] = deadline
    if recommended_option is not _UNCHANGED:
        if recommended_option is not None and recommended_option.assessment_id != assessment.pk:
            raise ValidationError(_("The option is not one of this assessment's options."))
        values["recommended_option"] = recommended_option
    audit.update(assessment, updated_at=clock.now(), **values)
    return assessment


@audit.service(AuditAction.ASSESSMENT_PEOPLE)
def set_people(
    *, actor: Actor, assessment: Assessment, preparer: User | None, participants: Sequence[User]
) -> Assessment:
    """Coordinators name the preparer and the participants, who may then edit the assessment. Once the summary is
    ready the people stay as they were (reopen it to change them)."""
    require(actor, Action.MANAGE_PEOPLE, assessment)
    editable(assessment)
    organisation_members = members(assessment.organisation)
    chosen = [u for u in [preparer, *participants] if u is not None]
    if any(user.pk not in organisation_members for user in chosen):
        raise ValidationError(_("Only members of the organisation can prepare or take part in an assessment."))
    before = sorted(assessment.participants.values_list("pk", flat=True))
    assessment.participants.set(participants)
    after = sorted(u.pk for u in participants)
    audit.update(
        assessment,
        preparer=preparer,
        updated_at=clock.now(),
        also_changed={"participants": [before, after]} if before != after else {},
    )
    return assessment


@audit.service(AuditAction.ASSESSMENT_ANSWERS)
def save_answers(
    *,
    actor: Actor,
    assessment: Assessment,
    answers: Sequence[str],
    not_applicable: Sequence[bool] = (),
    screening: bool = False,
) -> Assessment:
    """Answer the method's questions (or the screening questions), in the order they are asked; a question marked
    not applicable keeps the reason as its answer."""
    require(actor, Action.EDIT, assessment)
    editable(assessment)
    field = "screening_questions" if screening else "answers"
    if screening and assessment.status != AssessmentStatus.SCREENING:
        raise ValidationError(_("The screening is already concluded."))
    questions = list(getattr(assessment, field))
    if len(answers) != len(questions):
        raise ValidationError(
            _("Answer the questions in order: %(expected)s answers expected, %(given)s given.")
            % {"expected": len(questions), "given": len(answers)}
        )
    flags = list(not_applicable) or [False] * len(questions)
    if len(flags) != len(questions):
        raise ValidationError(_("Mark each question applicable or not, in order."))
    updated = []
    for item, answer, skipped in zip(questions, answers, flags, strict=True):
        if skipped and not answer.strip():
            raise ValidationError(
                _("Say why the question does not apply: %(question)s") % {"question": item["question"]}
            )
        updated.append({"question": item["question"], "answer": text(answer), "not_applicable": bool(skipped)})
    setattr(assessment, field, updated)
    assessment.updated_at = clock.now()
    assessment.save(update_fields=[field, "updated_at"])
    audit.record(assessment, changes={field: [None, sum(1 for item in updated if item["answer"])]})
    return assessment


@audit.service(AuditAction.ASSESSMENT_SCREENING)
def record_screening(
    *,
    actor: Actor,
    assessment: Assessment,
    full_assessment_needed: bool,
    reason: str,
    method: str = TemplateKind.FULL,
) -> Assessment:
    """Conclude the screening: either a full EVA/IVA or LAVA follows, or the assessment closes with its reason."""
    require(actor, Action.EDIT, assessment)
    lock(assessment)
    if assessment.status != AssessmentStatus.SCREENING:
        raise ValidationError(_("The screening is already concluded."))
    reason = text(reason)
    if full_assessment_needed:
        method = choice(TemplateKind, method)
        if method == TemplateKind.SCREENING:
            raise ValidationError(_("Choose the method of the full assessment: EVA/IVA or LAVA."))
        values: dict[str, Any] = {
            "kind": method,
            "status": AssessmentStatus.IN_PREPARATION,
            "answers": method_questions(assessment.organisation, method),
        }
    else:
        if not reason:
            raise ValidationError(_("Give the reason why no full assessment is needed."))
        values = {"status": AssessmentStatus.CLOSED}
    audit.update(assessment, screening_reason=reason, updated_at=clock.now(), **values)
    return assessment
