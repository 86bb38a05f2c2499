"""The cooperation API: the negotiations an organisation convenes or is invited to, a meeting with its parties,
agenda, materials, minutes and agreed actions, the meetings as iCalendar; writes for those responsible (the
convener sets up series and meetings, edits the agenda and records agreed actions; owners follow their actions
up; checkers confirm the minutes). The same services as the pages; refusals answer 400, what the caller may not
see 404 (mapped in `hyte.api.root`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for
from hyte.cooperation import ics, queries, services
from hyte.cooperation.api_schemas import (
    ActionProgressIn,
    AgendaItemIn,
    AgendaItemOut,
    AgreedActionIn,
    AgreedActionOut,
    ConfirmationIn,
    ConfirmationOut,
    MeetingIn,
    MeetingOut,
    SeriesIn,
    SeriesOut,
)
from hyte.cooperation.models import AgendaItem, AgreedAction, Invitee, Meeting, Series
from hyte.core.api import Problem
from hyte.core.clock import HELSINKI
from hyte.core.http import AuthenticatedRequest
from hyte.indicators.models import Indicator
from hyte.reports.models import Goal

router = Router(tags=["cooperation"])

ICS_ANSWER = {
    "responses": {
        "200": {
            "description": "The meetings as an iCalendar file (RFC 5545), each with a UID that never changes.",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        }
    }
}


def _organisation(request: AuthenticatedRequest, slug: str) -> Organisation:
    return get_organisation_for(request.user, slug, Action.VIEW)


def _ref(organisation: Organisation) -> dict[str, str]:
    return {"slug": organisation.slug, "name": organisation.name, "kind": organisation.kind}


def _series(series: Series) -> dict[str, Any]:
    return {
        "id": series.pk,
        "title": series.title,
        "kind": series.kind,
        "arrangement": series.arrangement,
        "convener": _ref(series.convener),
        "members": [_ref(member) for member in series.members.all()],
        "description": series.description,
        "meetings": [
            {
                "id": m.pk,
                "title": m.title,
                "starts_at": m.starts_at,
                "ends_at": m.ends_at,
                "minutes_status": m.minutes_status,
            }
            for m in getattr(series, "shown_meetings", [])
        ],
    }


def _action(action: AgreedAction) -> dict[str, Any]:
    return {
        "id": action.pk,
        "meeting": action.meeting_id,
        "text": action.text,
        "owner": _ref(action.owner),
        "owner_person": action.owner_person,
        "due_date": action.due_date,
        "goals": [
            {"id": goal.pk, "organisation": goal.report.organisation.slug, "text": goal.text}
            for goal in action.goals.all()
        ],
        "indicators": [indicator.pk for indicator in action.indicators.all()],
        "status": action.status,
        "progress_note": action.progress_note,
        "followed_up_at": action.followed_up_at,
    }


def _item(item: AgendaItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "position": item.position,
        "kind": item.kind,
        "title": item.title,
        "body": item.body,
        "minutes": item.minutes,
        "is_public": item.is_public,
    }


def _invitee(invitee: Invitee) -> dict[str, Any]:
    return {
        "id": invitee.pk,
        "name": invitee.name,
        "job_title": invitee.job_title,
        "role": invitee.role,
        "participation": invitee.participation,
    }


def _meeting(meeting: Meeting) -> dict[str, Any]:
    answers = queries.latest_answers(meeting, meeting.parties.all())
    parties = []
    for party in meeting.parties.all():
        answer = answers.get(party.pk)
        checker = party.checker
        parties.append(
            {
                "id": party.pk,
                "organisation": _ref(party.organisation),
                "checker": (checker.get_full_name() or checker.get_username()) if checker else None,
                "checker_id": party.checker_id,
                "people": [_invitee(i) for i in party.invitees.all()],
                "answer": {
                    "decision": answer.decision,
                    "corrections": answer.text,
                    "checker": answer.checker_name,
                    "at": answer.at,
                }
                if answer
                else None,
            }
        )
    return {
        "id": meeting.pk,
        "series": meeting.series_id,
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "online_url": meeting.online_url,
        "other_actors": meeting.other_actors,
        "minutes_status": meeting.minutes_status,
        "round": meeting.round,
        "finalised_at": meeting.finalised_at,
        "is_public": meeting.is_public,
        "uid": ics.uid(meeting),
        "parties": parties,
        "agenda": [_item(item) for item in meeting.agenda_items.all()],
        "materials": [
            {
                "id": m.pk,
                "title": m.title,
                "url": m.url,
                "filename": m.filename,
                "content_type": m.content_type,
                "size": m.size,
            }
            for m in meeting.materials.all()
        ],
        "agreed_actions": [_action(action) for action in meeting.agreed_actions.all()],
    }


def action_values(meeting: Meeting, data: AgreedActionIn) -> dict[str, Any]:
    """The action services' arguments from the body: the owner, goals, indicators and agenda item looked up (an
    unknown one is refused with the reason, as the service refuses the rest)."""
    owner = Organisation.objects.filter(slug=data.owner).first() if data.owner else None
    if data.owner and owner is None:
        raise ValidationError(_("Unknown owner organisation."))
    goals = list(Goal.objects.filter(pk__in=data.goals).select_related("report"))
    indicators = list(Indicator.objects.filter(pk__in=data.indicators))
    if len(goals) != len(set(data.goals)) or len(indicators) != len(set(data.indicators)):
        raise ValidationError(_("Unknown goal or indicator."))
    item = meeting.agenda_items.filter(pk=data.agenda_item).first() if data.agenda_item is not None else None
    if data.agenda_item is not None and item is None:
        raise ValidationError(_("The agenda item is not on this meeting's agenda."))
    return {
        "text": data.text,
        "owner": owner,
        "owner_person": data.owner_person,
        "due_date": data.due_date,
        "goals": goals,
        "indicators": indicators,
        "agenda_item": item,
    }


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=HELSINKI)


def _meeting_of(request: AuthenticatedRequest, slug: str, meeting_id: int, action: Action = Action.VIEW) -> Meeting:
    return queries.meeting_for(request.user, _organisation(request, slug), meeting_id, action)


@router.get("/organisations/{slug}/negotiations", response=list[SeriesOut], summary="The organisation's negotiations")
def list_series(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    """The negotiation series the organisation convenes or belongs to, with the meetings the caller may see."""
    return [_series(series) for series in queries.series_of(request.user, _organisation(request, slug))]


@router.post(
    "/organisations/{slug}/negotiations",
    response={201: SeriesOut, 400: Problem},
    summary="Set up a negotiation series (the county convenes)",
)
def post_series(request: AuthenticatedRequest, slug: str, data: SeriesIn) -> Any:
    organisation = _organisation(request, slug)
    members = list(Organisation.objects.filter(slug__in=data.members))
    if len(members) != len(set(data.members)):
        return Status(400, {"detail": _("Unknown organisation among the members.")})
    created = services.create_series(
        actor=request.user,
        convener=organisation,
        kind=data.kind,
        arrangement=data.arrangement,
        title=data.title,
        members=members,
        description=data.description,
    )
    return Status(201, _series(queries.series_for(request.user, organisation, created.pk)))


@router.get(
    "/organisations/{slug}/negotiations/{series_id}/meetings.ics",
    summary="The series' meetings as iCalendar",
    openapi_extra=ICS_ANSWER,
)
def series_ics(request: AuthenticatedRequest, slug: str, series_id: int) -> HttpResponse:
    series = queries.series_for(request.user, _organisation(request, slug), series_id)
    meetings = queries.calendar_meetings(series, series.shown_meetings)  # type: ignore[attr-defined]
    page = request.build_absolute_uri(reverse("cooperation-meeting", kwargs={"slug": slug, "meeting_id": 0}))
    body = ics.calendar(series, meetings, page_url=page.replace("/0/", "/{id}/"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@router.post(
    "/organisations/{slug}/negotiations/{series_id}/meetings",
    response={201: MeetingOut, 400: Problem},
    summary="A new meeting with its draft agenda prefilled",
)
def post_meeting(request: AuthenticatedRequest, slug: str, series_id: int, data: MeetingIn) -> Any:
    series = queries.series_for(request.user, _organisation(request, slug), series_id)
    meeting = services.create_meeting(
        actor=request.user,
        series=series,
        title=data.title,
        starts_at=_aware(data.starts_at),
        ends_at=_aware(data.ends_at),
        place=data.place,
        online_url=data.online_url,
        other_actors=data.other_actors,
    )
    return Status(201, _meeting(queries.meeting_detail(meeting.pk)))


@router.get(
    "/organisations/{slug}/meetings/{meeting_id}",
    response=MeetingOut,
    summary="A meeting with its parties, agenda, materials, minutes and agreed actions",
)
def get_meeting(request: AuthenticatedRequest, slug: str, meeting_id: int) -> dict[str, Any]:
    return _meeting(queries.meeting_detail(_meeting_of(request, slug, meeting_id).pk))


@router.put(
    "/organisations/{slug}/meetings/{meeting_id}/agenda/{item_id}",
    response={200: AgendaItemOut, 400: Problem},
    summary="Edit an agenda item",
)
def put_agenda_item(request: AuthenticatedRequest, slug: str, meeting_id: int, item_id: int, data: AgendaItemIn) -> Any:
    meeting = _meeting_of(request, slug, meeting_id, Action.EDIT)
    item = get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)
    saved = services.edit_item(
        actor=request.user,
        item=item,
        title=data.title,
        body=data.body,
        is_public=data.is_public,
        indicator_set=item.indicator_set,
    )
    return _item(saved)


@router.post(
    "/organisations/{slug}/meetings/{meeting_id}/actions",
    response={201: AgreedActionOut, 400: Problem},
    summary="Record an agreed action",
)
def post_action(request: AuthenticatedRequest, slug: str, meeting_id: int, data: AgreedActionIn) -> Any:
    meeting = _meeting_of(request, slug, meeting_id, Action.EDIT)
    action = services.add_action(actor=request.user, meeting=meeting, **action_values(meeting, data))
    return Status(201, _action(action))


@router.put(
    "/organisations/{slug}/agreed-actions/{action_id}/progress",
    response={200: AgreedActionOut, 400: Problem},
    summary="Follow an agreed action up",
)
def put_action_progress(request: AuthenticatedRequest, slug: str, action_id: int, data: ActionProgressIn) -> Any:
    """Its owner organisation's editors and up, and the convener's coordinators."""
    action = queries.action_for(request.user, _organisation(request, slug), action_id)
    saved = services.follow_up_action(
        actor=request.user, action=action, status=data.status, progress_note=data.progress_note
    )
    return _action(saved)


@router.get(
    "/organisations/{slug}/agreed-actions",
    response=list[AgreedActionOut],
    summary="The agreed actions that concern the organisation",
)
def list_actions(request: AuthenticatedRequest, slug: str) -> list[dict[str, Any]]:
    """Those it owns and those that serve its plan goals, from every negotiation the caller may see."""
    return [_action(action) for action in queries.actions_concerning(request.user, _organisation(request, slug))]


@router.post(
    "/organisations/{slug}/meetings/{meeting_id}/confirmation",
    response={201: ConfirmationOut, 400: Problem},
    summary="Confirm the minutes, or propose corrections (the named checker)",
)
def post_confirmation(request: AuthenticatedRequest, slug: str, meeting_id: int, data: ConfirmationIn) -> Any:
    meeting = _meeting_of(request, slug, meeting_id)
    answer = services.confirm_minutes(
        actor=request.user, meeting=meeting, decision=data.decision, corrections=data.corrections
    )
    meeting.refresh_from_db(fields=["minutes_status"])
    return Status(
        201,
        {
            "decision": answer.decision,
            "corrections": answer.text,
            "round": answer.round,
            "at": answer.at,
            "minutes_status": meeting.minutes_status,
        },
    )


# The writes on a meeting and its agreed actions are kept in their own module, on this router (one router answers
# every method of a path): importing it here puts them in the document wherever this router goes.
from hyte.cooperation import meeting_api as _meeting_api  # noqa: E402, F401
