"""The survey pages as a coordinator uses them: a survey added, its LimeSurvey structure and results uploaded,
the preview with its rejected rows, the import confirmed, a grouping and an indicator defined, the values shown
with small groups suppressed; a Webropol-like XLSX through the column mapping. No page shows a respondent's row."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hyte.surveys.models import ImportStatus, Response, Survey, SurveyImport
from tests.surveys_world import lss, respondents, responses_csv, xlsx

pytestmark = pytest.mark.django_db

ROWS = respondents({("A4", "1", "K1"): 6, ("A1", "2", "K1"): 9, ("A5", "3", "K2"): 10, ("A2", "3", "K3"): 2})


def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_a_coordinator_imports_limesurvey_results_and_defines_an_indicator(world):
    client = english(world.client_for("coordinator"))
    response = client.post(
        reverse("surveys", args=["kemi"]),
        {
            "title_fi": "Minun arkeni",
            "title_sv": "Min vardag",
            "year": "2026",
            "tool": "limesurvey",
            "min_cell": "5",
            "keep_until": "2027-06-30",
        },
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("survey", args=["kemi", survey.pk])
    client.post(reverse("survey-structure", args=["kemi", survey.pk]), {"file": SimpleUploadedFile("s.lss", lss())})
    survey.refresh_from_db()
    assert len(survey.questions) == 3
    data = responses_csv([*ROWS, ["A7", "1", "K1"]])
    response = client.post(
        reverse("survey-import-start", args=["kemi", survey.pk]), {"file": SimpleUploadedFile("r.csv", data)}
    )
    run = SurveyImport.objects.get()
    assert run.status == ImportStatus.PREVIEW
    page = client.get(response["Location"]).content.decode()
    assert "28 rows read: 27 respondents would be imported, 1 rows rejected." in page
    assert "the answer &#x27;A7&#x27; to LONELY is outside its scale" in page
    client.post(reverse("survey-import-confirm", args=["kemi", survey.pk, run.pk]))
    assert Response.objects.filter(survey=survey).count() == 27
    client.post(
        reverse("survey-grouping-add", args=["kemi", survey.pk]),
        {
            "grouping-question": "VILLAGE",
            "grouping-dimension": "other",
            "grouping-title_fi": "Kylä",
            "grouping-title_sv": "By",
        },
    )
    grouping = survey.groupings.get()
    client.post(
        reverse("survey-indicator-add", args=["kemi", survey.pk]),
        {
            "indicator-question": "LONELY",
            "indicator-counted": "A4, A5",
            "indicator-title_fi": "Yksinäiset",
            "indicator-title_sv": "Ensamma",
            "indicator-polarity": "low_good",
            "indicator-groupings": str(grouping.pk),
        },
    )
    page = client.get(reverse("survey", args=["kemi", survey.pk])).content.decode()
    assert "59.3" in page  # 16 of 27
    assert "Kylä: Kemi centre" in page
    assert "40.0" in page
    assert page.count("suppressed: too few respondents") == 2  # Tervaharju (2) and the next smallest, Karihaara
    for each in Response.objects.filter(survey=survey)[:3]:
        assert f">{each.respondent}<" not in page


def test_a_table_goes_through_the_column_mapping(world):
    client = english(world.client_for("coordinator"))
    client.post(
        reverse("surveys", args=["kemi"]),
        {
            "title_fi": "Kysely",
            "title_sv": "Enkät",
            "year": "2025",
            "tool": "table",
            "min_cell": "5",
            "keep_until": "2026-12-31",
        },
    )
    survey = Survey.objects.get()
    rows = [["Vastaajan ID", "Yksinäisyys", "Avoin palaute"]]
    rows += [[f"secret-{n}", 1 + n % 5, f"free text {n}"] for n in range(20)]
    response = client.post(
        reverse("survey-import-start", args=["kemi", survey.pk]), {"file": SimpleUploadedFile("w.xlsx", xlsx(rows))}
    )
    page = client.get(response["Location"]).content.decode()
    assert "1, 2, 3, 4, 5" in page  # the scale's answers in the file
    assert "many different values (not shown)" in page
    assert "secret-3" not in page
    assert "free text 3" not in page
    run = SurveyImport.objects.get()
    client.post(
        response["Location"],
        {"id_column": "0", "code_1": "LONELY", "scale_1": "1,2,3,4", "code_2": "", "scale_2": ""},
    )
    run.refresh_from_db()
    assert run.status == ImportStatus.PREVIEW
    assert run.mapping["columns"] == {"1": {"code": "LONELY", "text": "Yksinäisyys", "scale": ["1", "2", "3", "4"]}}
    page = client.get(response["Location"]).content.decode()
    assert "20 rows read: 16 respondents would be imported, 4 rows rejected." in page
    assert "secret-" not in page


def test_readers_see_the_values_but_not_the_forms(world):
    from tests.surveys_world import imported

    survey = imported(world, ROWS)
    page = english(world.client_for("reader")).get(reverse("survey", args=["kemi", survey.pk])).content.decode()
    assert "Retention of the answers" in page
    assert "Upload" not in page
    assert "Settings" not in page
