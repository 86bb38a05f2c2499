"""A change to a decided grant: the NGO applies for it (a new application, `change_of` the decided one, prefilled
from it with its attachments, and sent whenever, the call's closing time aside), and the funder's coordinators
decide it. The decided change sets the original's granted amount, so the use report, the grants per goal and the
summary follow it; the change keeps the request and the decision as their record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.core.formats import number
from hyte.grants.models import Application, ApplicationStatus, Attachment, Call, UseReport, UseReportStatus
from hyte.grants.services._common import euros, line, text


@audit.service(AuditAction.GRANT_CHANGE_START)
def start_change(*, actor: Actor, application: Application) -> Application:
    """A draft change of a decided grant, with the grant's content to edit (the amount applied is the grant)."""
    require(actor, Action.EDIT, application)
    application = Application.objects.select_for_update().get(
        pk=application.pk
    )  # one change at a time, even twice sent
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
    activities = list(application.activities.all())
    change.activities.set(activities)
    audit.record(change, changes={"activities": [[], sorted(activity.pk for activity in activities)]})
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
    *,
    actor: Actor,
    change: Application,
    body: str,
    date: dt.date,
    section: str,
    amount: Decimal | str,
    reasoning: str,
    reasoning_sv: str = "",
) -> Application:
    """Decide a sent change: the body, date and section (§) of its decision, the amount (at most what the change
    applies for; the call's grants together within its budget) and the reasoning. The grant becomes the amount; the
    call's decision as published keeps what it granted. 0 € cancels the grant: its use report, if not begun, is
    removed, otherwise marked not needed."""
    require(actor, Action.EDIT, change.call)
    call = Call.objects.select_for_update().get(pk=change.call_id)  # two changes decided at once stay in budget
    change = Application.objects.select_related("change_of").get(pk=change.pk)
    original = change.change_of
    if original is None or change.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only a change that has been sent and not yet decided can be decided."))
    granted = euros(amount, change.applicant_name)
    if granted > change.amount_applied:
        raise ValidationError(_("%(name)s is granted more than it applied for.") % {"name": change.applicant_name})
    if not text(reasoning).strip():
        raise ValidationError(_("Give the reasoning for %(name)s.") % {"name": change.applicant_name})
    body, section = line(body, 200), line(section, 50)
    if not body or not section:
        raise ValidationError(_("Give the body that decided and the section (§) of its minutes."))
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
        change_body=body,
        change_date=date,
        change_section=section,
        updated_at=now,
        audit_organisation=call.funder,
    )
    audit.update(original, granted_amount=granted, updated_at=now, audit_organisation=call.funder)
    if granted == 0:
        _cancel_use_report(original, call)
    return change


def _cancel_use_report(original: Application, call: Call) -> None:
    report = UseReport.objects.filter(application=original).defer("ledger").first()
    if report is None or not report.is_open:
        return  # a report sent or accepted stays as it is
    begun = report.done or report.results or report.participants or report.money_used or report.ledger_filename
    if report.status == UseReportStatus.DUE and not begun:
        audit.delete(report, audit_organisation=call.funder)
    else:
        audit.update(report, status=UseReportStatus.CANCELLED, updated_at=clock.now(), audit_organisation=call.funder)
