"""Reviewing: the funder's coordinators assign reviewers to a call; each reviewer declares for each application
whether they are disqualified (with the ground), then scores each criterion within the call's scale; the preparer
may deviate from the computed proposal with a written reason. Every declaration and every score is audited."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Membership
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.grants.models import Application, ApplicationStatus, Call, Declaration, Reviewer, Score
from hyte.grants.services._common import euros, text


def _not_a_change(application: Application) -> None:
    if application.change_of_id is not None:
        raise ValidationError(_("A change to a decided grant is decided by the funder, not scored."))


@audit.service(AuditAction.GRANT_REVIEWER_ADD)
def add_reviewer(*, actor: Actor, call: Call, user: User) -> Reviewer:
    require(actor, Action.EDIT, Reviewer(call=call, user=user))
    if not Membership.objects.filter(organisation=call.funder, user=user).exists():
        raise ValidationError(_("A reviewer must be a member of the funder's organisation."))
    if call.reviewers.filter(user=user).exists():
        raise ValidationError(_("This person already reviews the call."))
    return audit.create(Reviewer, call=call, user=user, added_at=clock.now())


@audit.service(AuditAction.GRANT_DECLARE, AuditAction.GRANT_SCORE)
def declare(
    *, actor: Actor, application: Application, reviewer: Reviewer, disqualified: bool, ground: str = ""
) -> Declaration:
    """The reviewer's own declaration; declaring oneself disqualified after scoring removes one's scores."""
    if reviewer.call_id != application.call_id:
        raise ValidationError(_("The reviewer does not review this call."))
    existing = application.declarations.filter(reviewer=reviewer).first()
    require(actor, Action.EDIT, existing or Declaration(application=application, reviewer=reviewer))
    _not_a_change(application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("The application has been decided: declarations no longer change."))
    ground = text(ground)
    if disqualified and not ground:
        raise ValidationError(_("Give the ground of the disqualification."))
    now = clock.now()
    if disqualified:
        for score in Score.objects.filter(application=application, reviewer=reviewer):
            audit.delete(score, action=AuditAction.GRANT_SCORE)
    if existing is None:
        return audit.create(
            Declaration,
            application=application,
            reviewer=reviewer,
            disqualified=disqualified,
            ground=ground,
            declared_at=now,
        )
    audit.update(existing, disqualified=disqualified, ground=ground, declared_at=now)
    return existing


@audit.service(AuditAction.GRANT_SCORE)
def score(*, actor: Actor, application: Application, reviewer: Reviewer, points: Mapping[int, int]) -> list[Score]:
    """Points for every criterion of the call (by criterion id), each a level of the call's scale."""
    require(actor, Action.EDIT, Score(application=application, reviewer=reviewer))
    _not_a_change(application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("The application has been decided: scores no longer change."))
    declaration = application.declarations.filter(reviewer=reviewer).first()
    if declaration is None:
        raise ValidationError(_("Declare first whether you are disqualified from this application."))
    call = application.call
    criteria = list(call.criteria.all())
    allowed = call.scale_points
    missing = [criterion.title for criterion in criteria if criterion.pk not in points]
    if missing:
        raise ValidationError(_("Score every criterion: %(list)s.") % {"list": ", ".join(missing)})
    for criterion in criteria:
        if points[criterion.pk] not in allowed:
            raise ValidationError(
                _("%(points)s is not on the call's scale for “%(criterion)s”: give one of %(allowed)s.")
                % {
                    "points": points[criterion.pk],
                    "criterion": criterion.title,
                    "allowed": ", ".join(str(p) for p in allowed),
                }
            )
    now = clock.now()
    saved = []
    existing = {s.criterion_id: s for s in Score.objects.filter(application=application, reviewer=reviewer)}
    for criterion in criteria:
        found = existing.get(criterion.pk)
        if found is None:
            saved.append(
                audit.create(
                    Score,
                    application=application,
                    reviewer=reviewer,
                    criterion=criterion,
                    points=points[criterion.pk],
                    scored_at=now,
                )
            )
        else:
            audit.update(found, points=points[criterion.pk], scored_at=now)
            saved.append(found)
    return saved


@audit.service(AuditAction.GRANT_PROPOSAL)
def set_proposal(
    *, actor: Actor, application: Application, amount: Decimal | str | None, reason: str = ""
) -> Application:
    """The preparer deviates from the computed proposal (a written reason required), or returns to it (None)."""
    require(actor, Action.EDIT, application.call)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("The application has been decided: the proposal no longer changes."))
    if amount is None or amount == "":
        audit.update(application, proposed_amount=None, deviation_reason="", audit_organisation=application.call.funder)
        return application
    value = euros(amount, _("The proposed amount"))
    if value > application.amount_applied:
        raise ValidationError(_("The proposal cannot be more than the amount applied for."))
    reason = text(reason)
    if not reason:
        raise ValidationError(_("Write the reason for deviating from the computed proposal."))
    audit.update(
        application, proposed_amount=value, deviation_reason=reason, audit_organisation=application.call.funder
    )
    return application
