"""The overview as records (one per area) for the open data (JSON, CSV; CC BY 4.0) and the XLSX export."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hyte.funding.sectors import SECTORS
from hyte.national.models import Structure
from hyte.national.overview.rows import KEY_INDICATORS, Overview, Row

LICENCE = "CC BY 4.0"
ATTRIBUTION = "Hyte; Lähde: THL, Sotkanet.fi (CC BY 4.0); Tilastokeskus, kuntaluokitukset (CC BY 4.0)"
COLUMNS = [
    "kind",
    "code",
    "name_fi",
    "name_sv",
    "county_code",
    "municipality_group",
    "population",
    "population_year",
    "in_hyte",
    "plan_term",
    "plan_status",
    "plan_decision_date",
    "plan_published_on",
    "annual_report_year",
    "survey_year",
    "coordinator_named",
    "coordinator",
    "person_years",
    *[f"structure_{code}" for code in Structure.values],
    "coefficient",
    *[f"teaviisari_{code}" for code in SECTORS],
    *[f"teaviisari_{code}_year" for code in SECTORS],
    *[f"sotkanet_{source_id}" for source_id in KEY_INDICATORS],
    *[f"sotkanet_{source_id}_year" for source_id in KEY_INDICATORS],
]


def record(row: Row) -> dict[str, Any]:
    area, plan, answer = row.area, row.plan, row.answer
    values: dict[str, Any] = {
        "kind": area.kind,
        "code": area.code,
        "name_fi": area.name_fi,
        "name_sv": area.name_sv,
        "county_code": row.county.code if row.county else "",
        "municipality_group": area.municipality_group,
        "population": row.population,
        "population_year": row.population_year,
        "in_hyte": row.in_hyte,
        "plan_term": plan.term if plan else None,
        "plan_status": plan.status if plan else None,
        "plan_decision_date": plan.decision_date.isoformat() if plan and plan.decision_date else None,
        "plan_published_on": plan.published_on.isoformat() if plan and plan.published_on else None,
        "annual_report_year": row.annual_year,
        "survey_year": answer.round.year if answer else None,
        "coordinator_named": answer.coordinator_named if answer else None,
        "coordinator": answer.coordinator_name if answer else None,
        "person_years": float(answer.person_years) if answer and answer.person_years is not None else None,
        "coefficient": row.coefficient,
    }
    for code in Structure.values:
        values[f"structure_{code}"] = (code in answer.structures) if answer else None
    totals = {total.sector: total for total in row.teaviisari}
    for code in SECTORS:
        total = totals.get(code)
        values[f"teaviisari_{code}"] = total.value if total else None
        values[f"teaviisari_{code}_year"] = total.survey_year if total else None
    for source_id in KEY_INDICATORS:
        value, year = row.indicators.get(source_id, (None, None))
        values[f"sotkanet_{source_id}"] = value
        values[f"sotkanet_{source_id}_year"] = year
    return values


def as_json(found: Overview) -> bytes:
    document = {
        "licence": LICENCE,
        "attribution": ATTRIBUTION,
        "indicators": {i.source_id: i.title_fi for i in found.indicators},
        "areas": [record(row) for row in found.rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def as_csv(found: Overview) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in found.rows:
        values = record(row)
        writer.writerow([_text(values[column]) for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode()


def as_xlsx(found: Overview) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet: Any = workbook.active
    sheet.title = "Suomi"
    sheet.append(COLUMNS)
    for row in found.rows:
        values = record(row)
        sheet.append([values[column] for column in COLUMNS])
    sheet.append([])
    sheet.append([f"{LICENCE}; {ATTRIBUTION}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
