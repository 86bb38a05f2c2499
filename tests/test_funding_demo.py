"""The demo's coefficient: the shipped models, synthetic TEAviisari values labelled so, Kemi's scenario; twice is
once."""

from __future__ import annotations

import pytest

from hyte.demo.funding import SCENARIO_TITLE, load_demo_funding
from hyte.demo.people import load_demo
from hyte.funding import queries
from hyte.funding.models import CoefficientModel, Scenario, TeaviisariValue
from hyte.regions.models import Area, AreaKind


@pytest.mark.django_db
def test_the_demo_computes_the_models_with_labelled_synthetic_values_and_saves_kemis_scenario(client):
    load_demo()
    assert load_demo_funding() == 308
    values = TeaviisariValue.objects.count()
    assert values > 308 * 15
    assert not TeaviisariValue.objects.filter(synthetic=False).exists()
    load_demo_funding()
    assert TeaviisariValue.objects.count() == values
    assert CoefficientModel.objects.count() == 2
    scenario = Scenario.objects.get(title=SCENARIO_TITLE)
    assert scenario.organisation.slug == "kemi"
    assert scenario.shared
    assert scenario.changes == {"tea-liikunta-voimavarat": 80.0}
    assert scenario.result["after"]["score"] > scenario.result["before"]["score"]
    municipal = queries.models_queryset().get(key="municipal")
    assert municipal.frozen  # used by a scenario
    results = queries.results_for(municipal)
    assert results.synthetic
    # The test database has no Sotkanet values: every outcome indicator is filled by the rule, and said so.
    assert {ind.part for ind in results.without_data} == {"outcome"}
    assert len(results.without_data) == 6
    assert results.provisional
    page = client.get(f"/coefficient/{municipal.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Synthetic demo values." in page
    assert "Provisional model." in page
    assert "No area has a value for these indicators" in page
    county = queries.models_queryset().get(key="county")
    counties = Area.objects.filter(kind=AreaKind.COUNTY, valid_until__isnull=True).count()
    assert counties >= 21
    assert queries.results_for(county).count == counties
