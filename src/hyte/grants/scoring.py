"""The weighted total, the ranking and the proposal that fits the budget, computed from the scores (no writes).

For each criterion the points are averaged over the reviewers who scored it (a disqualified reviewer has no
scores); the weighted total is Σ weight × average ÷ the weights' sum, in the scale's points (0 … the highest
level), and also as a percentage of the highest possible. The ranking is by the weighted total, highest first;
ties go to the smaller amount applied, then by name.

The proposal follows the call's rule:
- **full**: in rank order each application gets its full amount applied while the remaining budget covers it;
  one the remaining budget does not cover gets nothing, and the next ones are still tried;
- **proportional**: every application with a weighted total above zero gets the same share of its amount applied,
  the budget divided by their amounts together (at most the whole amount), rounded down to the cent.
Applications with a weighted total of zero get nothing under either rule.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any

from hyte.grants.models import Application, Call, ProposalRule

CENT = Decimal("0.01")


@dataclass
class Result:
    application: Application
    averages: dict[int, Decimal] = field(default_factory=dict)  # criterion id → average points
    total: Decimal = Decimal(0)
    percent: Decimal = Decimal(0)
    reviewers: int = 0
    rank: int = 0
    computed: Decimal = Decimal(0)  # the proposal by the rule

    @property
    def proposed(self) -> Decimal:
        """The preparer's proposal where they deviated (with a reason), else the computed one."""
        chosen = self.application.proposed_amount
        return chosen if chosen is not None else self.computed


def _round(value: Decimal, places: str = "0.001") -> Decimal:
    return value.quantize(Decimal(places))


def weighted(call: Call, application: Application, scores: list[Any]) -> Result:
    """`scores`: the application's Score rows (criterion_id, reviewer_id, points)."""
    by_criterion: dict[int, list[int]] = defaultdict(list)
    for score in scores:
        by_criterion[score.criterion_id].append(score.points)
    result = Result(application=application, reviewers=len({score.reviewer_id for score in scores}))
    total = Decimal(0)
    for criterion in call.criteria.all():
        points = by_criterion.get(criterion.pk, [])
        if not points:
            continue
        average = Decimal(sum(points)) / Decimal(len(points))
        result.averages[criterion.pk] = _round(average)
        total += Decimal(criterion.weight) * average
    result.total = _round(total / Decimal(call.weights_total)) if call.weights_total else Decimal(0)
    highest = call.max_points
    result.percent = _round(result.total * 100 / highest, "0.1") if highest else Decimal(0)
    return result


def rank(results: list[Result]) -> list[Result]:
    ordered = sorted(
        results, key=lambda r: (-r.total, r.application.amount_applied, r.application.applicant_name, r.application.pk)
    )
    for position, result in enumerate(ordered, start=1):
        result.rank = position
    return ordered


def propose(call: Call, ranked: list[Result]) -> list[Result]:
    """Fill in each result's computed proposal by the call's rule."""
    eligible = [result for result in ranked if result.total > 0]
    for result in ranked:
        result.computed = Decimal(0)
    if call.proposal_rule == ProposalRule.PROPORTIONAL:
        applied = sum((result.application.amount_applied for result in eligible), Decimal(0))
        share = min(Decimal(1), call.budget / applied) if applied else Decimal(0)
        for result in eligible:
            result.computed = (result.application.amount_applied * share).quantize(CENT, rounding=ROUND_DOWN)
        return ranked
    remaining = call.budget
    for result in eligible:
        amount = result.application.amount_applied
        if amount <= remaining:
            result.computed = amount
            remaining -= amount
    return ranked


def results_of(call: Call, applications: list[Application], scores: list[Any]) -> list[Result]:
    """The ranking with the proposal, for the applications sent to `call`."""
    by_application: dict[int, list[Any]] = defaultdict(list)
    for score in scores:
        by_application[score.application_id].append(score)
    results = [weighted(call, application, by_application[application.pk]) for application in applications]
    return propose(call, rank(results))
