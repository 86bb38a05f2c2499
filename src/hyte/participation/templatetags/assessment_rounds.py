"""Template tag for the impact assessment's page (in the lower app `assessments`): its comment rounds, and where
the reader may, the link to open one."""

from __future__ import annotations

from typing import Any

from django import template

from hyte.accounts.permissions import Action, permissions_for
from hyte.participation.queries import rounds_of_assessment

register = template.Library()


@register.inclusion_tag("participation/_assessment_rounds.html", takes_context=True)
def assessment_rounds(context: Any, assessment: Any) -> dict[str, Any]:
    user = context["request"].user
    return {
        "assessment": assessment,
        "rounds": rounds_of_assessment(user, assessment),
        "may_open": assessment.is_editable and permissions_for(user).can(Action.EDIT, assessment),
    }
