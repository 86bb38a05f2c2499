"""The council-term calendar's API: an organisation's steps with their status (its members), the term's steps
created and a step edited (its coordinators), a step marked done (its coordinators or the person responsible).
The same services, rules and reads as the pages; refusals answer 400, what the caller may not see 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.cooperation import calendar_queries, services
from hyte.cooperation.calendar_models import CalendarStep
from hyte.cooperation.calendar_queries import StepRow
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest

router = Router(tags=["council-term calendar"])


class CalendarStepOut(Schema):
    id: int
    term_start: int = Field(description="the first year of the council term (2025 for 2025–2029)")
    year: int
    kind: str = Field(
        description="broad_plan, term_negotiation, agreement, annual_report, hyte_negotiation, budget, "
        "financial_statement or next_term"
    )
    title: str = Field(description="the step in the reader's language")
    statutory: bool
    due: dt.date
    responsible: int | None = Field(description="the responsible member's user id")
    done_on: dt.date | None = Field(description="marked done by hand on this day")
    status: str = Field(description="done, due or overdue")
    automatic: bool = Field(description="done because Hyte knows (a negotiation held, a report approved)")


class CalendarGenerateIn(Schema):
    term_start: int = Field(ge=2021, le=2100, description="2021, 2025, 2029 …")


class CalendarGenerateOut(Schema):
    created: int


class CalendarStepIn(Schema):
    due: dt.date
    responsible: int | None = None
    done_on: dt.date | None = None


class CalendarDoneIn(Schema):
    done_on: dt.date | None = Field(description="the day it was done; null: not done after all")


def _organisation(request: AuthenticatedRequest, slug: str) -> Organisation:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    if organisation.kind not in (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY):
        raise Http404
    if not permissions_for(request.user).can(Action.VIEW, CalendarStep(organisation=organisation)):
        raise Http404
    return organisation


def _out(row: StepRow) -> dict[str, Any]:
    step = row.step
    return {
        "id": step.pk,
        "term_start": step.term_start,
        "year": step.year,
        "kind": step.kind,
        "title": step.get_kind_display(),
        "statutory": step.is_statutory,
        "due": step.due,
        "responsible": step.responsible_id,
        "done_on": step.done_on,
        "status": row.status,
        "automatic": row.automatic,
    }


def _row(organisation: Organisation, step_id: int) -> dict[str, Any]:
    rows = [row for _year, rows in calendar_queries.calendar_of(organisation) for row in rows]
    return next(_out(row) for row in rows if row.step.pk == step_id)


def _step(request: AuthenticatedRequest, slug: str, step_id: int) -> tuple[Organisation, CalendarStep]:
    organisation = _organisation(request, slug)
    step = calendar_queries.step_of(organisation, step_id)
    if step is None:
        raise Http404
    return organisation, step


@router.get("/organisations/{slug}/calendar", response=list[CalendarStepOut], summary="The council-term calendar")
def list_calendar_steps(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    """The organisation's steps in order (year, due date), each with its status."""
    organisation = _organisation(request, slug)
    return [_out(row) for _year, rows in calendar_queries.calendar_of(organisation) for row in rows]


@router.post(
    "/organisations/{slug}/calendar",
    response={201: CalendarGenerateOut, 400: Problem},
    summary="The council term's steps created (the coordinators)",
)
def post_calendar(request: AuthenticatedRequest, slug: str, data: CalendarGenerateIn) -> Any:
    """Creates the steps of the term the organisation does not have yet (re-running adds nothing twice)."""
    organisation = _organisation(request, slug)
    created = services.generate_calendar(actor=request.user, organisation=organisation, term_start=data.term_start)
    return Status(201, {"created": created})


@router.put(
    "/organisations/{slug}/calendar/steps/{calendar_step_id}",
    response={200: CalendarStepOut, 400: Problem},
    summary="A step's due date, responsible person and done mark (the coordinators)",
)
def put_calendar_step(request: AuthenticatedRequest, slug: str, calendar_step_id: int, data: CalendarStepIn) -> Any:
    organisation, step = _step(request, slug, calendar_step_id)
    if not permissions_for(request.user).can(Action.EDIT, step):
        raise Http404
    responsible = None
    if data.responsible is not None:
        responsible = User.objects.filter(pk=data.responsible).first()
        if responsible is None:
            return Status(400, {"detail": _("The responsible person must be a member of the organisation.")})
    services.update_step(actor=request.user, step=step, due=data.due, responsible=responsible, done_on=data.done_on)
    return _row(organisation, step.pk)


@router.post(
    "/organisations/{slug}/calendar/steps/{calendar_step_id}/done",
    response={200: CalendarStepOut, 400: Problem},
    summary="A step marked done or not done (the coordinators or the person responsible)",
)
def post_calendar_step_done(
    request: AuthenticatedRequest, slug: str, calendar_step_id: int, data: CalendarDoneIn
) -> Any:
    organisation, step = _step(request, slug, calendar_step_id)
    if not permissions_for(request.user).can(Action.RESOLVE, step):
        raise Http404
    services.mark_step_done(actor=request.user, step=step, done_on=data.done_on)
    return _row(organisation, step.pk)
