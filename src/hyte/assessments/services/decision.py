"""Through the decision: the summary made ready (and reopened), the decision recorded on top of the frozen
summary, and the follow-up of what really happened."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.assessments.models import Assessment, AssessmentStatus, Option
from hyte.assessments.services._common import lock, text
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor


def _in_status(actor: Actor, assessment: Assessment, status: AssessmentStatus, refusal: str) -> None:
    require(actor, Action.EDIT, assessment)
    lock(assessment)
    if assessment.status != status:
        raise ValidationError(refusal)


@audit.service(AuditAction.ASSESSMENT_READY)
def mark_ready(*, actor: Actor, assessment: Assessment) -> Assessment:
    """Produce the summary for the decision. Every option needs its impacts, and the conclusion is written."""
    _in_status(
        actor, assessment, AssessmentStatus.IN_PREPARATION, _("Only an assessment in preparation can be made ready.")
    )
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
    unanswered = [item["question"] for item in assessment.answers if not str(item.get("answer", "")).strip()]
    if unanswered:
        raise ValidationError(
            _("Answer the method's questions, or mark them not applicable with the reason. Unanswered: %(questions)s")
            % {"questions": "; ".join(unanswered)}
        )
    now = clock.now()
    audit.update(assessment, status=AssessmentStatus.READY.value, ready_at=now, updated_at=now)
    return assessment


@audit.service(AuditAction.ASSESSMENT_REOPEN)
def reopen(*, actor: Actor, assessment: Assessment) -> Assessment:
    """Back to preparation from a ready summary (not after the decision)."""
    _in_status(
        actor,
        assessment,
        AssessmentStatus.READY,
        _("Only a ready assessment can be reopened; a decided one stays as decided."),
    )
    audit.update(assessment, status=AssessmentStatus.IN_PREPARATION.value, ready_at=None, updated_at=clock.now())
    return assessment


@audit.service(AuditAction.ASSESSMENT_DECISION)
def record_decision(
    *,
    actor: Actor,
    assessment: Assessment,
    decision_body: str,
    decision_date: dt.date | None,
    decision_reference: str,
    decided_option: Option | None = None,
    follow_up_date: dt.date | None = None,
) -> Assessment:
    """The decision made with the summary attached, and the date to check its real effects."""
    _in_status(actor, assessment, AssessmentStatus.READY, _("Record the decision once the summary is ready."))
    if not (decision_body.strip() and decision_date and decision_reference.strip()):
        raise ValidationError(_("The decision needs the body, the date and the minute reference."))
    if decision_date > clock.today():
        raise ValidationError(_("The decision date cannot be in the future."))
    if follow_up_date is not None and follow_up_date <= decision_date:
        raise ValidationError(_("The follow-up date must be after the decision date."))
    if decided_option is not None and decided_option.assessment_id != assessment.pk:
        raise ValidationError(_("The option is not one of this assessment's options."))
    audit.update(
        assessment,
        decision_body=text(decision_body, limit=200),
        decision_date=decision_date,
        decision_reference=text(decision_reference, limit=200),
        decided_option=decided_option,
        follow_up_date=follow_up_date,
        status=AssessmentStatus.DECIDED.value,
        updated_at=clock.now(),
    )
    return assessment


@audit.service(AuditAction.ASSESSMENT_FOLLOW_UP)
def record_follow_up(*, actor: Actor, assessment: Assessment, notes: str) -> Assessment:
    """What the decision's effects turned out to be, compared with what was assessed."""
    _in_status(actor, assessment, AssessmentStatus.DECIDED, _("Follow up an assessment once its decision is recorded."))
    if not notes.strip():
        raise ValidationError(_("Describe the effects observed at follow-up."))
    now = clock.now()
    audit.update(
        assessment,
        follow_up_notes=text(notes),
        followed_up_at=now,
        status=AssessmentStatus.FOLLOWED_UP.value,
        updated_at=now,
    )
    return assessment
