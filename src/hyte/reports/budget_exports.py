"""The plan's hyte section for the budget book (TA) and, after the year, for the financial statement (TP): the
welfare goals as binding goals with their indicators, the measures by administrative branch with their euros
and, in the statement, the euros used and each goal's status. DOCX for the book, XLSX for the finance office."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from hyte.core.formats import format_number
from hyte.core.spreadsheet import xlsx_row
from hyte.reports.models import Report
from hyte.reports.queries.budget import BudgetGoal, budget_of


def _euros(value: Decimal | None) -> str:
    return "–" if value is None else f"{format_number(float(value), 0)} €"


def _indicator_line(goal_indicator: Any) -> str:
    change = getattr(goal_indicator, "change", {}) or {}
    parts = [goal_indicator.indicator.title]
    if goal_indicator.baseline_value is not None:
        parts.append(
            _("baseline %(year)s: %(value)s")
            % {
                "year": goal_indicator.baseline_year,
                "value": format_number(goal_indicator.baseline_value, goal_indicator.indicator.decimals),
            }
        )
    if goal_indicator.target_value is not None:
        parts.append(
            _("target %(year)s: %(value)s")
            % {
                "year": goal_indicator.target_year,
                "value": format_number(goal_indicator.target_value, goal_indicator.indicator.decimals),
            }
        )
    if change.get("latest_value") is not None:
        parts.append(
            _("latest %(year)s: %(value)s")
            % {
                "year": change["latest_year"],
                "value": format_number(change["latest_value"], goal_indicator.indicator.decimals),
            }
        )
    return "; ".join(parts)


def _status(goal: Any) -> str:
    glance = getattr(goal, "glance", None)
    return str(glance.label) if glance is not None else ""


def budget_docx(plan: Report, year: int, *, statement: bool = False) -> bytes:
    import docx

    data = budget_of(plan, year)
    document = docx.Document()
    title = (
        _("Welfare and health promotion in the financial statement %(year)s")
        if statement
        else _("Welfare and health promotion in the budget %(year)s")
    ) % {"year": year}
    document.core_properties.title = title
    document.core_properties.language = "fi"
    document.add_heading(title, level=0)
    document.add_paragraph(f"{plan.organisation.name}: {plan.title}")
    document.add_heading(_("Binding welfare goals"), level=1)
    for entry in data["per_goal"]:
        _goal_docx(document, entry, statement=statement)
    for branch in data["branches"]:
        document.add_heading(branch.name, level=1)
        table = document.add_table(rows=1, cols=5 if statement else 4)
        table.style = "Table Grid"
        headers = [_("Goal"), _("Measure"), _("Cost centre, part"), _("Budgeted")] + ([_("Used")] if statement else [])
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.text = str(text)
        for goal_entry in branch.goals:
            for measure_entry in goal_entry.measures:
                for line in measure_entry.lines:
                    row = table.add_row().cells
                    values = [
                        goal_entry.goal.text,
                        measure_entry.measure.text,
                        ", ".join(p for p in (line.cost_centre, str(line.get_part_display())) if p),
                        _euros(line.amount),
                    ]
                    if statement:
                        values.append(_euros(line.used))
                    for cell, text in zip(row, values, strict=True):
                        cell.text = text
        document.add_paragraph(
            _("Total: %(amount)s") % {"amount": _euros(branch.amount)}
            + (f"; {_('used')}: {_euros(branch.used)}" if statement else "")
        )
    document.add_paragraph(
        _("All branches: %(amount)s") % {"amount": _euros(data["total"])}
        + (f"; {_('used')}: {_euros(data['total_used'])}" if statement else "")
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _goal_docx(document: Any, entry: BudgetGoal, *, statement: bool) -> None:
    goal = entry.goal
    document.add_heading(goal.text, level=2)
    for goal_indicator in goal.goal_indicators.all():
        document.add_paragraph(_indicator_line(goal_indicator), style="List Bullet")
    line = _("Budgeted: %(amount)s") % {"amount": _euros(entry.amount)}
    if statement:
        line += "; " + _("used: %(amount)s") % {"amount": _euros(entry.used)}
        status = _status(goal)
        if status:
            line += "; " + _("status: %(status)s") % {"status": status}
    document.add_paragraph(line)


def budget_xlsx(plan: Report, year: int, *, statement: bool = False) -> bytes:
    from openpyxl import Workbook

    data = budget_of(plan, year)
    workbook = Workbook(write_only=True)
    lines = workbook.create_sheet(title=str(_("Budget lines"))[:31])
    header = [
        _("Administrative branch"),
        _("Cost centre"),
        _("Part of the budget"),
        _("Goal"),
        _("Measure"),
        _("Indicators"),
        _("Budgeted (€)"),
    ]
    if statement:
        header += [_("Used (€)"), _("Goal's status")]
    lines.append([str(h) for h in header])
    for branch in data["branches"]:
        for goal_entry in branch.goals:
            indicators = " | ".join(_indicator_line(gi) for gi in goal_entry.goal.goal_indicators.all())
            for measure_entry in goal_entry.measures:
                for line in measure_entry.lines:
                    row: list[Any] = [
                        branch.name,
                        line.cost_centre,
                        str(line.get_part_display()),
                        goal_entry.goal.text,
                        measure_entry.measure.text,
                        indicators,
                        float(line.amount),
                    ]
                    if statement:
                        row += [float(line.used) if line.used is not None else None, _status(goal_entry.goal)]
                    lines.append(xlsx_row(lines, row))
    goals = workbook.create_sheet(title=str(_("Euros per goal"))[:31])
    goals.append(
        [str(_("Goal")), str(_("Budgeted (€)"))] + ([str(_("Used (€)")), str(_("Goal's status"))] if statement else [])
    )
    for entry in data["per_goal"]:
        row = [entry.goal.text, float(entry.amount)]
        if statement:
            row += [float(entry.used) if entry.used is not None else None, _status(entry.goal)]
        goals.append(xlsx_row(goals, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
