"""Reads of support paths, scoped to what the reader may see, with their steps and the steps' activities fetched
in a fixed number of queries: an organisation's paths in the register, and the published ones on the public site
and in the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, Permissions
from hyte.actors import search
from hyte.actors.models import Activity, SupportPath, SupportPathStep
from hyte.actors.queries import area_scope, edits_register
from hyte.regions.models import Area

MAX_CHOICES = 50  # activities offered at once when choosing a step's activity


def has_paths(organisation: Organisation) -> bool:
    """Support paths are kept by municipalities; a county reads its municipalities' paths; an NGO has none."""
    return organisation.kind in (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY)


def paths_of(perms: Permissions, organisation: Organisation) -> QuerySet[SupportPath]:
    """The paths of the organisation's area: all of them for those who keep its register, the published ones for
    its other members (and a county's)."""
    if not has_paths(organisation):
        return SupportPath.objects.none()
    paths = SupportPath.objects.filter(area_id__in=Area.objects.filter(area_scope(organisation)).values("pk"))
    if not edits_register(perms, organisation):
        paths = paths.filter(is_published=True)
    return paths.select_related("area").annotate(step_count=Count("steps")).order_by("title", "pk")


def _steps() -> QuerySet[SupportPathStep]:
    return SupportPathStep.objects.select_related("activity", "activity__area").order_by("position", "pk")


def _public_steps() -> Prefetch[Any]:
    return Prefetch("steps", queryset=_steps().prefetch_related("activity__providers"))


def steps_of(path: SupportPath) -> QuerySet[SupportPathStep]:
    return _steps().filter(path=path)


def activity_choices(path_area_id: int, text: str = "", *, keep: Activity | None = None) -> list[Activity]:
    """Activities of the path's municipality a step may name, found by words (at most MAX_CHOICES), and the one
    the step names now; drafts and hidden ones too (the public pages then show only the step's words)."""
    found = Activity.objects.filter(area_id=path_area_id)
    found = search.narrow(found, text)
    chosen = list(found.order_by("title", "pk")[:MAX_CHOICES])
    if keep is not None and keep not in chosen:
        chosen.insert(0, keep)
    return chosen


def activities_of_area(area_id: int) -> QuerySet[Activity]:
    """What a step's activity is checked against when a form is sent: any activity of the path's municipality."""
    return Activity.objects.filter(area_id=area_id)


# The public site and the API ----------------------------------------------------------------------------------


def public_paths(area_code: str = "") -> QuerySet[SupportPath]:
    paths = SupportPath.objects.filter(is_published=True)
    if area_code:
        paths = paths.filter(area__code=area_code, area__kind="municipality")
    return paths.select_related("area").order_by("area__name_fi", "title", "pk")


def public_path(path_id: int) -> SupportPath | None:
    found = SupportPath.objects.filter(pk=path_id, is_published=True).select_related("area")
    return found.prefetch_related(_public_steps(), "target_groups").first()


def readable_path(perms: Permissions, path_id: int) -> SupportPath | None:
    """A published path, or a draft for those who keep it (the API's read of one path)."""
    found = (
        SupportPath.objects.filter(pk=path_id)
        .select_related("area")
        .prefetch_related(_public_steps(), "target_groups")
        .first()
    )
    return found if found is not None and perms.can(Action.VIEW, found) else None


def path_municipalities() -> QuerySet[Area]:
    """The municipalities with published paths, for the public list's choice."""
    return Area.objects.filter(pk__in=SupportPath.objects.filter(is_published=True).values("area_id")).order_by(
        "name_fi"
    )
