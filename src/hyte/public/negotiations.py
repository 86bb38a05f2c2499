"""The negotiations a county chose to publish (issue 15): the final minutes of each such meeting and its agreed
actions with their status now, in Finnish, Swedish (where the county serves in Swedish) and English. Only agenda
items left public; never the people invited, the materials or the checkers' corrections. Answered fresh (an
action's status changes without publishing, so these pages are not in the page cache)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from hyte.accounts.models import Organisation
from hyte.cooperation import queries
from hyte.public.views import _page, languages_for


def _convener(slug: str) -> Organisation:
    found = Organisation.objects.select_related("area").filter(slug=slug, is_active=True).first()
    if found is None:
        raise Http404
    return found


@require_safe
def negotiations(request: HttpRequest, lang: str, slug: str) -> HttpResponse:
    convener = _convener(slug)
    meetings = list(queries.published_meetings(convener).order_by("-starts_at"))
    if not meetings:
        raise Http404
    context = {"organisation": convener, "meetings": meetings}
    return _page(request, lang, "public/negotiations.html", context, languages_for(convener))


@require_safe
def negotiation(request: HttpRequest, lang: str, slug: str, meeting_id: int) -> HttpResponse:
    convener = _convener(slug)
    meeting = queries.published_meeting(convener, meeting_id)
    if meeting is None:
        raise Http404
    context = {"organisation": convener, "meeting": meeting, "when": queries.when(meeting)}
    return _page(request, lang, "public/negotiation.html", context, languages_for(convener))
