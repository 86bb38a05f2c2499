"""A spreadsheet of activities (CSV or XLSX), read through a column mapping: guessed from the header in Finnish,
Swedish or English, checked and changed by the person importing. One row is one activity and its provider."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from hyte.actors.imports.columns import COLUMNS, Column
from hyte.actors.imports.rows import ImportRefused, ProviderIn, RowIn, a_list, text

BY_NAME = {column.name: column for column in COLUMNS}
LISTS = ("themes", "age_groups", "target_groups", "languages")
PROVIDER = {
    "provider": "name",
    "provider_id": "external_id",
    "provider_business_id": "business_id",
    "provider_kind": "kind",
}
NOT_ACTIVITY = {"id", "municipality", *LISTS, *PROVIDER}


def _norm(value: Any) -> str:
    return " ".join(str(value or "").replace("*", "").strip().rstrip(":").lower().split())


def recognised(column: Column) -> set[str]:
    words = set(column.words.split("|"))
    for language in ("fi", "sv", "en"):
        with override(language):
            words.add(_norm(column.label))
    return words


def guess_mapping(header: list[Any]) -> dict[str, int]:
    """Which column holds what, guessed from the header; the person importing checks it."""
    names = [_norm(cell) for cell in header]
    guesses: dict[str, int] = {}
    for column in COLUMNS:
        words = recognised(column)
        index = next((i for i, name in enumerate(names) if name in words and i not in guesses.values()), None)
        if index is not None:
            guesses[column.name] = index
    return guesses


def check_mapping(mapping: dict[str, int], header: list[Any]) -> None:
    """Refuse a mapping that cannot be read unambiguously: no title, a column not in the file, one column twice."""
    if "title" not in mapping:
        shown = ", ".join(str(cell) for cell in header if cell not in (None, ""))[:300]
        raise ImportRefused(
            _("No column holds the activities' titles (the header reads: %(header)s): choose it.") % {"header": shown}
        )
    for name, index in mapping.items():
        if name not in BY_NAME:
            raise ImportRefused(_("Unknown column %(name)s.") % {"name": name})
        if not 0 <= index < len(header):
            raise ImportRefused(
                _("Column %(number)d is not in the file, which has %(count)d columns.")
                % {"number": index + 1, "count": len(header)}
            )
    used = list(mapping.values())
    twice = next((index for index in used if used.count(index) > 1), None)
    if twice is not None:
        raise ImportRefused(
            _("Column %(number)d is chosen for two things: choose one column for each.") % {"number": twice + 1}
        )


def parse_rows(rows: list[list[Any]], mapping: dict[str, int], header_row: int = 1) -> Iterator[RowIn]:
    """The activities of a sheet: rows after the header, empty rows skipped. Row numbers are the sheet's own."""
    if not 1 <= header_row <= len(rows):
        raise ImportRefused(_("The file has no row %(row)d for its header.") % {"row": header_row})
    check_mapping(mapping, rows[header_row - 1])
    for line, row in enumerate(rows[header_row:], start=header_row + 1):
        if any(cell not in (None, "") for cell in row):
            yield _row(line, row, mapping)


def _row(line: int, row: list[Any], mapping: dict[str, int]) -> RowIn:
    found = RowIn(line=line, key="")
    values: dict[str, Any] = {}
    for name, index in mapping.items():
        column = BY_NAME[name]
        cell = row[index] if index < len(row) else None
        try:
            values[name] = column.read(cell)
        except ValueError as exc:
            found.problems.append(_("%(column)s: %(problem)s") % {"column": column.label, "problem": exc.args[0]})
    found.key = text(values.get("id"), 200)
    found.municipality = text(values.get("municipality"))
    for name in LISTS:
        if name in mapping:
            setattr(found, name, a_list(values.get(name)))
    provider = {field: text(values.get(name)) for name, field in PROVIDER.items() if values.get(name)}
    if provider:
        found.provider = ProviderIn(**provider)
    activity = {name: value for name, value in values.items() if name not in NOT_ACTIVITY}
    for name in ("online", "recurring", "is_free", "is_published"):
        if activity.get(name, "") is None:
            del activity[name]  # an empty yes/no cell: as the entry is, or the default
    if "is_free" not in activity and activity.get("fee"):
        activity["is_free"] = False
    found.activity = activity
    return found
