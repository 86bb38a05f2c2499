"""Euros per goal: what a year's budget lines give each goal of a plan."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from hyte.reports.models import BudgetLine, Report


def euros_per_goal(plan: Report, year: int) -> dict[int, Decimal]:
    """The euros budgeted for each goal's measures in a year: for the decision-maker's "euros per goal"."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    rows = BudgetLine.objects.filter(measure__goal__report=plan, year=year, measure__retired_by=None).values_list(
        "measure__goal_id", "amount"
    )
    for goal_id, amount in rows:
        totals[goal_id] += amount
    return dict(totals)
