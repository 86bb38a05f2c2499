"""Reading indicator values from files: Sotkanet's API CSV and JSON, the Sotkanet web site's export, and any
long-format CSV or XLSX through a column mapping.

Parsers never touch the database. They yield `ParsedRow` for rows they could read and `Rejected` (line and
reason) for rows they could not; a file that cannot be read at all raises `FileRefused` with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from hyte.indicators.parsing.sotkanet import parse_sotkanet_csv, parse_sotkanet_json, parse_sotkanet_web
from hyte.indicators.parsing.tables import Mapping, guess_header_row, guess_mapping, parse_table, read_table
from hyte.indicators.parsing.values import FileRefused, Parsed, ParsedRow, Rejected, decode, parse_number, parse_year


def detect_format(data: bytes) -> str:
    """sotkanet-json, sotkanet-csv, sotkanet-web, xlsx or table (a CSV that needs a column mapping)."""
    head = data[:4096].lstrip()
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if head[:1] in (b"[", b"{"):
        return "sotkanet-json"
    first_line = head.split(b"\n", 1)[0].strip().lower().replace(b'"', b"")
    if first_line.startswith(b"indicator;region;year;gender"):
        return "sotkanet-csv"
    if re.match(rb'^"[^"]*";\d+;[^;]*;[^;]*;[^;]*;\d{4};', head):
        return "sotkanet-web"
    return "table"


def parse_bytes(data: bytes, *, name: str, file_format: str = "", mapping: Mapping | None = None) -> Iterable[Parsed]:
    """Parse a whole file by its (detected or given) format."""
    if not data.strip():
        raise FileRefused(f"{name}: the file is empty")
    file_format = file_format or detect_format(data)
    if file_format in ("table", "xlsx"):
        if mapping is None:
            raise FileRefused(f"{name}: this file needs a column mapping")
        return parse_table(read_table(data, name=name), mapping)
    text = decode(data, name=name)
    parser = {
        "sotkanet-csv": parse_sotkanet_csv,
        "sotkanet-json": parse_sotkanet_json,
        "sotkanet-web": parse_sotkanet_web,
    }.get(file_format)
    if parser is None:
        raise FileRefused(f"{name}: unknown format {file_format!r}")
    return parser(text)


__all__ = [
    "FileRefused",
    "Mapping",
    "Parsed",
    "ParsedRow",
    "Rejected",
    "decode",
    "detect_format",
    "guess_header_row",
    "guess_mapping",
    "parse_bytes",
    "parse_number",
    "parse_sotkanet_csv",
    "parse_sotkanet_json",
    "parse_sotkanet_web",
    "parse_table",
    "parse_year",
    "read_table",
]
