"""The demo's residents' survey: 400 synthetic respondents from a seeded generator, six published indicators by age
group and area, the hamlet's cells suppressed with their complements; loading it again changes nothing."""

from __future__ import annotations

import pytest

from hyte.demo.surveys import load_demo_surveys, responses
from hyte.indicators.models import Indicator, IndicatorSource, Observation
from hyte.surveys.models import Cell, Response, Survey

pytestmark = pytest.mark.django_db


def test_the_generator_is_seeded():
    assert responses() == responses()
    assert responses().count(b"\r\n") == 401


def test_the_demo_survey_has_six_indicators_with_small_cells_suppressed(world):
    assert load_demo_surveys() == 6
    survey = Survey.objects.get(organisation=world.kemi)
    assert Response.objects.filter(survey=survey).count() == 400
    published = Indicator.objects.filter(organisation=world.kemi, source=IndicatorSource.SURVEY)
    assert published.count() == 6
    assert all(indicator.sample_size and indicator.sample_size > 350 for indicator in published)
    hamlet = Cell.objects.filter(indicator__survey=survey, key="K6")
    assert hamlet.count() == 3
    assert all(cell.suppressed for cell in hamlet)
    assert Cell.objects.filter(indicator__survey=survey, grouping__dimension="other", suppressed=True).count() == 6
    assert Observation.objects.filter(indicator__in=published, missing_reason="suppressed").count() == 6
    assert load_demo_surveys() == 0
    assert Survey.objects.filter(organisation=world.kemi).count() == 1
