"""The gap view's pages: an area's current activities by theme × age group (with each age group's population) and
by theme × village or district, and both as XLSX. For the members of a municipality or a county."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.actors import gaps as gap_queries
from hyte.actors import queries
from hyte.actors.gaps_export import column_label, describe, gaps_xlsx
from hyte.actors.models import AgeGroup, AreaConcept
from hyte.actors.places import places_of
from hyte.core.http import AuthenticatedRequest
from hyte.indicators.models import SOTKANET_ATTRIBUTION


def _gap_organisation(request: AuthenticatedRequest, slug: str) -> Organisation:
    """The gap view is an area's: a municipality's or a county's, for its members."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    if organisation.kind not in (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY) or organisation.area is None:
        raise Http404
    return organisation


def _common(request: AuthenticatedRequest, organisation: Organisation) -> dict[str, object]:
    perms = permissions_for(request.user)
    return {
        "organisation": organisation,
        "keeps": queries.edits_register(perms, organisation),
        "chooses_concept": perms.can(Action.MANAGE_SETTINGS, AreaConcept(area=organisation.area)),
    }


@require_GET
@login_required
def gaps(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Current activities by theme × age group: the empty and thin cells are the gaps."""
    organisation = _gap_organisation(request, slug)
    found = gap_queries.gaps_of(organisation)
    columns = [
        {"value": value, "label": label, "population": population, "source": describe(population)}
        for (value, label), population in zip(found.age_groups, found.populations, strict=True)
    ]
    return render(
        request,
        "actors/gaps.html",
        {
            **_common(request, organisation),
            "gaps": found,
            "columns": columns,
            "total_source": describe(found.total_population),
            "thin": gap_queries.THIN,
            "thin_per_10000": gap_queries.THIN_PER_10000,
            "attribution": SOTKANET_ATTRIBUTION,
        },
    )


@require_GET
@login_required
def gaps_by_place(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Current activities by theme × village or district, for one age group or all."""
    organisation = _gap_organisation(request, slug)
    age = request.GET.get("age", "")
    age = age if age in AgeGroup.values else ""
    found = places_of(organisation, age_group=age)
    return render(
        request,
        "actors/gaps_places.html",
        {
            **_common(request, organisation),
            "places": found,
            "headers": [column_label(column) for column in found.columns],
            "age_groups": AgeGroup.choices,
            "chosen_age": age,
            "chosen_age_label": dict(AgeGroup.choices).get(age, ""),
        },
    )


@require_GET
@login_required
def gaps_xlsx_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = _gap_organisation(request, slug)
    found = gap_queries.read_current(organisation)
    body = gaps_xlsx(organisation, gap_queries.gaps_of(organisation, found), places_of(organisation, found=found))
    response = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}-gaps.xlsx"'
    return response
