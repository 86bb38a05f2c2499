"""Residents' surveys as data: LimeSurvey's structure and results imported, indicators computed per group against
hand-computed values, small cells and their complements suppressed in what is published, bad files and rows
refused with their reasons, a re-import replacing the answers, and the answers deleted after their retention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import translation

from hyte.audit.models import AuditEntry
from hyte.core import clock
from hyte.indicators.models import Indicator, IndicatorSource, Observation
from hyte.surveys import services
from hyte.surveys.models import Cell, ImportStatus, Response, Survey
from hyte.surveys.stats import wilson
from hyte.surveys.structure import read_structure
from tests.conftest import SYSTEM
from tests.surveys_world import (
    HEADER,
    imported,
    limesurvey_survey,
    lss,
    respondents,
    responses_csv,
    structure_txt,
    xlsx,
)

pytestmark = pytest.mark.django_db

# 53 valid answers to LONELY: 15 "often" or "always". Kemi centre 9/30, Karihaara 5/20, Tervaharju 1/3;
# 18-39: 7/16, 40-64: 8/8, 65-: 0/29. One more respondent left LONELY empty (not in any base).
ROWS = respondents(
    {
        ("A4", "1", "K1"): 6,
        ("A1", "1", "K1"): 9,
        ("A5", "2", "K1"): 3,
        ("A2", "3", "K1"): 12,
        ("A4", "2", "K2"): 5,
        ("A3", "3", "K2"): 15,
        ("A1", "3", "K3"): 2,
        ("A5", "1", "K3"): 1,
        ("", "1", "K1"): 1,
    }
)


def define(survey: Survey):
    by_age = services.add_grouping(
        actor=SYSTEM, survey=survey, question="AGE", dimension="age_group", title_fi="Ikäryhmä", title_sv="Åldersgrupp"
    )
    by_village = services.add_grouping(
        actor=SYSTEM, survey=survey, question="VILLAGE", dimension="other", title_fi="Kylä", title_sv="By"
    )
    lonely = services.add_indicator(
        actor=SYSTEM,
        survey=survey,
        question="LONELY",
        counted=["A4", "A5"],
        title_fi="Yksinäisyyttä usein tai aina kokevat",
        title_sv="Känner sig ofta eller alltid ensamma",
        polarity="low_good",
        groupings=[by_age, by_village],
    )
    return by_age, by_village, lonely


@pytest.fixture(autouse=True)
def _english():
    """Refusals are read in English here; their Finnish and Swedish are checked by the catalogue test."""
    with translation.override("en"):
        yield


def test_the_structure_is_read_from_an_lss_file():
    questions = read_structure(lss())
    assert [q["code"] for q in questions] == ["LONELY", "AGE", "VILLAGE"]
    assert questions[0]["text"] == "I feel lonely"
    assert [a["code"] for a in questions[0]["answers"]] == ["A1", "A2", "A3", "A4", "A5"]
    assert questions[0]["answers"][3]["label"] == "often"


def test_the_structure_is_read_from_the_tab_separated_export_with_array_subquestions():
    questions = {q["code"]: q for q in read_structure(structure_txt())}
    assert list(questions) == ["LONELY", "AGE", "HEALTH[SQ001]", "HEALTH[SQ002]"]
    assert [a["code"] for a in questions["AGE"]["answers"]] == ["1", "2", "3"]
    assert questions["HEALTH[SQ002]"]["text"] == "How is your: mental health"
    assert [a["code"] for a in questions["HEALTH[SQ001]"]["answers"]] == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (lss()[:-40], "not whole XML"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><document/>', "DOCTYPE"),
        (b"<document><LimeSurveyDocType>Question</LimeSurveyDocType></document>", "not a LimeSurvey survey"),
        (b"a;b;c\n1;2;3\n", "neither a LimeSurvey"),
    ],
)
def test_a_bad_structure_file_is_refused_whole(world, data, reason):
    survey = services.create_survey(
        actor=SYSTEM,
        organisation=world.kemi,
        title_fi="K",
        title_sv="E",
        year=2026,
        tool="limesurvey",
        keep_until=dt.date(2027, 1, 1),
    )
    with pytest.raises(ValidationError, match=reason):
        services.set_structure(actor=SYSTEM, survey=survey, data=data)
    survey.refresh_from_db()
    assert survey.questions == []


def test_the_survey_values_match_hand_computed_ones(world):
    survey = imported(world, ROWS)
    assert survey.respondents == 54
    assert Response.objects.filter(survey=survey).count() == 54
    by_age, by_village, lonely = define(survey)
    cells = {(cell.grouping_id, cell.key): cell for cell in Cell.objects.filter(indicator=lonely)}
    total = cells[(None, "")]
    assert (total.count, total.base) == (15, 53)
    assert total.share == pytest.approx(15 / 53)
    assert (total.ci_low, total.ci_high) == pytest.approx(wilson(15, 53))
    assert [(cells[(by_age.pk, key)].count, cells[(by_age.pk, key)].base) for key in ("1", "2", "3")] == [
        (7, 16),
        (8, 8),
        (0, 29),
    ]
    assert cells[(by_age.pk, "2")].share == 1.0
    assert cells[(by_age.pk, "3")].share == 0.0
    assert (cells[(by_village.pk, "K1")].count, cells[(by_village.pk, "K1")].base) == (9, 30)
    # 9/30 by hand: p = 0.3, z² = 3.8415; centre (0.3 + 0.06402)/1.12805 = 0.32270; half 1.73749 * 0.09040 = 0.15707
    assert cells[(by_village.pk, "K1")].ci_low == pytest.approx(0.1666, abs=1e-4)
    assert cells[(by_village.pk, "K1")].ci_high == pytest.approx(0.4788, abs=1e-4)


def test_a_small_cell_and_its_complement_are_suppressed_where_published(world):
    survey = imported(world, ROWS)
    _by_age, by_village, lonely = define(survey)
    village = {cell.key: cell for cell in Cell.objects.filter(indicator=lonely, grouping=by_village)}
    assert village["K3"].suppressed
    assert village["K3"].count is None
    assert village["K3"].base is None
    assert village["K2"].suppressed
    assert village["K2"].share is None
    assert not village["K1"].suppressed
    published = Indicator.objects.get(
        organisation=world.kemi,
        source=IndicatorSource.SURVEY,
        source_id=f"survey-{survey.pk}-{lonely.pk}-{by_village.pk}",
    )
    rows = {row.age_group: row for row in Observation.objects.filter(indicator=published)}
    assert rows["K3"].value is None
    assert rows["K3"].missing_reason == "suppressed"
    assert rows["K3"].absolute_value is None
    assert rows["K2"].value is None
    assert rows["K2"].missing_reason == "suppressed"
    assert rows["K1"].value == pytest.approx(30.0)
    assert rows["K1"].absolute_value == 9
    assert rows[""].value == pytest.approx(100 * 15 / 53, abs=1e-3)
    assert rows[""].gender == "total"
    assert published.group_labels["K2"] == {"fi": "Karihaara", "sv": ""}
    # What is shown cannot give the hidden cells back one by one: only their sum, 23 respondents, is implied.
    shown = sum(cell.base for cell in village.values() if not cell.suppressed)
    assert Cell.objects.get(indicator=lonely, grouping=None).base - shown == 23


def test_the_published_indicators_carry_their_source_and_sample_size(world):
    survey = imported(world, ROWS)
    by_age, _by_village, lonely = define(survey)
    published = Indicator.objects.get(source_id=f"survey-{survey.pk}-{lonely.pk}-{by_age.pk}")
    assert published.organisation == world.kemi
    assert published.source == IndicatorSource.SURVEY
    assert published.sample_size == 53
    assert published.source_text == "Minun arkeni 2026 (n = 53)"
    assert published.title_sv == "Känner sig ofta eller alltid ensamma – åldersgrupp"
    assert (published.range_start, published.range_end, published.polarity) == (2026, 2026, "low_good")
    ages = dict(Observation.objects.filter(indicator=published).values_list("age_group", "value"))
    assert ages == {"": pytest.approx(100 * 15 / 53), "1": pytest.approx(43.75), "2": 100.0, "3": 0.0}
    assert Observation.objects.get(indicator=published, age_group="").area == world.kemi.area


def test_a_higher_minimum_suppresses_more_and_it_is_never_below_three(world):
    survey = imported(world, ROWS)
    by_age, _by_village, lonely = define(survey)
    services.update_survey(
        actor=SYSTEM,
        survey=survey,
        title_fi="Minun arkeni",
        title_sv="Min vardag",
        year=2026,
        keep_until=dt.date(2027, 6, 30),
        min_cell=10,
    )
    age = {cell.key: cell for cell in Cell.objects.filter(indicator=lonely, grouping=by_age)}
    assert age["2"].suppressed
    assert age["1"].suppressed
    assert not age["3"].suppressed
    with pytest.raises(ValidationError, match="below 3"):
        services.update_survey(
            actor=SYSTEM,
            survey=survey,
            title_fi="Minun arkeni",
            title_sv="Min vardag",
            year=2026,
            keep_until=dt.date(2027, 6, 30),
            min_cell=2,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Survey.objects.filter(pk=survey.pk).update(min_cell=2)


def test_bad_rows_are_rejected_one_by_one_with_their_reasons_and_the_good_kept(world):
    survey = limesurvey_survey(world)
    header = [*HEADER, "EXTRA"]
    lines = [
        '"' + '","'.join(header) + '"',
        '"1","","1","fi","1","A4","1","K1","x"',
        '"2","","1","fi","1","A9","1","K1","x"',  # outside the scale
        '"1","","1","fi","1","A1","2","K2","x"',  # the same respondent again
        '"","","1","fi","1","A1","2","K2","x"',  # no id
        '"5","","1","fi","1","often","3","K3","x"',  # the answer's text instead of its code: read as A4
    ]
    run = services.start_import(actor=SYSTEM, survey=survey, data=("\n".join(lines) + "\n").encode(), filename="r.csv")
    assert run.status == ImportStatus.PREVIEW
    from hyte.surveys.preview import checked

    preview = checked(run)
    assert preview.unknown == ["EXTRA"]
    services.confirm_import(actor=SYSTEM, run=run)
    run.refresh_from_db()
    assert run.rows_read == 5
    assert run.rows_kept == 2
    assert run.rejected == [
        {"line": 3, "reason": "the answer 'A9' to LONELY is outside its scale (A1, A2, A3, A4, A5)"},
        {"line": 4, "reason": "respondent id 1 is already on line 2"},
        {"line": 5, "reason": "no respondent id"},
    ]
    assert sorted(Response.objects.filter(survey=survey).values_list("answers__LONELY", flat=True)) == ["A4", "A4"]
    assert run.upload is None


@pytest.mark.parametrize(
    ("cut", "reason"),
    [
        (lambda data: data[:-30], "cut off"),
        (lambda data: data.replace(b'"A1","3","K3"', b'"A1","3","K3","more","fields"', 1), "garbled"),
        (lambda data: data.split(b"\r\n")[0] + b"\r\n", "no respondents"),
        (lambda data: b"\x00\x01\x02binary" * 20, "not"),
    ],
)
def test_a_cut_or_garbled_file_is_refused_whole(world, cut, reason):
    survey = imported(world, ROWS)
    before = set(Response.objects.filter(survey=survey).values_list("pk", flat=True))
    with pytest.raises(ValidationError, match=reason):
        services.start_import(actor=SYSTEM, survey=survey, data=cut(responses_csv(ROWS)), filename="r.csv")
    assert set(Response.objects.filter(survey=survey).values_list("pk", flat=True)) == before


def test_importing_the_round_again_replaces_its_answers(world):
    survey = imported(world, ROWS)
    _by_age, _by_village, lonely = define(survey)
    fewer = respondents({("A4", "1", "K1"): 4, ("A1", "2", "K2"): 6})
    run = services.start_import(actor=SYSTEM, survey=survey, data=responses_csv(fewer), filename="again.csv")
    services.confirm_import(actor=SYSTEM, run=run)
    assert Response.objects.filter(survey=survey).count() == 10
    total = Cell.objects.get(indicator=lonely, grouping=None)
    assert (total.count, total.base) == (4, 10)
    assert Cell.objects.filter(indicator=lonely).count() == 1 + 3 + 3  # not twice
    published = Indicator.objects.filter(source=IndicatorSource.SURVEY, organisation=world.kemi)
    assert published.count() == 2
    assert Observation.objects.filter(indicator__in=published, age_group="").count() == 2


def test_a_table_with_one_row_per_respondent_is_imported_through_its_mapping(world):
    survey = services.create_survey(
        actor=SYSTEM,
        organisation=world.kemi,
        title_fi="Kuntalaiskysely",
        title_sv="Invånarenkät",
        year=2025,
        tool="table",
        keep_until=dt.date(2026, 12, 31),
    )
    rows = [["Vastaajan ID", "Koen itseni yksinäiseksi", "Ikä"]]
    rows += [[f"r{n}", 4 if n % 3 == 0 else 2, "18-39" if n % 2 else "65-"] for n in range(1, 31)]
    rows.append(["r31", 7, "65-"])  # outside the scale 1-5
    run = services.start_import(actor=SYSTEM, survey=survey, data=xlsx(rows), filename="webropol.xlsx")
    assert run.status == ImportStatus.MAPPING
    assert run.mapping["id"] == 0
    services.choose_columns(
        actor=SYSTEM,
        run=run,
        id_column=0,
        columns={
            1: {"code": "LONELY", "text": "Koen itseni yksinäiseksi", "scale": ["1", "2", "3", "4", "5"]},
            2: {"code": "AGE", "text": "Ikä", "scale": []},
        },
    )
    services.confirm_import(actor=SYSTEM, run=run)
    run.refresh_from_db()
    assert run.rows_kept == 30
    assert run.rejected == [{"line": 32, "reason": "the answer '7' to LONELY is outside its scale (1, 2, 3, 4, 5)"}]
    survey.refresh_from_db()
    made = services.add_indicator(
        actor=SYSTEM, survey=survey, question="LONELY", counted=["4", "5"], title_fi="Yksinäiset", title_sv="Ensamma"
    )
    total = Cell.objects.get(indicator=made, grouping=None)
    assert (total.count, total.base) == (10, 30)  # n = 3, 6, …, 30


def test_answers_are_deleted_after_their_retention_day_and_the_indicators_stay(world, monkeypatch):
    survey = imported(world, ROWS)
    _by_age, _by_village, lonely = define(survey)
    kept = imported(world, ROWS[:10])
    services.update_survey(
        actor=SYSTEM,
        survey=kept,
        title_fi="Toinen",
        title_sv="Annan",
        year=2026,
        keep_until=dt.date(2030, 1, 1),
        min_cell=5,
    )
    observations = Observation.objects.filter(indicator__source=IndicatorSource.SURVEY).count()
    monkeypatch.setattr(clock, "today", lambda: dt.date(2027, 7, 1))
    call_command("purge_survey_responses")
    survey.refresh_from_db()
    assert Response.objects.filter(survey=survey).count() == 0
    assert survey.responses_deleted_at is not None
    assert Response.objects.filter(survey=kept).count() == 10  # its day has not come
    assert Cell.objects.filter(indicator=lonely, grouping=None).get().base == 53
    assert Observation.objects.filter(indicator__source=IndicatorSource.SURVEY).count() == observations
    assert AuditEntry.objects.filter(action="survey.purge", object_id=str(survey.pk)).exists()
    with pytest.raises(ValidationError, match="deleted"):
        services.start_import(actor=SYSTEM, survey=survey, data=responses_csv(ROWS), filename="r.csv")


def test_the_daily_run_deletes_answers_past_their_day(world, monkeypatch):
    survey = imported(world, ROWS[:10])
    monkeypatch.setattr(clock, "today", lambda: dt.date(2028, 1, 1))
    call_command("notify_daily")
    assert not Response.objects.filter(survey=survey).exists()
