"""Open data of a published version: goals, measures, indicator targets and values as JSON, as machine CSV
(comma, decimal point, UTF-8), as CSV that Finnish Excel opens as it is (semicolon, decimal comma, UTF-8 with a
byte order mark) and as one XLSX workbook. Codes have their readable Finnish labels beside them.

The files are derived from the frozen content, so their URLs are stable; only the status columns of a plan follow
its newest published annual report. Text that would start a spreadsheet formula is kept as text.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.db.models import TextChoices
from django.utils import translation

from hyte.core import spreadsheet
from hyte.indicators.models import AgeGroup
from hyte.reports.content import Progress
from hyte.reports.models import Direction, MeasureStatus, ReportVersion
from hyte.reports.queries.versions import Statuses

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

COLUMNS = {
    "goals": [
        "goal_id",
        "theme",
        "age_group",
        "age_group_label",
        "goal_fi",
        "goal_sv",
        "status",
        "status_label",
        "status_year",
        "progress",
    ],
    "measures": [
        "goal_id",
        "measure_id",
        "measure",
        "responsible_parties",
        "schedule",
        "budget_line",
        "budget_amount_eur",
        "status",
        "status_label",
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
        "direction_label",
        "latest_year",
        "latest_value",
        "change_since_baseline",
        "target_reached",
        "source",
    ],
    "indicator-values": ["indicator", "source_id", "year", "value", "source"],
}
EXCEL_SUFFIX = "-excel.csv"
MACHINE = ("report.json", *(f"{name}.csv" for name in COLUMNS))
EXCEL = (*(f"{name}{EXCEL_SUFFIX}" for name in COLUMNS), "report.xlsx")
FILES = (*MACHINE, *EXCEL)


def _status(own: Progress | None, statuses: Statuses, kind: str, object_id: int | None, year: int | None) -> Progress:
    """An annual report's own progress (in its year), else the plan's latest published one (in that year)."""
    if own is not None:
        return own if own.year is not None else own.model_copy(update={"year": year})
    if object_id is None:
        return Progress()
    return statuses.get((kind, object_id), Progress())


def _label(choices: type[TextChoices], value: str) -> str:
    """The readable Finnish label of a code (the data's language), empty for an empty or unknown code."""
    if value not in choices.values:
        return ""
    with translation.override("fi"):
        return str(choices(value).label)


def tables(version: ReportVersion, statuses: Statuses) -> dict[str, list[dict[str, Any]]]:
    content = version.frozen
    goal_rows: list[dict[str, Any]] = []
    measure_rows: list[dict[str, Any]] = []
    target_rows: list[dict[str, Any]] = []
    value_rows: list[dict[str, Any]] = []
    for goal in content.all_goals():
        status = _status(goal.progress, statuses, "g", goal.id, content.year)
        goal_rows.append(
            {
                "goal_id": goal.id,
                "theme": goal.theme,
                "age_group": goal.age_group,
                "age_group_label": _label(AgeGroup, goal.age_group),
                "goal_fi": goal.text,
                "goal_sv": goal.text_sv,
                "status": status.status,
                "status_label": _label(MeasureStatus, status.status),
                "status_year": status.year if status.status else "",
                "progress": status.text,
            }
        )
        for measure in goal.measures:
            status = _status(measure.progress, statuses, "m", measure.id, content.year)
            measure_rows.append(
                {
                    "goal_id": goal.id,
                    "measure_id": measure.id,
                    "measure": measure.text,
                    "responsible_parties": "; ".join(measure.responsible_parties),
                    "schedule": measure.schedule,
                    "budget_line": measure.budget_line,
                    "budget_amount_eur": measure.budget_amount or "",
                    "status": status.status or measure.status,
                    "status_label": _label(MeasureStatus, status.status or measure.status),
                    "status_year": status.year if status.status else "",
                    "progress": status.text,
                }
            )
        target_rows.extend(
            {
                "goal_id": goal.id,
                **gi.model_dump(exclude={"indicator_sv", "indicator_en"}),
                "direction_label": _label(Direction, gi.direction),
            }
            for gi in goal.indicators
        )
    seen = set()
    for section in content.sections:
        for block in section.blocks:
            for key, indicator in block.indicators.items():
                if key in seen:
                    continue
                seen.add(key)
                value_rows.extend(
                    {
                        "indicator": indicator.title,
                        "source_id": indicator.source_id,
                        "year": year,
                        "value": value,
                        "source": indicator.source,
                    }
                    for year, value in indicator.series
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
    content = version.frozen
    return {
        "organisation": {"name": organisation.name, "name_sv": organisation.name_sv, "slug": organisation.slug},
        "report": {
            "id": report.pk,
            "title": content.title,
            "kind": content.kind,
            "term": [content.term_start, content.term_end],
            "year": content.year,
            "decision": content.decision.model_dump(mode="json"),
        },
        "version": version.number,
        "published_at": version.frozen_at.isoformat(),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": f"{organisation.name}; indicator values: their sources as named per row",
    }


def report_json(version: ReportVersion, statuses: Statuses) -> bytes:
    document = {**metadata(version), **tables(version, statuses)}
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def table_csv(version: ReportVersion, statuses: Statuses, name: str) -> bytes:
    """One table as UTF-8 CSV (with a byte order mark, so spreadsheet programs read the letters right)."""
    rows = tables(version, statuses)[name]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS[name], lineterminator="\n")
    writer.writeheader()
    writer.writerows(spreadsheet.row(r) for r in rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def _excel_cell(value: Any) -> Any:
    """A number with a decimal comma (Finnish Excel reads "55.5" as a date or text), other cells made safe."""
    if isinstance(value, bool):
        return "kyllä" if value else "ei"
    if isinstance(value, float):
        return f"{value:.10f}".rstrip("0").rstrip(".").replace(".", ",")
    if value is None:
        return ""
    return spreadsheet.cell(value)


def table_excel_csv(version: ReportVersion, statuses: Statuses, name: str) -> bytes:
    """One table as the CSV that Excel in Finnish opens by double-clicking: semicolons, decimal commas, CRLF line
    ends and UTF-8 with a byte order mark."""
    rows = tables(version, statuses)[name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS[name])
    writer.writerows([_excel_cell(r.get(column, "")) for column in COLUMNS[name]] for r in rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def report_xlsx(version: ReportVersion, statuses: Statuses) -> bytes:
    """Every table as a sheet of one workbook, numbers as numbers, the header row frozen."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, rows in tables(version, statuses).items():
        sheet = workbook.create_sheet(title=name[:31])
        sheet.freeze_panes = "A2"
        sheet.append(COLUMNS[name])
        for r in rows:
            sheet.append(spreadsheet.xlsx_row(sheet, [_xlsx_cell(r.get(column, "")) for column in COLUMNS[name]]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "kyllä" if value else "ei"
    return value  # text stays text: xlsx_row types it
