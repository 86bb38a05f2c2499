"""Template tags that show cooperation on other apps' pages without those apps knowing it: the welfare plan's page
(in `hyte.reports`, a layer below) includes `cooperation/_plan_actions.html`, which asks for the agreed actions
that concern the plan's organisation; the organisation's page (in `hyte.work`) includes
`cooperation/_structures.html`, which asks for the cooperation structures it keeps or has members in."""

from __future__ import annotations

from typing import Any

from django import template

from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation.models import ActionStatus
from hyte.cooperation.queries import actions_concerning, can_follow_up
from hyte.cooperation.structure_queries import structures_of

register = template.Library()


@register.simple_tag(takes_context=True)
def agreed_actions_for(context: Any, organisation: Any) -> dict[str, Any]:
    """The agreed actions that concern `organisation` and that the page's reader may see."""
    user = context["request"].user
    perms = permissions_for(user)
    actions = actions_concerning(user, organisation)
    can_follow_up(perms, actions)
    return {"actions": actions, "statuses": ActionStatus.choices, "can_carry": perms.can(Action.EDIT, organisation)}


@register.simple_tag(takes_context=True)
def structures_for(context: Any, organisation: Any) -> list[Any]:
    """The cooperation structures `organisation` keeps or has members in, that the page's reader may see."""
    return structures_of(context["request"].user, organisation)
