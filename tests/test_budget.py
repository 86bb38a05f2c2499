"""Hyte in the budget and the financial statement (seed 003): each measure's budget lines per year, by
administrative branch and cost centre, operating or investment; a budget view by branch with the goals'
indicators and euros; exports for the budget book and the financial statement; euros per goal on the plan."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.audit.models import AuditEntry
from hyte.reports import queries, services
from hyte.reports.models import BudgetLine

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world, published):
    plan, _annual = published  # approved and published: the budget is decided every year all the same
    coordinator = world.users["coordinator"]
    goal = plan.goals.get()
    youth = goal.measures.get()
    services.set_budget_line(
        actor=coordinator,
        measure=youth,
        year=2026,
        branch="Sivistystoimi",
        cost_centre="4410 Nuorisotyö",
        part="operating",
        amount="12 000,50",
    )
    services.set_budget_line(
        actor=coordinator,
        measure=youth,
        year=2026,
        branch="Tekninen toimi",
        cost_centre="6120 Tilat",
        part="investment",
        amount=30000,
    )
    return plan


def test_a_line_is_set_once_per_key_and_corrected_by_saving_it_again(world, plan):
    coordinator = world.users["coordinator"]
    measure = plan.goals.get().measures.get()
    assert BudgetLine.objects.count() == 2
    services.set_budget_line(
        actor=coordinator,
        measure=measure,
        year=2026,
        branch=" Sivistystoimi ",
        cost_centre="4410 Nuorisotyö",
        part="operating",
        amount="11500",
        used="11 234,90",
    )
    line = BudgetLine.objects.get(branch="Sivistystoimi")
    assert BudgetLine.objects.count() == 2
    assert (line.amount, line.used) == (Decimal("11500.00"), Decimal("11234.90"))
    assert AuditEntry.objects.filter(action="report.budget_set").count() == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"amount": "abc"}, "abc ei ole euromäärä"),
        ({"amount": "-5"}, "-5 ei ole euromäärä"),
        ({"amount": ""}, "Anna budjetoitu summa euroina"),
        ({"amount": "NaN"}, "NaN ei ole euromäärä"),
        ({"used": "1e20"}, "1e20 ei ole euromäärä"),
        ({"year": 2031}, "2025–2029"),
        ({"branch": "  "}, "Nimeä hallinnonala"),
    ],
)
def test_bad_lines_are_refused_with_the_reason(world, plan, change, message):
    measure = plan.goals.get().measures.get()
    values = {"year": 2027, "branch": "Sivistystoimi", "part": "operating", "amount": "100", **change}
    with translation.override("fi"), pytest.raises(ValidationError, match=message):
        services.set_budget_line(actor=world.users["coordinator"], measure=measure, **values)
    assert BudgetLine.objects.count() == 2


def test_only_those_who_edit_the_measure_set_its_budget(world, plan):
    measure = plan.goals.get().measures.get()
    with pytest.raises(PermissionDenied):
        services.set_budget_line(
            actor=world.users["reader"], measure=measure, year=2026, branch="X", part="operating", amount=1
        )


def test_the_budget_view_groups_by_branch_and_sums_euros_per_goal(world, plan):
    data = queries.budget_of(plan, 2026)
    assert [b.name for b in data["branches"]] == ["Sivistystoimi", "Tekninen toimi"]
    assert [b.amount for b in data["branches"]] == [Decimal("12000.50"), Decimal("30000.00")]
    [goal] = data["per_goal"]
    assert goal.amount == Decimal("42000.50")
    assert data["total"] == Decimal("42000.50")
    assert data["unbudgeted"] == []
    assert queries.budget_of(plan, 2027)["unbudgeted"] == [plan.goals.get().measures.get()]
    assert queries.euros_per_goal(plan, 2026) == {goal.goal.pk: Decimal("42000.50")}


def test_the_pages_show_the_budget_and_euros_per_goal(world, plan):
    client = world.client_for("reader")
    page = client.get(f"/o/kemi/reports/{plan.pk}/budget/?year=2026").content.decode()
    assert "Sivistystoimi" in page
    assert "42\u00a0000 €" in page  # euros per goal, the total of both branches
    assert "4410 Nuorisotyö" in page
    assert 'name="amount"' not in page  # a reader reads; the form is for those who edit the plan
    assert client.get(f"/o/kemi/reports/{plan.pk}/budget/?year=2040").status_code == 404
    coordinator = world.client_for("coordinator")
    assert 'name="amount"' in coordinator.get(f"/o/kemi/reports/{plan.pk}/budget/?year=2026").content.decode()
    response = coordinator.post(
        f"/o/kemi/reports/{plan.pk}/budget/lines/",
        {
            "measure": plan.goals.get().measures.get().pk,
            "year": "2027",
            "branch": "Sivistystoimi",
            "part": "operating",
            "amount": "9 000",
        },
    )
    assert response["Location"].endswith("/budget/?year=2027")
    assert BudgetLine.objects.filter(year=2027, amount=9000).exists()


def test_the_exports_for_the_budget_book_and_the_financial_statement(world, plan):
    measure = plan.goals.get().measures.get()
    services.set_budget_line(
        actor=world.users["coordinator"],
        measure=measure,
        year=2026,
        branch="Sivistystoimi",
        cost_centre="4410 Nuorisotyö",
        part="operating",
        amount="12 000,50",
        used="11 000",
    )
    client = world.client_for("reader")
    book = docx.Document(io.BytesIO(client.get(f"/o/kemi/reports/{plan.pk}/budget.docx?year=2026").content))
    text = "\n".join(p.text for p in book.paragraphs)
    assert "Nuoret voivat hyvin" in text  # the binding goal
    assert "tavoite 2029: 60" in text  # with its indicator's target
    assert "Sivistystoimi" in text
    assert "11\u00a0000" not in text  # no euros used in the budget
    statement = docx.Document(
        io.BytesIO(client.get(f"/o/kemi/reports/{plan.pk}/budget.docx?year=2026&statement=1").content)
    )
    cells = [cell.text for table in statement.tables for row in table.rows for cell in row.cells]
    assert "11\u00a0000 €" in cells
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/o/kemi/reports/{plan.pk}/budget.xlsx?year=2026&statement=1").content)
    )
    lines = workbook[workbook.sheetnames[0]]
    rows = list(lines.iter_rows(values_only=True))
    assert rows[0][:3] == ("Hallinnonala", "Kustannuspaikka", "Talousarvion osa")
    assert sorted((r[0], r[6], r[7]) for r in rows[1:]) == [
        ("Sivistystoimi", 12000.5, 11000.0),
        ("Tekninen toimi", 30000.0, None),
    ]
    per_goal = list(workbook[workbook.sheetnames[1]].iter_rows(values_only=True))
    assert per_goal[1][:2] == ("Nuoret voivat hyvin", 42000.5)


def test_the_plan_page_shows_euros_per_goal(world, plan):
    page = world.client_for("reader").get(f"/o/kemi/reports/{plan.pk}/").content.decode()
    assert "/budget/?year=" in page
    assert 'class="euros"' in page


def test_the_api_reads_the_budget_and_sets_a_line_with_the_same_service(world, plan):
    client = world.client_for("coordinator")
    base = f"/api/v1/organisations/kemi/reports/{plan.pk}/budget"
    budget = client.get(base + "?year=2026").json()
    assert budget["total_eur"] == 42000.5
    assert sorted((line["branch"], line["amount_eur"]) for line in budget["lines"]) == [
        ("Sivistystoimi", 12000.5),
        ("Tekninen toimi", 30000.0),
    ]
    measure = plan.goals.get().measures.get()
    line = {"measure": measure.pk, "year": 2026, "branch": "Sivistystoimi", "cost_centre": "4410 Nuorisotyö"}
    changed = client.put(
        base + "/lines",
        {**line, "part": "operating", "amount": "12000", "used": "9 500"},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["amount_eur"], changed.json()["used_eur"]) == (12000.0, 9500.0)
    assert BudgetLine.objects.count() == 2  # corrected, not added
    bad = client.put(base + "/lines", {**line, "part": "operating", "amount": "x"}, content_type="application/json")
    assert bad.status_code == 400
    assert client.get(base + "?year=2040").status_code == 404
