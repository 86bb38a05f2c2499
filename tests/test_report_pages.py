"""The report and plan pages as a coordinator and an editor use them."""

from __future__ import annotations

import io

import docx
import openpyxl

from hyte.reports.models import Block, Report


def test_a_coordinator_creates_writes_and_takes_a_report_to_approval(world):
    client = world.client_for("coordinator")
    response = client.post(
        "/o/kemi/reports/",
        {"kind": "broad", "title": "Hyvinvointikertomus 2025–2029", "term_start": 2025, "term_end": 2029},
    )
    report = Report.objects.get(title="Hyvinvointikertomus 2025–2029")
    assert response["Location"] == f"/o/kemi/reports/{report.pk}/"
    block = Block.objects.filter(section__report=report).first()
    client.post(
        f"/o/kemi/reports/{report.pk}/blocks/{block.pk}/",
        {"text": "Kemissä **liikutaan** <script>x()</script>", "revision": 1},
    )
    page = client.get(f"/o/kemi/reports/{report.pk}/").content.decode()
    assert "<strong>liikutaan</strong>" in page
    assert "<script>x()" not in page
    client.post(f"/o/kemi/reports/{report.pk}/goals/", {"text": "Liikkuminen lisääntyy", "age_group": "children"})
    goal = report.goals.get()
    client.post(
        f"/o/kemi/reports/{report.pk}/goals/{goal.pk}/measures/",
        {
            "text": "Koulujen liikuntakerhot",
            "responsible_parties": "Sivistystoimi\nLiikuntaseura ry",
            "budget_amount": "12000",
        },
    )
    client.post(f"/o/kemi/reports/{report.pk}/status/", {"status": "in_review"})
    response = client.post(f"/o/kemi/reports/{report.pk}/status/", {"status": "approved"}, follow=True)
    assert "pöytäkirjaviitteen" in response.content.decode()  # the decision reference is required
    client.post(
        f"/o/kemi/reports/{report.pk}/status/",
        {
            "status": "approved",
            "decision_body": "Kaupunginvaltuusto",
            "decision_date": "2026-01-31",
            "decision_reference": "31.1.2026 § 3",
        },
    )
    report.refresh_from_db()
    assert report.status == "approved"
    assert report.versions.count() == 1

    document = docx.Document(io.BytesIO(client.get(f"/o/kemi/reports/{report.pk}/export.docx").content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Hyvinvointikertomus 2025–2029" in text
    assert "31.1.2026 § 3" in text
    assert document.tables[0].rows[1].cells[1].text == "Sivistystoimi, Liikuntaseura ry"
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"/o/kemi/reports/{report.pk}/export.xlsx").content)).active
    assert [c.value for c in sheet[2]][:4] == [
        "Liikkuminen lisääntyy",
        "lapset ja nuoret",
        "Koulujen liikuntakerhot",
        "Sivistystoimi, Liikuntaseura ry",
    ]


def test_a_stale_edit_is_refused_with_a_message_and_nothing_lost(world):
    from hyte.reports import services

    report = services.create_report(
        actor=None, organisation=world.kemi, kind="broad", title="K", term_start=2025, term_end=2029
    )
    block = Block.objects.filter(section__report=report).first()
    services.edit_block(actor=world.users["admin"], block=block, text="Toisen teksti", expected_revision=1)
    response = world.client_for("coordinator").post(
        f"/o/kemi/reports/{report.pk}/blocks/{block.pk}/", {"text": "Oma teksti", "revision": 1}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Joku muu tallensi" in content
    assert "Oma teksti" in content  # the editor's own text is still in the form
    block.refresh_from_db()
    assert block.text == "Toisen teksti"


def test_the_report_api_reads_and_writes_progress_and_measures(world):
    import json

    from hyte.reports import services

    broad = services.create_report(
        actor=None, organisation=world.kemi, kind="broad", title="K", term_start=2025, term_end=2029
    )
    goal = services.add_goal(actor=None, report=broad, text="Tavoite")
    measure = services.add_measure(actor=None, goal=goal, text="Toimenpide")
    services.assign(actor=None, subject=measure, users=[world.users["editor"]])
    annual = services.create_report(
        actor=None,
        organisation=world.kemi,
        kind="annual",
        title="V",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=broad,
    )
    entry = annual.progress_entries.get(measure=measure)
    editor = world.client_for("editor")
    url = f"/api/v1/organisations/kemi/reports/{annual.pk}/progress/{entry.pk}"
    response = editor.put(
        url, json.dumps({"status": "at_risk", "text": "Rahoitus puuttuu"}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "at_risk"
    assert editor.put(url, json.dumps({"status": "sideways"}), content_type="application/json").status_code == 422
    body = editor.get(f"/api/v1/organisations/kemi/reports/{annual.pk}").json()
    assert {"measure": measure.pk, "status": "at_risk", "text": "Rahoitus puuttuu"}.items() <= next(
        p for p in body["progress"] if p["measure"] == measure.pk
    ).items()
    coordinator = world.client_for("coordinator")
    empty = coordinator.post(
        f"/api/v1/organisations/kemi/reports/{broad.pk}/goals/{goal.pk}/measures",
        json.dumps({"text": " "}),
        content_type="application/json",
    )
    assert empty.status_code == 400
    assert empty.json()["detail"]


def test_the_county_sees_shared_drafts_and_published_reports_side_by_side(world):
    from hyte.reports import services

    kemi_report = services.create_report(
        actor=None, organisation=world.kemi, kind="broad", title="Kemin kertomus", term_start=2025, term_end=2029
    )
    strengths = kemi_report.sections.get(key="strengths").blocks.get()
    services.edit_block(actor=None, block=strengths, text="Vahva järjestökenttä", expected_revision=1)
    services.add_goal(actor=None, report=kemi_report, text="Nuorten osallisuus vahvistuu")
    services.create_report(
        actor=None, organisation=world.tornio, kind="broad", title="Tornion luonnos", term_start=2025, term_end=2029
    )
    page = world.client_for("county").get("/o/lappi/reports/municipalities/").content.decode()
    assert "Kemin kertomus" in page
    assert "Vahva järjestökenttä" in page
    assert "Nuorten osallisuus vahvistuu" in page
    assert "Tornion luonnos" not in page  # Tornio shares nothing and has published nothing
