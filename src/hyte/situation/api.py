from typing import Any

from django.http import Http404
from ninja import Field, Query, Router, Schema

from hyte.accounts.permissions import Action, get_organisation_for
from hyte.core.http import AuthenticatedRequest
from hyte.situation import picture, queries

router = Router(tags=["situation picture"])


class SituationFilter(Schema):
    set: int | None = Field(
        None,
        description="an indicator set's id from /organisations/{slug}/indicator-sets; "
        "default: the organisation's first set, else a national one",
    )


@router.get("/organisations/{slug}/situation", summary="The situation picture of an organisation's area")
def situation(request: AuthenticatedRequest, slug: str, filters: Query[SituationFilter]) -> dict[str, Any]:
    """Each indicator of the set with its latest value, changes, trend, comparisons (with their judgement by
    polarity and whether significance was tested) and gender breakdown: the same as the page and exports."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    if organisation.area is None:
        raise Http404
    indicator_set = queries.chosen_set(organisation, str(filters.set) if filters.set else None)
    built = picture.build(area=organisation.area, indicators=queries.set_indicators(indicator_set))
    return {
        "area": {"kind": built.area.kind, "code": built.area.code, "name": built.area.name},
        "indicator_set": {"id": indicator_set.pk, "name": indicator_set.name} if indicator_set else None,
        "similar_municipalities": [a.code for a in built.similar_areas],
        "indicators": picture.picture_as_records(built),
    }
