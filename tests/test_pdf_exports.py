"""A report's PDF is made in the background (issue 14): requested on the report's PDF page, rendered by a task
(at once with the embedded default, by `hyte db_worker` in production), listed with its state, downloaded by those
who may read the report's drafts, marked failed when it cannot be made or takes too long, and deleted after its
retention period."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from pypdf import PdfReader

from hyte.accounts.services import unshare_drafts
from hyte.audit.models import AuditEntry
from hyte.reports import exports, services
from hyte.reports.models import ExportStatus, ReportExport
from hyte.reports.services.pdf_exports import expire_pdfs, request_pdf
from hyte.reports.tasks import build
from tests.conftest import SYSTEM

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def draft(world):
    report = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Luonnos 2025–2029", term_start=2025, term_end=2029
    )
    services.add_goal(actor=SYSTEM, report=report, text="Liikkuva kunta")
    return report


def _page(report) -> str:
    return f"/o/kemi/reports/{report.pk}/pdf/"


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_with_the_embedded_default_the_pdf_is_ready_after_the_request(world, draft, django_capture_on_commit_callbacks):
    client = world.client_for("reader")
    with django_capture_on_commit_callbacks(execute=True):  # the task runs when the request commits
        response = client.post(_page(draft), {"language": "fi"})
    assert response.status_code == 302
    assert response["Location"] == _page(draft)
    export = ReportExport.objects.get(report=draft)
    assert export.status == ExportStatus.READY
    assert export.requested_by == world.users["reader"]
    assert export.size == len(export.data) > 1000
    actions = set(AuditEntry.objects.filter(object_type="reports.reportexport").values_list("action", flat=True))
    assert actions == {"report.pdf_request", "report.pdf_start", "report.pdf_ready"}
    made = AuditEntry.objects.get(action="report.pdf_ready")
    assert set(made.changes) == {"status", "size", "finished_at"}  # the file is not copied into the log

    page = client.get(_page(draft), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    download_url = f"/o/kemi/reports/{draft.pk}/pdf/{export.pk}/"
    assert download_url in html
    assert 'http-equiv="refresh"' not in html  # nothing is pending: the page does not reload itself
    assert "Ready" in html

    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "private" in download["Cache-Control"]
    assert download["Content-Disposition"].startswith(f'attachment; filename="hyvinvointikertomus-{draft.pk}-fi-')
    assert download["Content-Disposition"].endswith('.pdf"')
    assert download.content.startswith(b"%PDF-")
    text = _text(download.content)
    assert "Luonnos 2025–2029" in text
    assert "Liikkuva kunta" in text


def test_the_pdf_is_made_in_the_language_asked(world, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for("editor").post(_page(draft), {"language": "sv"})
    export = ReportExport.objects.get(report=draft)
    assert export.language == "sv"
    assert PdfReader(io.BytesIO(bytes(export.data))).trailer["/Root"]["/Lang"] == "sv"


def test_the_old_pdf_link_leads_to_the_pdf_page(world, draft):
    response = world.client_for("reader").get(f"/o/kemi/reports/{draft.pk}/export.pdf")
    assert response.status_code == 302
    assert response["Location"] == _page(draft)
    assert not ReportExport.objects.exists()  # a GET requests nothing


def test_an_unknown_language_is_refused_and_nothing_is_queued(world, draft):
    client = world.client_for("reader")
    response = client.post(_page(draft), {"language": "de"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ReportExport.objects.exists()
    with pytest.raises(Exception, match="Finnish, Swedish or English"), translation.override("en"):
        request_pdf(actor=world.users["reader"], report=draft, language="de")


@override_settings(TASKS=DATABASE_TASKS)
def test_with_a_worker_the_request_only_queues_and_the_worker_makes_it(
    world, draft, monkeypatch, django_capture_on_commit_callbacks
):
    rendered = []
    real = exports.report_pdf

    def counting(report, *, language="fi"):
        rendered.append(report.pk)
        return real(report, language=language)

    monkeypatch.setattr(exports, "report_pdf", counting)
    client = world.client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_page(draft), {"language": "fi"})
        client.post(_page(draft), {"language": "fi"})  # pressed twice: still one PDF in the making
    assert response.status_code == 302
    export = ReportExport.objects.get(report=draft)
    assert export.status == ExportStatus.QUEUED
    assert rendered == []  # not rendered in the request

    page = client.get(_page(draft), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'http-equiv="refresh"' in page  # it reloads itself while the PDF is being made …
    assert f'href="{_page(draft)}"' in page  # … and offers a plain link to reload
    assert "Waiting" in page
    assert f"/pdf/{export.pk}/" not in page
    assert client.get(f"/o/kemi/reports/{draft.pk}/pdf/{export.pk}/").status_code == 404  # not made yet

    # The worker closes stale connections between tasks; here that would end the test's own transaction (on
    # PostgreSQL), so it keeps the one connection it shares with the test.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    assert rendered == [draft.pk]
    download = client.get(f"/o/kemi/reports/{draft.pk}/pdf/{export.pk}/")
    assert download.status_code == 200
    assert "Liikkuva kunta" in _text(download.content)


def test_a_failing_render_marks_the_pdf_failed_with_the_reason(world, draft, monkeypatch):
    def broken(report, *, language="fi"):
        raise RuntimeError("the renderer ran out of memory")

    monkeypatch.setattr(exports, "report_pdf", broken)
    export = request_pdf(actor=world.users["reader"], report=draft, language="en")
    assert build(export.pk) == ExportStatus.FAILED
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert export.data is None
    assert export.finished_at is not None
    assert "The PDF could not be made: the renderer ran out of memory." in export.error
    page = world.client_for("reader").get(_page(draft), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "the renderer ran out of memory" in page
    assert "Failed" in page
    assert world.client_for("reader").get(f"/o/kemi/reports/{draft.pk}/pdf/{export.pk}/").status_code == 404
    assert AuditEntry.objects.filter(action="report.pdf_failed", object_id=str(export.pk)).exists()
    assert build(export.pk) == ExportStatus.FAILED  # run again (a retried task): it stays as it was


def test_a_stale_pdf_is_marked_failed_and_old_files_are_deleted(world, draft, monkeypatch):
    monkeypatch.setattr(exports, "report_pdf", lambda report, *, language="fi": b"%PDF-1.7 tiny")
    made = request_pdf(actor=world.users["reader"], report=draft, language="fi")
    build(made.pk)
    stuck = request_pdf(actor=world.users["reader"], report=draft, language="en")  # no worker ever runs it
    assert expire_pdfs(actor=SYSTEM).failed == []  # nothing is old yet

    with time_machine.travel(stuck.created_at + dt.timedelta(minutes=31)):
        expired = expire_pdfs(actor=SYSTEM)
    assert [e.pk for e in expired.failed] == [stuck.pk]
    assert expired.deleted == 0
    stuck.refresh_from_db()
    assert stuck.status == ExportStatus.FAILED
    assert "not made in time" in stuck.error  # in the language it was asked in
    assert build(stuck.pk) == ExportStatus.FAILED  # a worker that comes back later leaves it failed

    made.refresh_from_db()
    with time_machine.travel(made.finished_at + dt.timedelta(hours=25)):
        call_command("expire_exports")
    assert not ReportExport.objects.exists()  # the made one and the failed one, both past their 24 hours
    assert AuditEntry.objects.filter(action="report.pdf_delete").count() == 2


def test_a_worker_still_rendering_when_marked_stale_does_not_revive_it(world, draft, monkeypatch):
    export = request_pdf(actor=world.users["reader"], report=draft, language="fi")

    def slow(report, *, language="fi"):
        with time_machine.travel(export.created_at + dt.timedelta(hours=1)):
            expire_pdfs(actor=SYSTEM)
        return b"%PDF-1.7 late"

    monkeypatch.setattr(exports, "report_pdf", slow)
    assert build(export.pk) == ExportStatus.FAILED
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert export.data is None


def test_only_those_who_read_the_drafts_see_and_download_the_pdfs(world, draft, monkeypatch):
    monkeypatch.setattr(exports, "report_pdf", lambda report, *, language="fi": b"%PDF-1.7 tiny")
    export = request_pdf(actor=world.users["county"], report=draft, language="fi")  # Kemi shares with the county
    build(export.pk)
    download = f"/o/kemi/reports/{draft.pk}/pdf/{export.pk}/"
    assert world.client_for("reader").get(download).content == b"%PDF-1.7 tiny"
    assert world.client_for("county").get(download).status_code == 200
    outsider = world.client_for("outsider")
    assert outsider.get(_page(draft)).status_code == 404
    assert outsider.get(download).status_code == 404
    assert outsider.post(_page(draft), {"language": "fi"}).status_code == 404
    assert ReportExport.objects.count() == 1
    # the export of one report is not reachable through another report's address
    other = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Toinen", term_start=2025, term_end=2029
    )
    assert world.client_for("reader").get(f"/o/kemi/reports/{other.pk}/pdf/{export.pk}/").status_code == 404
    # sharing ends: the county loses the PDFs with the drafts
    unshare_drafts(actor=world.users["admin"], organisation=world.kemi, with_organisation=world.lappi)
    assert world.client_for("county").get(download).status_code == 404


def _public_pdf_keys(plan) -> list[str]:
    from django.core.cache import cache

    from hyte.public.views import languages_for
    from hyte.reports.queries import latest_annual_version_id

    version = plan.versions.order_by("-number").first()
    keys = [
        f"public-pdf:{version.pk}:{lang}:{latest_annual_version_id(plan)}"
        for lang in languages_for(plan.organisation, version)
    ]
    return [key for key in keys if cache.get(key) is not None]


def test_with_a_worker_publishing_renders_the_public_pdfs_before_anyone_asks(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from tests.conftest import published as build_published

    cache.clear()
    with override_settings(TASKS=DATABASE_TASKS), django_capture_on_commit_callbacks(execute=True):
        plan, _annual = build_published.__wrapped__(world)
    assert _public_pdf_keys(plan) == []  # queued, not rendered in the publishing request
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    with override_settings(TASKS=DATABASE_TASKS):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    # The plan's PDFs, under the key of its newest annual follow-up, in each of its public languages.
    assert len(_public_pdf_keys(plan)) >= 2


def test_on_the_embedded_default_publishing_does_not_wait_for_pdfs(world, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from tests.conftest import published as build_published

    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan, _annual = build_published.__wrapped__(world)
    assert _public_pdf_keys(plan) == []


@override_settings(TASKS=DATABASE_TASKS)
def test_the_requester_is_told_when_the_pdf_is_ready(world, draft, monkeypatch, django_capture_on_commit_callbacks):
    from hyte.notifications.models import Notification

    client = world.client_for("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_page(draft), {"language": "fi"})
    assert not Notification.objects.filter(kind="export_ready").exists()
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    told = Notification.objects.get(kind="export_ready")
    assert told.user == world.users["coordinator"]
    assert told.url == _page(draft)
    assert "valmis" in told.text  # in the requester's language (Finnish by default)
