from typing import Any

from django.http import Http404
from ninja import Router

from hyte.accounts.permissions import Action, get_organisation_for
from hyte.core.http import AuthenticatedRequest
from hyte.situation import picture, queries

router = Router(tags=["situation picture"])


@router.get("/organisations/{slug}/situation", summary="The situation picture of an organisation's area")
def situation(request: AuthenticatedRequest, slug: str, set: int | None = None) -> dict[str, Any]:
    """Each indicator of the set with its latest value, changes, trend, comparisons (with their judgement by
    polarity and whether significance was tested) and gender breakdown: the same as the page and exports."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    if organisation.area is None:
        raise Http404
    indicator_set = queries.chosen_set(organisation, str(set) if set else None)
    built = picture.build(area=organisation.area, indicators=queries.set_indicators(indicator_set))
    return {
        "area": {"kind": built.area.kind, "code": built.area.code, "name": built.area.name},
        "indicator_set": {"id": indicator_set.pk, "name": indicator_set.name} if indicator_set else None,
        "similar_municipalities": [a.code for a in built.similar_areas],
        "indicators": picture.picture_as_records(built),
    }
