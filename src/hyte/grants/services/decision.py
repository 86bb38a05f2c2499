"""The decision on a call's applications: the body, the date and the section (§), and per application the amount
and the reasoning; a decision over the budget is refused whole. Then its publication on the public site and in
the open data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.core.formats import number
from hyte.grants.models import ApplicationStatus, Call, UseReport
from hyte.grants.services._common import euros, line, text


@dataclass(frozen=True)
class Granted:
    amount: Decimal | str
    reasoning: str
    reasoning_sv: str = ""


@audit.service(AuditAction.GRANT_DECIDE)
def decide(
    *,
    actor: Actor,
    call: Call,
    body: str,
    date: dt.date,
    section: str,
    granted: Mapping[int, Granted],
    use_reports_due: dt.date | None = None,
) -> Call:
    """`granted`: by application id, for every application sent to the call (0 € is a refusal, with its reasons).
    Every grant above zero gets its use report, due on `use_reports_due` (a year after the decision if not given)."""
    require(actor, Action.EDIT, call)
    body, section = line(body, 200), line(section, 50)
    if not body or not section:
        raise ValidationError(_("Give the body that decided and the section (§) of its minutes."))
    if clock.now() < call.closes_at:
        raise ValidationError(_("The call is still open: decide after it has closed."))
    applications = list(call.applications.filter(status=ApplicationStatus.SUBMITTED, change_of=None))
    if not applications:
        raise ValidationError(_("No applications wait for a decision."))
    missing = [a.applicant_name for a in applications if a.pk not in granted]
    if missing:
        raise ValidationError(_("Decide on every application: %(list)s.") % {"list": ", ".join(missing)})
    amounts: dict[int, Decimal] = {}
    for application in applications:
        decided = granted[application.pk]
        amount = euros(decided.amount, application.applicant_name)
        if amount > application.amount_applied:
            raise ValidationError(
                _("%(name)s is granted more than it applied for.") % {"name": application.applicant_name}
            )
        if not text(decided.reasoning):
            raise ValidationError(_("Give the reasoning for %(name)s.") % {"name": application.applicant_name})
        amounts[application.pk] = amount
    total = sum(amounts.values(), Decimal(0))
    if total > call.budget:
        raise ValidationError(
            _("The grants come to %(total)s € but the budget is %(budget)s €: the decision is over the budget.")
            % {"total": number(total, 2), "budget": number(call.budget, 2)}
        )
    due_on = use_reports_due or _a_year_after(date)
    if due_on <= date:
        raise ValidationError(_("The use reports must be due after the date of the decision."))
    for application in applications:
        decided = granted[application.pk]
        if amounts[application.pk] > 0:
            audit.create(
                UseReport,
                audit_fields=["application", "due_on"],
                audit_organisation=call.funder,
                application=application,
                due_on=due_on,
                updated_at=clock.now(),
            )
        audit.update(
            application,
            status=ApplicationStatus.DECIDED,
            granted_amount=amounts[application.pk],
            granted_in_decision=amounts[application.pk],
            decision_reasoning=text(decided.reasoning),
            decision_reasoning_sv=text(decided.reasoning_sv),
            audit_organisation=call.funder,
        )
    audit.update(
        call,
        decision_body=body,
        decision_date=date,
        decision_section=section,
        use_reports_due=due_on,
        updated_at=clock.now(),
    )
    return call


def _a_year_after(date: dt.date) -> dt.date:
    try:
        return date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year + 1, day=28)


@audit.service(AuditAction.GRANT_DECISION_PUBLISH)
def publish_decision(*, actor: Actor, call: Call) -> Call:
    require(actor, Action.EDIT, call)
    if call.decision_date is None:
        raise ValidationError(_("Record the decision before publishing it."))
    audit.update(call, decision_published=True, updated_at=clock.now())
    return call
