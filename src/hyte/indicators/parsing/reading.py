"""From bytes to rows: CSV in any common dialect, XLSX and XLS workbooks (including the Sotkanet web site's
.xls, which many readers reject), with a clear refusal for everything else."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from hyte.indicators.parsing.limits import MAX_COLUMNS, check_xls, check_xlsx
from hyte.indicators.parsing.values import FileRefused, refuse_binary

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DELIMITERS = (";", ",", "\t", "|")


HEAD_ROWS = 20  # the rows that tell a file's layout and hold its header
_SNIFF_CHARS = 65536


class Sheet:
    """A file's cells, row by row. Row i is line (or spreadsheet row) i + 1.

    A workbook's rows are held (the reader gives the whole sheet). A text file's rows are read from its bytes
    each time the sheet is iterated, a line at a time, so that an import can go through a big file twice (check,
    then store) without ever holding its rows; `rows` reads them all at once, for previews and small files."""

    def __init__(
        self,
        rows: list[list[Any]] | None = None,
        *,
        complete: bool = True,
        workbook: bool = False,
        delimiter: str = "",
        source: Callable[[], Iterator[list[Any]]] | None = None,
    ) -> None:
        self._rows = rows
        self._source = source
        self._head: list[list[Any]] | None = None
        self._count: int | None = None
        self.complete = complete  # False: a text file whose last line has no line end (cut off?)
        self.workbook = workbook
        self.delimiter = delimiter

    def __iter__(self) -> Iterator[list[Any]]:
        if self._rows is not None or self._source is None:
            return iter(self._rows or [])
        return self._source()

    @property
    def rows(self) -> list[list[Any]]:
        """Every row at once."""
        if self._rows is None:
            self._rows = list(self)
        return self._rows

    @property
    def head(self) -> list[list[Any]]:
        """The first HEAD_ROWS rows: where a file's layout and header are."""
        if self._rows is not None:
            return self._rows[:HEAD_ROWS]
        if self._head is None:
            self._head = list(islice(self, HEAD_ROWS))
        return self._head

    def row(self, index: int) -> list[Any] | None:
        """Row `index` (0-based), or None past the end."""
        if index < 0:
            return None
        rows = self._rows if self._rows is not None else self.head if index < HEAD_ROWS else None
        if rows is not None:
            return rows[index] if index < len(rows) else None
        return next(islice(self, index, None), None)

    def count(self) -> int:
        """How many rows the sheet has (a text file is read through for it, keeping nothing)."""
        if self._rows is not None:
            return len(self._rows)
        if self._count is None:
            self._count = sum(1 for _row in self)
        return self._count


def read_sheet(data: bytes) -> Sheet:
    """The rows of a CSV (dialect sniffed) or of the first sheet of an XLSX or XLS workbook."""
    if data.startswith(b"PK\x03\x04"):
        kind = _zip_kind(data)
        check_xlsx(data)
        return Sheet(rows=_read_workbook(data, kind=kind), workbook=True)
    if data.startswith(OLE2):
        check_xls(data)
        return Sheet(rows=_read_workbook(data, kind="xls"), workbook=True)
    encoding = text_encoding(data)
    # The first 65,536 characters after the line ends are made uniform, as `decode` would give them.
    head = _uniform_lines(bytes(data[: 4 * _SNIFF_CHARS]).decode(encoding, errors="ignore"))[:_SNIFF_CHARS]
    delimiter = sniff_delimiter(head)
    sheet = Sheet(
        complete=data.endswith((b"\n", b"\r")),
        delimiter=delimiter,
        source=lambda: _read_csv(data, encoding, delimiter),
    )
    sheet.count()  # read through once, keeping nothing: a file that cannot be read as CSV is refused now
    return sheet


def text_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM), else ISO-8859-1 as the Sotkanet web site writes; refuse what is not text.
    The same choice as `decode` makes, found without decoding the whole file at once."""
    refuse_binary(data)
    if data.isascii():
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(view), _CHECK_CHUNK):
            decoder.decode(view[start : start + _CHECK_CHUNK], final=start + _CHECK_CHUNK >= len(view))
    except UnicodeDecodeError:
        return "iso-8859-1"
    return "utf-8-sig"


_CHECK_CHUNK = 256 * 1024


def _uniform_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _read_csv(data: bytes, encoding: str, delimiter: str) -> Iterator[list[str]]:
    """The rows of a CSV file, read a line at a time; line ends (LF, CRLF or CR) are made uniform. A field over
    the size limit (usually a quote left open, which swallows the rest of the file) or a row of more than
    MAX_COLUMNS fields refuses the file, naming the line."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=None)
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        for row in reader:
            if len(row) > MAX_COLUMNS:
                raise FileRefused(
                    f"line {reader.line_num} has {len(row):,} fields: at most {MAX_COLUMNS:,} columns are read"
                )
            yield row
    except csv.Error as exc:
        raise FileRefused(
            f"line {reader.line_num}: the file cannot be read as CSV ({exc}); a field longer than "
            f'{csv.field_size_limit():,} characters usually means a quote (") left open'
        ) from exc


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
