"""What the cooperation views share: the organisation looked through, the objects scoped to it, going back."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.cooperation import queries
from hyte.cooperation.models import AgreedAction, Meeting
from hyte.core.http import AuthenticatedRequest, back_to


def organisation_of(request: AuthenticatedRequest, slug: str) -> Organisation:
    return get_organisation_for(request.user, slug, Action.VIEW)


def meeting_of(request: AuthenticatedRequest, slug: str, meeting_id: int, action: Action = Action.VIEW) -> Meeting:
    return queries.meeting_for(request.user, organisation_of(request, slug), meeting_id, action)


def action_of(request: AuthenticatedRequest, slug: str, action_id: int) -> AgreedAction:
    """An agreed action of a meeting the organisation takes part in, if the reader may see it; 404 otherwise."""
    organisation = organisation_of(request, slug)
    found = AgreedAction.objects.select_related("meeting__series__convener", "owner").filter(pk=action_id).first()
    if found is None or not permissions_for(request.user).can(Action.VIEW, found):
        raise Http404
    queries.meeting_for(request.user, organisation, found.meeting_id)  # 404 unless the organisation takes part
    return found


def to_meeting(slug: str, meeting_id: int, anchor: str = "") -> HttpResponse:
    return back_to("cooperation-meeting", anchor, slug=slug, meeting_id=meeting_id)
