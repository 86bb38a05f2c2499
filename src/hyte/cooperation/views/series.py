"""The series an organisation convenes or is invited to, a series' page, its calendar, and a new meeting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation import ics, queries, services
from hyte.cooperation.forms import NewMeetingForm, SeriesForm
from hyte.cooperation.models import ActionStatus, Series
from hyte.cooperation.views._common import organisation_of
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST


@require_GET_or_POST
@login_required
def series_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The organisation's negotiations, its agreed actions, and (for a county's coordinators) a new series."""
    organisation = organisation_of(request, slug)
    perms = permissions_for(request.user)
    can_convene = perms.can(Action.EDIT, Series(convener=organisation))
    form = SeriesForm(request.POST or None, convener=organisation) if can_convene else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            created = call_service(
                request,
                services.create_series,
                convener=organisation,
                kind=data["kind"],
                arrangement=data["arrangement"],
                title=data["title"],
                members=data["members"],
                description=data["description"],
            )
            if created is not None:
                return redirect("cooperation-series", slug=slug, series_id=created.pk)
    actions = queries.actions_concerning(request.user, organisation)
    queries.can_follow_up(perms, actions)
    return render(
        request,
        "cooperation/series_list.html",
        {
            "organisation": organisation,
            "series_list": queries.series_of(request.user, organisation),
            "actions": actions,
            "statuses": ActionStatus.choices,
            "can_carry": perms.can(Action.EDIT, organisation),
            "form": form,
        },
    )


@require_GET_or_POST
@login_required
def series_page(request: AuthenticatedRequest, slug: str, series_id: int) -> HttpResponse:
    organisation = organisation_of(request, slug)
    series = queries.series_for(request.user, organisation, series_id)
    can_edit = permissions_for(request.user).can(Action.EDIT, series) and series.convener_id == organisation.pk
    initial = {
        "title": series.title,
        "kind": series.kind,
        "arrangement": series.arrangement,
        "members": list(series.members.all()),
        "description": series.description,
    }
    form = SeriesForm(request.POST or None, initial=initial, convener=series.convener) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            saved = call_service(
                request,
                services.update_series,
                series=series,
                kind=data["kind"],
                arrangement=data["arrangement"],
                title=data["title"],
                members=data["members"],
                description=data["description"],
            )
            if saved is not None:
                return redirect("cooperation-series", slug=slug, series_id=series.pk)
    return render(
        request,
        "cooperation/series.html",
        {
            "organisation": organisation,
            "series": series,
            "form": form,
            "meeting_form": NewMeetingForm(prefix="new", series=series) if can_edit else None,
        },
    )


@require_POST
@login_required
def meeting_new(request: AuthenticatedRequest, slug: str, series_id: int) -> HttpResponse:
    organisation = organisation_of(request, slug)
    series = queries.series_for(request.user, organisation, series_id)
    form = NewMeetingForm(request.POST, prefix="new", series=series)
    if not form.is_valid():
        if not permissions_for(request.user).can(Action.EDIT, series):
            raise Http404
        messages.error(request, form.errors.as_text())
        return redirect("cooperation-series", slug=slug, series_id=series.pk)
    meeting = call_service(request, services.create_meeting, series=series, **form.details())
    if meeting is None:
        return redirect("cooperation-series", slug=slug, series_id=series.pk)
    return redirect("cooperation-meeting", slug=slug, meeting_id=meeting.pk)


@require_GET
@login_required
def series_ics(request: AuthenticatedRequest, slug: str, series_id: int) -> HttpResponse:
    """The meetings of the series that the reader may see, for their own calendar."""
    organisation = organisation_of(request, slug)
    series = queries.series_for(request.user, organisation, series_id)
    meetings = queries.calendar_meetings(series, series.shown_meetings)  # type: ignore[attr-defined]
    page = request.build_absolute_uri(reverse("cooperation-meeting", kwargs={"slug": slug, "meeting_id": 0}))
    body = ics.calendar(series, meetings, page_url=page.replace("/0/", "/{id}/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="negotiations-{series.pk}.ics"'
    return response
