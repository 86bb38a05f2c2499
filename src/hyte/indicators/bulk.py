"""The bulk lane: the Sotkanet API's own CSV read, checked, resolved and written column by column.

Big files are the API's CSV (`indicator;region;year;gender;primary value;absolute value`). When every row of such
a file is in the API's plain form (whole-number ids, a year, total/male/female, plain decimal numbers), polars
reads the whole file at once and the rows reach PostgreSQL as one CSV stream per indicator: about ten times the
speed of the general reader, which is Python row by row. The rules are the general reader's: every distinct
indicator and area is resolved by the same resolvers, duplicates keep the first line, and every row that cannot
be stored is rejected with the same reason. A file with any other row, or on SQLite, takes the general path.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from hyte.indicators.areas import Resolution, Unresolved
from hyte.indicators.models import MissingReason
from hyte.indicators.parsing import ParsedRow
from hyte.indicators.parsing.sotkanet import API_HEADER

HEADER = ";".join(API_HEADER).encode() + b"\n"
_PLAIN = r"^-?\d+(?:\.\d+)?$"


def plain_api_frame(data: bytes) -> pl.DataFrame | None:
    """The rows of an API CSV whose every row is plain, with their line numbers; None for any other file."""
    if not data.startswith(HEADER) or not data.endswith(b"\n") or b'"' in data or b"\r" in data:
        return None
    lines = data.count(b"\n")
    if data.count(b";") != 5 * lines or b"\n\n" in data:  # every line has exactly six fields, none is empty
        return None
    try:
        frame = pl.read_csv(io.BytesIO(data), separator=";", infer_schema=False, quote_char=None)
    except (pl.exceptions.PolarsError, UnicodeDecodeError):
        return None
    frame.columns = ["indicator", "region", "year", "gender", "value", "absolute"]
    plain = frame.select(
        pl.col("indicator").str.contains(r"^\d+$").all()
        & pl.col("region").str.contains(r"^\d+$").all()
        & pl.col("year").str.contains(r"^(?:1[89]\d\d|2[01]\d\d|2200)$").all()
        & pl.col("gender").is_in(["total", "male", "female"]).all()
        & (pl.col("value").is_null() | pl.col("value").str.contains(_PLAIN)).all()
        & (pl.col("absolute").is_null() | pl.col("absolute").str.contains(_PLAIN)).all()
    ).item()
    if not plain or frame.height != lines - 1:
        return None
    return frame.with_row_index("line", offset=2)


@dataclass
class Rejection:
    line: int
    reason: str


def resolve_frame(
    frame: pl.DataFrame,
    *,
    resolve_area: Callable[[ParsedRow], Resolution],
    resolve_indicator: Callable[[ParsedRow], int | None],
) -> tuple[pl.DataFrame, list[Rejection]]:
    """The rows with indicator and area ids, first occurrences only, and the rows rejected on the way."""
    indicators: dict[str, int | None] = {}
    for line, key in frame.group_by("indicator").agg(pl.col("line").min()).select("line", "indicator").iter_rows():
        indicators[key] = resolve_indicator(ParsedRow(line, key, "", 0, None))
    areas: dict[str, Resolution] = {}
    for line, key in frame.group_by("region").agg(pl.col("line").min()).select("line", "region").iter_rows():
        areas[key] = resolve_area(ParsedRow(line, "", key, 0, None))
    area_ids = {key: found for key, found in areas.items() if not isinstance(found, Unresolved)}
    resolved = frame.with_columns(
        pl.col("indicator").replace_strict(indicators, default=None, return_dtype=pl.Int64).alias("indicator_id"),
        pl.col("region").replace_strict(area_ids, default=None, return_dtype=pl.Int64).alias("area_id"),
    )
    rejected: list[Rejection] = []
    unknown = resolved.filter(pl.col("indicator_id").is_null())
    rejected += [
        Rejection(line, f"unknown indicator {key!r}") for line, key in unknown.select("line", "indicator").iter_rows()
    ]
    unplaced = resolved.filter(pl.col("indicator_id").is_not_null() & pl.col("area_id").is_null())
    for line, key in unplaced.select("line", "region").iter_rows():
        found = areas[key]
        rejected.append(Rejection(line, found.reason if isinstance(found, Unresolved) else f"unknown area {key!r}"))
    good = resolved.filter(pl.col("indicator_id").is_not_null() & pl.col("area_id").is_not_null())
    key = ["indicator_id", "area_id", "year", "gender"]
    good = good.with_columns(pl.col("line").min().over(key).alias("first_line"))
    duplicates = good.filter(pl.col("line") != pl.col("first_line"))
    rejected += [
        Rejection(line, f"duplicate in file: the same value is on line {first}")
        for line, first in duplicates.select("line", "first_line").iter_rows()
    ]
    return good.filter(pl.col("line") == pl.col("first_line")), rejected


def copy_text(frame: pl.DataFrame, *, batch_id: int) -> bytes:
    """The rows in PostgreSQL's COPY text format, in the store's column order. No value of these columns holds
    a tab, a newline or a backslash (ids, years, gender words, numbers), so nothing needs escaping."""
    rows = frame.select(
        pl.col("indicator_id"),
        pl.col("area_id"),
        pl.col("year").cast(pl.Int16),
        pl.lit("").alias("period"),
        pl.col("gender"),
        pl.lit("").alias("age_group"),
        pl.col("value").cast(pl.Float64),
        pl.col("absolute").cast(pl.Float64).alias("absolute_value"),
        pl.lit(None, dtype=pl.Float64).alias("ci_low"),
        pl.lit(None, dtype=pl.Float64).alias("ci_high"),
        pl.when(pl.col("value").is_null())
        .then(pl.lit(MissingReason.SUPPRESSED.value))
        .otherwise(pl.lit(""))
        .alias("missing_reason"),
        pl.lit(batch_id, dtype=pl.Int64).alias("batch_id"),
    )
    text = rows.write_csv(include_header=False, separator="\t", quote_style="never", null_value="\\N")
    return text.encode()


def split_by(frame: pl.DataFrame, indicator_ids: set[int]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(rows of these indicators, the other rows)."""
    inside = pl.col("indicator_id").is_in(list(indicator_ids))
    return frame.filter(inside), frame.filter(~inside)
