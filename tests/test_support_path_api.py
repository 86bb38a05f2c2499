"""The support paths' API: public reads of published paths (drafts for their keepers only, a non-public activity
never shown), and the keepers' writes through the same services as the pages, with clear refusals."""

from __future__ import annotations

import json
from typing import Any

from hyte.actors.models import SupportPath
from hyte.audit.models import AuditEntry
from tests.actors_world import build_register
from tests.paths_world import INTRODUCTION, INTRODUCTION_SV, add_path, add_step, build_path

API = "/api/v1/support-paths"


def _send(client: Any, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.generic(
        method, url, json.dumps(body or {}), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )


def test_everyone_reads_the_published_paths_with_their_steps_in_order(world, client):
    register = build_register(world)
    path = build_path(register)["path"]
    add_path(title="Luonnos")
    listing = client.get(API).json()
    assert [item["title"] for item in listing["items"]] == ["Kotona pärjääminen ikääntyneenä"]
    assert listing["items"][0]["municipality"] == "240"
    assert listing["items"][0]["target_groups"] == ["living-alone"]
    assert client.get(API + "?municipality=851").json()["count"] == 0
    one = client.get(f"{API}/{path.pk}").json()
    assert [step["heading"] for step in one["steps"]] == ["Lähde liikkeelle", "Kysy neuvoa", "Tuo lapsenlapset mukaan"]
    assert [step["position"] for step in one["steps"]] == [1, 2, 3]
    walking = one["steps"][0]
    assert walking["activity_id"] == register["walking"].pk
    assert walking["activity"]["schedule"] == "Tiistaisin 10–11"
    assert walking["activity"]["join_phone"] == "040 123 4567"
    assert one["steps"][1]["activity"] is None
    assert one["steps"][1]["service_phone"] == "040 000 0001"
    assert one["introduction_sv"] == INTRODUCTION_SV
    assert one["leaflet"] == f"/public/fi/activities/paths/{path.pk}/leaflet.pdf"


def test_a_draft_is_read_only_by_its_keepers_and_a_non_public_activity_only_by_them(world, client):
    register = build_register(world)
    built = build_path(register)
    add_step(built["path"], heading="Muistikahvila", activity=register["draft"])
    draft = add_path(title="Luonnos")
    assert client.get(f"{API}/{draft.pk}").status_code == 404
    assert world.client_for("reader").get(f"{API}/{draft.pk}").status_code == 404
    assert world.client_for("coordinator").get(f"{API}/{draft.pk}").json()["is_published"] is False
    public = client.get(f"{API}/{built['path'].pk}").json()["steps"][-1]
    assert public["activity_id"] is None  # the draft activity is not named to the public
    assert public["activity"] is None
    kept = world.client_for("coordinator").get(f"{API}/{built['path'].pk}").json()["steps"][-1]
    assert kept["activity_id"] == register["draft"].pk
    assert kept["activity"] is None


def test_a_coordinator_builds_orders_publishes_and_deletes_a_path(world):
    register = build_register(world)
    client = world.client_for("coordinator")
    created = _send(
        client, "POST", API, {"municipality": "240", "title": "Vauvaperheen tuki", "age_groups": ["children"]}
    )
    assert created.status_code == 201, created.content
    path_id = created.json()["id"]
    steps = f"{API}/{path_id}/steps"
    first = _send(client, "POST", steps, {"heading": "Satutunti", "activity": register["reading"].pk})
    assert first.status_code == 201
    assert first.json()["activity"]["fee"] == "2 € / kerta"
    service = {"heading": "Neuvola", "service_name": "Neuvola", "service_url": "https://example.fi/neuvola"}
    second = _send(client, "POST", steps, service).json()
    moved = _send(client, "POST", f"{steps}/{second['id']}/move", {"direction": "up"}).json()
    assert [step["heading"] for step in moved["steps"]] == ["Neuvola", "Satutunti"]
    changed = _send(client, "PUT", f"{steps}/{second['id']}", {**service, "heading": "Neuvolaan"}).json()
    assert changed["heading"] == "Neuvolaan"
    assert _send(client, "POST", f"{API}/{path_id}/publish").status_code == 400  # no Swedish yet
    details = {"title": "Vauvaperheen tuki", "title_sv": "Stöd för babyfamiljer", "target_groups": []}
    texts = {"introduction": INTRODUCTION, "introduction_sv": INTRODUCTION_SV}
    assert _send(client, "PUT", f"{API}/{path_id}", {**details, **texts}).json()["title_sv"] == "Stöd för babyfamiljer"
    assert _send(client, "POST", f"{API}/{path_id}/publish").json()["is_published"] is True
    assert world.client_for("anonymous").get(f"{API}/{path_id}").status_code == 200
    assert _send(client, "DELETE", f"{steps}/{first.json()['id']}").status_code == 204
    assert _send(client, "POST", f"{API}/{path_id}/unpublish").json()["is_published"] is False
    assert _send(client, "DELETE", f"{API}/{path_id}").status_code == 204
    assert not SupportPath.objects.exists()
    actions = list(AuditEntry.objects.filter(action__startswith="support_path.").values_list("action", flat=True))
    assert actions.count("support_path.add_step") == 2
    assert "support_path.delete" in actions


def test_the_api_refuses_bad_input_clearly_and_writes_nothing(world):
    register = build_register(world)
    client = world.client_for("coordinator")
    path = add_path()
    before = AuditEntry.objects.count()
    refused = _send(client, "POST", API, {"municipality": "999", "title": "X"})
    assert refused.status_code == 400
    assert "municipality" in refused.json()["detail"]
    assert (
        _send(client, "POST", API, {"municipality": "240", "title": "X", "target_groups": ["nobody"]}).status_code
        == 400
    )
    assert (
        _send(client, "POST", API, {"municipality": "240", "title": "X", "age_groups": ["babies"]}).status_code == 422
    )
    steps = f"{API}/{path.pk}/steps"
    neither = _send(client, "POST", steps, {"heading": "Tyhjä"})
    assert neither.status_code == 400
    assert neither.json()["detail"]
    tornio = _send(client, "POST", steps, {"heading": "Tornio", "activity": register["football"].pk})
    assert tornio.status_code == 400  # another municipality's activity: as if there were none
    assert _send(client, "POST", steps, {"heading": "X", "activity": 999_999}).status_code == 400
    assert _send(client, "POST", steps, {"heading": "X", "service_name": "Y"}).status_code == 400  # no contact
    assert AuditEntry.objects.count() == before
    assert not path.steps.exists()


def test_only_the_keepers_write_and_the_others_get_404(world):
    register = build_register(world)
    path = build_path(register)["path"]
    step = path.steps.first()
    for persona in ("reader", "editor", "outsider", "county", "ngo"):
        client = world.client_for(persona)
        assert _send(client, "PUT", f"{API}/{path.pk}", {"title": "Muu"}).status_code == 404
        assert _send(client, "POST", API, {"municipality": "240", "title": "X"}).status_code == 404
        assert _send(client, "DELETE", f"{API}/{path.pk}/steps/{step.pk}").status_code == 404
        assert _send(client, "POST", f"{API}/{path.pk}/unpublish").status_code == 404
    assert _send(world.client_for("anonymous"), "DELETE", f"{API}/{path.pk}").status_code == 401
    assert SupportPath.objects.get().title == "Kotona pärjääminen ikääntyneenä"
    assert path.steps.count() == 3


def support_path_calls(call: Any, world: Any, register: dict[str, Any]) -> None:
    """Every support path operation, called as the coordinator through the conformance checker of
    tests/test_api_schema.py (which checks each answer against the document)."""
    path = build_path(register)["path"]
    assert call("get", "/support-paths", query={"municipality": "240"})["count"] == 1
    one = "/support-paths/{path_id}"
    assert call("get", one, path_id=path.pk)["steps"]
    body = {"municipality": "240", "title": "Vauvaperheen tuki", "title_sv": "Stöd för babyfamiljer"}
    created = call("post", "/support-paths", status=201, body={**body, "introduction": "Johdanto"})
    ids = {"path_id": created["id"]}
    texts = {
        "title": "Vauvaperheen tuki",
        "title_sv": "Stöd",
        "introduction": "Johdanto",
        "introduction_sv": "Inledning",
    }
    call("put", one, **ids, body=texts)
    step = {"heading": "Satutunti", "activity": register["reading"].pk}
    first = call("post", one + "/steps", status=201, **ids, body=step)
    service = {"heading": "Neuvola", "service_name": "Neuvola", "service_phone": "040 000 0002"}
    second = call("post", one + "/steps", status=201, **ids, body=service)
    call("put", one + "/steps/{step_id}", **ids, step_id=second["id"], body={**service, "heading": "Neuvolaan"})
    call("post", one + "/steps/{step_id}/move", **ids, step_id=second["id"], body={"direction": "up"})
    call("post", one + "/publish", **ids)
    call("post", one + "/unpublish", **ids)
    call("delete", one + "/steps/{step_id}", status=204, **ids, step_id=first["id"])
    call("delete", one, status=204, **ids)
