"""Reading indicator values from files: Sotkanet's API CSV and JSON (also as the R client and others save them),
the Sotkanet web site's CSV and spreadsheet exports, and any long or wide table (CSV, XLSX, XLS) through a column
mapping.

Parsers never touch the database. They yield `ParsedRow` for rows they could read and `Rejected` (line and
reason) for rows they could not; a file that cannot be read at all, or that was cut off, raises `FileRefused`
with the reason and nothing of it is imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hyte.indicators.parsing.reading import OLE2, Sheet, read_sheet
from hyte.indicators.parsing.sotkanet import (
    grid_header_row,
    is_web_export,
    long_columns,
    parse_sotkanet_csv,
    parse_sotkanet_grid,
    parse_sotkanet_json,
    parse_sotkanet_long,
    parse_sotkanet_web,
)
from hyte.indicators.parsing.tables import (
    AREA_READINGS,
    Mapping,
    guess_header_row,
    guess_mapping,
    parse_table,
    read_table,
)
from hyte.indicators.parsing.values import FileRefused, Parsed, ParsedRow, Rejected, decode, parse_number, parse_year

HEAD = 65536
SOTKANET_FORMATS = ("sotkanet-csv", "sotkanet-json", "sotkanet-web", "sotkanet-grid")
FORMATS = (*SOTKANET_FORMATS, "table")


def _is_json(data: bytes) -> bool:
    return data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{")


def layout_of(sheet: Sheet) -> str:
    """sotkanet-csv, sotkanet-web, sotkanet-grid or table (which needs a column mapping)."""
    head = sheet.head
    header = next((row for row in head[:1]), [])
    if long_columns(header) is not None:
        return "sotkanet-csv"
    if is_web_export(head):
        return "sotkanet-web"
    if grid_header_row(head) is not None:
        return "sotkanet-grid"
    return "table"


def detect_format(data: bytes) -> str:
    """The file's format, from its content: one of FORMATS."""
    if not data or data.isspace():  # not `strip()`, which would copy the whole file
        raise FileRefused("the file is empty")
    if _is_json(data):
        return "sotkanet-json"
    if not data.startswith((b"PK\x03\x04", OLE2)) and len(data) > HEAD:
        # A text file's layout shows in its first lines: read those, up to the last whole line.
        head = data[:HEAD]
        return layout_of(read_sheet(head[: head.rfind(b"\n") + 1] or head))
    return layout_of(read_sheet(data))


def parse_bytes(data: bytes, *, file_format: str = "", mapping: Mapping | None = None) -> Iterable[Parsed]:
    """Parse a whole file by its (detected or given) format."""
    if not data or data.isspace():  # not `strip()`, which would copy the whole file
        raise FileRefused("the file is empty")
    if file_format == "sotkanet-json" or (not file_format and _is_json(data)):
        return parse_sotkanet_json(decode(data))
    return parse_sheet(read_sheet(data), file_format=file_format, mapping=mapping)


def parse_sheet(sheet: Sheet, *, file_format: str = "", mapping: Mapping | None = None) -> Iterator[Parsed]:
    """Parse a sheet by its (detected or given) format; a text file's sheet can be parsed again and again."""
    file_format = layout_of(sheet) if file_format in ("", "xlsx") else file_format
    if file_format == "table":
        if mapping is None:
            raise FileRefused("this file needs a column mapping: say which column holds what")
        return parse_table(sheet, mapping)
    parser = {
        "sotkanet-csv": parse_sotkanet_long,
        "sotkanet-web": parse_sotkanet_web,
        "sotkanet-grid": parse_sotkanet_grid,
    }.get(file_format)
    if parser is None:
        raise FileRefused(f"unknown format {file_format!r}")
    return parser(sheet)


__all__ = [
    "AREA_READINGS",
    "FORMATS",
    "OLE2",
    "SOTKANET_FORMATS",
    "FileRefused",
    "Mapping",
    "Parsed",
    "ParsedRow",
    "Rejected",
    "Sheet",
    "decode",
    "detect_format",
    "guess_header_row",
    "guess_mapping",
    "layout_of",
    "parse_bytes",
    "parse_number",
    "parse_sheet",
    "parse_sotkanet_csv",
    "parse_sotkanet_json",
    "parse_sotkanet_web",
    "parse_table",
    "parse_year",
    "read_sheet",
    "read_table",
]
