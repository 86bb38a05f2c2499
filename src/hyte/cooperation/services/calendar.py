"""The council-term calendar: the term's steps created for an organisation on demand (re-running adds only what
is missing), a step's due date, responsible member and done mark edited by the organisation's coordinators, and a
step marked done by its coordinators or by the person responsible for it."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Membership, Organisation, OrganisationKind
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.calendar_models import CalendarStep, StepKind
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.core.council_term import annual_report_due, broad_plan_due, budget_due, term_end_date


def _default_steps(term_start: int) -> list[tuple[int, StepKind, dt.date]]:
    """The four-year cycle of seed 001 for the term beginning in `term_start`, its years being the term's four full
    calendar years (2026–2029 for the term 2025–2029), with their default due dates."""
    steps: list[tuple[int, StepKind, dt.date]] = []
    first = term_start + 1
    steps.append((first, StepKind.BROAD_PLAN, broad_plan_due(term_start)))
    steps.append((first, StepKind.TERM_NEGOTIATION, dt.date(first, 12, 31)))
    steps.append((first, StepKind.AGREEMENT, dt.date(first, 12, 31)))
    for year in range(first, first + 4):
        steps.append((year, StepKind.ANNUAL_REPORT, annual_report_due(year - 1)))
        steps.append((year, StepKind.FINANCIAL_STATEMENT, annual_report_due(year - 1)))
        steps.append((year, StepKind.HYTE_NEGOTIATION, dt.date(year, 12, 31)))
        steps.append((year, StepKind.BUDGET, budget_due(year)))
    steps.append((first + 3, StepKind.NEXT_TERM, term_end_date(term_start)))
    return steps


@audit.service(AuditAction.CALENDAR_GENERATE)
def generate_calendar(*, actor: Actor, organisation: Organisation, term_start: int) -> int:
    """Create the term's steps the organisation does not have yet; returns how many were created."""
    require(actor, Action.EDIT, CalendarStep(organisation=organisation))
    if organisation.kind not in (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY):
        raise ValidationError(_("The council-term calendar is for municipalities and wellbeing services counties."))
    if term_start < 2021 or (term_start - 2021) % 4:
        raise ValidationError(_("A council term begins in 2021, 2025, 2029 …"))
    have = set(CalendarStep.objects.filter(organisation=organisation).values_list("year", "kind"))
    created = 0
    for year, kind, due in _default_steps(term_start):
        if (year, kind.value) in have:
            continue
        audit.create(CalendarStep, organisation=organisation, term_start=term_start, year=year, kind=kind, due=due)
        created += 1
    return created


@audit.service(AuditAction.CALENDAR_STEP_UPDATE)
def update_step(
    *, actor: Actor, step: CalendarStep, due: dt.date | None, responsible: User | None, done_on: dt.date | None
) -> CalendarStep:
    """The step's due date, its responsible person (a member of the organisation) and its done mark."""
    require(actor, Action.EDIT, step)
    if due is None:
        raise ValidationError(_("Give the due date."))
    if due.year < step.term_start or due.year > step.term_start + 5:
        raise ValidationError(_("The due date must be within the council term."))
    if (
        responsible is not None
        and not Membership.objects.filter(user=responsible, organisation_id=step.organisation_id).exists()
    ):
        raise ValidationError(_("The responsible person must be a member of the organisation."))
    audit.update(step, due=due, responsible=responsible, done_on=done_on)
    return step


@audit.service(AuditAction.CALENDAR_STEP_DONE)
def mark_step_done(*, actor: Actor, step: CalendarStep, done_on: dt.date | None) -> CalendarStep:
    """The step done on `done_on` (None: not done after all): its coordinators, or the person responsible for it."""
    require(actor, Action.RESOLVE, step)
    if done_on is not None and done_on > clock.today():
        raise ValidationError(_("A step cannot be done on a day still to come."))
    audit.update(step, done_on=done_on)
    return step
