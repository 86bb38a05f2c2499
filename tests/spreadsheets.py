"""Spreadsheets the tests build themselves, byte for byte as the Sotkanet web site writes them.

The site's "Excel" export is BIFF8 written by JExcelAPI (Java). Two of its habits break common readers, and
`jexcel_xls` reproduces both: cells use format records (XF 21 and 22) that the file never defines, which makes
xlrd (and pandas' default .xls reader) fail with KeyError 21; and its string table starts with an empty string
stored as 16-bit, after which calamine returns every string with a NUL after each character. Seen in a real
export of 2025 (see docs/indicators.md); the layout is the one the site uses: an empty first row, a header row
of five empty cells and one year per column, one row per indicator × region × gender, and a '© THL' footer.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence
from typing import Any

from xlwt.CompoundDoc import XlsDoc  # the OLE2 container only; the workbook stream is built here

Cell = str | float | int | None


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _unicode(text: str) -> bytes:
    """A BIFF8 string with a 16-bit length, stored uncompressed (UTF-16) as JExcelAPI stores every string."""
    return struct.pack("<HB", len(text), 1) + text.encode("utf-16-le")


def jexcel_xls(rows: Sequence[Sequence[Cell]], *, sheet: str = "SOTKAnet") -> bytes:
    """An .xls workbook of one sheet with these rows (None = no cell), in JExcelAPI's flavour."""
    strings = [""]  # JExcelAPI's table starts with an empty string
    index = {"": 0}
    cells: list[bytes] = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                if value not in index:
                    index[value] = len(strings)
                    strings.append(value)
                cells.append(_record(0x00FD, struct.pack("<HHHI", r, c, 21, index[value])))  # LABELSST, XF 21
            else:
                cells.append(_record(0x0203, struct.pack("<HHHd", r, c, 22, float(value))))  # NUMBER, XF 22
    # BOF records byte for byte as JExcelAPI writes them (BIFF8, build 0x15F2, year 0x07CC).
    globals_bof = _record(0x0809, bytes.fromhex("00060500F215CC070000000006000000"))
    sheet_bof = _record(0x0809, bytes.fromhex("00061000F215CC070000000006000000"))
    codepage = _record(0x0042, struct.pack("<H", 1252))
    shared_strings = _record(0x00FC, struct.pack("<II", len(cells), len(strings)) + b"".join(map(_unicode, strings)))

    def boundsheet(offset: int) -> bytes:
        name = sheet.encode("latin-1")
        return _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 0) + name)

    head, tail = globals_bof + codepage, shared_strings + _record(0x000A)
    workbook_globals = head + boundsheet(len(head) + len(boundsheet(0)) + len(tail)) + tail
    width = max((len(row) for row in rows), default=0)
    dimensions = _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
    stream = workbook_globals + sheet_bof + dimensions + b"".join(cells) + _record(0x000A)
    out = io.BytesIO()
    XlsDoc().save(out, stream)
    return out.getvalue()


def xlsx(rows: Sequence[Sequence[Any]]) -> bytes:
    """The same rows as an .xlsx, as Excel saves the .xls again."""
    import openpyxl

    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                worksheet.cell(row=r, column=c, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def sotkanet_grid(
    years: Sequence[int], lines: Sequence[tuple[str, str, str, str, str, Sequence[float | None]]], *, footer: str
) -> list[list[Cell]]:
    """The web site's export layout: (title, id, region name, region code, gender, values by year) per line."""
    rows: list[list[Cell]] = [[], ["", "", "", "", "", *(str(year) for year in years)]]
    for title, indicator, name, code, gender, values in lines:
        rows.append([title, indicator, name, code, gender, *values])
    rows.append([footer])
    return rows
