"""The register's settings page for the welfare concept an area uses: its coordinators and admins choose one of the
concepts (each shown with its themes and what they map to), or go back to the county's choice or the default."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, get_organisation_for, permissions_for
from hyte.actors import concept_services, queries
from hyte.actors.concepts import concept_for_area, concepts, default_concept, own_choice
from hyte.actors.models import AreaConcept, Theme, WelfareConcept
from hyte.core.http import AuthenticatedRequest, call_service, require_GET_or_POST
from hyte.regions.models import Area, AreaKind

INHERIT = ""


class ConceptForm(forms.Form):
    concept = forms.ChoiceField(label=gettext_lazy("Welfare concept"), widget=forms.RadioSelect, required=False)


def _area(request: AuthenticatedRequest, slug: str) -> tuple[Organisation, Area]:
    """A municipality's or a county's organisation and area, for its coordinators and admins; 404 for others."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    area = organisation.area
    if organisation.kind not in (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY) or area is None:
        raise Http404
    if not permissions_for(request.user).can(Action.MANAGE_SETTINGS, AreaConcept(area=area)):
        raise Http404
    return organisation, area


def _inherited(area: Area) -> WelfareConcept:
    """What the area uses without a choice of its own: its county's choice, or the default."""
    if area.kind == AreaKind.MUNICIPALITY and area.county is not None:
        return concept_for_area(area.county)
    return default_concept()


@require_GET_or_POST
@login_required
def concept_settings(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation, area = _area(request, slug)
    available = concepts()
    inherited = _inherited(area)
    own = own_choice(area)
    if area.kind == AreaKind.MUNICIPALITY:
        inherit_label = _("As the county chooses (now: %(concept)s)") % {"concept": inherited.display_name}
    else:
        inherit_label = _("The default (%(concept)s)") % {"concept": inherited.display_name}
    form = ConceptForm(request.POST or None, initial={"concept": own.concept.code if own else INHERIT})
    cast(forms.ChoiceField, form.fields["concept"]).choices = [
        (INHERIT, inherit_label),
        *[(c.code, c.display_name) for c in available],
    ]
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["concept"]
        chosen = next((c for c in available if c.code == code), None)
        call_service(request, concept_services.choose_concept, area=area, concept=chosen)
        return redirect("register-concept", slug=slug)
    themes = (
        Theme.objects.select_related("concept").prefetch_related("maps_to").order_by("concept_id", "position", "code")
    )
    by_concept: dict[int, list[Theme]] = {}
    for theme in themes:
        by_concept.setdefault(theme.concept_id, []).append(theme)
    return render(
        request,
        "actors/concept.html",
        {
            "organisation": organisation,
            "form": form,
            "in_use": own.concept if own else inherited,
            "own": own,
            "concepts": [(concept, by_concept.get(concept.pk, [])) for concept in available],
            "keeps": queries.edits_register(permissions_for(request.user), organisation),
        },
    )
