"""Input is validated at the edge: what no database can store, or numbers out of any sensible range, get a 4xx
with a clear message — never a server error (issue 14; PostgreSQL refused NUL with a 500)."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

NUL_MESSAGE = "NUL character or a broken Unicode character"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/areas?q=%00",
        "/api/v1/indicators?q=a%00b",
        "/api/v1/observations.csv?indicator=own:KH1&area=municipality:%00",
        "/api/v1/organisations/%00/reports",
        "/o/kemi/situation/?q=%00",
    ],
)
def test_a_nul_character_anywhere_in_the_request_is_refused_with_400(world, url):
    with translation.override("en"):
        response = world.client_for("coordinator").get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


@pytest.mark.parametrize("text", ["Tavoite\u0000", "Puolikas \ud800 merkki"])
def test_nul_and_lone_surrogates_in_a_json_body_are_refused(world, text):
    report = world.client_for("coordinator")
    response = report.post(
        "/api/v1/organisations/kemi/assessments",
        data=json.dumps({"title": text}, ensure_ascii=True),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert NUL_MESSAGE in response.json()["detail"]


def test_a_nul_character_in_a_form_is_refused(world):
    response = world.client_for("coordinator").post(
        "/o/kemi/assessments/new/", {"title": "Koulu\u0000verkko"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/areas?limit=99999999999999999999", "limit"),
        ("/api/v1/areas?offset=9223372036854775808", "offset"),
        ("/api/v1/indicators?offset=-1", "offset"),
        ("/api/v1/observations?indicator=own:KH1&year=99999999999", "year"),
        ("/api/v1/observations?indicator=own:KH1&year=-5", "year"),
        ("/api/v1/organisations/kemi/assessments?year=100000", "year"),
    ],
)
def test_numbers_out_of_range_answer_422_naming_the_parameter(world, url, field):
    response = world.client_for("coordinator").get(url)
    assert response.status_code == 422
    assert field in response.json()["detail"][0]["loc"]


def test_the_openapi_document_describes_the_error_answers(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/organisations/{slug}/assessments"]["post"]
    for status in ("400", "401", "403", "404", "422", "429"):
        assert status in operation["responses"], status
    assert document["components"]["schemas"]["Problem"]["required"] == ["detail"]
    limit = next(p for p in document["paths"]["/api/v1/areas"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 1000
