"""The report and plan pages as a coordinator and an editor use them."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from hyte.reports.models import Block, Report
from tests.conftest import SYSTEM


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
    assert "Kaupunginvaltuusto, 31.1.2026, § 3" in text  # the decision once: body, date, §
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
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="K", term_start=2025, term_end=2029
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
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="K", term_start=2025, term_end=2029
    )
    goal = services.add_goal(actor=SYSTEM, report=broad, text="Tavoite")
    measure = services.add_measure(actor=SYSTEM, goal=goal, text="Toimenpide")
    services.assign(actor=SYSTEM, subject=measure, users=[world.users["editor"]])
    annual = services.create_report(
        actor=SYSTEM,
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
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Kemin kertomus", term_start=2025, term_end=2029
    )
    strengths = kemi_report.sections.get(key="strengths").blocks.get()
    services.edit_block(actor=SYSTEM, block=strengths, text="Vahva järjestökenttä", expected_revision=1)
    services.add_goal(actor=SYSTEM, report=kemi_report, text="Nuorten osallisuus vahvistuu")
    services.create_report(
        actor=SYSTEM, organisation=world.tornio, kind="broad", title="Tornion luonnos", term_start=2025, term_end=2029
    )
    page = world.client_for("county").get("/o/lappi/reports/municipalities/").content.decode()
    assert "Kemin kertomus" in page
    assert "Vahva järjestökenttä" in page
    assert "Nuorten osallisuus vahvistuu" in page
    assert "Tornion luonnos" not in page  # Tornio shares nothing and has published nothing


def test_the_county_pulls_municipal_reports_into_its_regional_report_and_links_goals(world):
    from django.core.exceptions import ValidationError

    from hyte.reports import services

    kemi_report = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Kemi", term_start=2025, term_end=2029
    )
    services.edit_block(
        actor=SYSTEM,
        block=kemi_report.sections.get(key="strengths").blocks.get(),
        text="Vahva järjestökenttä",
        expected_revision=1,
    )
    kemi_goal = services.add_goal(actor=SYSTEM, report=kemi_report, text="Nuorten osallisuus vahvistuu")
    tornio_report = services.create_report(
        actor=SYSTEM, organisation=world.tornio, kind="broad", title="Tornio", term_start=2025, term_end=2029
    )
    tornio_goal = services.add_goal(actor=SYSTEM, report=tornio_report, text="Tornion tavoite")
    county = world.users["county"]
    regional = services.create_report(
        actor=county,
        organisation=world.lappi,
        kind="regional",
        title="Lapin alueellinen hyvinvointikertomus",
        term_start=2025,
        term_end=2029,
    )
    regional_goal = services.add_goal(actor=county, report=regional, text="Lasten ja nuorten hyvinvointi paranee")

    client = world.client_for("county")
    client.post("/o/lappi/reports/municipalities/pull/", {"regional": regional.pk, "municipal": kemi_report.pk})
    pulled = regional.sections.get(key="strengths").blocks.order_by("-position").first()
    assert pulled.text.startswith("**Kemin kaupunki**")
    assert "Vahva järjestökenttä" in pulled.text
    client.post(
        f"/o/lappi/reports/{regional.pk}/goals/{regional_goal.pk}/supported-by/", {"municipal_goal": kemi_goal.pk}
    )
    assert list(regional_goal.supported_by.all()) == [kemi_goal]
    page = client.get(f"/o/lappi/reports/{regional.pk}/").content.decode()
    assert "Kemin kaupunki: Nuorten osallisuus vahvistuu" in page
    # Tornio shares nothing and has published nothing: its goals cannot be linked nor its report pulled.
    assert (
        client.post(
            f"/o/lappi/reports/{regional.pk}/goals/{regional_goal.pk}/supported-by/", {"municipal_goal": tornio_goal.pk}
        ).status_code
        == 404
    )
    with pytest.raises(ValidationError):
        services.link_supporting_goal(actor=county, regional_goal=regional_goal, municipal_goal=tornio_goal)
    with pytest.raises(ValidationError):
        services.pull_into_regional(actor=county, regional=regional, municipal=tornio_report)


def test_the_version_comparison_page(world):
    import datetime as dt

    from hyte.reports import services

    coordinator = world.users["coordinator"]
    decision = {"decision_body": "Valtuusto", "decision_date": dt.date(2026, 1, 31), "decision_reference": "§ 3"}
    first = services.create_report(
        actor=coordinator, organisation=world.kemi, kind="broad", title="Ensimmäinen", term_start=2025, term_end=2029
    )
    services.change_status(actor=coordinator, report=first, status="in_review")
    services.change_status(actor=coordinator, report=first, status="approved", **decision)
    second = services.create_report(
        actor=coordinator,
        organisation=world.kemi,
        kind="broad",
        title="Toinen",
        term_start=2025,
        term_end=2029,
        copy_from=first,
    )
    services.add_goal(actor=coordinator, report=second, text="Uusi tavoite")
    services.change_status(actor=coordinator, report=second, status="in_review")
    services.change_status(actor=coordinator, report=second, status="approved", **decision)
    old, new = first.versions.get(), second.versions.get()
    page = (
        world.client_for("reader")
        .get(f"/o/kemi/reports/{second.pk}/versions/compare/?old={old.pk}&new={new.pk}")
        .content.decode()
    )
    assert "Uusi tavoite" in page


def test_a_coordinator_assigns_a_goal_and_the_editor_can_then_add_measures(world):
    from hyte.reports import services

    report = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="K", term_start=2025, term_end=2029
    )
    goal = services.add_goal(actor=SYSTEM, report=report, text="Tavoite")
    editor = world.client_for("editor")
    editor.post(f"/o/kemi/reports/{report.pk}/goals/{goal.pk}/measures/", {"text": "Ennen"})
    assert not goal.measures.exists()  # not assigned yet: refused
    world.client_for("coordinator").post(
        f"/o/kemi/reports/{report.pk}/assign/goal/{goal.pk}/",
        {"users": [world.users["editor"].pk, world.users["outsider"].pk]},
    )
    assert list(goal.assignees.all()) == [world.users["editor"]]  # the outsider is not a member: left out
    editor.post(f"/o/kemi/reports/{report.pk}/goals/{goal.pk}/measures/", {"text": "Jälkeen"})
    assert [m.text for m in goal.measures.all()] == ["Jälkeen"]


def test_an_alert_becomes_a_measure_of_the_plan(world):
    from hyte.indicators.parsing import Mapping
    from hyte.indicators.services import create_batch, import_bytes
    from hyte.reports import services
    from hyte.situation.models import Alert
    from hyte.situation.services import create_rule

    import_bytes(
        actor=SYSTEM,
        batch=create_batch(actor=SYSTEM, organisation=world.kemi, source="t"),
        data=b"kunta;vuosi;arvo\n240;2025;40\n",
        mapping=Mapping(area=0, year=1, value=2, indicator_fixed="KH1"),
    )
    create_rule(
        actor=SYSTEM,
        organisation=world.kemi,
        indicator=world.own_indicator,
        condition="below",
        threshold=50,
        measure="Hyvinvointikysely kouluihin",
    )
    alert = Alert.objects.get()
    report = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="K", term_start=2025, term_end=2029
    )
    goal = services.add_goal(actor=SYSTEM, report=report, text="Koettu hyvinvointi paranee")
    client = world.client_for("coordinator")
    assert "Hyvinvointikysely kouluihin" in client.get("/o/kemi/situation/").content.decode()
    client.post(f"/o/kemi/alerts/{alert.pk}/measure/", {"goal": goal.pk})
    measure = goal.measures.get()
    assert measure.text.startswith("Hyvinvointikysely kouluihin")
    assert "2025" in measure.text
    alert.refresh_from_db()
    assert alert.status == "converted"


def test_a_coordinator_assigns_a_measure_and_the_editor_records_its_progress(world):
    from hyte.reports import services

    broad = services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="K", term_start=2025, term_end=2029
    )
    goal = services.add_goal(actor=SYSTEM, report=broad, text="Tavoite")
    measure = services.add_measure(actor=SYSTEM, goal=goal, text="Toimenpide")
    coordinator = world.client_for("coordinator")
    assert f"/assign/measure/{measure.pk}/" in coordinator.get(f"/o/kemi/reports/{broad.pk}/").content.decode()
    coordinator.post(f"/o/kemi/reports/{broad.pk}/assign/measure/{measure.pk}/", {"users": [world.users["editor"].pk]})
    assert list(measure.assignees.all()) == [world.users["editor"]]
    annual = services.create_report(
        actor=SYSTEM,
        organisation=world.kemi,
        kind="annual",
        title="V",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=broad,
    )
    entry = annual.progress_entries.get(measure=measure)
    world.client_for("editor").post(
        f"/o/kemi/reports/{annual.pk}/progress/{entry.pk}/", {"status": "done", "text": "Valmis"}
    )
    entry.refresh_from_db()
    assert (entry.status, entry.text) == ("done", "Valmis")
