"""The plan in the budget (TA) and the financial statement (TP), seed 003: goals and measures grouped by the
administrative branch that pays for them, with their indicators, the euros budgeted and used, and euros per goal."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from hyte.reports.models import BudgetLine, Goal, Measure, Report
from hyte.reports.queries.euros import euros_per_goal
from hyte.reports.queries.pages import report_content

__all__ = ["Branch", "BudgetGoal", "BudgetMeasure", "budget_of", "budget_years", "euros_per_goal"]


@dataclass
class BudgetMeasure:
    measure: Measure
    lines: list[BudgetLine] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def used(self) -> Decimal | None:
        used = [line.used for line in self.lines if line.used is not None]
        return sum(used, Decimal(0)) if used else None


@dataclass
class BudgetGoal:
    goal: Goal
    measures: list[BudgetMeasure] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        return sum((m.amount for m in self.measures), Decimal(0))

    @property
    def used(self) -> Decimal | None:
        used = [m.used for m in self.measures if m.used is not None]
        return sum(used, Decimal(0)) if used else None


@dataclass
class Branch:
    name: str
    goals: list[BudgetGoal]

    @property
    def amount(self) -> Decimal:
        return sum((g.amount for g in self.goals), Decimal(0))

    @property
    def used(self) -> Decimal | None:
        used = [g.used for g in self.goals if g.used is not None]
        return sum(used, Decimal(0)) if used else None


def budget_years(plan: Report) -> list[int]:
    return list(range(plan.term_start, plan.term_end + 1))


def budget_of(plan: Report, year: int) -> dict[str, Any]:
    """The plan's budget for one year: by branch (its goals and their measures with lines in that branch), the
    euros per goal across branches, the totals, and the measures with no line for the year."""
    goals = report_content(plan)["goals"]  # as the plan stands, with indicators' change and the latest follow-up
    lines = BudgetLine.objects.filter(measure__goal__report=plan, year=year).order_by(
        "branch", "cost_centre", "part", "id"
    )
    by_branch: dict[str, dict[int, list[BudgetLine]]] = defaultdict(lambda: defaultdict(list))
    budgeted: set[int] = set()
    for line in lines:
        by_branch[line.branch][line.measure_id].append(line)
        budgeted.add(line.measure_id)
    branches = []
    for name in sorted(by_branch, key=str.casefold):
        found = by_branch[name]
        in_branch = []
        for goal in goals:
            measures = [BudgetMeasure(m, found[m.pk]) for m in goal.measures.all() if m.pk in found]
            if measures:
                in_branch.append(BudgetGoal(goal, measures))
        branches.append(Branch(name, in_branch))
    per_goal = []
    for goal in goals:
        lines_of_goal = [
            BudgetMeasure(m, [line for branch in by_branch.values() for line in branch.get(m.pk, [])])
            for m in goal.measures.all()
        ]
        per_goal.append(BudgetGoal(goal, lines_of_goal))
    used = [b.used for b in branches if b.used is not None]
    return {
        "year": year,
        "years": budget_years(plan),
        "branches": branches,
        "per_goal": per_goal,
        "total": sum((b.amount for b in branches), Decimal(0)),
        "total_used": sum(used, Decimal(0)) if used else None,
        "unbudgeted": [m for goal in goals for m in goal.measures.all() if m.pk not in budgeted],
    }
