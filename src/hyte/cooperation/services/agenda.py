"""The agenda the coordinator edits freely (items added, written, moved and removed) and the minutes written
under each item, while the minutes are a draft."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.models import AgendaItem, ItemKind, Meeting
from hyte.cooperation.services._common import line, minutes_open, next_position, text
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.indicators.models import IndicatorSet


def _touch(meeting: Meeting) -> None:
    meeting.updated_at = clock.now()
    meeting.save(update_fields=["updated_at"])


@audit.service(AuditAction.AGENDA_ADD)
def add_item(*, actor: Actor, meeting: Meeting, title: str, body: str = "", kind: str = ItemKind.TEXT) -> AgendaItem:
    require(actor, Action.EDIT, meeting)
    minutes_open(meeting)
    title = line(title, 300)
    if not title:
        raise ValidationError(_("Give the agenda item a title."))
    if kind not in ItemKind.values:
        raise ValidationError(_("Choose what the agenda item shows."))
    item = audit.create(
        AgendaItem,
        audit_fields=["kind", "title"],
        meeting=meeting,
        position=next_position(meeting.agenda_items),
        kind=kind,
        title=title,
        body=text(body),
    )
    _touch(meeting)
    return item


@audit.service(AuditAction.AGENDA_EDIT)
def edit_item(
    *,
    actor: Actor,
    item: AgendaItem,
    title: str,
    body: str,
    is_public: bool = True,
    indicator_set: IndicatorSet | None = None,
) -> AgendaItem:
    """An item's title, text and whether it is public; for the key indicators, the indicator set shown."""
    require(actor, Action.EDIT, item.meeting)
    minutes_open(item.meeting)
    title = line(title, 300)
    if not title:
        raise ValidationError(_("Give the agenda item a title."))
    values: dict[str, Any] = {"title": title, "body": text(body), "is_public": bool(is_public)}
    if item.kind == ItemKind.INDICATORS:
        if indicator_set is not None:
            require(actor, Action.VIEW, indicator_set)
            if indicator_set.organisation_id not in (None, item.meeting.series.convener_id):
                raise ValidationError(_("Choose one of the county's own indicator sets or a national one."))
        values["indicator_set"] = indicator_set
    audit.update(item, **{name: value for name, value in values.items() if getattr(item, name) != value})
    _touch(item.meeting)
    return item


@audit.service(AuditAction.AGENDA_MOVE)
def move_item(*, actor: Actor, item: AgendaItem, offset: int) -> AgendaItem:
    """One place up (-1) or down (+1)."""
    require(actor, Action.EDIT, item.meeting)
    minutes_open(item.meeting)
    siblings = list(item.meeting.agenda_items.order_by("position", "id"))
    index = next(i for i, each in enumerate(siblings) if each.pk == item.pk)
    other = index + (1 if offset > 0 else -1)
    if not 0 <= other < len(siblings):
        raise ValidationError(_("The item is already first or last on the agenda."))
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, each in enumerate(siblings, start=1):
        if each.position != position:
            audit.update(each, position=position)
    _touch(item.meeting)
    return item


@audit.service(AuditAction.AGENDA_REMOVE)
def remove_item(*, actor: Actor, item: AgendaItem) -> None:
    """Remove an item; agreed actions recorded under it stay, without their item."""
    require(actor, Action.EDIT, item.meeting)
    minutes_open(item.meeting)
    meeting = item.meeting
    audit.delete(item, changes={"title": [item.title, None]})
    _touch(meeting)


@audit.service(AuditAction.MINUTES_EDIT)
def save_minutes(*, actor: Actor, meeting: Meeting, minutes: Mapping[int, str]) -> Meeting:
    """The minutes under each agenda item (item id → text); items not named keep theirs."""
    require(actor, Action.EDIT, meeting)
    minutes_open(meeting)
    items = {item.pk: item for item in meeting.agenda_items.all()}
    unknown = set(minutes) - set(items)
    if unknown:
        raise ValidationError(_("The minutes name an agenda item that is not on this agenda."))
    changed = {item_id: text(written) for item_id, written in minutes.items()}
    changed = {item_id: written for item_id, written in changed.items() if written != items[item_id].minutes}
    for item_id, written in changed.items():
        audit.update(items[item_id], minutes=written)
    if changed:
        _touch(meeting)
    return meeting
