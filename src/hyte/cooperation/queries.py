"""Reads of cooperation, always scoped to what the reader may see: the series an organisation convenes or belongs
to, the meetings it is invited to, a meeting with everything its page shows, and the agreed actions that concern
an organisation. Writes are in `hyte.cooperation.services`; the agenda's data in `agenda.py`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, Permissions, permissions_for
from hyte.cooperation.models import (
    AgendaItem,
    AgreedAction,
    Confirmation,
    Material,
    Meeting,
    MinutesStatus,
    Party,
    Series,
)
from hyte.core.actors import Viewer
from hyte.core.clock import HELSINKI
from hyte.reports.models import Goal


def _involving(organisation: Organisation) -> Q:
    """Meetings the organisation convenes or is invited to."""
    return Q(series__convener=organisation) | Q(parties__organisation=organisation)


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("series__convener").prefetch_related(
        Prefetch("parties", queryset=Party.objects.select_related("organisation"))
    )


def series_of(user: Viewer, organisation: Organisation) -> list[Series]:
    """The series the organisation convenes or belongs to, each with the meetings of it the reader may see and the
    organisation takes part in (`shown_meetings`)."""
    perms = permissions_for(user)
    found = (
        Series.objects.filter(Q(convener=organisation) | Q(members=organisation))
        .distinct()
        .select_related("convener")
        .prefetch_related(
            "members",
            Prefetch("meetings", queryset=_meetings().filter(_involving(organisation)).distinct()),
        )
    )
    visible = [series for series in found if perms.can(Action.VIEW, series)]
    for series in visible:
        series.shown_meetings = [m for m in series.meetings.all() if perms.can(Action.VIEW, m)]  # type: ignore[attr-defined]
    return visible


def series_for(user: Viewer, organisation: Organisation, series_id: int) -> Series:
    """One series the organisation convenes or belongs to, if the reader may see it; 404 otherwise."""
    found = [series for series in series_of(user, organisation) if series.pk == series_id]
    if not found:
        raise Http404
    return found[0]


def meeting_for(user: Viewer, organisation: Organisation, meeting_id: int, action: Action = Action.VIEW) -> Meeting:
    """A meeting the organisation convenes or is invited to, if the reader may do `action`; 404 otherwise (missing
    and forbidden alike)."""
    meeting = _meetings().filter(_involving(organisation), pk=meeting_id).distinct().first()
    if meeting is None or not permissions_for(user).can(action, meeting):
        raise Http404
    return meeting


def action_for(user: Viewer, organisation: Organisation, action_id: int) -> AgreedAction:
    """An agreed action of a meeting the organisation convenes or is invited to, if the reader may see it; 404
    otherwise."""
    found = (
        AgreedAction.objects.select_related("meeting__series__convener", "owner")
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.select_related("report__organisation")), "indicators")
        .filter(pk=action_id)
        .first()
    )
    if found is None or not permissions_for(user).can(Action.VIEW, found):
        raise Http404
    meeting_for(user, organisation, found.meeting_id)  # 404 unless the organisation takes part
    return found


def latest_answers(meeting: Meeting, parties: Iterable[Party]) -> dict[int, Confirmation]:
    """Each party's latest answer to the minutes in the current round (party id → confirmation)."""
    answers: dict[int, Confirmation] = {}
    for party in parties:
        for answer in party.confirmations.all():
            if answer.round == meeting.round:
                answers[party.pk] = answer  # in order of time: the last one stays
    return answers


def meeting_detail(meeting_id: int) -> Meeting:
    """The meeting with everything its page lists, in a fixed number of queries."""
    actions = AgreedAction.objects.select_related("owner", "agenda_item").prefetch_related(
        Prefetch("goals", queryset=Goal.objects.select_related("report__organisation")),
        "indicators",
        "carried",
    )
    return (
        Meeting.objects.select_related("series__convener__area")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=Party.objects.select_related("organisation__area", "checker").prefetch_related(
                    "invitees", "confirmations"
                ),
            ),
            Prefetch("agenda_items", queryset=meeting_items()),
            Prefetch("materials", queryset=Material.objects.defer("data")),
            Prefetch("agreed_actions", queryset=actions),
        )
        .get(pk=meeting_id)
    )


def meeting_items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.select_related("indicator_set").prefetch_related(
        Prefetch("agreed_actions", queryset=AgreedAction.objects.select_related("owner"))
    )


def confirmation_state(meeting: Meeting) -> list[dict[str, Any]]:
    """Each party with its checker and answer in the current round, for the minutes' page and the meeting's."""
    parties = list(meeting.parties.all())
    answers = latest_answers(meeting, parties)
    return [{"party": party, "answer": answers.get(party.pk)} for party in parties]


def checker_party(user: Viewer, meeting: Meeting) -> Party | None:
    """The party the reader checks the minutes for, when they are named as its checker."""
    perms = permissions_for(user)
    return next((p for p in meeting.parties.all() if perms.can(Action.APPROVE, p)), None)


def concerns(action: AgreedAction, organisation: Organisation) -> bool:
    """An agreed action concerns the organisation that owns it and those whose plan goals it serves."""
    return action.owner_id == organisation.pk or any(
        goal.report.organisation_id == organisation.pk for goal in action.goals.all()
    )


def actions_concerning(user: Viewer, organisation: Organisation) -> list[AgreedAction]:
    """The agreed actions that concern the organisation and that the reader may see, newest negotiation first,
    each with `carried_into` (the reports it is already in)."""
    perms = permissions_for(user)
    found = (
        AgreedAction.objects.filter(Q(owner=organisation) | Q(goals__report__organisation=organisation))
        .distinct()
        .select_related("owner", "meeting__series__convener")
        .prefetch_related(
            Prefetch("meeting__parties", queryset=Party.objects.select_related("organisation")),
            Prefetch("goals", queryset=Goal.objects.select_related("report__organisation")),
            "indicators",
            "carried__report",
        )
        .order_by("-meeting__starts_at", "position", "id")
    )
    visible = [action for action in found if perms.can(Action.VIEW, action)]
    for action in visible:
        action.carried_into = [c.report for c in action.carried.all() if c.organisation_id == organisation.pk]  # type: ignore[attr-defined]
    return visible


def can_follow_up(perms: Permissions, actions: Iterable[AgreedAction]) -> None:
    """Mark each action with whether the reader may follow it up (`can_follow_up`)."""
    for action in actions:
        action.can_follow_up = perms.can(Action.EDIT, action)  # type: ignore[attr-defined]


def when(meeting: Meeting) -> str:
    """The meeting's date and time in Helsinki time, in the reader's language."""
    starts, ends = meeting.starts_at.astimezone(HELSINKI), meeting.ends_at.astimezone(HELSINKI)
    day = formats.date_format(starts, "SHORT_DATE_FORMAT")
    if starts.date() == ends.date():
        return f"{day} {starts:%H.%M}–{ends:%H.%M}"
    return f"{day} {starts:%H.%M} – {formats.date_format(ends, 'SHORT_DATE_FORMAT')} {ends:%H.%M}"


def action_text(action: AgreedAction) -> str:
    """The agreed action as the annual reports carry it: the same words for every party (Markdown)."""
    meeting = action.meeting
    lines = [
        _("**Agreed in %(series)s, %(date)s:** %(text)s")
        % {
            "series": meeting.series.title,
            "date": formats.date_format(meeting.starts_at.astimezone(HELSINKI).date(), "SHORT_DATE_FORMAT"),
            "text": action.text,
        },
        "",
        _("Responsible: %(organisation)s (%(person)s).")
        % {"organisation": action.owner.name, "person": action.owner_person},
    ]
    if action.due_date:
        lines[-1] += " " + _("Due: %(date)s.") % {"date": formats.date_format(action.due_date, "SHORT_DATE_FORMAT")}
    lines[-1] += " " + _("Status: %(status)s.") % {"status": action.get_status_display()}
    if action.progress_note:
        lines += ["", action.progress_note]
    goals = list(action.goals.all())
    if goals:
        lines += ["", _("Serves the goals:")] + [f"- {goal.report.organisation.name}: {goal.text}" for goal in goals]
    return "\n".join(lines)


def published_meetings(convener: Organisation) -> QuerySet[Meeting]:
    """The convener's meetings whose final minutes it chose to publish."""
    return Meeting.objects.filter(
        series__convener=convener, is_public=True, minutes_status=MinutesStatus.FINAL
    ).select_related("series")


def published_meeting(convener: Organisation, meeting_id: int) -> Meeting | None:
    """A published meeting with its public agenda items and the agreed actions decided under them (or under no
    item); nothing else (people, materials, corrections) leaves the signed-in pages."""
    return (
        published_meetings(convener)
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation")),
            Prefetch("agenda_items", queryset=AgendaItem.objects.filter(is_public=True)),
            Prefetch(
                "agreed_actions",
                queryset=AgreedAction.objects.filter(
                    Q(agenda_item__isnull=True) | Q(agenda_item__is_public=True)
                ).select_related("owner"),
            ),
        )
        .filter(pk=meeting_id)
        .first()
    )


def calendar_meetings(series: Series, meetings: Iterable[Meeting]) -> QuerySet[Meeting]:
    """The meetings for the calendar file, with their agenda for the events' descriptions and their agreed
    actions (with their owners) for the due dates."""
    return Meeting.objects.filter(series=series, pk__in=[m.pk for m in meetings]).prefetch_related(
        "agenda_items", Prefetch("agreed_actions", queryset=AgreedAction.objects.select_related("owner"))
    )


def checker_candidates(parties: Iterable[Party]) -> dict[int, list[Any]]:
    """Organisation id → its members, who may be named its checker (one query for every party)."""
    from hyte.accounts.models import Membership

    found: dict[int, list[Any]] = {}
    organisation_ids = [party.organisation_id for party in parties]
    memberships = (
        Membership.objects.filter(organisation_id__in=organisation_ids)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    for membership in memberships:
        found.setdefault(membership.organisation_id, []).append(membership.user)
    return found
