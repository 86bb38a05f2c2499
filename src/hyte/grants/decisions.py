"""Published decisions: per application the NGO, its business id, the call, the activities, the amount, the plan
goals, the weighted score and its breakdown by criterion, and the disqualifications recorded; for the public
pages and the open data (`/public/grants/decisions.json` and `.csv`). CC BY 4.0."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.db.models import Prefetch

from hyte.grants.models import Application, ApplicationStatus, Call, Criterion
from hyte.grants.opendata import LICENCE, LICENCE_URL, _safe
from hyte.grants.review_queries import declarations_of_call, ranking


def published_decisions(funder_id: int | None = None) -> list[Call]:
    calls = Call.objects.filter(decision_published=True, funder__is_active=True).select_related("funder")
    if funder_id is not None:
        calls = calls.filter(funder_id=funder_id)
    return list(
        calls.prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.select_related("goal")), "goals"
        ).order_by("-decision_date", "id")
    )


def decision_rows(call: Call) -> list[dict[str, Any]]:
    """The decided applications of `call`, in the ranking's order, with their scores."""
    results = [r for r in ranking(call) if r.application.status == ApplicationStatus.DECIDED]
    activities = {
        application.pk: [activity.title for activity in application.activities.all()]
        for application in Application.objects.filter(call=call).prefetch_related("activities")
    }
    criteria = list(call.criteria.all())
    goals = [goal.text for goal in call.goals.all()]
    return [
        {
            "application": result.application,
            "ngo": result.application.applicant_name,
            "business_id": result.application.business_id,
            "call": call.title,
            "activities": activities.get(result.application.pk, []),
            "amount_eur": str(result.application.granted_amount),
            "amount_applied_eur": str(result.application.amount_applied),
            "plan_goals": goals,
            "weighted_score": str(result.total),
            "rank": result.rank,
            "reasoning": result.application.decision_reasoning,
            "reasoning_sv": result.application.decision_reasoning_sv,
            "criteria": [
                {
                    "criterion": criterion.title,
                    "weight": criterion.weight,
                    "plan_goal": criterion.goal.text if criterion.goal else "",
                    "average_points": str(result.averages.get(criterion.pk, "")),
                }
                for criterion in criteria
            ],
        }
        for result in results
    ]


def disqualifications(call: Call) -> list[dict[str, str]]:
    return [
        {
            "reviewer": d.reviewer.user.get_full_name() or d.reviewer.user.username,
            "ngo": d.application.applicant_name,
            "ground": d.ground,
        }
        for d in declarations_of_call(call)
        if d.disqualified
    ]


def decision_record(call: Call) -> dict[str, Any]:
    """One published decision as the open data and the API give it."""
    return {
        "call_id": call.pk,
        "call": call.title,
        "funder": call.funder.name,
        "decided_by": call.decision_body,
        "date": call.decision_date.isoformat() if call.decision_date else None,
        "section": call.decision_section,
        "budget_eur": str(call.budget),
        "grants": [{k: v for k, v in row.items() if k != "application"} for row in decision_rows(call)],
        "disqualifications": disqualifications(call),
    }


def decisions_json(calls: list[Call]) -> bytes:
    body = {"licence": LICENCE, "licence_url": LICENCE_URL, "decisions": [decision_record(call) for call in calls]}
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def decisions_csv(calls: list[Call]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    criteria_columns = 0
    rows = []
    for call in calls:
        for row in decision_rows(call):
            breakdown = [f"{c['criterion']} ({c['weight']}): {c['average_points']}" for c in row["criteria"]]
            criteria_columns = max(criteria_columns, len(breakdown))
            rows.append(
                [
                    row["ngo"],
                    row["business_id"],
                    row["call"],
                    " | ".join(row["activities"]),
                    row["amount_eur"],
                    " | ".join(row["plan_goals"]),
                    row["weighted_score"],
                    call.decision_body,
                    call.decision_date.isoformat() if call.decision_date else "",
                    call.decision_section,
                    *breakdown,
                ]
            )
    header = [
        "ngo",
        "business_id",
        "call",
        "activities",
        "amount_eur",
        "plan_goals",
        "weighted_score",
        "decided_by",
        "date",
        "section",
        *(f"criterion_{n}" for n in range(1, criteria_columns + 1)),
    ]
    writer.writerow(header)
    for values in rows:
        writer.writerow([_safe(value) for value in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
