"""An impact assessment that is quick and fair: the matrix edited as one grid with no direction chosen in
advance, options compared by a documented rule that weighs size and certainty, the linked indicators' latest
values as evidence, and a new assessment started as a copy of an earlier one."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from hyte.assessments import queries, services
from hyte.assessments.forms import ImpactForm
from hyte.assessments.models import Impact, ImpactArea
from tests.conftest import SYSTEM, kemi_values

pytestmark = pytest.mark.django_db


def _assessment(world):
    assessment = services.create_assessment(
        actor=SYSTEM, organisation=world.kemi, title="Koulun lakkautus", kind="full"
    )
    option = services.add_option(actor=SYSTEM, assessment=assessment, title="Lakkautetaan")
    return assessment, assessment.options.get(is_no_change=True), option


def test_a_cell_has_no_direction_until_someone_chooses():
    form = ImpactForm({"size": "", "certainty": ""})
    assert not form.is_valid()
    assert "direction" in form.errors
    assert 'value="" selected' in str(ImpactForm()["direction"])


def test_the_grid_page_saves_the_whole_matrix_at_once(world):
    assessment, no_change, option = _assessment(world)
    client = world.client_for("coordinator")
    url = f"/o/kemi/assessments/{assessment.pk}/grid/"
    page = client.get(url).content.decode()
    assert page.count('<select name="d-') == 2 * len(ImpactArea)  # every area × option, on one page
    assert "selected>—</option>" in page  # nothing chosen in advance
    response = client.post(
        url,
        {
            f"d-{option.pk}-children": "negative",
            f"s-{option.pk}-children": "large",
            f"c-{option.pk}-children": "high",
            f"d-{option.pk}-economy": "positive",
            f"s-{option.pk}-economy": "moderate",
            f"c-{option.pk}-economy": "medium",
            f"d-{no_change.pk}-children": "none",
        },
    )
    assert response.status_code == 302
    cells = {(i.option_id, i.area): (i.direction, i.size, i.certainty) for i in Impact.objects.all()}
    assert cells == {
        (option.pk, "children"): ("negative", "large", "high"),
        (option.pk, "economy"): ("positive", "moderate", "medium"),
        (no_change.pk, "children"): ("none", "", ""),
    }


def test_a_refused_cell_is_named_and_nothing_is_saved(world):
    assessment, no_change, option = _assessment(world)
    client = world.client_for("coordinator")
    url = f"/o/kemi/assessments/{assessment.pk}/grid/"
    response = client.post(
        url,
        {
            f"d-{no_change.pk}-economy": "none",
            f"d-{option.pk}-older_people": "negative",  # no size or certainty
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lakkautetaan, ikääntyneet" in page
    assert not Impact.objects.exists()  # all or nothing
    assert 'value="negative" selected' in page  # what was typed is kept


def test_the_grid_keeps_a_cells_evidence_and_clears_an_emptied_cell(world):
    assessment, no_change, option = _assessment(world)
    services.set_impact(
        actor=SYSTEM,
        option=option,
        area="children",
        direction="negative",
        size="small",
        certainty="low",
        description="Koulumatkat pitenevät.",
        indicator_codes=["KH1"],
    )
    services.set_impact(actor=SYSTEM, option=no_change, area="children", direction="none")
    services.set_grid(
        actor=SYSTEM,
        assessment=assessment,
        cells=[
            services.GridCell(option=option, area="children", direction="negative", size="large", certainty="high"),
            services.GridCell(option=no_change, area="children", direction=""),
        ],
    )
    cell = Impact.objects.get(option=option, area="children")
    assert (cell.size, cell.certainty, cell.description) == ("large", "high", "Koulumatkat pitenevät.")
    assert [i.source_id for i in cell.indicators.all()] == ["KH1"]
    assert not Impact.objects.filter(option=no_change).exists()
    with pytest.raises(PermissionDenied):
        services.set_grid(
            actor=world.users["reader"],
            assessment=assessment,
            cells=[services.GridCell(option=option, area="economy", direction="none")],
        )


def test_options_are_compared_by_size_times_certainty_not_by_counting_cells(world):
    assessment, no_change, option = _assessment(world)
    # Two small, uncertain gains against one large, certain harm: counting cells says 2–1 for the option;
    # the rule weighs 2 × (1 × 0.5) = 1 against 3 × 1 = 3, so the option is worse than no change by 2.
    for area in ("economy", "living_environment"):
        services.set_impact(actor=SYSTEM, option=option, area=area, direction="positive", size="small", certainty="low")
    services.set_impact(
        actor=SYSTEM, option=option, area="children", direction="negative", size="large", certainty="high"
    )
    services.set_impact(actor=SYSTEM, option=option, area="older_people", direction="unknown")
    services.set_impact(actor=SYSTEM, option=no_change, area="children", direction="none")
    rows = {row["option"].pk: row for row in queries.balance(queries.options_with_impacts(assessment))}
    mine = rows[option.pk]
    assert (mine["positive"], mine["negative"]) == (2, 1)
    assert (mine["gains"], mine["losses"], mine["net"]) == (1.0, 3.0, -2.0)
    assert mine["versus_no_change"] == -2.0
    assert (mine["unknown"], mine["unassessed"]) == (1, len(ImpactArea) - 4)
    assert rows[no_change.pk]["versus_no_change"] == 0.0


def test_cells_and_the_summary_show_the_linked_indicators_latest_values(world):
    kemi_values(world, b"240;2023;52\n240;2024;55,5\n")
    assessment, _no_change, option = _assessment(world)
    services.set_impact(
        actor=SYSTEM,
        option=option,
        area="children",
        direction="negative",
        size="small",
        certainty="low",
        indicator_codes=["KH1"],
    )
    client = world.client_for("coordinator")
    for url in (f"/o/kemi/assessments/{assessment.pk}/", f"/o/kemi/assessments/{assessment.pk}/grid/"):
        page = client.get(url).content.decode()
        assert "<strong>55,5</strong> (2024)" in page, url
    summary = client.get(f"/o/kemi/assessments/{assessment.pk}/summary/").content.decode()
    assert "55,5 (2024)" in summary
    assert "Jokainen myönteinen tai kielteinen vaikutus painaa suuruutensa" in summary  # the rule, documented


def test_a_new_assessment_starts_as_a_copy_of_an_earlier_one(world):
    earlier, no_change, option = _assessment(world)
    services.set_impact(
        actor=SYSTEM,
        option=option,
        area="children",
        direction="negative",
        size="large",
        certainty="high",
        description="Koulumatkat pitenevät.",
        indicator_codes=["KH1"],
    )
    services.set_impact(actor=SYSTEM, option=no_change, area="children", direction="none")
    services.add_hearing(actor=SYSTEM, assessment=earlier, party="Nuorisovaltuusto", views="Vastustaa.")
    client = world.client_for("coordinator")
    response = client.post(
        "/o/kemi/assessments/", {"title": "Toisen koulun lakkautus", "kind": "screening", "copy_from": earlier.pk}
    )
    assert response.status_code == 302
    copy = world.kemi.assessments.get(title="Toisen koulun lakkautus")
    assert (copy.kind, copy.status) == ("full", "in_preparation")
    assert [o.label for o in copy.options.all()] == ["Ei muutosta", "Lakkautetaan"]
    cell = Impact.objects.get(option__assessment=copy, area="children", option__is_no_change=False)
    assert (cell.direction, cell.description, [i.source_id for i in cell.indicators.all()]) == (
        "negative",
        "Koulumatkat pitenevät.",
        ["KH1"],
    )
    assert not copy.hearings.exists()  # hearings belong to their own decision
    assert len(copy.answers) == len(earlier.answers)
    other = world.client_for("coordinator").post(
        "/api/v1/organisations/kemi/assessments", {"title": "X", "copy_from": 999999}, content_type="application/json"
    )
    assert other.status_code == 400
