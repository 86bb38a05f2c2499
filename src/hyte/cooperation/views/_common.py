"""What the cooperation views share: the organisation looked through, the objects scoped to it, going back."""

from __future__ import annotations

from django.http import HttpResponse

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for
from hyte.cooperation import queries
from hyte.cooperation.models import AgreedAction, Meeting
from hyte.core.http import AuthenticatedRequest, back_to


def organisation_of(request: AuthenticatedRequest, slug: str) -> Organisation:
    return get_organisation_for(request.user, slug, Action.VIEW)


def meeting_of(request: AuthenticatedRequest, slug: str, meeting_id: int, action: Action = Action.VIEW) -> Meeting:
    return queries.meeting_for(request.user, organisation_of(request, slug), meeting_id, action)


def action_of(request: AuthenticatedRequest, slug: str, action_id: int) -> AgreedAction:
    """An agreed action of a meeting the organisation takes part in, if the reader may see it; 404 otherwise."""
    return queries.action_for(request.user, organisation_of(request, slug), action_id)


def to_meeting(slug: str, meeting_id: int, anchor: str = "") -> HttpResponse:
    return back_to("cooperation-meeting", anchor, slug=slug, meeting_id=meeting_id)
