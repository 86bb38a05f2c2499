"""The welfare report and plan through its whole cycle, and the rules that keep it honest."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hyte.audit.models import AuditEntry
from hyte.indicators.services import create_batch, import_bytes
from hyte.reports import queries as report_queries
from hyte.reports import services
from hyte.reports.models import Progress, ReportStatus
from tests.conftest import SYSTEM


@pytest.fixture(autouse=True)
def in_english():
    """Service messages are asserted in English; the UI default is Finnish."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def broad(world):
    return services.create_report(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        kind="broad",
        title="Kemin hyvinvointikertomus 2025–2029",
        term_start=2025,
        term_end=2029,
    )


def test_a_new_report_starts_from_thls_outline(broad):
    assert [s.key for s in broad.sections.all()] == [
        "summary",
        "background",
        "population_groups",
        "strengths",
        "plan",
        "appendices",
    ]
    assert all(s.blocks.count() == 1 for s in broad.sections.all())
    assert AuditEntry.objects.filter(action="report.create", object_id=str(broad.pk)).exists()


def test_editors_edit_only_what_is_assigned_to_them(world, broad):
    summary, background = broad.sections.all()[:2]
    services.assign(actor=world.users["coordinator"], subject=summary, users=[world.users["editor"]])
    block = summary.blocks.get()
    edited = services.edit_block(
        actor=world.users["editor"], block=block, text="Kemissä **hyvää**.", expected_revision=block.revision
    )
    assert edited.revision == 2
    with pytest.raises(PermissionDenied):
        services.edit_block(actor=world.users["editor"], block=background.blocks.get(), text="x", expected_revision=1)
    with pytest.raises(PermissionDenied):
        services.edit_block(actor=world.users["reader"], block=edited, text="x", expected_revision=2)
    with pytest.raises(PermissionDenied):
        services.edit_block(actor=world.users["outsider"], block=edited, text="x", expected_revision=2)


def test_two_people_editing_the_same_block_do_not_overwrite_each_other(world, broad):
    block = broad.sections.first().blocks.get()
    services.edit_block(actor=world.users["coordinator"], block=block, text="First", expected_revision=1)
    with pytest.raises(services.StaleEdit):
        services.edit_block(actor=world.users["admin"], block=block, text="Second", expected_revision=1)
    block.refresh_from_db()
    assert block.text == "First"


def test_text_is_stored_as_written_scripts_never_reach_a_page_and_oversized_text_is_refused(world, broad):
    block = broad.sections.first().blocks.get()
    edited = services.edit_block(
        actor=world.users["coordinator"],
        block=block,
        expected_revision=1,
        text='Hei <script>alert(1)</script><a href="javascript:x()" onclick="y()">linkki</a>',
    )
    assert edited.text.startswith("Hei <script>")  # stored as written; sanitised where shown
    page = world.client_for("coordinator").get(f"/o/kemi/reports/{broad.pk}/").content.decode()
    shown = page[page.index("Hei ") : page.index("linkki")]
    assert "<script" not in shown
    assert "onclick" not in shown
    assert "javascript:" not in shown
    with pytest.raises(ValidationError):
        services.edit_block(actor=world.users["coordinator"], block=block, expected_revision=2, text="x" * 100_001)


def test_goals_indicators_and_measures_with_clear_errors(world, broad):
    goal = services.add_goal(
        actor=world.users["coordinator"], report=broad, text="Nuorten työllisyys paranee", age_group="children"
    )
    with pytest.raises(ValidationError, match="target year"):
        services.add_goal_indicator(
            actor=world.users["coordinator"],
            goal=goal,
            indicator=world.own_indicator,
            baseline_year=2024,
            target_year=2020,
            direction="increase",
        )
    with pytest.raises(ValidationError, match="other way"):
        services.add_goal_indicator(
            actor=world.users["coordinator"],
            goal=goal,
            indicator=world.own_indicator,
            baseline_year=2024,
            baseline_value=60,
            target_year=2029,
            target_value=50,
            direction="increase",
        )
    tied = services.add_goal_indicator(
        actor=world.users["coordinator"],
        goal=goal,
        indicator=world.own_indicator,
        baseline_year=2024,
        baseline_value=60,
        target_year=2029,
        target_value=70,
        direction="increase",
    )
    assert tied.target_value == 70
    measure = services.add_measure(
        actor=world.users["coordinator"],
        goal=goal,
        text="Nuorten työpajat",
        responsible_parties=["Sivistystoimi", "Kemin Nuorisoseura ry"],
        budget_line="Nuorisopalvelut",
        budget_amount=25000,
    )
    assert measure.responsible_parties == ["Sivistystoimi", "Kemin Nuorisoseura ry"]  # one goal, many actors
    with pytest.raises(ValidationError):
        services.add_measure(actor=world.users["coordinator"], goal=goal, text="x", budget_amount=-1)
    with pytest.raises(PermissionDenied):
        services.add_measure(actor=world.users["editor"], goal=goal, text="not assigned")


def test_unknown_indicator_links_are_refused(world, broad):
    from hyte.indicators.services import create_own_indicator

    goal = services.add_goal(actor=world.users["coordinator"], report=broad, text="Tavoite")
    tornio_own = create_own_indicator(actor=SYSTEM, organisation=world.tornio, title_fi="Tornion oma")
    with pytest.raises(ValidationError, match="Unknown indicator"):
        services.add_goal_indicator(
            actor=world.users["coordinator"],
            goal=goal,
            indicator=tornio_own,
            baseline_year=2024,
            target_year=2029,
            direction="increase",
        )


def test_the_whole_cycle_to_publication_and_the_next_annual_report(world, broad):
    coordinator = world.users["coordinator"]
    goal = services.add_goal(actor=coordinator, report=broad, text="Koettu hyvinvointi paranee")
    tied = services.add_goal_indicator(
        actor=coordinator,
        goal=goal,
        indicator=world.own_indicator,
        baseline_year=2024,
        baseline_value=60.0,
        target_year=2029,
        target_value=70.0,
        direction="increase",
    )
    measure = services.add_measure(
        actor=coordinator, goal=goal, text="Harrastamisen Suomen malli", responsible_parties=["Vapaa-aikapalvelut"]
    )
    block = broad.sections.first().blocks.get()
    services.add_block(
        actor=coordinator, section=broad.sections.first(), kind="indicator_table", indicators=[world.own_indicator]
    )
    services.edit_block(actor=coordinator, block=block, text="Tiivistelmä.", expected_revision=1)

    services.change_status(actor=coordinator, report=broad, status="in_review")
    comment = services.add_comment(actor=world.users["reader"], report=broad, text="Lisää nuoret.")
    with pytest.raises(ValidationError, match="Resolve every review comment"):
        services.change_status(
            actor=coordinator,
            report=broad,
            status="approved",
            decision_body="Kaupunginvaltuusto",
            decision_date=dt.date(2026, 1, 31),
            decision_reference="§ 3",
        )
    services.resolve_comment(actor=coordinator, comment=comment)
    with pytest.raises(ValidationError, match="minute reference"):
        services.change_status(actor=coordinator, report=broad, status="approved")
    with pytest.raises(PermissionDenied):
        services.change_status(actor=world.users["editor"], report=broad, status="approved")
    # Values imported before approval are frozen with the version; later data does not change it.
    import_bytes(
        actor=SYSTEM,
        batch=create_batch(actor=SYSTEM, organisation=world.kemi, source="t"),
        data=b"kunta;vuosi;arvo\n240;2025;64\n",
        mapping=_mapping(),
    )
    services.change_status(
        actor=coordinator,
        report=broad,
        status="approved",
        decision_body="Kaupunginvaltuusto",
        decision_date=dt.date(2026, 1, 31),
        decision_reference="31.1.2026 § 3",
    )
    version = broad.versions.get()
    # The date typed into the reference is not kept twice: the decision is body, date and § once each.
    assert version.content["decision"]["reference"] == "§ 3"
    frozen_series = version.content["sections"][0]["blocks"][1]["indicators"][str(world.own_indicator.pk)]["series"]
    assert frozen_series == [[2025, 64.0]]
    import_bytes(
        actor=SYSTEM,
        batch=create_batch(actor=SYSTEM, organisation=world.kemi, source="t"),
        data=b"kunta;vuosi;arvo\n240;2026;71\n",
        mapping=_mapping(),
    )
    version.refresh_from_db()
    assert [2026, 71.0] not in version.content["sections"][0]["blocks"][1]["indicators"][str(world.own_indicator.pk)][
        "series"
    ]
    with pytest.raises(ValidationError, match="approved report cannot be changed"):
        services.edit_block(actor=coordinator, block=block, text="muutos", expected_revision=2)
    services.change_status(actor=coordinator, report=broad, status="published")
    assert broad.status == ReportStatus.PUBLISHED
    assert broad.versions.count() == 2

    annual = services.create_report(
        actor=coordinator,
        organisation=world.kemi,
        kind="annual",
        title="Vuosiraportti 2026",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=broad,
    )
    entry = Progress.objects.get(report=annual, measure=measure)
    services.record_progress(actor=coordinator, entry=entry, status="on_track", text="Kerhot aloitettu.")
    change = report_queries.indicator_change(tied, area_id=world.kemi.area_id, until=2026)
    assert change == {"latest_year": 2026, "latest_value": 71.0, "change_since_baseline": 11.0, "target_reached": True}
    next_year = services.create_report(
        actor=coordinator,
        organisation=world.kemi,
        kind="annual",
        title="Vuosiraportti 2027",
        term_start=2025,
        term_end=2029,
        year=2027,
        plan_report=broad,
    )
    carried = Progress.objects.get(report=next_year, measure=measure)
    assert (carried.status, carried.text) == ("on_track", "Kerhot aloitettu.")  # the previous year copies forward


def test_versions_can_be_compared(world, broad):
    coordinator = world.users["coordinator"]
    decision = {"decision_body": "Valtuusto", "decision_date": dt.date(2026, 1, 31), "decision_reference": "§ 3"}
    services.change_status(actor=coordinator, report=broad, status="in_review")
    services.change_status(actor=coordinator, report=broad, status="approved", **decision)
    copy = services.create_report(
        actor=coordinator,
        organisation=world.kemi,
        kind="broad",
        title="Päivitetty",
        term_start=2025,
        term_end=2029,
        copy_from=broad,
    )
    services.add_goal(actor=coordinator, report=copy, text="Uusi tavoite")
    services.edit_block(actor=coordinator, block=copy.sections.first().blocks.get(), text="Uutta.", expected_revision=1)
    services.change_status(actor=coordinator, report=copy, status="in_review")
    services.change_status(actor=coordinator, report=copy, status="approved", **decision)
    diff = report_queries.compare_versions(broad.versions.get(), copy.versions.get())
    assert diff["goals_added"] == ["Uusi tavoite"]
    assert diff["sections_changed"] == ["Tiivistelmä"]


def test_reports_are_scoped_to_the_organisation(world, broad):
    with pytest.raises(PermissionDenied):
        services.create_report(
            actor=world.users["outsider"],
            organisation=world.kemi,
            kind="broad",
            title="x",
            term_start=2025,
            term_end=2029,
        )
    with pytest.raises(PermissionDenied):
        services.add_comment(actor=world.users["outsider"], report=broad, text="x")
    # The county reads shared drafts and may comment on them, but not edit them.
    services.add_comment(actor=world.users["county"], report=broad, text="Alueen näkökulma")
    with pytest.raises(ValidationError, match="regional report"):
        services.create_report(
            actor=world.users["coordinator"],
            organisation=world.kemi,
            kind="regional",
            title="x",
            term_start=2025,
            term_end=2029,
        )


def _mapping():
    from hyte.indicators.parsing import Mapping

    return Mapping(area=0, year=1, value=2, indicator_fixed="KH1")


def test_a_snapshot_of_the_first_schema_is_read_and_upgraded(world, published):
    """Snapshots frozen before the schema had a version keep working: the one reader upgrades them."""
    from hyte.public import opendata
    from hyte.reports.content import SCHEMA_VERSION, read

    plan, _annual = published
    version = plan.versions.get(status="published")
    old = dict(version.content)
    old.pop("schema_version")
    old["term"] = [old.pop("term_start"), old.pop("term_end")]  # how schema 1 stored the council term
    type(version).objects.filter(pk=version.pk).update(content=old)
    version.refresh_from_db()

    frozen = read(version.content)
    assert frozen.schema_version == SCHEMA_VERSION
    assert (frozen.term_start, frozen.term_end) == (2025, 2029)
    assert frozen.goals[0].text == "Nuoret voivat hyvin"
    assert opendata.metadata(version)["report"]["term"] == [2025, 2029]
    page = world.client_for("anonymous").get(f"/public/fi/kemi/{plan.pk}/v{version.number}/")
    assert page.status_code == 200
    assert "2025–2029" in page.content.decode()


def test_a_snapshot_from_a_newer_server_is_refused_not_misread():
    from hyte.reports.content import SCHEMA_VERSION, read

    with pytest.raises(ValueError, match="newer than this server"):
        read({"schema_version": SCHEMA_VERSION + 1, "title": "x", "kind": "broad"})
