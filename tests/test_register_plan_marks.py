"""The plan page shows which measures have activities behind them: each measure of a municipality's plan (and of
its annual follow-up) with the count of the register's published, not hidden activities carrying it out, linked to
the register filtered by that measure; a measure without any is marked in words."""

from __future__ import annotations

import re

from hyte.actors import services as actors
from hyte.reports import services as reports
from tests.actors_world import build_register, kemi_area
from tests.conftest import SYSTEM

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _plan(world):
    register = build_register(world)
    plan = reports.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Suunnitelma", term_start=2025, term_end=2029
    )
    goal = reports.add_goal(actor=SYSTEM, report=plan, text="Liikkuva arki")
    carried = reports.add_measure(actor=SYSTEM, goal=goal, text="Liikuntaneuvonta kaikille")
    drafted = reports.add_measure(actor=SYSTEM, goal=goal, text="Kävelyreitit kuntoon")
    empty = reports.add_measure(actor=SYSTEM, goal=goal, text="Koulumatkaliikunta")
    library = register["library"]
    for title, published in (("Kuntoneuvonta", True), ("Kävelykoulu", True), ("Luonnosryhmä", False)):
        actors.create_activity(
            actor=SYSTEM,
            details=_details(title, published),
            providers=[library],
            measures=[carried] if title != "Luonnosryhmä" else [carried, drafted],
        )
    hidden = actors.create_activity(
        actor=SYSTEM, details=_details("Piilossa", True), providers=[library], measures=[carried]
    )
    actors.hide_activity(actor=SYSTEM, activity=hidden, reason="Vanhentunut")
    return plan, carried, drafted, empty


def _details(title: str, published: bool):
    from hyte.actors.details import ActivityDetails

    return ActivityDetails(title=title, area=kemi_area(), is_published=published)


def _mark(page: str, measure) -> str:
    """The text of the measure's row (or list item) after its text."""
    start = page.index(measure.text)
    end = min(i for i in (page.find("</tr>", start), page.find("</li>", start)) if i != -1)
    return re.sub(r"\s+", " ", page[start:end])


def test_each_measure_of_the_plan_shows_its_current_activities(world):
    plan, carried, drafted, empty = _plan(world)
    page = world.client_for("reader").get(f"/o/kemi/reports/{plan.pk}/", **EN).content.decode()
    link = f'href="/o/kemi/register/activities/?measure={carried.pk}&amp;status=published">2 activities in the register'
    assert link in _mark(page, carried)  # not the draft, not the hidden one
    assert "no activities in the register" in _mark(page, drafted)  # only a draft: none residents see
    assert "no activities in the register" in _mark(page, empty)
    assert "no activities in the register" not in _mark(page, carried)


def test_the_annual_report_marks_the_plans_measures_too(world):
    plan, carried, _drafted, empty = _plan(world)
    annual = reports.create_report(
        actor=SYSTEM,
        organisation=world.kemi,
        kind="annual",
        title="Vuosiraportti",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=plan,
    )
    page = world.client_for("coordinator").get(f"/o/kemi/reports/{annual.pk}/", **EN).content.decode()
    assert "2 activities in the register" in _mark(page, carried)
    assert "no activities in the register" in _mark(page, empty)


def test_the_link_lists_the_activities_of_the_measure(world):
    _report, carried, _drafted, _empty = _plan(world)
    page = (
        world.client_for("coordinator")
        .get(f"/o/kemi/register/activities/?measure={carried.pk}&status=published", **EN)
        .content.decode()
    )
    assert "Activities carrying out the plan's measure “Liikuntaneuvonta kaikille”." in page
    assert "Kuntoneuvonta" in page
    assert "Kävelykoulu" in page
    assert "Luonnosryhmä" not in page  # a draft
    assert "Piilossa" not in page  # hidden
    assert "Senioreiden kävelyryhmä" not in page  # carries out no measure
    assert f'<input type="hidden" name="measure" value="{carried.pk}">' in page  # kept when filtering further
    # Any other value lists nothing more than it should and fails no page.
    for value in ("abc", "99999999999999999999", "²"):
        assert world.client_for("coordinator").get(f"/o/kemi/register/activities/?measure={value}").status_code == 200


def test_another_municipality_reads_neither(world):
    plan, carried, _drafted, _empty = _plan(world)
    client = world.client_for("outsider")
    assert client.get(f"/o/kemi/reports/{plan.pk}/").status_code == 404
    page = client.get(f"/o/tornio/register/activities/?measure={carried.pk}", **EN).content.decode()
    assert "Kuntoneuvonta" not in page
    assert "Liikuntaneuvonta kaikille" not in page


def test_a_regional_plan_has_no_marks(world):
    regional = reports.create_report(
        actor=SYSTEM, organisation=world.lappi, kind="regional", title="Alue", term_start=2025, term_end=2029
    )
    goal = reports.add_goal(actor=SYSTEM, report=regional, text="Alueen tavoite")
    reports.add_measure(actor=SYSTEM, goal=goal, text="Alueen toimenpide")
    page = world.client_for("county").get(f"/o/lappi/reports/{regional.pk}/", **EN).content.decode()
    assert "Alueen toimenpide" in page
    assert "in the register" not in page
