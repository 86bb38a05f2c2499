from __future__ import annotations

import datetime as dt
import json

import pytest

from hyte.accounts.services import create_api_token, revoke_api_token


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_token_authenticates_as_its_owner(world, client):
    _token, raw = create_api_token(actor=world.users["editor"], name="script")
    response = client.get("/api/v1/me", **bearer(raw))
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "editor"
    assert [(o["slug"], o["role"]) for o in body["organisations"]] == [("kemi", "editor")]
    assert body["organisations"][0]["permissions"] == ["contribute", "view", "view_drafts"]
    assert "edit" not in body["organisations"][0]["permissions"]


def test_a_revoked_or_wrong_token_is_refused(world, client):
    token, raw = create_api_token(actor=world.users["editor"], name="script")
    revoke_api_token(actor=world.users["editor"], token=token)
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 401
    assert client.get("/api/v1/me", **bearer("hyte_not-a-token")).status_code == 401
    assert client.get("/api/v1/me", **bearer("something-else")).status_code == 401


def test_a_token_records_when_it_was_last_used(world, client):
    token, raw = create_api_token(actor=world.users["editor"], name="script")
    assert token.last_used_at is None
    client.get("/api/v1/organisations", **bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_county_sees_only_its_own_organisations(world, client):
    _token, raw = create_api_token(actor=world.users["county"], name="script")
    assert [o["slug"] for o in client.get("/api/v1/organisations", **bearer(raw)).json()] == ["lappi"]
    assert client.get("/api/v1/organisations/tornio", **bearer(raw)).status_code == 404


def test_a_browser_session_authenticates_api_reads(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["reader"])
    assert client.get("/api/v1/organisations").status_code == 200


@pytest.mark.django_db
def test_areas_filter_by_kind_and_county(client):
    counties = client.get("/api/v1/areas?kind=county&limit=100").json()
    assert counties["count"] == 23
    lappi = client.get("/api/v1/areas?kind=municipality&county=21&limit=100").json()
    assert lappi["count"] == 21
    assert {item["county_code"] for item in lappi["items"]} == {"21"}
    assert "Kemi" in {item["name_fi"] for item in lappi["items"]}


@pytest.mark.django_db
def test_areas_search_and_former_municipalities(client):
    assert client.get("/api/v1/areas?q=Pertunmaa").json()["count"] == 0
    former = client.get("/api/v1/areas?q=Pertunmaa&include_former=true").json()["items"]
    assert [(a["code"], a["valid_until"]) for a in former] == [("588", 2024)]
    assert client.get("/api/v1/areas?q=091").json()["items"][0]["name_sv"] == "Helsingfors"


@pytest.mark.django_db
def test_areas_paginate(client):
    first = client.get("/api/v1/areas?kind=municipality&limit=10&offset=0").json()
    second = client.get("/api/v1/areas?kind=municipality&limit=10&offset=10").json()
    assert first["count"] == 308
    assert len(first["items"]) == 10
    assert not {a["code"] for a in first["items"]} & {a["code"] for a in second["items"]}


@pytest.mark.django_db
def test_bad_filters_get_a_clear_error(client):
    response = client.get("/api/v1/areas?kind=planet")
    assert response.status_code == 422
    assert "kind" in str(response.json()["detail"])
    assert client.get("/api/v1/areas/planet/1").status_code == 422
    assert client.get("/api/v1/areas/municipality/999").status_code == 404


@pytest.mark.django_db
def test_the_openapi_document_describes_every_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert set(schema["paths"]) >= {
        "/api/v1/areas",
        "/api/v1/areas/{kind}/{code}",
        "/api/v1/me",
        "/api/v1/organisations",
        "/api/v1/organisations/{slug}",
    }
    assert {"TokenAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"])
    docs = client.get("/api/v1/docs").content.decode()
    assert "swagger" in docs.lower()
    assert "cdn.jsdelivr" not in docs  # the docs work offline, from our own static files


def test_a_token_expires(world, client):
    import time_machine

    _token, raw = create_api_token(actor=world.users["editor"], name="script", valid_days=30)
    assert client.get("/api/v1/me", **bearer(raw)).status_code == 200
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=31)):
        response = client.get("/api/v1/me", **bearer(raw))
    assert response.status_code == 401
    assert "expired" in response.json()["detail"] or "vanhentunut" in response.json()["detail"]


def test_a_read_only_token_reads_but_cannot_write(world, client):
    _token, raw = create_api_token(actor=world.users["coordinator"], name="dashboard", read_only=True)
    assert client.get("/api/v1/organisations/kemi/assessments", **bearer(raw)).status_code == 200
    response = client.post(
        "/api/v1/organisations/kemi/assessments",
        data=json.dumps({"title": "Koulun lakkautus"}),
        content_type="application/json",
        **bearer(raw),
    )
    assert response.status_code == 403
    from hyte.assessments.models import Assessment

    assert not Assessment.objects.filter(title="Koulun lakkautus").exists()


def test_a_bearer_token_works_on_the_public_endpoints_too(world, client):
    """Own indicators are visible to members: a member's token sees them on /indicators and /observations,
    which anonymous callers may also use (the token was ignored there)."""
    from tests.conftest import kemi_values

    kemi_values(world, b"240;2024;55,5\n")
    _token, raw = create_api_token(actor=world.users["reader"], name="script")
    assert client.get("/api/v1/observations?indicator=own:KH1").status_code in (400, 404)
    response = client.get("/api/v1/observations?indicator=own:KH1", **bearer(raw))
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert client.get("/api/v1/observations.csv?indicator=own:KH1", **bearer(raw)).status_code == 200


def test_the_token_page_sets_expiry_and_scope(world):
    client = world.client_for("editor")
    page = client.post("/accounts/tokens/", {"name": "raportti", "valid_for": "30", "read_only": "on"})
    assert page.status_code == 200
    token = world.users["editor"].api_tokens.get(name="raportti")
    assert token.read_only
    assert 29 <= (token.expires_at - token.created_at).days <= 30
