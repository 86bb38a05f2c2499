"""Template tags for showing grants elsewhere: on the annual report's plan goals, what the funder granted that
year to the calls serving each goal and what their use reports say."""

from __future__ import annotations

from typing import Any

from django import template

from hyte.accounts.models import OrganisationKind
from hyte.accounts.permissions import Action, permissions_for
from hyte.grants.goal_grants import GoalGrants, grants_by_goal

register = template.Library()
FUNDERS = (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY)


@register.simple_tag(takes_context=True)
def goal_grants(context: Any, goal: Any, annual: Any) -> GoalGrants | None:
    """The grants serving `goal` decided in the year of the annual report `annual`: all of them for the funder's
    own members, those of published decisions for others who read the report (a county it is shared with). All
    goals' grants are read in one go on the first call and kept on the report object, which a page's goals share."""
    cached = getattr(annual, "_hyte_goal_grants", None)
    if cached is None:
        organisation = annual.organisation
        cached = {}
        if organisation.kind in FUNDERS and annual.year:
            member = permissions_for(context["request"].user).can(Action.VIEW, organisation)
            cached = grants_by_goal(organisation, [annual.year], published_only=not member)
        annual._hyte_goal_grants = cached  # a cache for this page only
    return cached.get(goal.pk)
