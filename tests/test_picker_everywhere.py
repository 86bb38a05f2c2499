"""One indicator picker wherever an indicator is chosen: rules, assessment cells and indicator sets list the
picker's matches by name with their latest value for the organisation's area, never an internal number or code."""

from __future__ import annotations

import pytest

from hyte.assessments import services as assessments
from hyte.assessments.models import Impact
from hyte.situation.models import Rule
from tests.conftest import SYSTEM, kemi_values

pytestmark = pytest.mark.django_db


def test_a_rule_is_made_for_an_indicator_found_by_name(world):
    kemi_values(world, b"240;2024;55,5\n")
    client = world.client_for("coordinator")
    page = client.get("/o/kemi/rules/?pick-q=" + world.own_indicator.title_fi.split()[0]).content.decode()
    assert f'<option value="{world.own_indicator.pk}">' in page
    assert "55,5 (2024)" in page  # the latest value beside the name
    response = client.post(
        "/o/kemi/rules/",
        {"indicator": world.own_indicator.pk, "condition": "above", "threshold": "50", "years": "3", "measure": "X"},
    )
    assert response.status_code == 302
    assert Rule.objects.get().indicator == world.own_indicator
    hidden = client.post(
        "/o/kemi/rules/", {"indicator": 999999, "condition": "above", "threshold": "5", "years": "3", "measure": "Y"}
    )
    assert hidden.status_code == 200  # refused on the form
    assert Rule.objects.count() == 1


def test_an_assessment_cell_lists_its_indicators_by_name_with_values(world):
    kemi_values(world, b"240;2024;55,5\n")
    assessment = assessments.create_assessment(actor=SYSTEM, organisation=world.kemi, title="A", kind="full")
    option = assessments.add_option(actor=SYSTEM, assessment=assessment, title="B")
    assessments.set_impact(actor=SYSTEM, option=option, area="children", direction="none", indicator_codes=["KH1"])
    url = f"/o/kemi/assessments/{assessment.pk}/options/{option.pk}/impacts/children/"
    page = world.client_for("coordinator").get(url).content.decode()
    assert f'value="{world.own_indicator.pk}"' in page
    assert "checked" in page.split(f'value="{world.own_indicator.pk}"')[1][:40]  # the cell's own, ticked
    assert "55,5 (2024)" in page
    world.client_for("coordinator").post(url, {"direction": "none"})  # all unticked
    assert not Impact.objects.get(option=option, area="children").indicators.exists()


def test_an_indicator_is_added_to_a_set_from_the_picker(world):
    kemi_values(world, b"240;2024;55,5\n")
    indicator_set = world.indicator_set
    indicator_set.items.all().delete()
    client = world.client_for("coordinator")
    page = client.get(f"/o/kemi/indicator-sets/{indicator_set.pk}/").content.decode()
    assert f'name="add" value="{world.own_indicator.pk}"' in page
    client.post(f"/o/kemi/indicator-sets/{indicator_set.pk}/change/", {"add": world.own_indicator.pk})
    assert list(indicator_set.items.values_list("indicator_id", flat=True)) == [world.own_indicator.pk]
