"""Open data of a published version: goals, measures, indicator targets and values as CSV and JSON.

The files are derived from the frozen content, so their URLs are stable; only the status columns of a plan follow
its newest published annual report. Text that would start a spreadsheet formula is kept as text.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hyte.core import spreadsheet
from hyte.reports.models import ReportVersion

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

COLUMNS = {
    "goals": ["goal_id", "theme", "age_group", "goal_fi", "goal_sv", "status", "status_year", "progress"],
    "measures": [
        "goal_id",
        "measure_id",
        "measure",
        "responsible_parties",
        "schedule",
        "budget_line",
        "budget_amount_eur",
        "status",
        "status_year",
        "progress",
    ],
    "goal-indicators": [
        "goal_id",
        "indicator",
        "source_id",
        "baseline_year",
        "baseline_value",
        "target_year",
        "target_value",
        "direction",
        "latest_year",
        "latest_value",
        "change_since_baseline",
        "target_reached",
        "source",
    ],
    "indicator-values": ["indicator", "source_id", "year", "value", "source"],
}
FILES = ("report.json", *(f"{name}.csv" for name in COLUMNS))


def _status(item: dict[str, Any], statuses: dict[tuple[str, int], Any], kind: str) -> dict[str, Any]:
    return item.get("progress") or statuses.get((kind, item.get("id"))) or {}


def tables(version: ReportVersion, statuses: dict[tuple[str, int], Any]) -> dict[str, list[dict[str, Any]]]:
    content = version.content
    goals = content.get("goals", []) + content.get("follow_up", {}).get("goals", [])
    goal_rows, measure_rows, target_rows, value_rows = [], [], [], []
    for goal in goals:
        status = _status(goal, statuses, "g")
        goal_rows.append(
            {
                "goal_id": goal.get("id"),
                "theme": goal.get("theme", ""),
                "age_group": goal.get("age_group", ""),
                "goal_fi": goal["text"],
                "goal_sv": goal.get("text_sv", ""),
                "status": status.get("status", ""),
                "status_year": status.get("year", content.get("year") if status else ""),
                "progress": status.get("text", ""),
            }
        )
        for measure in goal["measures"]:
            status = _status(measure, statuses, "m")
            measure_rows.append(
                {
                    "goal_id": goal.get("id"),
                    "measure_id": measure.get("id"),
                    "measure": measure["text"],
                    "responsible_parties": "; ".join(measure.get("responsible_parties") or []),
                    "schedule": measure.get("schedule", ""),
                    "budget_line": measure.get("budget_line", ""),
                    "budget_amount_eur": measure.get("budget_amount") or "",
                    "status": status.get("status") or measure.get("status", ""),
                    "status_year": status.get("year", content.get("year") if status else ""),
                    "progress": status.get("text", ""),
                }
            )
        for gi in goal["indicators"]:
            target_rows.append(
                {
                    "goal_id": goal.get("id"),
                    "indicator": gi["indicator"],
                    "source_id": gi.get("source_id", ""),
                    "baseline_year": gi["baseline_year"],
                    "baseline_value": gi.get("baseline_value"),
                    "target_year": gi["target_year"],
                    "target_value": gi.get("target_value"),
                    "direction": gi["direction"],
                    "latest_year": gi.get("latest_year"),
                    "latest_value": gi.get("latest_value"),
                    "change_since_baseline": gi.get("change_since_baseline"),
                    "target_reached": gi.get("target_reached"),
                    "source": gi.get("source", ""),
                }
            )
    seen = set()
    for section in content.get("sections", []):
        for block in section["blocks"]:
            for key, indicator in block.get("indicators", {}).items():
                if key in seen:
                    continue
                seen.add(key)
                for year, value in indicator.get("series", []):
                    value_rows.append(
                        {
                            "indicator": indicator["title"],
                            "source_id": indicator.get("source_id", ""),
                            "year": year,
                            "value": value,
                            "source": indicator.get("source", ""),
                        }
                    )
    return {
        "goals": goal_rows,
        "measures": measure_rows,
        "goal-indicators": target_rows,
        "indicator-values": value_rows,
    }


def metadata(version: ReportVersion) -> dict[str, Any]:
    report = version.report
    organisation = report.organisation
    return {
        "organisation": {"name": organisation.name, "name_sv": organisation.name_sv, "slug": organisation.slug},
        "report": {
            "id": report.pk,
            "title": version.content.get("title", report.title),
            "kind": version.content.get("kind", report.kind),
            "term": version.content.get("term"),
            "year": version.content.get("year"),
            "decision": version.content.get("decision"),
        },
        "version": version.number,
        "published_at": version.frozen_at.isoformat(),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": f"{organisation.name}; indicator values: their sources as named per row",
    }


def report_json(version: ReportVersion, statuses: dict[tuple[str, int], Any]) -> bytes:
    document = {**metadata(version), **tables(version, statuses)}
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def table_csv(version: ReportVersion, statuses: dict[tuple[str, int], Any], name: str) -> bytes:
    """One table as UTF-8 CSV (with a byte order mark, so spreadsheet programs read the letters right)."""
    rows = tables(version, statuses)[name]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS[name], lineterminator="\n")
    writer.writeheader()
    writer.writerows(spreadsheet.row(r) for r in rows)
    return ("\ufeff" + buffer.getvalue()).encode()
