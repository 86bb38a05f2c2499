"""The register's signed-in pages: actors and activities of an organisation (a municipality's area, a county's
municipalities, an NGO's own entry), their forms, hiding, and the entries not checked in twelve months."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, get_for, get_organisation_for, permissions_for
from hyte.actors import duplicates, queries, services
from hyte.actors.concepts import concept_for, concept_for_area
from hyte.actors.forms import ActivityForm, ActorForm, HideForm
from hyte.actors.models import Activity, ActivityImage, ActorKind, AgeGroup
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST
from hyte.regions.models import Area


def _area(organisation: Organisation) -> Area | None:
    return organisation.area if organisation.kind == OrganisationKind.MUNICIPALITY else None


def _page(request: AuthenticatedRequest, found: object) -> Page:
    return Paginator(found, 50).get_page(request.GET.get("page"))  # type: ignore[arg-type]


def _query(request: AuthenticatedRequest) -> str:
    """The chosen filters, for the pages' links."""
    kept = request.GET.copy()
    kept.pop("page", None)
    return kept.urlencode()


def _id(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None


def _filter(request: AuthenticatedRequest) -> queries.ActivityFilter:
    get = request.GET
    return queries.ActivityFilter(
        text=get.get("q", "")[:200],
        theme=get.get("theme", "")[:60],
        age_group=get.get("age", "") if get.get("age") in AgeGroup.values else "",
        area_code=get.get("municipality", "")[:10],
        place=get.get("place", "").strip()[:120],
        where=get.get("where", "") if get.get("where") in ("online", "none") else "",
        status=get.get("status", ""),
        measure=_id(get.get("measure", "")),
    )


@require_GET
@login_required
def actor_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    kind = request.GET.get("kind", "")
    actors = queries.actors_of(organisation, text=request.GET.get("q", "")[:200], kind=kind)
    return render(
        request,
        "actors/actor_list.html",
        {
            "organisation": organisation,
            "page": _page(request, actors),
            "query": _query(request),
            "kinds": ActorKind.choices,
            "chosen_kind": kind,
            "can_add": queries.edits_register(permissions_for(request.user), organisation),
        },
    )


@require_GET_or_POST
@login_required
def actor_edit(request: AuthenticatedRequest, slug: str, actor_id: int | None = None) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    entry = None
    if actor_id is not None:
        scoped = queries.actors_of(organisation)
        entry = get_for(request.user, Action.EDIT, scoped, pk=actor_id)
    elif not queries.edits_register(permissions_for(request.user), organisation):
        raise Http404
    form = ActorForm.for_entry(request.POST or None, entry, _area(organisation))
    if request.method == "POST" and form.is_valid():
        if entry is None:
            own = organisation if organisation.kind == OrganisationKind.NGO else None
            saved = call_service(request, services.create_actor, details=form.details(), organisation=own)
        else:
            saved = call_service(request, services.update_actor, entry=entry, details=form.details())
        if saved is not None:
            return redirect("register-actors", slug=slug)
    provenance = duplicates.provenance_of(entry) if entry is not None else None
    return render(
        request,
        "actors/actor_form.html",
        {"organisation": organisation, "form": form, "entry": entry, "provenance": provenance},
    )


@require_GET
@login_required
def activity_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    perms = permissions_for(request.user)
    chosen = _filter(request)
    concept = concept_for(organisation)
    return render(
        request,
        "actors/activity_list.html",
        {
            "organisation": organisation,
            "page": _page(request, queries.activities_of(perms, organisation, chosen, concept)),
            "query": _query(request),
            "chosen": chosen,
            "themes": queries.themes(concept),
            "age_groups": AgeGroup.choices,
            "keeps": queries.edits_register(perms, organisation),
            "measure": queries.measures_for(organisation.area_id).filter(pk=chosen.measure).first()
            if chosen.measure is not None
            else None,
        },
    )


@require_GET_or_POST
@login_required
def activity_edit(request: AuthenticatedRequest, slug: str, activity_id: int | None = None) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    perms = permissions_for(request.user)
    activity = None
    providers = queries.editable_providers(perms, organisation)
    if activity_id is not None:
        scoped = queries.activities_of(perms, organisation)
        activity = get_for(request.user, Action.EDIT, scoped, pk=activity_id)
        providers = list({*providers, *activity.providers.all()})
    elif not providers:
        raise Http404
    area = activity.area if activity is not None else _area(organisation)
    image = queries.image_of(activity)
    initial = ActivityForm.initial_for(activity, area, image)
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        providers=providers,
        measures=queries.measures_for(area.pk if area else organisation.area_id),
        concept=concept_for_area(area) if area is not None else concept_for(organisation),
        current_themes=initial.get("themes", []),
    )
    if request.method == "POST" and form.is_valid():
        changes = {**form.links(), **form.image_changes()}
        if activity is None:
            saved = call_service(request, services.create_activity, details=form.details(), **changes)
        else:
            saved = call_service(
                request, services.update_activity, activity=activity, details=form.details(), **changes
            )
        if saved is not None:
            return redirect("register-activities", slug=slug)
    return render(
        request,
        "actors/activity_form.html",
        {
            "organisation": organisation,
            "form": form,
            "activity": activity,
            "hide_form": HideForm() if activity is not None and perms.can(Action.HIDE, activity) else None,
            "image": image,
        },
    )


def _activity(request: AuthenticatedRequest, slug: str, activity_id: int, action: Action) -> Activity:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    scoped = queries.activities_of(permissions_for(request.user), organisation)
    found: Activity = get_for(request.user, action, scoped, pk=activity_id)
    return found


@require_GET
@login_required
def activity_image(request: AuthenticatedRequest, slug: str, activity_id: int) -> HttpResponse:
    """The activity's picture as its form shows it, drafts' too, for those who may edit the activity."""
    activity = _activity(request, slug, activity_id, Action.EDIT)
    image = ActivityImage.objects.filter(activity=activity).first()
    if image is None:
        raise Http404
    response = HttpResponse(bytes(image.data), content_type=image.content_type)
    response["Cache-Control"] = "private, no-cache"  # a new picture replaces it at the same address
    return response


@require_POST
@login_required
def activity_hide(request: AuthenticatedRequest, slug: str, activity_id: int) -> HttpResponse:
    activity = _activity(request, slug, activity_id, Action.HIDE)
    form = HideForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    call_service(request, services.hide_activity, activity=activity, reason=reason)
    return redirect("register-activity", slug=slug, activity_id=activity_id)


@require_POST
@login_required
def activity_unhide(request: AuthenticatedRequest, slug: str, activity_id: int) -> HttpResponse:
    activity = _activity(request, slug, activity_id, Action.HIDE)
    call_service(request, services.unhide_activity, activity=activity)
    return redirect("register-activity", slug=slug, activity_id=activity_id)


@require_POST
@login_required
def activity_check(request: AuthenticatedRequest, slug: str, activity_id: int) -> HttpResponse:
    activity = _activity(request, slug, activity_id, Action.EDIT)
    call_service(request, services.mark_checked, activity=activity)
    return redirect("register-stale", slug=slug)


@require_GET
@login_required
def stale(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Entries not checked in twelve months: for those who keep the register."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    perms = permissions_for(request.user)
    if not queries.edits_register(perms, organisation):
        raise Http404
    activities = queries.activities_of(perms, organisation, queries.ActivityFilter(status="stale"))
    return render(
        request,
        "actors/stale.html",
        {
            "organisation": organisation,
            "activities": activities[:200],
            "actors": queries.stale_actors_of(organisation)[:200],
        },
    )
