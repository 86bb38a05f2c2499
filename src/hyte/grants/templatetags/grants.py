"""Template tags for showing grants elsewhere: on the annual report's plan goals, what the funder granted that
year to the calls serving each goal and what their use reports say."""

from __future__ import annotations

from typing import Any

from django import template

from hyte.accounts.models import OrganisationKind
from hyte.grants.goal_grants import GoalGrants, grants_by_goal

register = template.Library()
FUNDERS = (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY)


@register.simple_tag
def goal_grants(goal: Any, annual: Any) -> GoalGrants | None:
    """The grants serving `goal` decided in the year of the annual report `annual`. All goals' grants are read in
    one go on the first call and kept on the report object, which the goals of one page share."""
    cached = getattr(annual, "_hyte_goal_grants", None)
    if cached is None:
        organisation = annual.organisation
        cached = {}
        if organisation.kind in FUNDERS and annual.year:
            cached = grants_by_goal(organisation, [annual.year], published_only=False)
        annual._hyte_goal_grants = cached  # a cache for this page only
    return cached.get(goal.pk)
