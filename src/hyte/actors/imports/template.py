"""The spreadsheet template of the register's import: the columns the import recognises, headed in the reader's
language, and a second sheet that says what each holds and lists the words it accepts (themes, groups, kinds)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from hyte.actors.imports.columns import COLUMNS
from hyte.actors.models import ActorKind, AgeGroup, Language, TargetGroup, Theme
from hyte.core.spreadsheet import xlsx_row


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook has its sheet
    sheet.title = _("Activities")[:31]
    sheet.append([str(column.label) for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[cell_letter(index)].width = max(12, len(str(column.label)) + 2)
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(_("Instructions")[:31])
    guide.append([_("Column"), _("What it holds")])
    for column in COLUMNS:
        guide.append(xlsx_row(guide, [str(column.label), str(column.help)]))
    lists: list[tuple[str, list[tuple[str, str]]]] = [
        (_("Themes"), [(t.code, t.display_name) for t in Theme.objects.order_by("position", "code")]),
        (_("Age groups"), [(value, str(label)) for value, label in AgeGroup.choices]),
        (_("Target groups"), [(t.code, t.display_name) for t in TargetGroup.objects.order_by("position", "code")]),
        (_("Kinds of actor"), [(value, str(label)) for value, label in ActorKind.choices]),
        (_("Languages"), [(value, str(label)) for value, label in Language.choices]),
    ]
    for title, choices in lists:
        guide.append([])
        guide.append([title, _("Code or name")])
        for code, name in choices:
            guide.append(xlsx_row(guide, [code, name]))
    guide.column_dimensions["A"].width = 30
    guide.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
