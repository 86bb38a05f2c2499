"""A funder's grants over the years, for its own page and an XLSX file: per plan goal, per theme and per age group
of the activities granted for (with the participants the use reports give per age group), and per NGO over the
years. A grant whose activities have several themes or age groups (or whose call serves several goals) is counted
under each; the totals of a table therefore need not add up to the euros granted, which the page says."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.actors.models import Activity, AgeGroup
from hyte.core.spreadsheet import xlsx_row
from hyte.grants.goal_grants import REPORTED, by_goal, granted


@dataclass
class Tally:
    grants: int = 0
    granted: Decimal = Decimal(0)
    participants: int = 0


@dataclass
class NgoRow:
    name: str
    business_id: str
    by_year: dict[int, Decimal] = field(default_factory=dict)
    amounts: list[Decimal | None] = field(default_factory=list)  # aligned with the summary's years

    @property
    def total(self) -> Decimal:
        return sum(self.by_year.values(), Decimal(0))


@dataclass
class Summary:
    years: list[int]
    goals: list[dict[str, Any]]
    themes: list[tuple[int, str, Tally]]
    age_groups: list[tuple[int, str, Tally]]
    ngos: list[NgoRow]


def summary_of(funder: Organisation) -> Summary:
    """Every grant above zero the funder decided (published or not), read in a fixed number of queries."""
    from hyte.reports.models import Goal

    applications = granted(funder, None, published_only=False)
    themed = Activity.objects.filter(grant_applications__in=applications).prefetch_related("themes").distinct()
    activities = {activity.pk: activity for activity in themed}
    years = sorted({a.call.decision_date.year for a in applications if a.call.decision_date}, reverse=True)
    by_year = {y: [a for a in applications if a.call.decision_date and a.call.decision_date.year == y] for y in years}
    goal_totals = {year: by_goal(found) for year, found in by_year.items()}
    goal_ids = {goal_id for totals in goal_totals.values() for goal_id in totals}
    goal_objects = Goal.objects.filter(pk__in=goal_ids).select_related("report").order_by("report_id", "position")
    goals = [
        {"goal": goal, "year": year, "given": goal_totals[year][goal.pk]}
        for year in years
        for goal in goal_objects
        if goal.pk in goal_totals[year]
    ]
    themes: dict[tuple[int, str], Tally] = defaultdict(Tally)
    ages: dict[tuple[int, str], Tally] = defaultdict(Tally)
    ngos: dict[str, NgoRow] = {}
    for year, found in by_year.items():
        for application in found:
            amount = application.granted_amount or Decimal(0)
            own = [activities[a.pk] for a in application.activities.all() if a.pk in activities]
            for name in sorted({theme.display_name for activity in own for theme in activity.themes.all()}):
                themes[(year, name)].grants += 1
                themes[(year, name)].granted += amount
            report = getattr(application, "use_report", None)
            reported = report.participants if report is not None and report.status in REPORTED else {}
            for group in AgeGroup:
                serves = any(group.value in activity.age_groups for activity in own)
                if serves:
                    ages[(year, group.value)].grants += 1
                    ages[(year, group.value)].granted += amount
                if group.value in reported:
                    ages[(year, group.value)].participants += int(reported[group.value])
            key = application.business_id or application.applicant_name
            row = ngos.setdefault(key, NgoRow(application.applicant_name, application.business_id))
            row.by_year[year] = row.by_year.get(year, Decimal(0)) + amount
    for row in ngos.values():
        row.amounts = [row.by_year.get(year) for year in years]
    labels = dict(AgeGroup.choices)
    return Summary(
        years=years,
        goals=goals,
        themes=[
            (year, name, tally) for (year, name), tally in sorted(themes.items(), key=lambda i: (-i[0][0], i[0][1]))
        ],
        age_groups=[
            (year, str(labels[group]), ages[(year, group)])
            for year in years
            for group in labels
            if (year, group) in ages
        ],
        ngos=sorted(ngos.values(), key=lambda row: (-row.total, row.name)),
    )


def summary_xlsx(summary: Summary) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    goals = workbook.create_sheet(title=str(_("Per goal"))[:31])
    goals.append(
        [
            str(h)
            for h in (
                _("Year"),
                _("Plan"),
                _("Goal"),
                _("Grants"),
                _("Granted (€)"),
                _("NGOs"),
                _("Activities"),
                _("Use reports"),
                _("Used (€)"),
                _("Participants"),
            )
        ]
    )
    for row in summary.goals:
        given = row["given"]
        goals.append(
            xlsx_row(
                goals,
                [
                    row["year"],
                    row["goal"].report.title,
                    row["goal"].text,
                    given.grants,
                    float(given.granted),
                    given.ngo_count,
                    given.activity_count,
                    given.reported,
                    float(given.used),
                    given.participants,
                ],
            )
        )
    themes = workbook.create_sheet(title=str(_("Per theme"))[:31])
    themes.append([str(h) for h in (_("Year"), _("Theme"), _("Grants"), _("Granted (€)"))])
    for year, name, tally in summary.themes:
        themes.append(xlsx_row(themes, [year, name, tally.grants, float(tally.granted)]))
    ages = workbook.create_sheet(title=str(_("Per age group"))[:31])
    ages.append(
        [str(h) for h in (_("Year"), _("Age group"), _("Grants"), _("Granted (€)"), _("Participants reported"))]
    )
    for year, label, tally in summary.age_groups:
        ages.append(xlsx_row(ages, [year, label, tally.grants, float(tally.granted), tally.participants]))
    ngos = workbook.create_sheet(title=str(_("Per NGO"))[:31])
    ngos.append([str(_("NGO")), str(_("Business id")), *summary.years, str(_("Total (€)"))])
    for ngo in summary.ngos:
        values = [float(amount) if amount is not None else None for amount in ngo.amounts]
        ngos.append(xlsx_row(ngos, [ngo.name, ngo.business_id, *values, float(ngo.total)]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
