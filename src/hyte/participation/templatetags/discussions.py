"""Template tags for showing the value discussion elsewhere: on the welfare plan's goals (the reports' page), the
topics each goal came from, with their kind and votes: the trail from topic to goal."""

from __future__ import annotations

from typing import Any

from django import template

from hyte.participation.discussion_queries import goal_trail

register = template.Library()


@register.simple_tag
def goal_topics(goal: Any) -> list[Any]:
    """The value discussion's topics that became `goal`. The topics of all goals of its report are read in one
    query on the first call and kept on the report object, which the goals of one page share."""
    report = goal.report
    cached = getattr(report, "_hyte_goal_topics", None)
    if cached is None:
        cached = goal_trail(report.pk)
        report._hyte_goal_topics = cached  # a cache for this page only
    return cached.get(goal.pk, [])
