"""A negotiation meeting: created with its parties (the convener and the series' members) and a draft agenda
prefilled from what Hyte knows; its time, place and publication changed later."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.models import AgendaItem, AgreedAction, Interface, ItemKind, Meeting, Party, Series, SeriesKind
from hyte.cooperation.services._common import line, text
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.situation.queries import chosen_set


def _clean(*, title: str, starts_at: dt.datetime, ends_at: dt.datetime, place: str, online_url: str) -> dict[str, Any]:
    title = line(title, 300)
    if not title:
        raise ValidationError(_("Give the meeting a title."))
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationError(_("Give the meeting's start and end with their time zone."))
    if ends_at <= starts_at:
        raise ValidationError(_("The meeting must end after it starts: check the dates and times."))
    online_url = (online_url or "").strip()
    if online_url:
        try:
            URLValidator(schemes=["https", "http"])(online_url)
        except ValidationError as exc:
            raise ValidationError(_("The online link is not a web address (https://…).")) from exc
        if len(online_url) > 500:
            raise ValidationError(_("The online link is longer than 500 characters."))
    return {
        "title": title,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": line(place, 300),
        "online_url": online_url,
    }


def _draft_agenda(series: Series, meeting: Meeting) -> list[dict[str, Any]]:
    """The items a new meeting starts from: the follow-up of earlier agreed actions (when there are any), the
    parties' plan goals side by side, the key indicators of the area, the interfaces due for review (when the county
    keeps a register), and the decisions to make (§7: goals,
    measures, cooperation and follow-up; §14: cooperation, goals and division of work)."""
    items: list[dict[str, Any]] = []
    earlier = AgreedAction.objects.filter(meeting__series=series, meeting__starts_at__lt=meeting.starts_at)
    if earlier.exists():
        items.append(
            {
                "kind": ItemKind.ACTIONS,
                "title": _("Follow-up of the actions agreed earlier"),
                "body": _("The actions agreed in the earlier negotiations of the series and their status now."),
            }
        )
    items.append(
        {
            "kind": ItemKind.GOALS,
            "title": _("The parties' welfare plan goals side by side"),
            "body": _("Each party's current welfare plan: where the goals meet and where they differ."),
        }
    )
    items.append(
        {
            "kind": ItemKind.INDICATORS,
            "title": _("Key indicators of the area"),
            "body": _("The municipalities' latest values with the county and the whole country."),
            "indicator_set": chosen_set(series.convener, None),
        }
    )
    if Interface.objects.filter(county=series.convener, is_retired=False).exists():
        items.append(
            {
                "kind": ItemKind.INTERFACES,
                "title": _("Interfaces due for review"),
                "body": _("The interfaces whose review is due by the negotiation, with the counterpart pairs."),
            }
        )
    if series.kind == SeriesKind.COUNCIL_TERM:
        decisions = [
            _("Cooperation, goals and division of work for the council term"),
            _("Cooperation structures, operating models and the flow of information"),
        ]
    else:
        decisions = [
            _("Goals and measures for the coming year"),
            _("Cooperation and follow-up"),
        ]
    items += [{"kind": ItemKind.TEXT, "title": title, "body": ""} for title in [*decisions, _("Next negotiation")]]
    return items


@audit.service(AuditAction.MEETING_CREATE, AuditAction.PARTY_ADD, AuditAction.AGENDA_ADD)
def create_meeting(
    *,
    actor: Actor,
    series: Series,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str = "",
    online_url: str = "",
    other_actors: str = "",
    invited: Sequence[Organisation] | None = None,
) -> Meeting:
    """A meeting of the series with the convener and the series' members invited (or only those of them in
    `invited`: a negotiation per municipality, sub-region or theme) and the draft agenda prefilled (the
    coordinator edits it freely afterwards)."""
    require(actor, Action.EDIT, series)
    values = _clean(title=title, starts_at=starts_at, ends_at=ends_at, place=place, online_url=online_url)
    members = list(series.members.filter(is_active=True))
    if invited is not None:
        outside = [str(each) for each in invited if each.pk not in {member.pk for member in members}]
        if outside:
            raise ValidationError(
                _("Only the series' members can be invited from it: %(names)s is not one.")
                % {"names": ", ".join(outside)}
            )
        if not invited and members:
            raise ValidationError(_("Invite at least one of the series' members."))
        members = [member for member in members if member.pk in {each.pk for each in invited}]
    now = clock.now()
    meeting = audit.create(
        Meeting,
        audit_fields=list(values),
        series=series,
        other_actors=text(other_actors),
        created_at=now,
        updated_at=now,
        **values,
    )
    for organisation in [series.convener, *members]:
        audit.create(Party, action=AuditAction.PARTY_ADD, meeting=meeting, organisation=organisation)
    for position, item in enumerate(_draft_agenda(series, meeting), start=1):
        audit.create(
            AgendaItem,
            action=AuditAction.AGENDA_ADD,
            audit_fields=["kind", "title"],
            meeting=meeting,
            position=position,
            **item,
        )
    return meeting


@audit.service(AuditAction.MEETING_UPDATE)
def update_meeting(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str = "",
    online_url: str = "",
    other_actors: str = "",
    is_public: bool = False,
) -> Meeting:
    """The meeting's details, and whether its final minutes and agreed actions are published. Moving its time or
    place raises its revision, so that calendars that imported it update their copy."""
    require(actor, Action.EDIT, meeting)
    values = _clean(title=title, starts_at=starts_at, ends_at=ends_at, place=place, online_url=online_url)
    values["other_actors"] = text(other_actors)
    values["is_public"] = bool(is_public)
    changed = {name: value for name, value in values.items() if getattr(meeting, name) != value}
    if {"starts_at", "ends_at", "place", "online_url", "title"} & set(changed):
        changed["revision"] = meeting.revision + 1
    audit.update(meeting, updated_at=clock.now(), **changed)
    return meeting
