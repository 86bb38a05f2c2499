# ruff: noqa: E501  (the XML of a minimal workbook, kept as written)
"""Small hostile files cannot take the server's memory or leave an import hanging (issue 14): workbooks are
checked before they are read, CSV errors are refused with the line, and imports that will not finish are
marked failed and their files deleted. Every bad file is made here."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from hyte.indicators.models import ImportBatch, ImportStatus
from hyte.indicators.parsing import FileRefused, read_sheet
from hyte.indicators.services import expire_imports, upload_import
from tests.conftest import SYSTEM

NS = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
MAIN = "http://schemas.openxmlformats.org"


def _workbook(sheet_xml: str, shared: str = "") -> bytes:
    """A minimal XLSX package around one sheet's XML (and shared strings)."""
    overrides = '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    if shared:
        overrides += '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    parts = {
        "[Content_Types].xml": f'<?xml version="1.0"?><Types xmlns="{MAIN}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{MAIN}/package/2006/relationships"><Relationship Id="rId1" Type="{MAIN}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{MAIN}/spreadsheetml/2006/main" xmlns:r="{MAIN}/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{MAIN}/package/2006/relationships"><Relationship Id="rId1" Type="{MAIN}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        + (
            f'<Relationship Id="rId2" Type="{MAIN}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            if shared
            else ""
        )
        + "</Relationships>",
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    if shared:
        parts["xl/sharedStrings.xml"] = shared
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def far_cell_xlsx() -> bytes:
    """Two cells, A1 and XFD1048576: 1.5 KB that a reader turns into a grid of 17 billion cells."""
    return _workbook(
        NS + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>kunta</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    )


def huge_string_xlsx() -> bytes:
    """One shared string of 50 million characters, packed into a few hundred kilobytes."""
    return _workbook(
        NS + '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
        shared=f'<?xml version="1.0"?><sst xmlns="{MAIN}/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>'
        + "a" * 50_000_000
        + "</t></si></sst>",
    )


def far_cell_xls() -> bytes:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("S")
    sheet.write(0, 0, "kunta")
    sheet.write(65535, 255, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HOSTILE = {
    "a far cell (xlsx)": (far_cell_xlsx, "reaches row 1,048,576 and column 16,384"),
    "a huge shared string (xlsx)": (huge_string_xlsx, "longer than 32,767 characters"),
    "a far cell (xls)": (far_cell_xls, "reaches row 65,536 and column 256"),
    "a quote left open (csv)": (lambda: b'kunta;vuosi;arvo\n240;2024;"55\n' + b"x" * 200_000 + b"\n", "quote"),
    "a field over the limit (csv)": (lambda: b'a;b\n1;"' + b"y" * 140_000 + b'"\n', "131,072"),
    "56,000 columns (csv)": (lambda: b";" * 56_000 + b"\n1;2\n", "at most 1,000 columns"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_refused_before_it_is_read(name):
    make, reason = HOSTILE[name]
    with pytest.raises(FileRefused, match=reason):
        read_sheet(make())


def test_a_workbook_with_an_entity_declaration_is_refused():
    bomb = _workbook(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        + NS[NS.index("<worksheet") :]
        + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>'
    )
    with pytest.raises(FileRefused, match="entities"):
        read_sheet(bomb)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_web_upload_refuses_it_and_stores_nothing(world, name):
    make, reason = HOSTILE[name]
    before = ImportBatch.objects.count()
    extension = name.rsplit("(", 1)[1].rstrip(")")
    response = world.client_for("coordinator").post(
        "/o/kemi/imports/", {"file": SimpleUploadedFile(f"hostile.{extension}", make())}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200  # the form again, with the reason
    assert reason.split(",")[0] in response.content.decode().replace("&quot;", '"')
    assert ImportBatch.objects.count() == before


def test_the_command_line_refuses_it(world, tmp_path):
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(far_cell_xlsx())
    with pytest.raises(CommandError, match="reaches row 1,048,576"):
        call_command(
            "import_observations",
            str(path),
            "--organisation",
            "kemi",
            "--area-column",
            "1",
            "--value-column",
            "2",
            "--year",
            "2024",
            "--indicator",
            "KH1",
        )
    assert ImportBatch.objects.filter(status=ImportStatus.FAILED, filename__endswith="hostile.xlsx").exists()


def test_a_stored_upload_the_mapping_page_cannot_read_fails_its_batch_and_drops_the_file(world):
    batch = upload_import(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        filename="k.csv",
        data=b"kunta;vuosi;arvo\n240;2024;55\n",
    )
    # As stored by an earlier version, which did not check the whole file at upload.
    ImportBatch.objects.filter(pk=batch.pk).update(upload=b'a;b\n1;"' + b"y" * 140_000 + b'"\n')
    response = world.client_for("coordinator").get(f"/o/kemi/imports/{batch.pk}/columns/")
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert "quote" in batch.error
    assert batch.upload is None


def test_abandoned_and_stale_imports_are_marked_failed_and_their_files_deleted(world):
    waiting = upload_import(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        filename="k.csv",
        data=b"kunta;vuosi;arvo\n240;2024;55\n",
    )
    running = ImportBatch.objects.create(
        organisation=world.kemi,
        source="upload",
        status=ImportStatus.RUNNING,
        created_at=waiting.created_at,
        started_at=waiting.created_at,
        upload=b"x",
        parameters={"format": "sotkanet-csv"},
    )
    assert expire_imports(actor=SYSTEM) == []  # nothing is old yet
    with time_machine.travel(waiting.created_at + dt.timedelta(hours=2)):
        assert [b.pk for b in expire_imports(actor=SYSTEM)] == [running.pk]
    with time_machine.travel(waiting.created_at + dt.timedelta(hours=73)), translation.override("en"):
        assert {b.pk for b in expire_imports(actor=SYSTEM)} == {waiting.pk, world.batch.pk}
    for batch in (waiting, running):
        batch.refresh_from_db()
        assert batch.status == ImportStatus.FAILED
        assert batch.upload is None
    assert "mapping was not confirmed" in waiting.error
