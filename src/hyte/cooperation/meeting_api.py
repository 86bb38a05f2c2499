"""The writes of the cooperation API on a meeting and its agreed actions, beside the pages' forms: the convener's
coordinators change the meeting, invite and withdraw organisations and people, edit the agenda and the minutes,
share the minutes and take them back, and change agreed actions; a party's coordinators name its checker and
carry agreed actions into its annual report. Each operation calls the service the page calls; refusals answer
400 with the reason, what the caller may not see or change 404 (mapped in `hyte.api.root`).

The operations are on the cooperation API's router (`hyte.cooperation.api.router`): a path answers all its
methods from one router, and a meeting's address is read there."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Status

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action
from hyte.cooperation import queries, services
from hyte.cooperation.api import (
    _action,
    _aware,
    _invitee,
    _item,
    _meeting,
    _meeting_of,
    _organisation,
    _ref,
    action_values,
    router,
)
from hyte.cooperation.api_schemas import (
    AgendaItemNewIn,
    AgendaItemOut,
    AgendaMoveIn,
    AgreedActionIn,
    AgreedActionOut,
    CarriedActionOut,
    InviteeOut,
    MeetingChangeIn,
    MeetingCheckerIn,
    MeetingInviteeIn,
    MeetingOut,
    MeetingPartyIn,
    MinutesIn,
    PartyOut,
)
from hyte.cooperation.models import AgendaItem, Invitee, Meeting, Party
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest

ONE = "/organisations/{slug}/meetings/{meeting_id}"


def _detail(meeting: Meeting) -> dict[str, Any]:
    return _meeting(queries.meeting_detail(meeting.pk))


def _party_out(party: Party) -> dict[str, Any]:
    return next(p for p in _detail(party.meeting)["parties"] if p["id"] == party.pk)


@router.put(ONE, response={200: MeetingOut, 400: Problem}, summary="Change a meeting's details and publication")
def put_meeting(request: AuthenticatedRequest, slug: str, meeting_id: int, data: MeetingChangeIn) -> Any:
    """Its title, time, place and link, other actors, and whether its final minutes are published."""
    meeting = _meeting_of(request, slug, meeting_id, Action.EDIT)
    services.update_meeting(
        actor=request.user,
        meeting=meeting,
        title=data.title,
        starts_at=_aware(data.starts_at),
        ends_at=_aware(data.ends_at),
        place=data.place,
        online_url=data.online_url,
        other_actors=data.other_actors,
        is_public=data.is_public,
    )
    return _detail(meeting)


@router.post(ONE + "/parties", response={201: PartyOut, 400: Problem}, summary="Invite an organisation")
def post_meeting_party(request: AuthenticatedRequest, slug: str, meeting_id: int, data: MeetingPartyIn) -> Any:
    meeting = _meeting_of(request, slug, meeting_id, Action.EDIT)
    organisation = Organisation.objects.filter(slug=data.organisation).first()
    if organisation is None:
        raise ValidationError(_("Unknown organisation."))
    party = services.add_party(actor=request.user, meeting=meeting, organisation=organisation)
    return Status(201, _party_out(party))


@router.delete(
    ONE + "/parties/{party_id}", response={204: None, 400: Problem}, summary="Withdraw an organisation's invitation"
)
def delete_meeting_party(request: AuthenticatedRequest, slug: str, meeting_id: int, party_id: int) -> Any:
    """Its people and checker go with it; not the convener, not an owner of agreed actions, not while the minutes
    are being checked or once they are final."""
    meeting = _meeting_of(request, slug, meeting_id, Action.EDIT)
    services.remove_party(actor=request.user, party=get_object_or_404(Party, pk=party_id, meeting=meeting))
    return Status(204, None)


@router.put(
    ONE + "/parties/{party_id}/checker",
    response={200: PartyOut, 400: Problem},
    summary="Name the party's checker of the minutes",
)
def put_meeting_checker(
    request: AuthenticatedRequest, slug: str, meeting_id: int, party_id: int, data: MeetingCheckerIn
) -> Any:
    """The convener's coordinators, or the party's own: a member of the party, or null for none."""
    meeting = _meeting_of(request, slug, meeting_id)
    party = get_object_or_404(Party, pk=party_id, meeting=meeting)
    checker = None
    if data.checker is not None:
        checker = get_user_model().objects.filter(pk=data.checker).first()
        if checker is None:
            raise ValidationError(
                _("The checker must be a member of %(organisation)s.")
                % {"organisation": party.organisation.display_name}
            )
    services.set_checker(actor=request.user, party=party, checker=checker)
    return _party_out(party)


@router.post(
    ONE + "/parties/{party_id}/people",
    response={201: InviteeOut, 400: Problem},
    summary="Invite a person on the party's behalf",
)
def post_meeting_person(
    request: AuthenticatedRequest, slug: str, meeting_id: int, party_id: int, data: MeetingInviteeIn
) -> Any:
    meeting = _meeting_of(request, slug, meeting_id, Action.EDIT)
    party = get_object_or_404(Party, pk=party_id, meeting=meeting)
    invitee = services.add_invitee(
        actor=request.user,
        party=party,
        name=data.name,
        job_title=data.job_title,
        role=data.role,
        participation=data.participation,
    )
    return Status(201, _invitee(invitee))


@router.delete(ONE + "/people/{invitee_id}", response={204: None, 400: Problem}, summary="Remove an invited person")
def delete_meeting_person(request: AuthenticatedRequest, slug: str, meeting_id: int, invitee_id: int) -> Any:
    meeting = _meeting_of(request, slug, meeting_id, Action.EDIT)
    invitee = get_object_or_404(Invitee, pk=invitee_id, party__meeting=meeting)
    services.remove_invitee(actor=request.user, invitee=invitee)
    return Status(204, None)


@router.post(ONE + "/agenda", response={201: AgendaItemOut, 400: Problem}, summary="Add an agenda item at the end")
def post_agenda_item(request: AuthenticatedRequest, slug: str, meeting_id: int, data: AgendaItemNewIn) -> Any:
    meeting = _meeting_of(request, slug, meeting_id, Action.EDIT)
    item = services.add_item(actor=request.user, meeting=meeting, title=data.title, body=data.body, kind=data.kind)
    return Status(201, _item(item))


def _agenda_item(request: AuthenticatedRequest, slug: str, meeting_id: int, item_id: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, pk=item_id, meeting=_meeting_of(request, slug, meeting_id, Action.EDIT))


@router.post(
    ONE + "/agenda/{item_id}/move",
    response={200: list[AgendaItemOut], 400: Problem},
    summary="Move an agenda item one place up or down",
)
def move_agenda_item(
    request: AuthenticatedRequest, slug: str, meeting_id: int, item_id: int, data: AgendaMoveIn
) -> Any:
    """Answers the agenda in its new order."""
    item = _agenda_item(request, slug, meeting_id, item_id)
    services.move_item(actor=request.user, item=item, offset=-1 if data.direction == "up" else 1)
    return [_item(each) for each in item.meeting.agenda_items.order_by("position", "id")]


@router.delete(
    ONE + "/agenda/{item_id}",
    response={204: None, 400: Problem},
    summary="Remove an agenda item (its agreed actions stay)",
)
def delete_agenda_item(request: AuthenticatedRequest, slug: str, meeting_id: int, item_id: int) -> Any:
    services.remove_item(actor=request.user, item=_agenda_item(request, slug, meeting_id, item_id))
    return Status(204, None)


@router.put(ONE + "/minutes", response={200: MeetingOut, 400: Problem}, summary="Write the minutes")
def put_minutes(request: AuthenticatedRequest, slug: str, meeting_id: int, data: MinutesIn) -> Any:
    """The minutes under the agenda items named, while they are a draft; the others keep theirs."""
    meeting = _meeting_of(request, slug, meeting_id, Action.EDIT)
    written = {each.item: each.minutes for each in data.items}
    services.save_minutes(actor=request.user, meeting=meeting, minutes=written)
    return _detail(meeting)


@router.post(
    ONE + "/minutes/share",
    response={200: MeetingOut, 400: Problem},
    summary="Share the minutes with the checkers (a new round)",
)
def post_minutes_share(request: AuthenticatedRequest, slug: str, meeting_id: int) -> Any:
    """Every invited organisation must have its checker; each is told."""
    meeting = _meeting_of(request, slug, meeting_id, Action.EDIT)
    services.share_minutes(actor=request.user, meeting=meeting)
    return _detail(meeting)


@router.post(
    ONE + "/minutes/reopen",
    response={200: MeetingOut, 400: Problem},
    summary="Take the minutes shared back for corrections",
)
def post_minutes_reopen(request: AuthenticatedRequest, slug: str, meeting_id: int) -> Any:
    meeting = _meeting_of(request, slug, meeting_id, Action.EDIT)
    services.reopen_minutes(actor=request.user, meeting=meeting)
    return _detail(meeting)


@router.put(
    "/organisations/{slug}/agreed-actions/{action_id}",
    response={200: AgreedActionOut, 400: Problem},
    summary="Change an agreed action (while the minutes are a draft)",
)
def put_action(request: AuthenticatedRequest, slug: str, action_id: int, data: AgreedActionIn) -> Any:
    """The convener's coordinators; its status and progress are followed up with `…/progress`."""
    action = queries.action_for(request.user, _organisation(request, slug), action_id)
    saved = services.edit_action(actor=request.user, action=action, **action_values(action.meeting, data))
    return _action(queries.action_for(request.user, _organisation(request, slug), saved.pk))


@router.post(
    "/organisations/{slug}/agreed-actions/{action_id}/carry",
    response={201: CarriedActionOut, 400: Problem},
    summary="Carry an agreed action into the organisation's annual report",
)
def post_action_carry(request: AuthenticatedRequest, slug: str, action_id: int) -> Any:
    """Into the annual report in preparation of the organisation looked through, as a text block of the section
    on how the plan was carried out (those who write that report); once per report."""
    organisation = _organisation(request, slug)
    action = queries.action_for(request.user, organisation, action_id)
    carried = services.carry_action(actor=request.user, action=action, organisation=organisation)
    return Status(
        201,
        {
            "action": action.pk,
            "organisation": _ref(organisation),
            "report": carried.report_id,
            "block": carried.block_id,
            "carried_at": carried.carried_at,
        },
    )
