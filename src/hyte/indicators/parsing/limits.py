"""Limits checked before a workbook is read, so that a small hostile file cannot take the server's memory.

A spreadsheet reader keeps a sheet as a dense grid from its first to its last cell: a 5 KB file with one cell
at A1 and one at XFD1048576 asks for 17 billion cells, and one shared string can unpack to gigabytes. So the
workbook's own structure is read first, streaming and without keeping any text: for XLSX the ZIP's parts
(uncompressed size checked as they are read), every sheet's cell positions and every text's length; for XLS
(an OLE2 compound file) the BIFF cell records of every sheet. Only a workbook within the limits is read.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass
from xml.parsers import expat

from hyte.indicators.parsing.values import FileRefused

MAX_CELLS = 3_000_000  # the sheet's grid, rows × columns from its first to its last cell
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 1_000
MAX_TEXT = 32_767  # Excel's limit of characters in one cell
MAX_PART_BYTES = 300 * 1024 * 1024  # one unpacked XLSX part (a sheet's XML, the shared strings)
CHUNK = 1024 * 1024

_REF = re.compile(r"([A-Z]{1,3})(\d+)$")


@dataclass
class _Extent:
    rows: int = 0
    columns: int = 0

    def add(self, row: int, column: int) -> None:
        self.rows = max(self.rows, row)
        self.columns = max(self.columns, column)

    def check(self, sheet: str) -> None:
        if self.rows > MAX_ROWS or self.columns > MAX_COLUMNS or self.rows * self.columns > MAX_CELLS:
            raise FileRefused(
                f"the sheet {sheet} reaches row {self.rows:,} and column {self.columns:,}: at most {MAX_ROWS:,} rows, "
                f"{MAX_COLUMNS:,} columns and {MAX_CELLS:,} cells from the first to the last are read; remove the "
                "cells far from the table (or save the table as CSV) and upload it again"
            )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _refuse_long_text(where: str) -> FileRefused:
    return FileRefused(f"{where} has a text longer than {MAX_TEXT:,} characters, more than a spreadsheet cell holds")


class _XmlPart:
    """Streams one XML part through expat: counts text lengths and cell positions, keeps nothing else."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.extent = _Extent()
        self.text = 0
        self.row = 0
        self.column = 0
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self.start
        self.parser.CharacterDataHandler = self.characters
        self.parser.EntityDeclHandler = self.entity

    def entity(self, *args: object) -> None:
        raise FileRefused(f"{self.name} declares XML entities, which no spreadsheet writes")

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = tag.rsplit(":", 1)[-1]
        self.text = 0
        if local == "row":
            self.row = int(attributes["r"]) if attributes.get("r", "").isdigit() else self.row + 1
            self.column = 0
        elif local == "c":
            found = _REF.match(attributes.get("r", ""))
            if found:
                self.column = _column_number(found.group(1))
                self.row = int(found.group(2))
            else:
                self.column += 1
            self.extent.add(self.row, self.column)

    def characters(self, data: str) -> None:
        self.text += len(data)
        if self.text > MAX_TEXT:
            raise _refuse_long_text(self.name)

    def feed(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        read = 0
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                read += len(chunk)
                if read > MAX_PART_BYTES:
                    raise FileRefused(f"{self.name} unpacks to more than {MAX_PART_BYTES // 1024 // 1024} MB")
                self.parser.Parse(chunk, False)
        self.parser.Parse(b"", True)


def check_xlsx(data: bytes) -> None:
    """Refuse an XLSX workbook whose sheets or texts exceed the limits, before any reader unpacks it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        for info in archive.infolist():
            name = info.filename
            if (name.startswith("xl/worksheets/") and name.endswith(".xml")) or name == "xl/sharedStrings.xml":
                part = _XmlPart(name.rsplit("/", 1)[-1])
                part.feed(archive, info)
                part.extent.check(part.name.removesuffix(".xml"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, expat.ExpatError, ValueError) as exc:
        raise FileRefused(f"the file is not a readable XLSX workbook: {exc}") from exc


# BIFF8 records that hold one cell (row and column first), and the two that hold several of one row.
_CELL_RECORDS = {0x0006, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}
_MULTI_RECORDS = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, …, last column
_BOF = 0x0809


def check_xls(data: bytes) -> None:
    """Refuse an XLS workbook whose sheets exceed the limits: every cell record of its Workbook stream is read
    for its row and column (BIFF8, as Excel 97–2003 and the Sotkanet web site write it)."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        stream_name = "Workbook" if ole.exists("Workbook") else "Book"
        stream = ole.openstream(stream_name).read()
    except (OSError, ValueError, struct.error) as exc:
        raise FileRefused(f"the file is not a readable Excel workbook (.xls): {exc}") from exc
    sheet, extent, position = -1, _Extent(), 0  # the first BOF opens the workbook's globals, then one a sheet
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4 : position + 4 + length]
        position += 4 + length
        if kind == _BOF:
            extent.check(str(sheet))
            sheet, extent = sheet + 1, _Extent()
        elif kind in _CELL_RECORDS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            extent.add(row + 1, column + 1)
        elif kind in _MULTI_RECORDS and len(body) >= 6:
            row, _first = struct.unpack_from("<HH", body)
            (last,) = struct.unpack_from("<H", body, len(body) - 2)
            extent.add(row + 1, last + 1)
    extent.check(str(sheet))
