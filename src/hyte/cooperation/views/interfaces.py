"""The county's register of interfaces with its municipalities, one interface with its owners and counterpart
pairs, a municipality's counterparts at a glance, and the county's gaps (municipalities × interfaces)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation import interface_queries as q
from hyte.cooperation import services
from hyte.cooperation.interface_forms import InterfaceForm, NewInterfaceForm, OwnerForm, PairForm
from hyte.cooperation.interface_models import Interface
from hyte.cooperation.views._common import organisation_of
from hyte.core import clock
from hyte.core.http import AuthenticatedRequest, back_to, call_service, require_GET_or_POST
from hyte.indicators.models import Indicator
from hyte.reports.models import Goal


def _keeps(request: AuthenticatedRequest, organisation: Organisation, county: Organisation) -> bool:
    """The register is changed looking through the county itself, by its coordinators."""
    return organisation.pk == county.pk and permissions_for(request.user).can(Action.EDIT, Interface(county=county))


def _to_interface(slug: str, interface_id: int, anchor: str = "") -> HttpResponse:
    return back_to("cooperation-interface", anchor, slug=slug, interface_id=interface_id)


@require_GET_or_POST
@login_required
def register(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = organisation_of(request, slug)
    county, interfaces = q.register_for(request.user, organisation)
    can_edit = _keeps(request, organisation, county)
    form = NewInterfaceForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            created = call_service(request, services.create_interface, county=county, **form.cleaned_data)
            if created is not None:
                return _to_interface(slug, created.pk)
    today = clock.today()
    for interface in interfaces:
        interface.valid_pairs = sum(pair.valid_on(today) for pair in interface.pairs.all())  # type: ignore[attr-defined]
    return render(
        request,
        "cooperation/interfaces.html",
        {
            "organisation": organisation,
            "county": county,
            "interfaces": interfaces,
            "municipality_count": len(q.municipalities_of(county)),
            "can_edit": can_edit,
            "form": form,
            "today": today,
        },
    )


@require_POST
@login_required
def add_defaults(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = organisation_of(request, slug)
    county, _interfaces = q.register_for(request.user, organisation)
    if organisation.pk != county.pk:
        raise Http404
    call_service(request, services.add_default_interfaces, county=county)
    return redirect("cooperation-interfaces", slug=slug)


def _choices(request: AuthenticatedRequest, interface: Interface) -> dict[str, Any]:
    return {
        "goals": q.goal_choices(request.user, interface.county),
        "indicators": q.indicator_choices(request.user, interface),
    }


@require_GET_or_POST
@login_required
def interface_page(request: AuthenticatedRequest, slug: str, interface_id: int) -> HttpResponse:
    organisation = organisation_of(request, slug)
    interface = q.interface_for(request.user, organisation, interface_id)
    can_edit = _keeps(request, organisation, interface.county)
    form = InterfaceForm.of(interface, request.POST or None, **_choices(request, interface)) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            saved = call_service(
                request,
                services.update_interface,
                interface=interface,
                name=data["name"],
                name_sv=data["name_sv"],
                description=data["description"],
                county_owner=data["county_owner"],
                next_review=data["next_review"],
                last_reviewed=data["last_reviewed"],
                goals=list(Goal.objects.filter(pk__in=data["goals"]).select_related("report__organisation__area")),
                indicators=list(Indicator.objects.filter(pk__in=data["indicators"])),
            )
            if saved is not None:
                return _to_interface(slug, interface.pk)
    today = clock.today()
    municipalities = q.municipalities_of(interface.county)
    if organisation.kind == OrganisationKind.MUNICIPALITY:
        municipalities = [m for m in municipalities if m.pk == organisation.pk]
    rows: list[dict[str, Any]] = [
        {
            "municipality": m,
            "owner": q.owner_in(interface, m.pk),
            "pairs": [
                {"pair": pair, "valid": pair.valid_on(today)}
                for pair in interface.pairs.all()
                if pair.municipality_id == m.pk
            ],
        }
        for m in municipalities
    ]
    people = q.people_of([interface.county_id, *(m.pk for m in municipalities)]) if can_edit else {}
    for row in rows:
        row["candidates"] = people.get(row["municipality"].pk, [])
    return render(
        request,
        "cooperation/interface.html",
        {
            "organisation": organisation,
            "interface": interface,
            "rows": rows,
            "can_edit": can_edit,
            "form": form,
            "county_people": people.get(interface.county_id, []),
            "today": today,
        },
    )


@require_POST
@login_required
def retire(request: AuthenticatedRequest, slug: str, interface_id: int) -> HttpResponse:
    interface = q.interface_for(request.user, organisation_of(request, slug), interface_id)
    call_service(request, services.retire_interface, interface=interface, retired=request.POST.get("retired") != "0")
    return _to_interface(slug, interface.pk)


def _organisation(pk: int | None) -> Organisation | None:
    return Organisation.objects.select_related("area").filter(pk=pk).first() if pk else None


def _user(pk: int | None) -> User | None:
    return User.objects.filter(pk=pk).first() if pk else None


@require_POST
@login_required
def owner(request: AuthenticatedRequest, slug: str, interface_id: int) -> HttpResponse:
    interface = q.interface_for(request.user, organisation_of(request, slug), interface_id)
    form = OwnerForm(request.POST)
    if not form.is_valid():
        if not permissions_for(request.user).can(Action.EDIT, interface):
            raise Http404
        messages.error(request, form.errors.as_text())
        return _to_interface(slug, interface.pk, "municipalities")
    data = form.cleaned_data
    call_service(
        request,
        services.set_owner,
        interface=interface,
        municipality=_organisation(data["municipality"]),
        owner=data["owner"],
    )
    return _to_interface(slug, interface.pk, "municipalities")


@require_POST
@login_required
def pair_add(request: AuthenticatedRequest, slug: str, interface_id: int) -> HttpResponse:
    interface = q.interface_for(request.user, organisation_of(request, slug), interface_id)
    form = PairForm(request.POST)
    if not form.is_valid():
        if not permissions_for(request.user).can(Action.EDIT, interface):
            raise Http404
        messages.error(request, form.errors.as_text())
        return _to_interface(slug, interface.pk, "municipalities")
    data = form.cleaned_data
    call_service(
        request,
        services.add_pair,
        interface=interface,
        municipality=_organisation(data["municipality"]),
        county_person=_user(data["county_person"]),
        municipality_person=_user(data["municipality_person"]),
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
    )
    return _to_interface(slug, interface.pk, "municipalities")


@require_POST
@login_required
def pair_remove(request: AuthenticatedRequest, slug: str, pair_id: int) -> HttpResponse:
    pair = q.pair_for(request.user, organisation_of(request, slug), pair_id)
    call_service(request, services.remove_pair, pair=pair)
    return _to_interface(slug, pair.interface_id, "municipalities")


@require_GET
@login_required
def counterparts(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """A municipality's counterparts at a glance."""
    organisation = organisation_of(request, slug)
    if organisation.kind != OrganisationKind.MUNICIPALITY:
        raise Http404
    county, interfaces = q.register_for(request.user, organisation)
    today = clock.today()
    return render(
        request,
        "cooperation/counterparts.html",
        {
            "organisation": organisation,
            "county": county,
            "counterparts": q.counterparts(interfaces, organisation, today),
            "today": today,
        },
    )


@require_GET
@login_required
def gaps(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The county's municipalities × interfaces: which lack a valid counterpart pair today."""
    organisation = organisation_of(request, slug)
    if organisation.kind != OrganisationKind.COUNTY:
        raise Http404
    county, interfaces = q.register_for(request.user, organisation)
    today = clock.today()
    in_use = [interface for interface in interfaces if not interface.is_retired]
    rows = q.gaps(interfaces, q.municipalities_of(county), today)
    return render(
        request,
        "cooperation/interface_gaps.html",
        {
            "organisation": organisation,
            "interfaces": in_use,
            "rows": rows,
            "missing": sum(row.missing for row in rows),
            "today": today,
        },
    )
