"""Template tags for showing assessments elsewhere, e.g. on the welfare plan's goals."""

from __future__ import annotations

from typing import Any

from django import template

from hyte.assessments.queries import assessments_touching

register = template.Library()


@register.simple_tag
def goal_assessments(goal: Any) -> list[Any]:
    """The assessment effects recorded on `goal`. The effects on all goals of its report are read in one query on
    the first call and kept on the report object, which the goals of one page share."""
    report = goal.report
    cached = getattr(report, "_hyte_assessment_effects", None)
    if cached is None:
        cached = assessments_touching(report_id=report.pk)
        report._hyte_assessment_effects = cached  # a cache for this page only
    return cached.get(goal.pk, [])
