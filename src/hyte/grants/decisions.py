"""Published decisions: per application the NGO, its business id, the call, the activities, the amount, the plan
goals, the weighted score and its breakdown by criterion, and the disqualifications recorded; for the public
pages and the open data (`/public/grants/decisions.json` and `.csv`). CC BY 4.0."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from hyte.grants.models import Application, ApplicationStatus, Call, Criterion, Declaration, Score
from hyte.grants.opendata import LICENCE, LICENCE_URL, _safe
from hyte.grants.scoring import results_of


@dataclass
class Batch:
    """The applications, scores and declarations of several calls, read in three queries whatever their number."""

    applications: dict[int, list[Application]] = field(default_factory=lambda: defaultdict(list))
    scores: dict[int, list[Score]] = field(default_factory=lambda: defaultdict(list))
    declarations: dict[int, list[Declaration]] = field(default_factory=lambda: defaultdict(list))
    changes: dict[int, list[Application]] = field(default_factory=lambda: defaultdict(list))


def read_batch(calls: Sequence[Call]) -> Batch:
    ids = [call.pk for call in calls]
    batch = Batch()
    applications = (
        Application.objects.filter(call_id__in=ids, change_of=None)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("applicant", "register_entry")
        .prefetch_related("activities")
        .order_by("pk")
    )
    call_of = {}
    for application in applications:
        batch.applications[application.call_id].append(application)
        call_of[application.pk] = application.call_id
    scores = Score.objects.filter(application__call_id__in=ids, application__change_of=None).only(
        "application_id", "reviewer_id", "criterion_id", "points"
    )
    for score in scores:
        batch.scores[call_of[score.application_id]].append(score)
    declarations = (
        Declaration.objects.filter(application__call_id__in=ids, application__change_of=None, disqualified=True)
        .select_related("reviewer__user", "application")
        .order_by("application__applicant_name", "reviewer_id")
    )
    for declaration in declarations:
        batch.declarations[declaration.application.call_id].append(declaration)
    changes = Application.objects.filter(call_id__in=ids, status=ApplicationStatus.DECIDED).exclude(change_of=None)
    for change in changes.order_by("change_date", "pk"):
        batch.changes[change.call_id].append(change)
    return batch


def change_rows(call: Call, batch: Batch) -> list[dict[str, Any]]:
    """The changes to the call's grants decided after its decision, each with its own decision."""
    return [
        {
            "ngo": change.applicant_name,
            "business_id": change.business_id,
            "decided_by": change.change_body,
            "date": change.change_date.isoformat() if change.change_date else None,
            "section": change.change_section,
            "amount_eur": str(change.granted_amount),
            "reasoning": change.decision_reasoning,
            "reasoning_sv": change.decision_reasoning_sv,
        }
        for change in batch.changes[call.pk]
    ]


def published_decisions(funder_id: int | None = None) -> list[Call]:
    calls = Call.objects.filter(decision_published=True, funder__is_active=True).select_related("funder")
    if funder_id is not None:
        calls = calls.filter(funder_id=funder_id)
    return list(
        calls.prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.select_related("goal")), "goals"
        ).order_by("-decision_date", "id")
    )


def decision_rows(call: Call, batch: Batch | None = None) -> list[dict[str, Any]]:
    """The decided applications of `call`, in the ranking's order, with their scores."""
    batch = batch or read_batch([call])
    ranked = results_of(call, batch.applications[call.pk], batch.scores[call.pk])
    results = [r for r in ranked if r.application.status == ApplicationStatus.DECIDED]
    activities = {
        application.pk: [activity.title for activity in application.activities.all()]
        for application in batch.applications[call.pk]
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
            "amount_eur": str(result.application.decided_amount),
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


def disqualifications(call: Call, batch: Batch | None = None) -> list[dict[str, str]]:
    batch = batch or read_batch([call])
    return [
        {
            "reviewer": d.reviewer.user.get_full_name() or d.reviewer.user.username,
            "ngo": d.application.applicant_name,
            "ground": d.ground,
        }
        for d in batch.declarations[call.pk]
    ]


def decision_record(call: Call, batch: Batch | None = None) -> dict[str, Any]:
    """One published decision as the open data and the API give it."""
    batch = batch or read_batch([call])
    return {
        "call_id": call.pk,
        "call": call.title,
        "funder": call.funder.name,
        "decided_by": call.decision_body,
        "date": call.decision_date.isoformat() if call.decision_date else None,
        "section": call.decision_section,
        "budget_eur": str(call.budget),
        "grants": [{k: v for k, v in row.items() if k != "application"} for row in decision_rows(call, batch)],
        "disqualifications": disqualifications(call, batch),
        "changes": change_rows(call, batch),
    }


def decisions_json(calls: list[Call]) -> bytes:
    batch = read_batch(calls)
    records = [decision_record(call, batch) for call in calls]
    body = {"licence": LICENCE, "licence_url": LICENCE_URL, "decisions": records}
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def decisions_csv(calls: list[Call]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    criteria_columns = 0
    rows = []
    batch = read_batch(calls)
    for call in calls:
        for row in decision_rows(call, batch):
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
