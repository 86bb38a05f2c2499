"""The coefficient API: models, results, what-ifs, scenarios and TEAviisari values, with the same services and
permissions as the pages."""

from __future__ import annotations

import json

import pytest

from tests.funding_world import KEMI_EUROS, build_funding, small_model


@pytest.fixture
def funding(world):
    return build_funding(world)


def test_models_results_and_a_what_if_for_anyone(funding, client):
    models = client.get("/api/v1/coefficient/models").json()
    assert [(m["key"], m["version"], len(m["indicators"])) for m in models] == [("test-municipal", 1, 2)]
    results = client.get(f"/api/v1/coefficient/models/{funding.model.pk}/results").json()
    assert results["count"] == 308
    first = results["results"][0]
    assert (first["area"]["code"], first["rank"], first["euros"]) == ("240", 1, pytest.approx(KEMI_EUROS))
    answer = client.post(
        f"/api/v1/coefficient/models/{funding.model.pk}/what-if",
        json.dumps({"area": "851", "values": {"leadership": 90}}),
        content_type="application/json",
    )
    assert answer.status_code == 200
    body = answer.json()
    assert (body["before"]["score"], body["after"]["score"], body["after"]["rank"]) == (
        pytest.approx(25),
        pytest.approx(75),
        2,
    )
    bad = client.post(
        f"/api/v1/coefficient/models/{funding.model.pk}/what-if",
        json.dumps({"area": "851", "values": {"nonsense": 1}}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert bad.status_code == 400
    assert "no indicator nonsense" in bad.json()["detail"]
    teaviisari = client.get("/api/v1/teaviisari/municipality/240").json()
    assert teaviisari == [
        {
            "sector": "kuntajohto",
            "survey_year": 2023,
            "item": "total",
            "dimension": "",
            "value": 80.0,
            "synthetic": False,
        }
    ]


def test_importing_a_model_and_saving_a_scenario(funding, world):
    document = small_model(key="api-model")
    national = world.client_for("national")
    created = national.post(
        "/api/v1/coefficient/models", json.dumps({"document": document}), content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["key"] == "api-model"
    refused = world.client_for("coordinator").post(
        "/api/v1/coefficient/models", json.dumps({"document": document}), content_type="application/json"
    )
    assert refused.status_code == 404
    broken = national.post(
        "/api/v1/coefficient/models",
        json.dumps({"document": {**document, "parts": {"process": 1, "outcome": 1}}}),
        content_type="application/json",
    )
    assert broken.status_code == 400
    editor = world.client_for("editor")
    saved = editor.post(
        "/api/v1/organisations/kemi/coefficient-scenarios",
        json.dumps({"model": funding.model.pk, "area": "851", "title": "API", "values": {"leadership": 90}}),
        content_type="application/json",
    )
    assert saved.status_code == 201
    assert saved.json()["result"]["after"]["score"] == pytest.approx(75)
    listed = world.client_for("reader").get("/api/v1/organisations/kemi/coefficient-scenarios").json()
    assert [s["title"] for s in listed] == ["API"]
    assert world.client_for("outsider").get("/api/v1/organisations/tornio/coefficient-scenarios").json() == []
