"""A change to a decided grant: the NGO applies for it (a new application, `change_of` the decided one, prefilled
from it with its attachments, and sent whenever, the call's closing time aside), and the funder's coordinators
decide it. The decided change sets the original's granted amount, so the use report, the grants per goal and the
summary follow it; the change keeps the request and the decision as their record."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.core.formats import number
from hyte.grants.models import Application, ApplicationStatus, Attachment, UseReport, UseReportStatus
from hyte.grants.services._common import euros, text


@audit.service(AuditAction.GRANT_CHANGE_START)
def start_change(*, actor: Actor, application: Application) -> Application:
    """A draft change of a decided grant, with the grant's content to edit (the amount applied is the grant)."""
    require(actor, Action.EDIT, application)
    if application.change_of_id is not None:
        raise ValidationError(_("Apply for a change on the original application."))
    if application.status != ApplicationStatus.DECIDED or not application.granted_amount:
        raise ValidationError(_("A change can be applied for only to a grant that has been decided."))
    if application.changes.exclude(status=ApplicationStatus.DECIDED).exists():
        raise ValidationError(_("A change to this grant is already being applied for."))
    now = clock.now()
    change = audit.create(
        Application,
        audit_fields=["call", "applicant", "change_of", "amount_applied"],
        call=application.call,
        applicant=application.applicant,
        register_entry=application.register_entry,
        change_of=application,
        applicant_name=application.applicant_name,
        business_id=application.business_id,
        contact=application.contact,
        summary=application.summary,
        costs=application.costs,
        amount_applied=application.granted_amount,
        other_funding=application.other_funding,
        self_financing=application.self_financing,
        other_funding_declaration=application.other_funding_declaration,
        answers=application.answers,
        created_at=now,
        updated_at=now,
    )
    change.activities.set(application.activities.all())
    for attachment in Attachment.objects.filter(application=application):  # kept; the NGO may replace them
        audit.create(
            Attachment,
            audit_fields=["title", "filename", "size", "sha256"],
            application=change,
            title=attachment.title,
            data=attachment.data,
            filename=attachment.filename,
            content_type=attachment.content_type,
            size=attachment.size,
            sha256=attachment.sha256,
            added_at=now,
        )
    return change


@audit.service(AuditAction.GRANT_CHANGE_DECIDE)
def decide_change(
    *, actor: Actor, change: Application, amount: Decimal | str, reasoning: str, reasoning_sv: str = ""
) -> Application:
    """Decide a sent change: the amount (at most what the change applies for; the call's grants together within
    its budget) and the reasoning. 0 € cancels the grant; a use report not yet begun is then removed."""
    call = change.call
    require(actor, Action.EDIT, call)
    original = change.change_of
    if original is None or change.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only a change that has been sent and not yet decided can be decided."))
    granted = euros(amount, change.applicant_name)
    if granted > change.amount_applied:
        raise ValidationError(_("%(name)s is granted more than it applied for.") % {"name": change.applicant_name})
    if not text(reasoning).strip():
        raise ValidationError(_("Give the reasoning for %(name)s.") % {"name": change.applicant_name})
    others = call.applications.filter(status=ApplicationStatus.DECIDED, change_of=None).exclude(pk=original.pk)
    total = sum((a.granted_amount or Decimal(0) for a in others), Decimal(0)) + granted
    if total > call.budget:
        raise ValidationError(
            _("The grants come to %(total)s € but the budget is %(budget)s €: the decision is over the budget.")
            % {"total": number(total, 2), "budget": number(call.budget, 2)}
        )
    now = clock.now()
    audit.update(
        change,
        status=ApplicationStatus.DECIDED,
        granted_amount=granted,
        decision_reasoning=text(reasoning),
        decision_reasoning_sv=text(reasoning_sv),
        updated_at=now,
        audit_organisation=call.funder,
    )
    audit.update(original, granted_amount=granted, updated_at=now, audit_organisation=call.funder)
    report = UseReport.objects.filter(application=original).defer("ledger").first()
    if granted == 0 and report is not None and report.status == UseReportStatus.DUE:
        audit.delete(report, audit_organisation=call.funder)
    return change
