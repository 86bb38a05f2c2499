"""The agenda editor and the minutes: items added, written, moved and removed; the minutes under each item;
sharing them, taking them back, and the checkers' confirmations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation import queries, services
from hyte.cooperation.forms import ConfirmForm, ItemForm
from hyte.cooperation.models import AgendaItem, ItemKind, MinutesStatus
from hyte.cooperation.views._common import meeting_of, organisation_of
from hyte.core.http import AuthenticatedRequest, back_to, call_service, require_GET_or_POST
from hyte.indicators.models import IndicatorSet
from hyte.indicators.queries import sets_for


def _to_agenda(slug: str, meeting_id: int, anchor: str = "") -> HttpResponse:
    return back_to("cooperation-agenda", anchor, slug=slug, meeting_id=meeting_id)


def _to_minutes(slug: str, meeting_id: int) -> HttpResponse:
    return back_to("cooperation-minutes", slug=slug, meeting_id=meeting_id)


@require_GET_or_POST
@login_required
def agenda_editor(request: AuthenticatedRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The convener's agenda editor; a POST adds an item at the end."""
    organisation = organisation_of(request, slug)
    meeting = queries.meeting_for(request.user, organisation, meeting_id, Action.EDIT)
    if request.method == "POST":
        form = ItemForm(request.POST, prefix="new")
        if form.is_valid():
            item = call_service(request, services.add_item, meeting=meeting, **form.cleaned_data)
            if item is not None:
                return _to_agenda(slug, meeting_id, f"item-{item.pk}")
        else:
            messages.error(request, form.errors.as_text())
        return _to_agenda(slug, meeting_id)
    items = list(meeting.agenda_items.select_related("indicator_set"))
    return render(
        request,
        "cooperation/agenda.html",
        {
            "organisation": organisation,
            "meeting": meeting,
            "items": items,
            "draft": meeting.minutes_status == MinutesStatus.DRAFT,
            "sets": list(sets_for(meeting.series.convener)),
            "new_form": ItemForm(prefix="new"),
        },
    )


def _item(request: AuthenticatedRequest, slug: str, meeting_id: int, item_id: int) -> AgendaItem:
    meeting = meeting_of(request, slug, meeting_id, Action.EDIT)
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__series__convener"), pk=item_id, meeting=meeting
    )


@require_POST
@login_required
def agenda_item(request: AuthenticatedRequest, slug: str, meeting_id: int, item_id: int) -> HttpResponse:
    item = _item(request, slug, meeting_id, item_id)
    form = ItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return _to_agenda(slug, meeting_id, f"item-{item.pk}")
    chosen_set = None
    if item.kind == ItemKind.INDICATORS and request.POST.get("indicator_set", "").isdigit():
        chosen_set = IndicatorSet.objects.filter(pk=int(request.POST["indicator_set"])).first()
        if chosen_set is None:
            raise Http404
    call_service(
        request,
        services.edit_item,
        item=item,
        title=form.cleaned_data["title"],
        body=form.cleaned_data["body"],
        is_public=request.POST.get("is_public") == "on",
        indicator_set=chosen_set,
    )
    return _to_agenda(slug, meeting_id, f"item-{item.pk}")


@require_POST
@login_required
def agenda_move(request: AuthenticatedRequest, slug: str, meeting_id: int, item_id: int) -> HttpResponse:
    item = _item(request, slug, meeting_id, item_id)
    call_service(request, services.move_item, item=item, offset=-1 if request.POST.get("to") == "up" else 1)
    return _to_agenda(slug, meeting_id, f"item-{item.pk}")


@require_POST
@login_required
def agenda_remove(request: AuthenticatedRequest, slug: str, meeting_id: int, item_id: int) -> HttpResponse:
    item = _item(request, slug, meeting_id, item_id)
    call_service(request, services.remove_item, item=item)
    return _to_agenda(slug, meeting_id)


@require_GET_or_POST
@login_required
def minutes(request: AuthenticatedRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The minutes: written under each item by the convener while a draft, confirmed by the checkers once
    shared. A POST saves the minutes' texts."""
    organisation = organisation_of(request, slug)
    meeting = queries.meeting_for(request.user, organisation, meeting_id)
    if request.method == "POST":
        meeting = queries.meeting_for(request.user, organisation, meeting_id, Action.EDIT)
        written = {
            int(key.removeprefix("minutes-")): value
            for key, value in request.POST.items()
            if key.startswith("minutes-") and key.removeprefix("minutes-").isdigit()
        }
        call_service(request, services.save_minutes, meeting=meeting, minutes=written)
        return _to_minutes(slug, meeting_id)
    detail = queries.meeting_detail(meeting.pk)
    checker_for = queries.checker_party(request.user, detail)
    return render(
        request,
        "cooperation/minutes.html",
        {
            "organisation": organisation,
            "meeting": detail,
            "when": queries.when(detail),
            "can_edit": permissions_for(request.user).can(Action.EDIT, detail),
            "confirmations": queries.confirmation_state(detail),
            "checker_for": checker_for,
            "confirm_form": ConfirmForm() if checker_for and detail.minutes_status == MinutesStatus.SHARED else None,
        },
    )


@require_POST
@login_required
def minutes_share(request: AuthenticatedRequest, slug: str, meeting_id: int) -> HttpResponse:
    meeting = meeting_of(request, slug, meeting_id, Action.EDIT)
    call_service(request, services.share_minutes, meeting=meeting)
    return _to_minutes(slug, meeting_id)


@require_POST
@login_required
def minutes_reopen(request: AuthenticatedRequest, slug: str, meeting_id: int) -> HttpResponse:
    meeting = meeting_of(request, slug, meeting_id, Action.EDIT)
    call_service(request, services.reopen_minutes, meeting=meeting)
    return _to_minutes(slug, meeting_id)


@require_POST
@login_required
def minutes_confirm(request: AuthenticatedRequest, slug: str, meeting_id: int) -> HttpResponse:
    """A checker's answer; anyone else invited is told that only the named checkers confirm."""
    meeting = meeting_of(request, slug, meeting_id)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        call_service(request, services.confirm_minutes, meeting=meeting, **form.cleaned_data)
    else:
        messages.error(request, form.errors.as_text())
    return _to_minutes(slug, meeting_id)
