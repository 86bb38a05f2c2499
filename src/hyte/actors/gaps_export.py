"""The gap view as XLSX: the counts with each age group's population (and where it comes from), the activities per
10,000 people of the age group, and the counts by village or district — what the pages show, in three sheets."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.actors.gaps import Gaps
from hyte.actors.places import NO_PLACE, ONLINE, Column, PlaceGaps
from hyte.actors.population import Population
from hyte.core.spreadsheet import xlsx_row
from hyte.indicators.models import SOTKANET_ATTRIBUTION


def describe(population: Population) -> str:
    """Where a population figure comes from, in words: its ages, year and Sotkanet indicators."""
    if not population.known:
        return _("no population figure for the area")
    indicators = " × ".join(population.indicators[:1]) + (
        " × (" + " + ".join(population.indicators[1:]) + ") / 100" if len(population.indicators) > 1 else ""
    )
    values = {"ages": population.ages, "year": population.year, "indicators": indicators}
    if population.ages:
        return _("aged %(ages)s, %(year)s, Sotkanet %(indicators)s") % values
    return _("%(year)s, Sotkanet %(indicators)s") % values


def column_label(column: Column) -> str:
    if column.kind == ONLINE:
        return _("online")
    if column.kind == NO_PLACE:
        return _("no village or district given")
    return f"{column.label} ({column.area_name})" if column.area_name else column.label


def gaps_xlsx(organisation: Organisation, found: Gaps, places: PlaceGaps) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    ages = [label for _age, label in found.age_groups]
    sheet = workbook.create_sheet(_("Gaps")[:31])
    sheet.append(xlsx_row(sheet, [_("Theme"), *ages, _("All ages")]))
    for row in found.rows:
        sheet.append(xlsx_row(sheet, [row.theme.display_name, *[cell.count for cell in row.cells], row.total]))
    populations = [*found.populations, found.total_population]
    sheet.append(xlsx_row(sheet, [_("Population"), *[p.count for p in populations]]))
    sheet.append(xlsx_row(sheet, [_("Population: source"), *[describe(p) for p in populations]]))
    sheet.append([])
    sheet.append(
        xlsx_row(sheet, [_("Current activities in %(area)s") % {"area": organisation.display_name}, found.activities])
    )
    sheet.append(xlsx_row(sheet, [_("Welfare concept"), found.concept.display_name]))
    sheet.append(xlsx_row(sheet, [_("Source of the population figures"), SOTKANET_ATTRIBUTION]))

    rates = workbook.create_sheet(_("Per 10,000")[:31])
    rates.append(xlsx_row(rates, [_("Activities per 10,000 people of the age group")]))
    rates.append(xlsx_row(rates, [_("Theme"), *ages]))
    for row in found.rows:
        values = [round(cell.rate, 2) if cell.rate is not None else None for cell in row.cells]
        rates.append(xlsx_row(rates, [row.theme.display_name, *values]))

    by_place = workbook.create_sheet(_("Villages and districts")[:31])
    by_place.append(xlsx_row(by_place, [_("Theme"), *[column_label(c) for c in places.columns], _("All places")]))
    for place_row in places.rows:
        name = place_row.theme.display_name if place_row.theme else _("All themes")
        by_place.append(xlsx_row(by_place, [name, *[cell.count for cell in place_row.cells], place_row.total]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
