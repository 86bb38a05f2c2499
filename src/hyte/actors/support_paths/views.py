"""The signed-in pages of support paths, under the register (`/o/<slug>/register/paths/`): the list, a path's
details with its steps (moved up and down with buttons, no script needed), a step's form where its activity is
found by words and chosen from a list, publishing, and deleting."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, get_for, get_organisation_for, permissions_for
from hyte.actors.models import SupportPath, SupportPathStep
from hyte.actors.queries import edits_register
from hyte.actors.support_paths import queries, services
from hyte.actors.support_paths.forms import ActivitySearchForm, PathForm, StepForm
from hyte.core.http import AuthenticatedRequest, back_to, call_service, require_GET_or_POST

MOVES = {"up": -1, "down": 1}


def _organisation(request: AuthenticatedRequest, slug: str) -> Organisation:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    if not queries.has_paths(organisation):
        raise Http404
    return organisation


def _path(request: AuthenticatedRequest, slug: str, path_id: int) -> tuple[Organisation, SupportPath]:
    """A path the user keeps, in the organisation's register; 404 both when missing and when forbidden."""
    organisation = _organisation(request, slug)
    scoped = queries.paths_of(permissions_for(request.user), organisation)
    path: SupportPath = get_for(request.user, Action.EDIT, scoped, pk=path_id)
    return organisation, path


def _step(
    request: AuthenticatedRequest, slug: str, path_id: int, step_id: int
) -> tuple[Organisation, SupportPath, SupportPathStep]:
    organisation, path = _path(request, slug, path_id)
    step = path.steps.select_related("activity").filter(pk=step_id).first()
    if step is None:
        raise Http404
    step.path = path
    return organisation, path, step


@require_GET
@login_required
def path_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    perms = permissions_for(request.user)
    return render(
        request,
        "actors/paths/list.html",
        {
            "organisation": organisation,
            "paths": queries.paths_of(perms, organisation),
            "keeps": edits_register(perms, organisation),
        },
    )


@require_GET_or_POST
@login_required
def path_edit(request: AuthenticatedRequest, slug: str, path_id: int | None = None) -> HttpResponse:
    """A new path (in the municipality's area), or a path's details and its steps."""
    if path_id is None:
        organisation = _organisation(request, slug)
        if not edits_register(permissions_for(request.user), organisation) or organisation.area is None:
            raise Http404
        path, area = None, organisation.area
    else:
        organisation, path = _path(request, slug, path_id)
        area = path.area
    form = PathForm(request.POST or None, initial=PathForm.initial_for(path))
    if request.method == "POST" and form.is_valid():
        details, groups = form.details(area), form.chosen_target_groups()
        if path is None:
            saved = call_service(request, services.create_path, details=details, target_groups=groups)
        else:
            saved = call_service(request, services.update_path, path=path, details=details, target_groups=groups)
        if saved is not None:
            return redirect("register-path", slug=slug, path_id=saved.pk)
    return render(
        request,
        "actors/paths/form.html",
        {
            "organisation": organisation,
            "form": form,
            "path": path,
            "steps": queries.steps_of(path) if path is not None else [],
        },
    )


@require_POST
@login_required
def path_publish(request: AuthenticatedRequest, slug: str, path_id: int) -> HttpResponse:
    _org, path = _path(request, slug, path_id)
    call_service(request, services.publish_path, path=path)
    return redirect("register-path", slug=slug, path_id=path_id)


@require_POST
@login_required
def path_unpublish(request: AuthenticatedRequest, slug: str, path_id: int) -> HttpResponse:
    _org, path = _path(request, slug, path_id)
    call_service(request, services.unpublish_path, path=path)
    return redirect("register-path", slug=slug, path_id=path_id)


@require_POST
@login_required
def path_delete(request: AuthenticatedRequest, slug: str, path_id: int) -> HttpResponse:
    _org, path = _path(request, slug, path_id)
    call_service(request, services.delete_path, path=path)
    return redirect("register-paths", slug=slug)


@require_GET_or_POST
@login_required
def step_edit(request: AuthenticatedRequest, slug: str, path_id: int, step_id: int | None = None) -> HttpResponse:
    """A step's form. Its activity is chosen from a list that the search above it fills (a GET form, so the page
    works without a script); what is sent is checked against every activity of the path's municipality."""
    step = None
    if step_id is None:
        organisation, path = _path(request, slug, path_id)
    else:
        organisation, path, step = _step(request, slug, path_id, step_id)
    search = ActivitySearchForm(request.GET)
    text = search.cleaned_data["q"] if search.is_valid() else ""
    form = StepForm(
        request.POST or None,
        initial=StepForm.initial_for(step),
        activities=queries.activities_of_area(path.area_id),
        offered=queries.activity_choices(path.area_id, text, keep=step.activity if step else None),
    )
    if request.method == "POST" and form.is_valid():
        if step is None:
            saved = call_service(request, services.add_step, path=path, details=form.details())
        else:
            saved = call_service(request, services.update_step, step=step, details=form.details())
        if saved is not None:
            return back_to("register-path", anchor="steps", slug=slug, path_id=path_id)
    return render(
        request,
        "actors/paths/step_form.html",
        {"organisation": organisation, "path": path, "step": step, "form": form, "search": search, "text": text},
    )


@require_POST
@login_required
def step_move(request: AuthenticatedRequest, slug: str, path_id: int, step_id: int) -> HttpResponse:
    _org, _found, step = _step(request, slug, path_id, step_id)
    offset = MOVES.get(request.POST.get("direction", ""))
    if offset is None:
        raise Http404
    call_service(request, services.move_step, step=step, offset=offset)
    return back_to("register-path", anchor=f"step-{step_id}", slug=slug, path_id=path_id)


@require_POST
@login_required
def step_remove(request: AuthenticatedRequest, slug: str, path_id: int, step_id: int) -> HttpResponse:
    _org, _found, step = _step(request, slug, path_id, step_id)
    call_service(request, services.remove_step, step=step)
    return back_to("register-path", anchor="steps", slug=slug, path_id=path_id)
