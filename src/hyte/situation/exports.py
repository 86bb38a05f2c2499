"""The situation picture as files: CSV (semicolons, for Finnish spreadsheets) and XLSX, with the same columns as
the JSON of the API. Text that would start a formula is kept as text."""

from __future__ import annotations

import csv
import io

from hyte.core import spreadsheet
from hyte.situation.picture import SituationPicture, picture_as_records


def _columns(records: list[dict[str, object]]) -> list[str]:
    return list(dict.fromkeys(key for record in records for key in record)) or ["indicator"]


def picture_csv(built: SituationPicture) -> bytes:
    return records_csv(picture_as_records(built))


def records_csv(records: list[dict[str, object]]) -> bytes:
    """Records as CSV for Finnish spreadsheets: semicolons, UTF-8 with a byte order mark."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_columns(records), delimiter=";")
    writer.writeheader()
    writer.writerows(spreadsheet.row(r) for r in records)
    return ("\ufeff" + out.getvalue()).encode()


def picture_xlsx(built: SituationPicture) -> bytes:
    import openpyxl

    records = picture_as_records(built)
    columns = _columns(records)
    workbook = openpyxl.Workbook()
    sheet = workbook.create_sheet("Tilannekuva", 0)
    del workbook[workbook.sheetnames[1]]  # the empty default sheet
    sheet.append(columns)
    for record in records:
        sheet.append(spreadsheet.xlsx_row(sheet, [record.get(column) for column in columns]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
