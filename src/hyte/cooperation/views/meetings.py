"""A meeting's page (the negotiation page): its details, who is invited, the agenda with its data, materials,
agreed actions and the state of the minutes; and the forms that change them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation import agenda, queries, services
from hyte.cooperation.forms import ActionForm, InviteeForm, MaterialForm, MeetingForm, PartyForm
from hyte.cooperation.models import ActionStatus, Invitee, Material, MinutesStatus, Party
from hyte.cooperation.views._common import meeting_of, organisation_of, to_meeting
from hyte.core.http import AuthenticatedRequest, call_service, private_file, require_GET_or_POST


def _choices(shown: list[agenda.ShownItem]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The goals and indicators an agreed action can name: those the agenda shows."""
    goals = {
        goal.pk: f"{plan.organisation.display_name}: {goal.text[:120]}"
        for entry in shown
        for plan in entry.plans
        for goal in plan.goals
    }
    indicators = {
        column.indicator.pk: column.indicator.title
        for entry in shown
        if entry.table is not None
        for column in entry.table.columns
    }
    return list(goals.items()), list(indicators.items())


def action_choices(request: AuthenticatedRequest, meeting: Any) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    return _choices(agenda.shown_agenda(request.user, meeting))


def _context(request: AuthenticatedRequest, slug: str, meeting_id: int) -> dict[str, Any]:
    organisation = organisation_of(request, slug)
    meeting = queries.meeting_detail(queries.meeting_for(request.user, organisation, meeting_id).pk)
    perms = permissions_for(request.user)
    can_edit = perms.can(Action.EDIT, meeting)
    draft = meeting.minutes_status == MinutesStatus.DRAFT
    shown = agenda.shown_agenda(request.user, meeting)
    actions = list(meeting.agreed_actions.all())
    queries.can_follow_up(perms, [*actions, *(a for entry in shown for a in entry.actions)])
    parties = list(meeting.parties.all())
    for party in parties:
        party.can_edit = perms.can(Action.EDIT, party)  # type: ignore[attr-defined]
    editable = [party for party in parties if party.can_edit]  # type: ignore[attr-defined]
    candidates = queries.checker_candidates(editable) if editable else {}
    for party in editable:
        party.candidates = candidates.get(party.organisation_id, [])  # type: ignore[attr-defined]
    goals, indicators = _choices(shown)
    return {
        "organisation": organisation,
        "meeting": meeting,
        "when": queries.when(meeting),
        "can_edit": can_edit,
        "draft": draft,
        "agenda": shown,
        "actions": actions,
        "parties": parties,
        "statuses": ActionStatus.choices,
        "confirmations": queries.confirmation_state(meeting),
        "details_form": MeetingForm.of(meeting) if can_edit else None,
        "party_form": PartyForm(meeting=meeting) if can_edit else None,
        "invitee_form": InviteeForm() if can_edit else None,
        "material_form": MaterialForm() if can_edit else None,
        "action_form": ActionForm(meeting=meeting, goals=goals, indicators=indicators) if can_edit and draft else None,
    }


@require_GET_or_POST
@login_required
def meeting_page(request: AuthenticatedRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The negotiation page; a POST changes the meeting's details (the convener's coordinators)."""
    if request.method == "POST":
        meeting = meeting_of(request, slug, meeting_id, Action.EDIT)
        form = MeetingForm.of(meeting, request.POST)
        if form.is_valid():
            call_service(
                request,
                services.update_meeting,
                meeting=meeting,
                is_public=form.cleaned_data.get("is_public", False),
                **form.details(),
            )
        else:
            messages.error(request, form.errors.as_text())
        return to_meeting(slug, meeting_id)
    return render(request, "cooperation/meeting.html", _context(request, slug, meeting_id))


@require_POST
@login_required
def party_add(request: AuthenticatedRequest, slug: str, meeting_id: int) -> HttpResponse:
    meeting = meeting_of(request, slug, meeting_id, Action.EDIT)
    form = PartyForm(request.POST, meeting=meeting)
    if form.is_valid():
        call_service(request, services.add_party, meeting=meeting, organisation=form.cleaned_data["organisation"])
    else:
        messages.error(request, form.errors.as_text())
    return to_meeting(slug, meeting_id, "invited")


@require_POST
@login_required
def party_remove(request: AuthenticatedRequest, slug: str, meeting_id: int, party_id: int) -> HttpResponse:
    """Withdraw an organisation's invitation (the convener)."""
    meeting = meeting_of(request, slug, meeting_id, Action.EDIT)
    party = get_object_or_404(Party, pk=party_id, meeting=meeting)
    call_service(request, services.remove_party, party=party)
    return to_meeting(slug, meeting_id, "invited")


@require_POST
@login_required
def party_checker(request: AuthenticatedRequest, slug: str, meeting_id: int, party_id: int) -> HttpResponse:
    """Name the party's checker of the minutes (a member of it), or none."""
    meeting = meeting_of(request, slug, meeting_id)
    party = get_object_or_404(Party, pk=party_id, meeting=meeting)
    chosen = request.POST.get("checker", "")
    checker = None
    if chosen:
        checker = get_user_model().objects.filter(pk=int(chosen) if chosen.isdigit() else 0).first()
        if checker is None:
            raise Http404
    call_service(request, services.set_checker, party=party, checker=checker)
    return to_meeting(slug, meeting_id, "invited")


@require_POST
@login_required
def invitee_add(request: AuthenticatedRequest, slug: str, meeting_id: int, party_id: int) -> HttpResponse:
    meeting = meeting_of(request, slug, meeting_id, Action.EDIT)
    party = get_object_or_404(Party, pk=party_id, meeting=meeting)
    form = InviteeForm(request.POST)
    if form.is_valid():
        call_service(request, services.add_invitee, party=party, **form.cleaned_data)
    else:
        messages.error(request, form.errors.as_text())
    return to_meeting(slug, meeting_id, "invited")


@require_POST
@login_required
def invitee_remove(request: AuthenticatedRequest, slug: str, meeting_id: int, invitee_id: int) -> HttpResponse:
    meeting = meeting_of(request, slug, meeting_id, Action.EDIT)
    invitee = get_object_or_404(Invitee, pk=invitee_id, party__meeting=meeting)
    call_service(request, services.remove_invitee, invitee=invitee)
    return to_meeting(slug, meeting_id, "invited")


@require_POST
@login_required
def material_add(request: AuthenticatedRequest, slug: str, meeting_id: int) -> HttpResponse:
    meeting = meeting_of(request, slug, meeting_id, Action.EDIT)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        call_service(
            request,
            services.add_material,
            meeting=meeting,
            title=form.cleaned_data["title"],
            url=form.cleaned_data["url"],
            data=upload.read() if upload else None,
            filename=upload.name if upload else "",
        )
    else:
        messages.error(request, form.errors.as_text())
    return to_meeting(slug, meeting_id, "materials")


@require_GET
@login_required
def material(request: AuthenticatedRequest, slug: str, meeting_id: int, material_id: int) -> HttpResponse:
    """A material file, for those invited; a link's material has no file here."""
    meeting = meeting_of(request, slug, meeting_id)
    found = get_object_or_404(Material, pk=material_id, meeting=meeting, data__isnull=False)
    return private_file(
        bytes(found.data or b""), content_type=found.content_type, filename=found.filename or "material"
    )


@require_POST
@login_required
def material_remove(request: AuthenticatedRequest, slug: str, meeting_id: int, material_id: int) -> HttpResponse:
    meeting = meeting_of(request, slug, meeting_id, Action.EDIT)
    found = get_object_or_404(Material.objects.defer("data"), pk=material_id, meeting=meeting)
    call_service(request, services.remove_material, material=found)
    return to_meeting(slug, meeting_id, "materials")
