"""The gap view: current activities of an area counted by theme × age group, so that a coordinator sees where
nothing (or only one thing) is on offer. Current: published, not hidden, not ended. Two queries, whatever the
number of activities."""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.actors.models import Activity, AgeGroup, Theme
from hyte.actors.queries import area_scope
from hyte.core import clock
from hyte.core.spreadsheet import xlsx_row
from hyte.regions.models import Area

THIN = 1  # a cell with at most this many activities is thin; none is a gap


@dataclass(frozen=True)
class Cell:
    theme: str  # the theme's code, for the drill-down
    age_group: str
    count: int

    @property
    def state(self) -> str:
        return "gap" if self.count == 0 else "thin" if self.count <= THIN else "ok"


@dataclass(frozen=True)
class Row:
    theme: Theme
    cells: list[Cell]
    total: int  # activities of the theme (an activity for two age groups counts once)


@dataclass(frozen=True)
class Gaps:
    age_groups: list[tuple[str, str]]
    rows: list[Row]
    activities: int  # current activities in the area

    @property
    def gap_count(self) -> int:
        return sum(1 for row in self.rows for cell in row.cells if cell.state == "gap")


def current(organisation: Organisation) -> Q:
    today = clock.now().date()
    return (
        Q(area_id__in=Area.objects.filter(area_scope(organisation)).values("pk"))
        & Q(is_published=True, is_hidden=False)
        & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    )


def gaps_of(organisation: Organisation) -> Gaps:
    activities = Activity.objects.filter(current(organisation))
    ages = dict(activities.values_list("pk", "age_groups"))
    pairs = Activity.themes.through.objects.filter(activity_id__in=list(ages)).values_list("activity_id", "theme_id")
    by_cell: Counter[tuple[int, str]] = Counter()
    by_theme: Counter[int] = Counter()
    for activity_id, theme_id in pairs:
        by_theme[theme_id] += 1
        for age in ages[activity_id] or []:
            by_cell[(theme_id, age)] += 1
    age_groups = [(str(value), str(label)) for value, label in AgeGroup.choices]
    rows = [
        Row(
            theme=theme,
            cells=[Cell(theme.code, age, by_cell[(theme.pk, age)]) for age, _label in age_groups],
            total=by_theme[theme.pk],
        )
        for theme in Theme.objects.filter(concept__is_default=True).order_by("position", "pk")
    ]
    return Gaps(age_groups=age_groups, rows=rows, activities=len(ages))


def gaps_xlsx(organisation: Organisation, found: Gaps) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    sheet = workbook.create_sheet(_("Gaps")[:31])
    sheet.append(xlsx_row(sheet, [_("Theme"), *[label for _age, label in found.age_groups], _("All ages")]))
    for row in found.rows:
        sheet.append(xlsx_row(sheet, [row.theme.display_name, *[cell.count for cell in row.cells], row.total]))
    sheet.append([])
    sheet.append(
        xlsx_row(sheet, [_("Current activities in %(area)s") % {"area": organisation.display_name}, found.activities])
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
