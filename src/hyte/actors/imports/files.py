"""From an uploaded file's bytes to what the readers read: the rows of a CSV (in any common encoding and
delimiter) or of an XLSX workbook's first sheet, or a JSON document. A file that is cut, garbled or not what it
claims is refused whole, saying which."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import zipfile
from typing import Any

from django.utils.translation import gettext as _

from hyte.actors.imports.rows import ImportRefused
from hyte.indicators.parsing import FileRefused, read_sheet
from hyte.indicators.parsing.reading import sniff_delimiter
from hyte.indicators.parsing.values import what_binary

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5000  # rows of activities in one import: a register's, not a statistics file's
XLSX = b"PK\x03\x04"
# Characters that text never holds: what is left of bytes read in the wrong encoding, or of binary data.
_CONTROL = {chr(c) for c in (*range(9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0))}
# UTF-8 read as Latin-1 and saved again as UTF-8: ä, ö, å and é turn into these pairs.
_TWICE = ("Ã¤", "Ã¶", "Ã¥", "Ã„", "Ã–", "Ã©", "â‚¬", "â\x82¬")
# A letter of another code page read as Windows-1252: a DOS file's ä becomes „ and a Mac file's ä becomes Š,
# between the letters of a word, where these never stand.
_MISREAD = re.compile(r"(?<=[^\W\d_])[ƒ„†‡ˆ‰Š‹ŒŽ•˜™š›œžŸ¤¦¨´¸¼½¾“”‚](?=[^\W\d_])")


def kind_of(data: bytes) -> str:
    """'xlsx', 'json' or 'csv', from the file's content (never its name); refuses what is none of them."""
    if not data or data.isspace():
        raise ImportRefused(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 20 MB."))
    if data.startswith(XLSX):
        return "xlsx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(_("The file is an old Excel workbook (.xls): save it as .xlsx or CSV and upload that."))
    start = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if start[:1] in (b"{", b"["):
        return "json"
    kind = what_binary(data)
    if kind and kind != "UTF-16 text":
        raise ImportRefused(
            _("The file is %(kind)s, not a table or JSON: upload a CSV, XLSX or JSON file.") % {"kind": kind}
        )
    return "csv"


def decode(data: bytes) -> str:
    """The text of a file in UTF-8 (with or without its mark), UTF-16 (what Excel saves as "Unicode text") or
    Windows-1252 (what Excel saves as "CSV" on Finnish Windows; Latin-1 is part of it). Text read in the wrong
    encoding and text converted twice are refused, not imported garbled."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    elif what_binary(data) == "UTF-16 text":
        encodings = ["utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"]
    else:
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            found = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise ImportRefused(
            _("The file's characters are in an encoding that cannot be recognised: save it as CSV UTF-8.")
        )
    if any(pair in found for pair in _TWICE):
        raise ImportRefused(
            _("The file's letters have been converted twice (ä shows as Ã¤): save the original as CSV UTF-8.")
        )
    bad = next((char for char in found if char in _CONTROL), None)
    if bad is not None:
        line = found[: found.index(bad)].count("\n") + 1
        raise ImportRefused(
            _("The file is garbled: line %(line)d has a character that text never holds (%(code)s).")
            % {"line": line, "code": f"U+{ord(bad):04X}"}
        )
    if _MISREAD.search(found):
        raise ImportRefused(
            _("The file's letters are in another encoding (ä reads as „ or Š): save it as CSV UTF-8 and upload that.")
        )
    return found.replace("\r\n", "\n").replace("\r", "\n")


def read_rows(data: bytes) -> list[list[Any]]:
    """The rows of a CSV file or of an XLSX workbook's first sheet."""
    kind = kind_of(data)
    if kind == "json":
        raise ImportRefused(_("The file is JSON, not a table: choose the HSDS format for it."))
    if kind == "xlsx":
        return _workbook_rows(data)
    text = decode(data)
    if not text.endswith("\n") and "\n" in text.strip():
        last = text.rsplit("\n", 1)[1]
        header = text.split("\n", 1)[0]
        delimiter = sniff_delimiter(text)
        if last.count(delimiter) < header.count(delimiter):
            raise ImportRefused(
                _("The file ends in the middle of a row: it was probably cut off while saving or uploading.")
            )
    delimiter = sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportRefused(_("The file cannot be read as CSV: %(reason)s") % {"reason": exc}) from exc
    if text.count('"') % 2:
        raise ImportRefused(_('The file has a quote (") left open: the rest of it would be read as one cell.'))
    return _limited(rows)


def _workbook_rows(data: bytes) -> list[list[Any]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            damaged = archive.testzip()
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise ImportRefused(
            _("The workbook is damaged or cut short: save it again and upload the whole file.")
        ) from exc
    if damaged is not None:
        raise ImportRefused(_("The workbook is damaged or cut short: save it again and upload the whole file."))
    if "xl/workbook.xml" not in names:
        raise ImportRefused(_("The file is a ZIP archive but not an XLSX workbook: upload a CSV or XLSX file."))
    try:
        return _limited(read_sheet(data).rows)
    except FileRefused as exc:
        raise ImportRefused(_("The workbook cannot be read: %(reason)s") % {"reason": exc}) from exc


def _limited(rows: list[list[Any]]) -> list[list[Any]]:
    while rows and not any(cell not in (None, "") for cell in rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS + 1:
        raise ImportRefused(
            _("The file has %(rows)d rows: at most %(limit)d are imported at a time; split the file.")
            % {"rows": len(rows) - 1, "limit": MAX_ROWS}
        )
    return rows


def read_json(data: bytes) -> Any:
    """A JSON document; a cut or broken one is refused, naming where it breaks."""
    if kind_of(data) != "json":
        raise ImportRefused(_("The file is not JSON: upload the JSON file, or choose the spreadsheet format."))
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportRefused(_("The JSON file is not UTF-8 text, as JSON must be.")) from exc
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            _("The JSON is cut short or broken at line %(line)d, column %(column)d: %(reason)s.")
            % {"line": exc.lineno, "column": exc.colno, "reason": exc.msg}
        ) from exc
