"""Cooperation structures: the organisation's groups and networks, one structure with its members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation import services
from hyte.cooperation.interface_forms import StructureForm, StructureMemberForm
from hyte.cooperation.structure_models import Structure
from hyte.cooperation.structure_queries import structure_for, structures_of
from hyte.cooperation.views._common import organisation_of
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST


@require_GET_or_POST
@login_required
def structure_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = organisation_of(request, slug)
    can_keep = permissions_for(request.user).can(Action.EDIT, Structure(keeper=organisation))
    form = StructureForm(request.POST or None) if can_keep else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            created = call_service(request, services.create_structure, keeper=organisation, **form.cleaned_data)
            if created is not None:
                return redirect("cooperation-structure", slug=slug, structure_id=created.pk)
    return render(
        request,
        "cooperation/structures.html",
        {"organisation": organisation, "structures": structures_of(request.user, organisation), "form": form},
    )


@require_GET_or_POST
@login_required
def structure_page(request: AuthenticatedRequest, slug: str, structure_id: int) -> HttpResponse:
    organisation = organisation_of(request, slug)
    structure = structure_for(request.user, organisation, structure_id)
    can_edit = structure.keeper_id == organisation.pk and permissions_for(request.user).can(Action.EDIT, structure)
    initial = {
        "name": structure.name,
        "name_sv": structure.name_sv,
        "kind": structure.kind,
        "description": structure.description,
    }
    form = StructureForm(request.POST or None, initial=initial) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        saved = form.is_valid() and call_service(
            request, services.update_structure, structure=structure, **form.cleaned_data
        )
        if saved:
            return redirect("cooperation-structure", slug=slug, structure_id=structure.pk)
    organisations = Organisation.objects.filter(is_active=True).order_by("kind", "name") if can_edit else []
    return render(
        request,
        "cooperation/structure.html",
        {
            "organisation": organisation,
            "structure": structure,
            "form": form,
            "can_edit": can_edit,
            "organisations": organisations,
        },
    )


@require_POST
@login_required
def member_add(request: AuthenticatedRequest, slug: str, structure_id: int) -> HttpResponse:
    structure = structure_for(request.user, organisation_of(request, slug), structure_id)
    form = StructureMemberForm(request.POST)
    if not form.is_valid():
        if not permissions_for(request.user).can(Action.EDIT, structure):
            raise Http404
        messages.error(request, form.errors.as_text())
    else:
        data = form.cleaned_data
        call_service(
            request,
            services.add_structure_member,
            structure=structure,
            organisation=Organisation.objects.filter(pk=data["organisation"]).first(),
            name=data["name"],
            job_title=data["job_title"],
        )
    return redirect("cooperation-structure", slug=slug, structure_id=structure.pk)


@require_POST
@login_required
def member_remove(request: AuthenticatedRequest, slug: str, structure_id: int, member_id: int) -> HttpResponse:
    structure = structure_for(request.user, organisation_of(request, slug), structure_id)
    member = next((m for m in structure.members.all() if m.pk == member_id), None)
    if member is None:
        raise Http404
    call_service(request, services.remove_structure_member, member=member)
    return redirect("cooperation-structure", slug=slug, structure_id=structure.pk)
