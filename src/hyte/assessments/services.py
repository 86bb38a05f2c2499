"""Writing impact assessments. Keyword-only, atomic, audited; permissions from the one resolver.

Coordinators edit every assessment of their organisation; editors start assessments (they become the preparer)
and edit those they prepare or take part in. Once the summary is ready nothing changes until the assessment is
reopened; the decision and the follow-up are recorded on top of the frozen summary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import permissions_for, require
from hyte.accounts.roles import Perm
from hyte.assessments.methods import DEFAULT_METHODS
from hyte.assessments.models import (
    Assessment,
    AssessmentStatus,
    AssessmentTemplate,
    Certainty,
    GoalEffect,
    GoalEffectKind,
    Hearing,
    Impact,
    ImpactArea,
    ImpactDirection,
    ImpactSize,
    Option,
    TemplateKind,
    TimeSpan,
)
from hyte.audit.services import diff, record, snapshot
from hyte.core import clock
from hyte.indicators.models import Indicator
from hyte.indicators.queries import visible_indicators
from hyte.reports.models import Goal, ReportKind

MAX_TEXT = 20_000
MAX_QUESTIONS = 30
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


def _text(value: str, *, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError(_("The text is longer than %(max)s characters.") % {"max": limit})
    return value


def can_edit(actor: Any, assessment: Assessment) -> bool:
    """Coordinators edit every assessment; editors those they prepare or take part in."""
    if actor is None:
        return True
    people = [assessment.preparer_id, *(u.pk for u in assessment.participants.all())]
    return permissions_for(actor).can_edit(assessment.organisation, assignee_ids=[pk for pk in people if pk])


def _require_edit(actor: Any, assessment: Assessment) -> None:
    if not can_edit(actor, assessment):
        raise PermissionDenied


def _lock(assessment: Assessment) -> None:
    """Hold the assessment's row until the transaction ends and read its status afresh: two writes of the same
    assessment (an impact saved while someone marks it ready) take turns instead of racing."""
    assessment.status = Assessment.objects.select_for_update().values_list("status", flat=True).get(pk=assessment.pk)


def _editable(assessment: Assessment) -> None:
    _lock(assessment)
    if not assessment.is_editable:
        raise ValidationError(
            _("The assessment is %(status)s and cannot be changed; reopen it first.")
            % {"status": assessment.get_status_display()}
        )


def _touch(assessment: Assessment) -> None:
    assessment.updated_at = clock.now()
    assessment.save(update_fields=["updated_at"])


def _choice(choices: Any, value: str) -> Any:
    try:
        return choices(value)
    except ValueError as exc:
        raise ValidationError(_("Unknown value %(value)s.") % {"value": value}) from exc


def _members(organisation: Organisation) -> set[int]:
    return set(organisation.memberships.values_list("user_id", flat=True))


# Templates ------------------------------------------------------------------------------------------------------


@transaction.atomic
def ensure_templates(*, organisation: Organisation) -> dict[str, AssessmentTemplate]:
    """The organisation's methods, seeded from the defaults the first time they are needed."""
    existing = {t.kind: t for t in AssessmentTemplate.objects.filter(organisation=organisation)}
    for kind, (name, guidance, questions) in DEFAULT_METHODS.items():
        if kind not in existing:
            existing[kind] = AssessmentTemplate.objects.create(
                organisation=organisation,
                kind=kind,
                name=name,
                guidance=guidance,
                questions=list(questions),
                updated_at=clock.now(),
            )
            record(actor=None, action="assessment.template_create", obj=existing[kind], organisation=organisation)
    return existing


@transaction.atomic
def update_template(
    *, actor: Any, template: AssessmentTemplate, name: str, guidance: str, questions: Sequence[str]
) -> AssessmentTemplate:
    """Coordinators adapt a method to their organisation; assessments already started keep their questions."""
    require(actor, Perm.EDIT_ALL, template.organisation)
    cleaned = [_text(q, limit=1000) for q in questions if q.strip()]
    if not name.strip():
        raise ValidationError(_("Give the template a name."))
    if not cleaned:
        raise ValidationError(_("A template needs at least one question."))
    if len(cleaned) > MAX_QUESTIONS:
        raise ValidationError(_("A template can have at most %(max)s questions.") % {"max": MAX_QUESTIONS})
    before = snapshot(template, ["name", "guidance", "questions"])
    template.name = _text(name, limit=200)
    template.guidance = _text(guidance)
    template.questions = cleaned
    template.updated_at = clock.now()
    template.save()
    record(
        actor=actor,
        action="assessment.template_update",
        obj=template,
        organisation=template.organisation,
        changes=diff(before, snapshot(template, ["name", "guidance", "questions"])),
    )
    return template


def _questions(organisation: Organisation, kind: str) -> list[dict[str, str]]:
    template = ensure_templates(organisation=organisation)[kind]
    return [{"question": question, "answer": ""} for question in template.questions]


# The assessment -------------------------------------------------------------------------------------------------


def _check_deadline(deadline: dt.date | None, *, was: dt.date | None = None) -> None:
    if deadline is not None and deadline != was and deadline < clock.today():
        raise ValidationError(_("The deadline %(date)s is already past.") % {"date": deadline.strftime("%d.%m.%Y")})


@transaction.atomic
def create_assessment(
    *,
    actor: Any,
    organisation: Organisation,
    title: str,
    kind: str = TemplateKind.SCREENING,
    case_number: str = "",
    preparing_body: str = "",
    decision_maker: str = "",
    deadline: dt.date | None = None,
    description: str = "",
    preparer: Any = None,
) -> Assessment:
    """Start an assessment, by screening or straight as a full EVA/IVA or LAVA, with its "no change" option.

    Editors may start one for the decisions they prepare; they become its preparer.
    """
    require(actor, Perm.EDIT_ASSIGNED, organisation)
    kind = _choice(TemplateKind, kind)
    if actor is not None and not permissions_for(actor).has(Perm.EDIT_ALL, organisation):
        if preparer is not None and preparer.pk != actor.pk:
            raise PermissionDenied
        preparer = actor
    if preparer is None and actor is not None:
        preparer = actor
    if preparer is not None and preparer.pk not in _members(organisation):
        raise ValidationError(_("The preparer must be a member of the organisation."))
    if not title.strip():
        raise ValidationError(_("Name the decision under preparation."))
    _check_deadline(deadline)
    now = clock.now()
    screening = kind == TemplateKind.SCREENING
    assessment = Assessment.objects.create(
        organisation=organisation,
        kind=kind,
        status=AssessmentStatus.SCREENING if screening else AssessmentStatus.IN_PREPARATION,
        title=_text(title, limit=300),
        case_number=_text(case_number, limit=100),
        preparing_body=_text(preparing_body, limit=200),
        decision_maker=_text(decision_maker, limit=200),
        deadline=deadline,
        description=_text(description),
        preparer=preparer,
        screening_questions=_questions(organisation, TemplateKind.SCREENING) if screening else [],
        answers=[] if screening else _questions(organisation, kind),
        created_by=actor if actor is not None else None,
        created_at=now,
        updated_at=now,
    )
    Option.objects.create(assessment=assessment, position=1, title=_("No change"), is_no_change=True)
    record(
        actor=actor,
        action="assessment.create",
        obj=assessment,
        organisation=organisation,
        changes={"kind": [None, kind.value], "status": [None, assessment.status]},
    )
    return assessment


_UNCHANGED: Any = object()


@transaction.atomic
def update_assessment(
    *,
    actor: Any,
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
    _require_edit(actor, assessment)
    _editable(assessment)
    before = snapshot(assessment, DETAIL_FIELDS)
    limits = {"title": 300, "case_number": 100, "preparing_body": 200, "decision_maker": 200}
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
    for name, value in texts.items():
        if value is not _UNCHANGED:
            setattr(assessment, name, _text(value, limit=limits.get(name, MAX_TEXT)))
    if not assessment.title:
        raise ValidationError(_("Name the decision under preparation."))
    if deadline is not _UNCHANGED:
        _check_deadline(deadline, was=assessment.deadline)
        assessment.deadline = deadline
    if recommended_option is not _UNCHANGED:
        if recommended_option is not None and recommended_option.assessment_id != assessment.pk:
            raise ValidationError(_("The option is not one of this assessment's options."))
        assessment.recommended_option = recommended_option
    assessment.updated_at = clock.now()
    assessment.save()
    changes = diff(before, snapshot(assessment, DETAIL_FIELDS))
    record(
        actor=actor,
        action="assessment.update",
        obj=assessment,
        organisation=assessment.organisation,
        changes={k: [str(v)[:200] if v is not None else None for v in pair] for k, pair in changes.items()},
    )
    return assessment


@transaction.atomic
def set_people(*, actor: Any, assessment: Assessment, preparer: Any, participants: Sequence[Any]) -> Assessment:
    """Coordinators name the preparer and the participants, who may then edit the assessment."""
    require(actor, Perm.EDIT_ALL, assessment.organisation)
    members = _members(assessment.organisation)
    chosen = [u for u in [preparer, *participants] if u is not None]
    if any(user.pk not in members for user in chosen):
        raise ValidationError(_("Only members of the organisation can prepare or take part in an assessment."))
    before = {
        "preparer": assessment.preparer_id,
        "participants": sorted(assessment.participants.values_list("pk", flat=True)),
    }
    assessment.preparer = preparer
    assessment.save(update_fields=["preparer"])
    assessment.participants.set(participants)
    _touch(assessment)
    after = {"preparer": preparer.pk if preparer else None, "participants": sorted(u.pk for u in participants)}
    record(
        actor=actor,
        action="assessment.people",
        obj=assessment,
        organisation=assessment.organisation,
        changes=diff(before, after),
    )
    return assessment


@transaction.atomic
def save_answers(*, actor: Any, assessment: Assessment, answers: Sequence[str], screening: bool = False) -> Assessment:
    """Answer the method's questions (or the screening questions), in the order they are asked."""
    _require_edit(actor, assessment)
    _editable(assessment)
    field = "screening_questions" if screening else "answers"
    if screening and assessment.status != AssessmentStatus.SCREENING:
        raise ValidationError(_("The screening is already concluded."))
    questions = list(getattr(assessment, field))
    if len(answers) != len(questions):
        raise ValidationError(
            _("Answer the questions in order: %(expected)s answers expected, %(given)s given.")
            % {"expected": len(questions), "given": len(answers)}
        )
    updated = [
        {"question": item["question"], "answer": _text(answer)} for item, answer in zip(questions, answers, strict=True)
    ]
    setattr(assessment, field, updated)
    assessment.updated_at = clock.now()
    assessment.save(update_fields=[field, "updated_at"])
    record(
        actor=actor,
        action="assessment.answers",
        obj=assessment,
        organisation=assessment.organisation,
        changes={field: [None, sum(1 for item in updated if item["answer"])]},
    )
    return assessment


@transaction.atomic
def record_screening(
    *, actor: Any, assessment: Assessment, full_assessment_needed: bool, reason: str, method: str = TemplateKind.FULL
) -> Assessment:
    """Conclude the screening: either a full EVA/IVA or LAVA follows, or the assessment closes with its reason."""
    _require_edit(actor, assessment)
    _lock(assessment)
    if assessment.status != AssessmentStatus.SCREENING:
        raise ValidationError(_("The screening is already concluded."))
    reason = _text(reason)
    old = assessment.status
    if full_assessment_needed:
        method = _choice(TemplateKind, method)
        if method == TemplateKind.SCREENING:
            raise ValidationError(_("Choose the method of the full assessment: EVA/IVA or LAVA."))
        assessment.kind = method
        assessment.status = AssessmentStatus.IN_PREPARATION
        assessment.answers = _questions(assessment.organisation, method)
    else:
        if not reason:
            raise ValidationError(_("Give the reason why no full assessment is needed."))
        assessment.status = AssessmentStatus.CLOSED
    assessment.screening_reason = reason
    assessment.updated_at = clock.now()
    assessment.save()
    record(
        actor=actor,
        action="assessment.screening",
        obj=assessment,
        organisation=assessment.organisation,
        changes={"status": [old, assessment.status], "kind": [TemplateKind.SCREENING.value, assessment.kind]},
    )
    return assessment


# Options and the impact matrix ----------------------------------------------------------------------------------


@transaction.atomic
def add_option(*, actor: Any, assessment: Assessment, title: str, description: str = "") -> Option:
    _require_edit(actor, assessment)
    _editable(assessment)
    if not title.strip():
        raise ValidationError(_("Name the option."))
    if assessment.options.filter(title__iexact=title.strip()).exists():
        raise ValidationError(_("The assessment already has an option %(title)s.") % {"title": title.strip()})
    position = (assessment.options.aggregate(last=Max("position"))["last"] or 0) + 1
    option = Option.objects.create(
        assessment=assessment, position=position, title=_text(title, limit=300), description=_text(description)
    )
    _touch(assessment)
    record(actor=actor, action="assessment.add_option", obj=option, organisation=assessment.organisation)
    return option


@transaction.atomic
def remove_option(*, actor: Any, option: Option) -> None:
    assessment = option.assessment
    _require_edit(actor, assessment)
    _editable(assessment)
    if option.is_no_change:
        raise ValidationError(_("The no-change option is always compared; it cannot be removed."))
    record(
        actor=actor,
        action="assessment.remove_option",
        obj=option,
        organisation=assessment.organisation,
        changes={"impacts": [option.impacts.count(), 0]},
    )
    option.delete()
    _touch(assessment)


def resolve_indicators(*, actor: Any, organisation: Organisation, codes: Sequence[str]) -> list[Indicator]:
    """Indicators by their code at the source (e.g. Sotkanet's 127 or an own indicator's KH1) among those the actor
    may see; the organisation's own indicator wins over a shared one with the same code. Unknown codes are refused
    by name, so nothing is linked half-way."""
    wanted = [code.strip() for code in codes if code and code.strip()]
    if not wanted:
        return []
    pool = Indicator.objects.all() if actor is None else visible_indicators(actor)
    pool = pool.filter(Q(organisation__isnull=True) | Q(organisation=organisation), source_id__in=wanted)
    by_code: dict[str, Indicator] = {}
    for indicator in pool.order_by("organisation_id", "pk"):
        current = by_code.get(indicator.source_id)
        if current is None or (current.organisation_id is None and indicator.organisation_id is not None):
            by_code[indicator.source_id] = indicator
    unknown = [code for code in dict.fromkeys(wanted) if code not in by_code]
    if unknown:
        raise ValidationError(
            _("Unknown indicator %(codes)s: no indicator with that code is available to this organisation.")
            % {"codes": ", ".join(unknown)}
        )
    return [by_code[code] for code in dict.fromkeys(wanted)]


@transaction.atomic
def set_impact(
    *,
    actor: Any,
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
    _require_edit(actor, assessment)
    _editable(assessment)
    area = _choice(ImpactArea, area)
    direction = _choice(ImpactDirection, direction)
    size = _choice(ImpactSize, size) if size else ""
    certainty = _choice(Certainty, certainty) if certainty else ""
    time_span = _choice(TimeSpan, time_span) if time_span else ""
    if direction in (ImpactDirection.POSITIVE, ImpactDirection.NEGATIVE) and not (size and certainty):
        raise ValidationError(_("Give the size and the certainty of a positive or negative effect."))
    indicators = resolve_indicators(actor=actor, organisation=assessment.organisation, codes=indicator_codes)
    impact = Impact.objects.filter(option=option, area=area).first()
    fields = ["direction", "size", "certainty", "time_span", "description", "sources"]
    before = snapshot(impact, fields) if impact else {}
    if impact is None:
        impact = Impact(option=option, area=area)
    impact.direction = direction
    impact.size = size
    impact.certainty = certainty
    impact.time_span = time_span
    impact.description = _text(description)
    impact.sources = _text(sources)
    impact.updated_by = actor
    impact.updated_at = clock.now()
    impact.save()
    impact.indicators.set(indicators)
    _touch(assessment)
    changes = diff(before, snapshot(impact, fields))
    changes["indicators"] = [None, [i.source_id for i in indicators]]
    record(actor=actor, action="assessment.impact", obj=impact, organisation=assessment.organisation, changes=changes)
    return impact


@transaction.atomic
def clear_impact(*, actor: Any, option: Option, area: str) -> None:
    assessment = option.assessment
    _require_edit(actor, assessment)
    _editable(assessment)
    impact = Impact.objects.filter(option=option, area=area).first()
    if impact is None:
        return
    record(actor=actor, action="assessment.clear_impact", obj=impact, organisation=assessment.organisation)
    impact.delete()
    _touch(assessment)


# The welfare plan and the people heard ---------------------------------------------------------------------------


@transaction.atomic
def set_goal_effect(*, actor: Any, option: Option, goal: Goal, effect: str, note: str = "") -> GoalEffect:
    """Record how an option bears on a goal of the organisation's own welfare plan."""
    assessment = option.assessment
    _require_edit(actor, assessment)
    _editable(assessment)
    effect = _choice(GoalEffectKind, effect)
    if goal.report.organisation_id != assessment.organisation_id or goal.report.kind == ReportKind.ANNUAL:
        raise ValidationError(_("The goal is not in the organisation's plan."))
    previous = GoalEffect.objects.filter(option=option, goal=goal).values_list("effect", flat=True).first()
    found, _created = GoalEffect.objects.update_or_create(
        option=option, goal=goal, defaults={"effect": effect, "note": _text(note, limit=2000)}
    )
    _touch(assessment)
    record(
        actor=actor,
        action="assessment.goal_effect",
        obj=found,
        organisation=assessment.organisation,
        changes={"goal": [None, goal.pk], "effect": [previous, effect.value]},
    )
    return found


@transaction.atomic
def add_hearing(
    *, actor: Any, assessment: Assessment, party: str, views: str, heard_on: dt.date | None = None, response: str = ""
) -> Hearing:
    """Who was consulted and what they said, e.g. the youth council's statement."""
    _require_edit(actor, assessment)
    _editable(assessment)
    if not party.strip():
        raise ValidationError(_("Name who was heard."))
    if not views.strip():
        raise ValidationError(_("Write down what they said."))
    if heard_on is not None and heard_on > clock.today():
        raise ValidationError(_("A hearing cannot be dated in the future."))
    hearing = Hearing.objects.create(
        assessment=assessment,
        party=_text(party, limit=200),
        heard_on=heard_on,
        views=_text(views),
        response=_text(response),
        created_at=clock.now(),
    )
    _touch(assessment)
    record(actor=actor, action="assessment.hearing", obj=hearing, organisation=assessment.organisation)
    return hearing


# Through the decision -------------------------------------------------------------------------------------------


@transaction.atomic
def mark_ready(*, actor: Any, assessment: Assessment) -> Assessment:
    """Produce the summary for the decision. Every option needs its impacts, and the conclusion is written."""
    _require_edit(actor, assessment)
    _lock(assessment)
    if assessment.status != AssessmentStatus.IN_PREPARATION:
        raise ValidationError(_("Only an assessment in preparation can be made ready."))
    options = list(assessment.options.prefetch_related("impacts"))
    if len(options) < 2:
        raise ValidationError(_("Compare at least one option with no change."))
    without = [option.label for option in options if not option.impacts.all()]
    if without:
        raise ValidationError(
            _("Assess the impacts of every option: %(options)s has no impacts yet.") % {"options": ", ".join(without)}
        )
    if not assessment.conclusion.strip():
        raise ValidationError(_("Write the conclusion: which option is best overall, and why."))
    assessment.status = AssessmentStatus.READY
    assessment.ready_at = clock.now()
    assessment.updated_at = assessment.ready_at
    assessment.save()
    record(
        actor=actor,
        action="assessment.ready",
        obj=assessment,
        organisation=assessment.organisation,
        changes={"status": [AssessmentStatus.IN_PREPARATION.value, AssessmentStatus.READY.value]},
    )
    return assessment


@transaction.atomic
def reopen(*, actor: Any, assessment: Assessment) -> Assessment:
    """Back to preparation from a ready summary (not after the decision)."""
    _require_edit(actor, assessment)
    _lock(assessment)
    if assessment.status != AssessmentStatus.READY:
        raise ValidationError(_("Only a ready assessment can be reopened; a decided one stays as decided."))
    assessment.status = AssessmentStatus.IN_PREPARATION
    assessment.ready_at = None
    assessment.updated_at = clock.now()
    assessment.save()
    record(
        actor=actor,
        action="assessment.reopen",
        obj=assessment,
        organisation=assessment.organisation,
        changes={"status": [AssessmentStatus.READY.value, AssessmentStatus.IN_PREPARATION.value]},
    )
    return assessment


@transaction.atomic
def record_decision(
    *,
    actor: Any,
    assessment: Assessment,
    decision_body: str,
    decision_date: dt.date | None,
    decision_reference: str,
    decided_option: Option | None = None,
    follow_up_date: dt.date | None = None,
) -> Assessment:
    """The decision made with the summary attached, and the date to check its real effects."""
    _require_edit(actor, assessment)
    _lock(assessment)
    if assessment.status != AssessmentStatus.READY:
        raise ValidationError(_("Record the decision once the summary is ready."))
    if not (decision_body.strip() and decision_date and decision_reference.strip()):
        raise ValidationError(_("The decision needs the body, the date and the minute reference."))
    if decision_date > clock.today():
        raise ValidationError(_("The decision date cannot be in the future."))
    if follow_up_date is not None and follow_up_date <= decision_date:
        raise ValidationError(_("The follow-up date must be after the decision date."))
    if decided_option is not None and decided_option.assessment_id != assessment.pk:
        raise ValidationError(_("The option is not one of this assessment's options."))
    assessment.decision_body = _text(decision_body, limit=200)
    assessment.decision_date = decision_date
    assessment.decision_reference = _text(decision_reference, limit=200)
    assessment.decided_option = decided_option
    assessment.follow_up_date = follow_up_date
    assessment.status = AssessmentStatus.DECIDED
    assessment.updated_at = clock.now()
    assessment.save()
    record(
        actor=actor,
        action="assessment.decision",
        obj=assessment,
        organisation=assessment.organisation,
        changes={
            "status": [AssessmentStatus.READY.value, AssessmentStatus.DECIDED.value],
            "decision": [
                None,
                f"{assessment.decision_body} {decision_date.isoformat()} {assessment.decision_reference}",
            ],
            "follow_up_date": [None, follow_up_date.isoformat() if follow_up_date else None],
        },
    )
    return assessment


@transaction.atomic
def record_follow_up(*, actor: Any, assessment: Assessment, notes: str) -> Assessment:
    """What the decision's effects turned out to be, compared with what was assessed."""
    _require_edit(actor, assessment)
    _lock(assessment)
    if assessment.status != AssessmentStatus.DECIDED:
        raise ValidationError(_("Follow up an assessment once its decision is recorded."))
    if not notes.strip():
        raise ValidationError(_("Describe the effects observed at follow-up."))
    assessment.follow_up_notes = _text(notes)
    assessment.followed_up_at = clock.now()
    assessment.status = AssessmentStatus.FOLLOWED_UP
    assessment.updated_at = assessment.followed_up_at
    assessment.save()
    record(
        actor=actor,
        action="assessment.follow_up",
        obj=assessment,
        organisation=assessment.organisation,
        changes={"status": [AssessmentStatus.DECIDED.value, AssessmentStatus.FOLLOWED_UP.value]},
    )
    return assessment
