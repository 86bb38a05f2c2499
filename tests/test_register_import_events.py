"""The Linked Events client against a real HTTP server on loopback serving recorded answers (pages followed,
HTTP errors, answers that are not JSON, the page limit, time-outs), and events imported as activities: keywords
as themes and groups, places checked against the chosen municipality, re-imports that update."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from hyte.actors.imports.events import parse_linked_events
from hyte.actors.imports.reading import plan_of
from hyte.actors.imports.services import confirm_import, start_import
from hyte.actors.linked_events import LinkedEventsClient, LinkedEventsError
from hyte.actors.models import Activity, RegisterImport
from hyte.audit.models import AuditEntry
from tests.actors_world import build_register
from tests.linked_events_server import DATA, serving


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def api(settings):
    with serving() as server:
        settings.HYTE_LINKED_EVENTS_URL = server.base
        yield server


def test_the_client_follows_the_pages_and_asks_for_places_and_keywords_in_full(api):
    with LinkedEventsClient() as client:
        fetched = client.events("?keyword=yso:p916")

    assert [item["id"] for item in fetched.items] == [
        "kemi:agggfz67tm",
        "kemi:agggfz7m2q",
        "helsinki:agggfzbnwi",
        "kemi:agggfzc4re",
    ]
    assert (fetched.pages, fetched.count, fetched.complete) == (2, 4, True)
    assert len(api.requests) == 2
    assert "include=location%2Ckeywords" in api.requests[0]
    assert "keyword=yso%3Ap916" in api.requests[0]
    assert "page=2" in api.requests[1]


def test_a_query_that_names_what_to_include_is_sent_as_it_is(api):
    with LinkedEventsClient() as client:
        client.events("keyword=yso:p916&include=location")
    assert "include=location&" in api.requests[0] + "&"
    assert "keywords" not in api.requests[0]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("keyword=broken", "Linked Events answered HTTP 500 to http://127.0.0.1:"),
        ("keyword=html", "is not JSON (it begins: <!DOCTYPE html>"),
        ("keyword=elsewhere", "next page is on another server (http://elsewhere.example/v1/event/?page=2)"),
    ],
)
def test_an_unusable_answer_stops_the_client_with_a_clear_message(api, query, message):
    with LinkedEventsClient() as client, pytest.raises(LinkedEventsError) as failed:
        client.events(query)
    assert message in str(failed.value)


def test_the_page_limit_stops_an_endless_query_and_says_so(api):
    with LinkedEventsClient(max_pages=3) as client:
        fetched = client.events("keyword=endless")
    assert (fetched.pages, fetched.complete, fetched.count, len(api.requests)) == (3, False, 1000, 3)
    assert len(fetched.items) == 1  # the same event on every page is kept once


def test_a_slow_answer_times_out(api):
    with LinkedEventsClient(timeout=0.2) as client, pytest.raises(LinkedEventsError, match="did not answer in time"):
        client.events("keyword=slow")


def test_an_unreachable_api_is_reported(settings):
    with serving() as server:
        base = server.base
    with LinkedEventsClient(base, timeout=2) as client, pytest.raises(LinkedEventsError, match="could not be reached"):
        client.events("keyword=yso:p916")


def _fetch(query: str = "keyword=yso:p916") -> tuple[bytes, dict[str, Any]]:
    with LinkedEventsClient() as client:
        fetched = client.events(query)
    return json.dumps({"data": fetched.items}).encode(), {"pages": fetched.pages, "complete": fetched.complete}


def _start(
    world: Any,
    provider: Any,
    *,
    persona: str = "coordinator",
    organisation: Any = None,
    query: str = "keyword=yso:p916",
) -> RegisterImport:
    data, parameters = _fetch(query)
    organisation = organisation or world.kemi
    return start_import(
        actor=world.users[persona],
        organisation=organisation,
        file_format="linked-events",
        data=data,
        parameters={**parameters, "provider": provider.pk, "municipality": organisation.area_id},
    )


def test_events_are_previewed_row_by_row_and_imported_as_the_providers_activities(world, api):
    register = build_register(world)
    run = _start(world, register["library"])
    plan = plan_of(run, world.users["coordinator"])

    assert [row.action for row in plan] == ["create", "create", "reject", "reject"]
    assert plan[2].reasons == [  # the event's own place, and its map point against the boundaries
        "Its place is in Helsinki, not in Kemi.",
        "The map point is in Helsinki, not in Kemi: check the address, the point or the municipality.",
    ]
    assert plan[3].reasons == ["Say what the activity costs, or mark it free of charge."]

    run = confirm_import(actor=world.users["coordinator"], run=run)
    assert (run.rows_created, run.rows_rejected, run.source) == (2, 2, f"linked-events:{api.base.split('/')[2]}")
    swim = Activity.objects.get(external_id="kemi:agggfz67tm")
    assert (swim.title, swim.title_sv) == ("Senioreiden vesijumppa", "Vattengympa för seniorer")
    assert swim.description == "Kevyttä vesijumppaa ikääntyneille torstaiaamuisin.\nOhjaajana fysioterapeutti."
    assert (swim.starts_on, swim.ends_on) == (dt.date(2026, 12, 3), dt.date(2027, 3, 25))
    assert swim.address == "Kemin uimahalli, Sauvosaarenkatu 2, 94100 Kemi"
    assert (swim.latitude, swim.longitude) == (65.7364, 24.5636)
    assert {t.code for t in swim.themes.all()} == {"physical-activity"}
    assert swim.age_groups == ["older"]
    assert swim.languages == ["fi", "sv"]
    assert (swim.is_free, swim.join_url) == (True, "https://www.kemi.fi/liikunta/vesijumppa")
    assert list(swim.providers.all()) == [register["library"]]
    assert swim.area.code == "240"
    singing = Activity.objects.get(external_id="kemi:agggfz7m2q")
    assert {t.code for t in singing.themes.all()} == {"culture", "loneliness"}  # by YSO id and by name
    assert [g.code for g in singing.target_groups.all()] == ["immigrants"]
    assert (singing.is_free, singing.fee, singing.starts_on) == (False, "5 € / kerta", dt.date(2026, 12, 10))
    assert singing.description == "Yhteislaulua & kahvit Karihaaran kirjastolla."
    assert singing.join_url == "https://www.kemi.fi/kulttuuri/laulutuokio"
    assert not Activity.objects.filter(external_id="helsinki:agggfzbnwi").exists()
    assert AuditEntry.objects.filter(action="activity.create", actor=world.users["coordinator"]).count() == 2


def test_importing_the_events_again_updates_the_changed_one_and_adds_nothing(world, api):
    register = build_register(world)
    confirm_import(actor=world.users["coordinator"], run=_start(world, register["library"]))
    before = dict(Activity.objects.filter(source__startswith="linked-events").values_list("external_id", "pk"))

    run = confirm_import(
        actor=world.users["coordinator"], run=_start(world, register["library"], query="keyword=yso:p916&updated=1")
    )

    assert (run.rows_created, run.rows_updated, run.rows_unchanged) == (0, 1, 1)
    assert dict(Activity.objects.filter(source__startswith="linked-events").values_list("external_id", "pk")) == before
    swim = Activity.objects.get(external_id="kemi:agggfz67tm")
    assert (swim.title, swim.starts_on) == ("Senioreiden vesijumppa (uusi aika)", dt.date(2026, 12, 4))


def test_another_municipality_gets_only_the_events_whose_place_is_its_own(world, api):
    register = build_register(world)
    run = _start(world, register["tornio_club"], persona="outsider", organisation=world.tornio)
    plan = plan_of(run, world.users["outsider"])

    assert plan[0].reasons == [
        "Its place is in Kemi, not in Tornio.",
        "The map point is in Kemi, not in Tornio: check the address, the point or the municipality.",
    ]
    assert plan[1].action == "create"
    assert plan[1].details.area.code == "851"


def test_the_provider_must_be_one_the_importer_may_edit(world, api):
    register = build_register(world)
    with pytest.raises(PermissionDenied):
        _start(world, register["tornio_club"])
    assert not RegisterImport.objects.exists()


def test_an_online_event_and_its_audience_are_read():
    recorded = (DATA / "page-2.json").read_text(encoding="utf-8").replace("{base}", "https://api.example.fi/v1")
    online = parse_linked_events(json.loads(recorded), {})[1]

    assert online.activity["online"] is True
    assert online.age_groups == ["young"]
    assert online.activity["join_url"] == "https://meet.example.fi/kuntoilu"
    assert (online.activity["is_free"], online.activity["fee"]) == (False, "")
