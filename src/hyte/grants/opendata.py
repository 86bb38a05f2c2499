"""The grants' open data: every published call (its criteria with their weights, the scale, the plan goals it
serves) as JSON and as CSV, one row per call and criterion. CC BY 4.0, made fresh on each request."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from hyte.core.clock import HELSINKI
from hyte.grants.models import Call

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def _time(value: Any) -> str:
    return str(value.astimezone(HELSINKI).isoformat())


def call_record(call: Call) -> dict[str, Any]:
    return {
        "id": call.pk,
        "funder": call.funder.name,
        "funder_sv": call.funder.name_sv,
        "funder_business_id": call.funder.business_id,
        "kind": call.kind,
        "title": call.title,
        "title_sv": call.title_sv,
        "description": call.description,
        "description_sv": call.description_sv,
        "budget_eur": str(call.budget),
        "opens_at": _time(call.opens_at),
        "closes_at": _time(call.closes_at),
        "eligibility": call.eligibility,
        "eligibility_sv": call.eligibility_sv,
        "division_of_work": call.division_of_work,
        "division_of_work_sv": call.division_of_work_sv,
        "required_attachments": [line for line in call.required_attachments.splitlines() if line.strip()],
        "weights_total": call.weights_total,
        "scale": [
            {"points": level["points"], "text": level["text"], "text_sv": level.get("text_sv", "")}
            for level in call.scale
        ],
        "proposal_rule": call.proposal_rule,
        "plan_goals": [{"id": goal.pk, "text": goal.text, "text_sv": goal.text_sv} for goal in call.goals.all()],
        "criteria": [
            {
                "title": criterion.title,
                "title_sv": criterion.title_sv,
                "weight": criterion.weight,
                "plan_goal": criterion.goal.pk if criterion.goal else None,
            }
            for criterion in call.criteria.all()
        ],
    }


def calls_json(calls: Iterable[Call]) -> bytes:
    body = {"licence": LICENCE, "licence_url": LICENCE_URL, "calls": [call_record(call) for call in calls]}
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


CSV_COLUMNS = [
    "call_id",
    "funder",
    "kind",
    "title",
    "title_sv",
    "budget_eur",
    "opens_at",
    "closes_at",
    "criterion",
    "criterion_sv",
    "weight",
    "weights_total",
    "plan_goal",
]


def _safe(value: Any) -> Any:
    """A cell a spreadsheet would run as a formula is kept as text."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def calls_csv(calls: Iterable[Call]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for call in calls:
        record = call_record(call)
        base = [
            call.pk,
            call.funder.name,
            call.kind,
            call.title,
            call.title_sv,
            record["budget_eur"],
            record["opens_at"],
            record["closes_at"],
        ]
        for criterion in call.criteria.all():
            goal = criterion.goal.text if criterion.goal else ""
            writer.writerow(
                [
                    _safe(v)
                    for v in [*base, criterion.title, criterion.title_sv, criterion.weight, call.weights_total, goal]
                ]
            )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
