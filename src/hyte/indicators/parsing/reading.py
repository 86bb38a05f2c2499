"""From bytes to rows: CSV in any common dialect, XLSX and XLS workbooks (including the Sotkanet web site's
.xls, which many readers reject), with a clear refusal for everything else."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from typing import Any

from hyte.indicators.parsing.limits import MAX_COLUMNS, check_xls, check_xlsx
from hyte.indicators.parsing.values import FileRefused, decode, ends_complete

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DELIMITERS = (";", ",", "\t", "|")


@dataclass
class Sheet:
    """A file's cells, row by row. Row i of `rows` is line (or spreadsheet row) i + 1."""

    rows: list[list[Any]]
    complete: bool = True  # False: a text file whose last line has no line end (cut off?)
    workbook: bool = False
    delimiter: str = ""


def read_sheet(data: bytes) -> Sheet:
    """The rows of a CSV (dialect sniffed) or of the first sheet of an XLSX or XLS workbook."""
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        check_xlsx(data)
        return Sheet(rows=_read_workbook(data, kind=kind), workbook=True)
    if data.startswith(OLE2):
        check_xls(data)
        return Sheet(rows=_read_workbook(data, kind="xls"), workbook=True)
    text = decode(data)
    delimiter = sniff_delimiter(text)
    return Sheet(rows=_read_csv(text, delimiter), complete=ends_complete(text), delimiter=delimiter)


def _read_csv(text: str, delimiter: str) -> list[list[str]]:
    """The rows of a CSV text; a field over the size limit (usually a quote left open, which swallows the rest
    of the file) or a row of more than MAX_COLUMNS fields refuses the file, naming the line."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if len(row) > MAX_COLUMNS:
                raise FileRefused(
                    f"line {reader.line_num} has {len(row):,} fields: at most {MAX_COLUMNS:,} columns are read"
                )
            rows.append(row)
    except csv.Error as exc:
        raise FileRefused(
            f"line {reader.line_num}: the file cannot be read as CSV ({exc}); a field longer than "
            f'{csv.field_size_limit():,} characters usually means a quote (") left open'
        ) from exc
    return rows


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number of fields most often (and the most)."""
    sample = text[:65536].split("\n")[:20]
    if len(sample) > 1 and not text[:65536].endswith("\n"):
        sample = sample[:-1]  # the last sampled line may be cut by the sample's end
    best, best_score = ";", (0, 0)
    for delimiter in DELIMITERS:
        counts = Counter(len(row) for row in csv.reader(sample, delimiter=delimiter) if row)
        if not counts:
            continue
        fields, lines = counts.most_common(1)[0]
        score = (lines, fields) if fields > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile as exc:
        raise FileRefused(f"the file is a damaged ZIP or XLSX file ({exc})") from exc
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names:
        raise FileRefused("the file is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV and upload that")
    if "word/document.xml" in names:
        raise FileRefused("the file is a Word document, not a table of values; upload a CSV, XLSX or XLS file")
    raise FileRefused("the file is a ZIP archive, not a workbook; unpack it and upload the CSV or XLSX inside")


def _clean(cell: Any) -> Any:
    # Excel's cells come as float for every number; strings from the Sotkanet web site's .xls (written by
    # JExcelAPI) come from calamine with a NUL after every character, which is never part of real text.
    if isinstance(cell, str) and "\x00" in cell:
        return cell.replace("\x00", "")
    return cell


def _read_workbook(data: bytes, *, kind: str) -> list[list[Any]]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = workbook.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError) as exc:
        if kind == "xls":
            raise FileRefused(f"the file is not a readable Excel workbook (.xls): {exc}") from exc
        raise FileRefused(f"the file is not a readable XLSX workbook: {exc}") from exc
    return [[_clean(cell) for cell in row] for row in rows]
