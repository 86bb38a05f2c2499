"""The register's public API: published activities with the finder's filters, one activity, actors, themes."""

from __future__ import annotations

from django.test import Client

from tests.actors_world import build_register


def _get(path: str) -> dict:
    response = Client().get(path)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_activities_are_listed_and_filtered(world):
    register = build_register(world)
    everything = _get("/api/v1/activities")
    assert everything["count"] == 3
    titles = {item["title"] for item in everything["items"]}
    assert titles == {register[k].title for k in ("walking", "reading", "football")}
    walking = next(item for item in everything["items"] if item["id"] == register["walking"].pk)
    assert walking["themes"] == ["physical-activity", "loneliness"]
    assert walking["age_groups"] == ["older"]
    assert walking["municipality"] == "240"
    assert walking["providers"] == [{"id": register["seniors"].pk, "name": "Kemin Seniorit ry", "name_sv": ""}]
    found = _get("/api/v1/activities?q=yksinäisyys&age_group=older&free=true&language=sv&municipality=240")
    assert [item["id"] for item in found["items"]] == [register["walking"].pk]
    assert _get("/api/v1/activities?age_group=young")["items"][0]["id"] == register["football"].pk
    assert Client().get("/api/v1/activities?age_group=babies").status_code == 422


def test_one_activity_and_nothing_unpublished(world):
    register = build_register(world)
    reading = _get(f"/api/v1/activities/{register['reading'].pk}")
    assert (reading["is_free"], reading["fee"], reading["starts_on"]) == (False, "2 € / kerta", "2026-09-01")
    for key in ("draft", "hidden"):
        assert Client().get(f"/api/v1/activities/{register[key].pk}").status_code == 404


def test_actors_themes_and_target_groups(world):
    register = build_register(world)
    actors = _get("/api/v1/actors")["items"]
    assert {a["name"] for a in actors} == {"Kemin Seniorit ry", "Kemin kaupunginkirjasto", "Tornion Pallo ry"}
    seniors = next(a for a in actors if a["id"] == register["seniors"].pk)
    assert (seniors["business_id"], seniors["municipality"], seniors["kind"]) == ("0112038-9", "240", "ngo")
    themes = _get("/api/v1/activity-themes")
    assert {"code": "loneliness", "name_fi": "Yksinäisyys ja sosiaaliset suhteet"}.items() <= themes[3].items()
    assert len(themes) == 14
    assert any(group["code"] == "informal-carers" for group in _get("/api/v1/activity-target-groups"))
