"""Files for the register's import tests, built by the tests themselves: spreadsheets of activities (CSV in
several encodings and delimiters, XLSX) and HSDS documents, and a shortcut through the import's services."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from hyte.actors.imports.files import read_rows
from hyte.actors.imports.reading import plan_of
from hyte.actors.imports.services import choose_columns, confirm_import, start_import
from hyte.actors.imports.sheet import guess_mapping

HEADER = [
    "Tunnus",
    "Otsikko",
    "Järjestäjä",
    "Y-tunnus",
    "Kunta",
    "Teemat",
    "Ikäryhmät",
    "Kohderyhmät",
    "Alkaa",
    "Päättyy",
    "Maksuton",
    "Hinta",
    "Linkki",
    "Kielet",
]
GOOD = [
    [
        "K1",
        "Tuolijumppa",
        "Kemin Martat ry",
        "0201256-6",
        "Kemi",
        "Liikunta; Yksinäisyys ja sosiaaliset suhteet",
        "ikääntyneet",
        "Omaishoitajat",
        "1.9.2026",
        "15.12.2026",
        "kyllä",
        "",
        "https://martat.example.fi/jumppa",
        "fi; sv",
    ],
    ["K2", "Lukupiiri", "Kemin Martat ry", "0201256-6", "240", "culture", "older", "", "", "", "", "3 €", "", "suomi"],
    [
        "K3",
        "Perhekahvila",
        "Kemin kaupunginkirjasto",
        "",
        "Kemi",
        "family",
        "Lapset",
        "",
        "2026-10-01",
        "",
        "kyllä",
        "",
        "",
        "",
    ],
]


def csv_bytes(
    rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER, *, delimiter: str = ";", encoding: str = "utf-8"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[Any]], header: Sequence[str] = HEADER) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append([_typed(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _typed(cell: Any) -> Any:
    """Dates and yes/no as a spreadsheet program stores them, not as text."""
    if isinstance(cell, str) and cell.count(".") == 2 and cell.replace(".", "").isdigit():
        day, month, year = (int(part) for part in cell.split("."))
        return dt.datetime(year, month, day)  # noqa: DTZ001 - a spreadsheet's date has no time zone
    return {"kyllä": True, "ei": False}.get(cell, cell)


def start_sheet(world: Any, data: bytes, persona: str = "coordinator", organisation: Any = None, **options: Any) -> Any:
    """A spreadsheet import started and its columns chosen as guessed: waiting for confirmation."""
    user = world.users[persona]
    run = start_import(
        actor=user,
        organisation=organisation or world.kemi,
        file_format="sheet",
        data=data,
        filename="toiminnot.csv",
        **options,
    )
    choose_columns(actor=user, run=run, columns=guess_mapping(read_rows(data)[0]))
    return run


def preview(world: Any, data: bytes, persona: str = "coordinator", organisation: Any = None) -> list[Any]:
    return plan_of(start_sheet(world, data, persona, organisation), world.users[persona])


def import_sheet(
    world: Any, data: bytes, persona: str = "coordinator", organisation: Any = None, **options: Any
) -> Any:
    return confirm_import(actor=world.users[persona], run=start_sheet(world, data, persona, organisation, **options))
