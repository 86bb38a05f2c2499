"""Budget lines of the plan's measures: the euros per year, by administrative branch and cost centre, operating or
investment; after the year, the euros used. The budget is decided every year, so lines are kept on an approved
plan too (as the annual follow-up is)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.reports.models import BudgetLine, BudgetPart, Measure, ReportKind

MAX_EUROS = Decimal("9999999999.99")


def _euros(value: Decimal | int | str | None, *, what: str, required: bool) -> Decimal | None:
    if value is None or value == "":
        if required:
            raise ValidationError(_("Give the %(what)s in euros.") % {"what": what})
        return None
    try:
        euros = Decimal(str(value).replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except InvalidOperation:
        raise ValidationError(_("%(value)s is not an amount of euros.") % {"value": value}) from None
    if not euros.is_finite() or euros < 0 or euros > MAX_EUROS:
        raise ValidationError(_("%(value)s is not an amount of euros.") % {"value": value})
    return euros.quantize(Decimal("0.01"))


@audit.service(AuditAction.BUDGET_SET)
def set_budget_line(
    *,
    actor: Actor,
    measure: Measure,
    year: int,
    branch: str,
    part: str,
    amount: Decimal | int | str,
    cost_centre: str = "",
    used: Decimal | int | str | None = None,
) -> BudgetLine:
    """Set (or correct) a measure's budget line for one year; the same year, branch, cost centre and part is one
    line, so saving it again changes it instead of adding a second."""
    require(actor, Action.EDIT, measure)
    plan = measure.goal.report
    if plan.kind == ReportKind.ANNUAL:
        raise ValidationError(_("Budget lines belong to the plan's measures."))
    if measure.retired_by_id is not None:
        raise ValidationError(_("The measure has been retired from the plan."))
    if not plan.term_start <= year <= plan.term_end + 1:
        raise ValidationError(
            _("The plan covers %(start)s–%(end)s: budget its measures for those years.")
            % {"start": plan.term_start, "end": plan.term_end}
        )
    branch = " ".join(branch.split())[:200]
    if not branch:
        raise ValidationError(_("Name the administrative branch (e.g. Sivistystoimi)."))
    part = BudgetPart(part).value
    amount_euros = _euros(amount, what=_("budgeted amount"), required=True)
    used_euros = _euros(used, what=_("amount used"), required=False)
    cost_centre = " ".join(cost_centre.split())[:100]
    line = BudgetLine.objects.filter(
        measure=measure, year=year, branch=branch, cost_centre=cost_centre, part=part
    ).first()
    if line is None:
        return audit.create(
            BudgetLine,
            audit_fields=["year", "branch", "amount"],
            measure=measure,
            year=year,
            branch=branch,
            cost_centre=cost_centre,
            part=part,
            amount=amount_euros,
            used=used_euros,
            updated_at=clock.now(),
        )
    audit.update(line, amount=amount_euros, used=used_euros, updated_at=clock.now())
    return line


@audit.service(AuditAction.BUDGET_REMOVE)
def remove_budget_line(*, actor: Actor, line: BudgetLine) -> None:
    require(actor, Action.EDIT, line.measure)
    audit.delete(line)
