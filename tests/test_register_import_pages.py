"""The register's import pages and command: upload → columns (guessed, changeable) → preview row by row →
confirm, the template, Linked Events through the page, refusals shown on the page, who may use them, and
`hyte import_register`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from hyte.actors.imports.columns import COLUMNS
from hyte.actors.imports.sheet import guess_mapping
from hyte.actors.models import Activity, Actor, ImportStatus, RegisterImport
from hyte.audit.models import AuditEntry
from tests.actors_world import build_register
from tests.linked_events_server import serving
from tests.register_files import GOOD, HEADER, csv_bytes, xlsx_bytes

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _client(world, persona):
    client = Client()
    client.force_login(world.users[persona])
    return client


def _upload(client, data: bytes, name: str = "toiminnot.csv", slug: str = "kemi", **fields):
    return client.post(f"/o/{slug}/register/import/", {"file": SimpleUploadedFile(name, data), **fields}, **EN)


def test_a_spreadsheet_goes_from_upload_through_its_columns_and_preview_to_the_register(world):
    build_register(world)
    client = _client(world, "coordinator")
    assert "Import" in client.get("/o/kemi/register/activities/", **EN).content.decode()
    bad = [*GOOD[1][:5], "Astrologia", *GOOD[1][6:]]
    bad[0] = "K9"

    response = _upload(client, csv_bytes([GOOD[0], bad]), publish="on")
    run = RegisterImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/o/kemi/register/import/{run.pk}/columns/"
    page = client.get(response["Location"], **EN).content.decode()
    assert 'name="title"' in page
    assert "The file has 2 rows after its header." in page
    assert re.search(r'<select name="title"[^>]*>.*?<option value="1" selected>2: Otsikko</option>', page, re.S)

    response = client.post(response["Location"], {"header_row": "1", **guess_mapping(HEADER)}, **EN)
    assert response["Location"] == f"/o/kemi/register/import/{run.pk}/"
    page = client.get(response["Location"], **EN).content.decode()
    assert "New: 1. Updated: 0. Unchanged: 0. Rejected: 1." in page
    assert "Kemin Martat ry (new actor)" in page
    assert "Unknown theme Astrologia." in page
    assert not Activity.objects.filter(source="sheet:kemi").exists()

    response = client.post(f"/o/kemi/register/import/{run.pk}/", **EN)
    assert response.status_code == 302
    page = client.get(response["Location"], **EN).content.decode()
    assert "Outcome" in page
    assert "Unknown theme Astrologia." in page
    chair = Activity.objects.get(source="sheet:kemi", external_id="K1")
    assert chair.is_published  # "publish the new activities" was chosen
    assert AuditEntry.objects.filter(action="register_import.done", object_id=str(run.pk)).exists()


def test_the_columns_can_be_changed_before_the_preview(world):
    build_register(world)
    client = _client(world, "coordinator")
    _upload(client, csv_bytes(GOOD))
    run = RegisterImport.objects.get()
    columns = {**guess_mapping(HEADER), "title": 2, "provider": 1}  # swapped by hand

    client.post(f"/o/kemi/register/import/{run.pk}/columns/", {"header_row": "1", **columns}, **EN)
    run.refresh_from_db()

    assert run.status == ImportStatus.PREVIEW
    assert run.parameters["columns"]["title"] == 2
    page = client.get(f"/o/kemi/register/import/{run.pk}/", **EN).content.decode()
    assert "<td>Kemin Martat ry</td>" in page  # the "title" now comes from the third column
    twice = {**guess_mapping(HEADER), "provider": 1}
    response = client.post(f"/o/kemi/register/import/{run.pk}/columns/", {"header_row": "1", **twice}, **EN)
    assert "This column is chosen for another field already." in response.content.decode()


def test_the_preview_asks_the_database_as_often_for_thirty_rows_as_for_three(world):
    """The plan reads the register once per import, not once per row (the query counts of test_query_counts)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_register(world)
    client = _client(world, "coordinator")
    counts = []
    for size in (3, 30):
        rows = [
            [
                f"R{size}-{n}",
                f"Toiminta {n}",
                f"Yhdistys {n}",
                "",
                "Kemi",
                "Liikunta",
                "Lapset",
                "Omaishoitajat",
                "1.9.2026",
                "",
                "kyllä",
                "",
                "",
                "fi",
            ]
            for n in range(size)
        ]
        rows += [GOOD[2]]  # one provider found in the register by its name
        _upload(client, csv_bytes(rows))
        run = RegisterImport.objects.latest("pk")
        client.post(f"/o/kemi/register/import/{run.pk}/columns/", {"header_row": "1", **guess_mapping(HEADER)})
        with CaptureQueriesContext(connection) as queries:
            page = client.get(f"/o/kemi/register/import/{run.pk}/", **EN).content.decode()
        assert f"New: {size + 1}. Updated: 0. Unchanged: 0. Rejected: 0." in page
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_refused_file_is_shown_on_the_page_and_nothing_is_kept(world):
    build_register(world)
    client = _client(world, "coordinator")
    response = _upload(client, xlsx_bytes(GOOD)[:900], name="toiminnot.xlsx")

    assert response.status_code == 200
    assert "The workbook is damaged or cut short" in response.content.decode()
    assert not RegisterImport.objects.exists()


def test_an_hsds_file_is_recognised_by_its_content(world):
    build_register(world)
    import json

    from tests.test_register_import_hsds import services

    response = _upload(_client(world, "coordinator"), json.dumps(services()).encode(), name="palvelut.txt")
    run = RegisterImport.objects.get()
    assert (run.file_format, run.status) == ("hsds", ImportStatus.PREVIEW)
    assert response["Location"] == f"/o/kemi/register/import/{run.pk}/"


def test_the_template_has_every_column_the_import_recognises(world):
    build_register(world)
    for language in ("fi", "sv", "en"):
        response = _client(world, "coordinator").get(
            "/o/kemi/register/import/template.xlsx", HTTP_ACCEPT_LANGUAGE=language
        )
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        header = workbook.get_sheet_by_index(0).to_python()[0]
        assert guess_mapping(header) == {column.name: index for index, column in enumerate(COLUMNS)}
        guide = [row[0] for row in workbook.get_sheet_by_index(1).to_python()]
        assert "physical-activity" in guide
        assert "informal-carers" in guide
        assert "working_age" in guide


def test_linked_events_are_fetched_previewed_and_imported_through_the_page(world, settings):
    register = build_register(world)
    client = _client(world, "coordinator")
    with serving() as server:
        settings.HYTE_LINKED_EVENTS_URL = server.base
        data = {"query": "keyword=yso:p916", "municipality": world.kemi.area_id, "provider": register["library"].pk}
        response = client.post("/o/kemi/register/import/linked-events/", data, **EN)
        run = RegisterImport.objects.get()
        assert response["Location"] == f"/o/kemi/register/import/{run.pk}/"
        page = client.get(response["Location"], **EN).content.decode()
        assert "Its place is in Helsinki, not in Kemi." in page
        assert "New: 2." in page

        failed = client.post("/o/kemi/register/import/linked-events/", {**data, "query": "keyword=broken"}, **EN)
        assert failed.status_code == 200
        assert "answered HTTP 500" in failed.content.decode()
        assert RegisterImport.objects.count() == 1
    client.post(f"/o/kemi/register/import/{run.pk}/", **EN)
    assert Activity.objects.filter(source=run.source).count() == 2


def test_an_ngo_imports_through_its_own_pages_and_its_reader_cannot(world):
    register = build_register(world)
    ngo = _client(world, "ngo")
    page = ngo.get("/o/kemin-seniorit/register/import/", **EN).content.decode()
    assert "The activities are imported into your organisation's own entry." in page
    rows = [["S1", "Muistikahvila", "", "", "Kemi", "loneliness", "older", "", "", "", "kyllä", "", "", ""]]
    _upload(ngo, csv_bytes(rows), slug="kemin-seniorit")
    run = RegisterImport.objects.get()
    ngo.post(f"/o/kemin-seniorit/register/import/{run.pk}/columns/", {"header_row": "1", **guess_mapping(HEADER)})
    ngo.post(f"/o/kemin-seniorit/register/import/{run.pk}/")
    assert list(Activity.objects.get(external_id="S1").providers.all()) == [register["seniors"]]

    reader = _client(world, "ngo_reader")
    assert reader.get("/o/kemin-seniorit/register/import/").status_code == 404
    assert reader.get(f"/o/kemin-seniorit/register/import/{run.pk}/").status_code == 404
    assert _client(world, "coordinator").get(f"/o/kemin-seniorit/register/import/{run.pk}/").status_code == 404


def test_a_discarded_import_goes_and_says_so(world):
    build_register(world)
    client = _client(world, "coordinator")
    _upload(client, csv_bytes(GOOD))
    run = RegisterImport.objects.get()
    response = client.post(f"/o/kemi/register/import/{run.pk}/discard/", follow=True, **EN)
    assert "The import was discarded; nothing of it was written." in response.content.decode()
    run.refresh_from_db()
    assert run.status == ImportStatus.DISCARDED
    assert run.upload is None


# The command -------------------------------------------------------------------------------------------------


@pytest.fixture
def english():
    """The command's reasons are matched in English (Finnish is the default language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _file(tmp_path: Path, data: bytes, name: str = "toiminnot.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_the_command_imports_a_spreadsheet_as_a_user_and_prints_the_rejected_rows(world, tmp_path, english):
    build_register(world)
    bad = list(GOOD[1])
    bad[0], bad[8], bad[9] = "K9", "2.9.2026", "1.9.2026"
    out = io.StringIO()

    call_command(
        "import_register",
        _file(tmp_path, csv_bytes([GOOD[0], bad])),
        "--format",
        "csv",
        "--organisation",
        "kemi",
        "--as",
        "coordinator",
        stdout=out,
    )

    text = out.getvalue()
    assert "2 rows: 1 new, 0 updated, 0 unchanged, 1 rejected" in text
    assert "row 3: The activity cannot end before it starts." in text
    assert "1 new, 0 updated, 0 unchanged, 1 rejected, 1 new actors" in text
    entry = AuditEntry.objects.get(action="register_import.done")
    assert entry.actor == world.users["coordinator"]


def test_the_command_runs_as_the_system_and_a_dry_run_writes_nothing(world, tmp_path):
    build_register(world)
    path = _file(tmp_path, xlsx_bytes(GOOD), "toiminnot.xlsx")
    out = io.StringIO()
    call_command("import_register", path, "--format", "xlsx", "--organisation", "kemi", "--dry-run", stdout=out)
    assert "3 rows: 3 new" in out.getvalue()
    assert "Dry run: nothing was written." in out.getvalue()
    assert not RegisterImport.objects.exists()

    call_command("import_register", path, "--format", "xlsx", "--organisation", "kemi", stdout=io.StringIO())
    assert Activity.objects.filter(source="sheet:kemi").count() == 3
    assert AuditEntry.objects.get(action="register_import.done").actor_name == "system: command line"


@pytest.mark.parametrize(
    ("data", "arguments", "message"),
    [
        (csv_bytes(GOOD), ["--format", "xlsx"], "the file is CSV, not XLSX as --format says"),
        (csv_bytes(GOOD)[:-40], ["--format", "csv"], "ends in the middle of a row"),
        (b'{"meta": {}, "data": []}', ["--format", "hsds"], "not Open Referral HSDS"),
        (csv_bytes(GOOD), ["--format", "csv", "--column", "title=0"], "give NAME=N"),
        (csv_bytes([["x", "y"]], ["Foo", "Bar"]), ["--format", "csv"], "No column holds the activities' titles"),
        (csv_bytes([[*GOOD[0][:4], "Tornio", *GOOD[0][5:]]]), ["--format", "csv"], "every row was rejected"),
        (csv_bytes(GOOD), ["--format", "csv", "--as", "outsider"], "outsider is not allowed to import into"),
    ],
)
@pytest.mark.usefixtures("english")
def test_the_command_refuses_with_the_reason_and_writes_nothing(world, tmp_path, data, arguments, message):
    build_register(world)
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command(
            "import_register", _file(tmp_path, data), "--organisation", "kemi", *arguments, stdout=io.StringIO()
        )
    assert not Activity.objects.filter(source="sheet:kemi").exists()
    assert not Actor.objects.filter(name="Kemin Martat ry").exists()


def test_the_command_imports_linked_events(world, settings, english):
    register = build_register(world)
    with serving() as server:
        settings.HYTE_LINKED_EVENTS_URL = server.base
        out = io.StringIO()
        call_command(
            "import_register",
            "--format",
            "linked-events",
            "--organisation",
            "kemi",
            "--query",
            "keyword=yso:p916",
            "--provider",
            str(register["library"].pk),
            stdout=out,
        )
    assert "row 3: Its place is in Helsinki, not in Kemi." in out.getvalue()
    assert Activity.objects.filter(external_id__startswith="kemi:").count() == 2
