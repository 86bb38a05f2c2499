"""Agreed actions: recorded from the minutes' decisions (owner organisation and person, due date, the plan goals
they serve, indicators), followed up by their owners, and carried into a party's annual report through the
reports' own service, so that the county and the municipality report the same commitment the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.models import ActionStatus, AgendaItem, AgreedAction, CarriedAction, Meeting
from hyte.cooperation.queries import action_text, concerns
from hyte.cooperation.services._common import line, minutes_open, next_position
from hyte.cooperation.services._common import text as tidy
from hyte.core import clock
from hyte.core.actors import Actor, person
from hyte.core.clock import HELSINKI
from hyte.indicators.models import Indicator
from hyte.reports import queries as report_queries
from hyte.reports import services as report_services
from hyte.reports.models import Goal, OutlineKey


def _clean(
    actor: Actor,
    meeting: Meeting,
    *,
    action_text_: str,
    owner: Organisation | None,
    owner_person: str,
    due_date: dt.date | None,
    goals: list[Goal],
    indicators: list[Indicator],
    agenda_item: AgendaItem | None,
) -> dict[str, Any]:
    written = tidy(action_text_).strip()
    if not written:
        raise ValidationError(_("Write what was agreed."))
    party_ids = set(meeting.parties.values_list("organisation_id", flat=True))
    if owner is None:
        raise ValidationError(_("Name the organisation that owns the agreed action."))
    if owner.pk not in party_ids:
        raise ValidationError(_("The owner must be one of the organisations invited to the meeting."))
    owner_person = line(owner_person, 200)
    if not owner_person:
        raise ValidationError(_("Name the person responsible for the agreed action."))
    if due_date is not None and due_date < meeting.starts_at.astimezone(HELSINKI).date():
        raise ValidationError(_("The due date is before the negotiation: check the date."))
    perms = permissions_for(actor)
    for goal in goals:
        if goal.report.organisation_id not in party_ids or not perms.can(Action.VIEW, goal.report):
            raise ValidationError(_("A goal of the agreed action is not in the plan of an invited organisation."))
    for indicator in indicators:
        if not perms.can(Action.VIEW, indicator):
            raise ValidationError(_("Unknown indicator."))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(_("The agenda item is not on this meeting's agenda."))
    return {
        "text": written,
        "owner": owner,
        "owner_person": owner_person,
        "due_date": due_date,
        "agenda_item": agenda_item,
    }


def _links(action: AgreedAction, goals: list[Goal], indicators: list[Indicator]) -> dict[str, Any]:
    changes = {}
    for name, wanted in (("goals", goals), ("indicators", indicators)):
        manager = getattr(action, name)
        before = sorted(manager.values_list("pk", flat=True))
        manager.set(wanted)
        after = sorted(obj.pk for obj in wanted)
        if before != after:
            changes[name] = [before, after]
    return changes


@audit.service(AuditAction.ACTION_ADD)
def add_action(
    *,
    actor: Actor,
    meeting: Meeting,
    text: str,
    owner: Organisation | None,
    owner_person: str,
    due_date: dt.date | None = None,
    goals: Iterable[Goal] = (),
    indicators: Iterable[Indicator] = (),
    agenda_item: AgendaItem | None = None,
) -> AgreedAction:
    """A decision of the minutes made an agreed action, while the minutes are a draft."""
    require(actor, Action.EDIT, meeting)
    minutes_open(meeting)
    goals, indicators = list(goals), list(indicators)
    values = _clean(
        actor,
        meeting,
        action_text_=text,
        owner=owner,
        owner_person=owner_person,
        due_date=due_date,
        goals=goals,
        indicators=indicators,
        agenda_item=agenda_item,
    )
    action = audit.create(
        AgreedAction,
        audit_fields=["text", "owner", "owner_person", "due_date"],
        meeting=meeting,
        position=next_position(meeting.agreed_actions),
        **values,
    )
    changes = _links(action, goals, indicators)
    if changes:
        audit.record(action, changes=changes)
    return action


@audit.service(AuditAction.ACTION_EDIT)
def edit_action(
    *,
    actor: Actor,
    action: AgreedAction,
    text: str,
    owner: Organisation | None,
    owner_person: str,
    due_date: dt.date | None = None,
    goals: Iterable[Goal] = (),
    indicators: Iterable[Indicator] = (),
    agenda_item: AgendaItem | None = None,
) -> AgreedAction:
    """Change what was agreed, while the minutes are a draft."""
    meeting = action.meeting
    require(actor, Action.EDIT, meeting)
    minutes_open(meeting)
    goals, indicators = list(goals), list(indicators)
    values = _clean(
        actor,
        meeting,
        action_text_=text,
        owner=owner,
        owner_person=owner_person,
        due_date=due_date,
        goals=goals,
        indicators=indicators,
        agenda_item=agenda_item,
    )
    links = _links(action, goals, indicators)
    changed = {name: value for name, value in values.items() if getattr(action, name) != value}
    audit.update(action, also_changed=links, **changed)
    return action


@audit.service(AuditAction.ACTION_PROGRESS)
def follow_up_action(*, actor: Actor, action: AgreedAction, status: str, progress_note: str = "") -> AgreedAction:
    """The action's status and a note on its progress: by its owner, whenever (the minutes need not be open)."""
    require(actor, Action.EDIT, action)
    if status not in ActionStatus.values:
        raise ValidationError(_("Choose the status: not started, in progress, done or dropped."))
    note = tidy(progress_note).strip()
    if status == ActionStatus.DROPPED and not note:
        raise ValidationError(_("Say why the agreed action was dropped."))
    audit.update(action, status=status, progress_note=note, followed_up_at=clock.now())
    return action


@audit.service(AuditAction.ACTION_CARRY)
def carry_action(*, actor: Actor, action: AgreedAction, organisation: Organisation) -> CarriedAction:
    """Put the agreed action into `organisation`'s annual report in preparation, as a text block of the section
    on how the plan was carried out, written the same way for every party. Once per report."""
    require(actor, Action.VIEW, action)
    if not concerns(action, organisation):
        raise ValidationError(
            _("The agreed action is not %(organisation)s's: it neither owns it nor has a goal it serves.")
            % {"organisation": organisation.display_name}
        )
    year = action.meeting.starts_at.astimezone(HELSINKI).year
    report = report_queries.annual_report_in_preparation(organisation, year=year)
    if report is None:
        raise ValidationError(
            _("%(organisation)s has no annual report in preparation: start the year's annual report first.")
            % {"organisation": organisation.display_name}
        )
    if CarriedAction.objects.filter(agreed_action=action, report=report).exists():
        raise ValidationError(_("The agreed action is in %(report)s already.") % {"report": report.title})
    sections = list(report.sections.all())
    section = next((s for s in sections if s.key == OutlineKey.FOLLOW_UP), sections[-1] if sections else None)
    if section is None:
        raise ValidationError(_("The annual report has no sections to write in."))
    block = report_services.add_block(actor=actor, section=section, kind="text", text=action_text(action))
    return audit.create(
        CarriedAction,
        audit_fields=["agreed_action", "report", "block"],
        agreed_action=action,
        organisation=organisation,
        report=report,
        block=block,
        carried_at=clock.now(),
        carried_by=person(actor),
    )
