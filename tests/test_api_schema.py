"""Every answer of the API is typed in its OpenAPI document (issue 14): each operation's success body has a
schema whose objects name their properties and whose arrays type their items, so a client can be generated from
the document and the fuzzer (tests/test_api_fuzz.py) checks every body. Files (CSV and the like) declare their
media type with a string schema instead."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.test_situation import data  # noqa: F401 (the situation picture's world, with comparisons)
from tests.test_support_path_api import support_path_calls

# Media types whose body is a file, described as a string (text, or `format: binary`), not as JSON.
FILE_MEDIA_TYPES = {
    "text/csv",
    "text/plain",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/octet-stream",
    "text/calendar",
    "image/svg+xml",  # a service chain's diagram
}


class Walker:
    """Finds the places in a schema where the document leaves a body untyped."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.components = document.get("components", {}).get("schemas", {})

    def resolve(self, schema: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        ref = schema.get("$ref")
        if ref is None:
            return schema, None
        name = ref.rsplit("/", 1)[-1]
        return self.components[name], name

    def problems(self, schema: Any, where: str, seen: frozenset[str] = frozenset()) -> list[str]:
        if not isinstance(schema, dict) or not schema:
            return [f"{where}: no schema (anything goes)"]
        schema, name = self.resolve(schema)
        if name is not None:
            if name in seen:
                return []
            seen = seen | {name}
            where = f"{where}<{name}>"
        found: list[str] = []
        for combinator in ("anyOf", "oneOf", "allOf"):
            for index, part in enumerate(schema.get(combinator, [])):
                found += self.problems(part, f"{where}.{combinator}[{index}]", seen)
        if any(key in schema for key in ("anyOf", "oneOf", "allOf")):
            return found
        kind = schema.get("type")
        if kind is None and "properties" not in schema and "enum" not in schema and "const" not in schema:
            return [*found, f"{where}: no type"]
        if kind == "object" or "properties" in schema:
            properties = schema.get("properties")
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                found += self.problems(extra, f"{where}{{}}", seen)  # a map whose values are typed
            elif not properties:
                found.append(f"{where}: an object without properties (free-form)")
            for key, value in (properties or {}).items():
                found += self.problems(value, f"{where}.{key}", seen)
        if kind == "array":
            if "prefixItems" in schema:  # a tuple: each place typed
                for index, item in enumerate(schema["prefixItems"]):
                    found += self.problems(item, f"{where}[{index}]", seen)
            else:
                found += self.problems(schema.get("items"), f"{where}[]", seen)
        return found


def untyped_answers(document: dict[str, Any]) -> list[str]:
    walker = Walker(document)
    found: list[str] = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            name = f"{method.upper()} {path}"
            successes = {str(s): r for s, r in operation["responses"].items() if str(s).startswith("2")}
            if not successes:
                found.append(f"{name}: no success answer")
            for status, response in successes.items():
                content = response.get("content")
                if not content:
                    if status != "204":
                        found.append(f"{name} {status}: no body described")
                    continue
                for media_type, body in content.items():
                    where = f"{name} {status} {media_type}"
                    if media_type in FILE_MEDIA_TYPES:
                        if body.get("schema", {}).get("type") != "string":
                            found.append(f"{where}: a file whose schema is not a string")
                    elif media_type == "application/json":
                        found += walker.problems(body.get("schema"), where)
                    else:
                        found.append(f"{where}: an undeclared media type")
    return found


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    from hyte.api.root import api

    return api.get_openapi_schema(path_prefix="/api/v1/")


def test_every_success_answer_has_a_typed_body(document):
    assert untyped_answers(document) == []


def test_the_document_served_is_the_one_checked(client, document):
    repeated = []

    def pairs(found: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _value in found]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(found)

    served = json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=pairs)
    assert repeated == []  # a status answered twice (ninja keys some by number, some by text)
    assert set(served["paths"]) == set(document["paths"])
    assert untyped_answers(served) == []


def test_files_declare_their_media_type(document):
    csv = document["paths"]["/api/v1/observations.csv"]["get"]["responses"]["200"]["content"]
    assert set(csv) == {"text/csv"}
    register = document["paths"]["/api/v1/organisations/{slug}/assessments.csv"]["get"]["responses"]["200"]
    assert set(register["content"]) == {"text/csv"}


@pytest.mark.parametrize(
    ("schema", "problem"),
    [
        ({}, "no schema"),
        ({"type": "object"}, "free-form"),
        ({"type": "array", "items": {"type": "object"}}, "free-form"),
        ({"type": "object", "additionalProperties": True}, "free-form"),
        ({"type": "object", "additionalProperties": {"type": "object"}}, "free-form"),
        ({"type": "array", "prefixItems": [{"type": "integer"}, {}]}, "no schema"),
        ({"$ref": "#/components/schemas/Loose"}, "free-form"),
        ({"type": "object", "properties": {"a": {"anyOf": [{"type": "object"}, {"type": "null"}]}}}, "free-form"),
    ],
)
def test_the_walker_finds_an_untyped_body(schema, problem):
    document = {
        "paths": {"/x": {"get": {"responses": {"200": {"content": {"application/json": {"schema": schema}}}}}}},
        "components": {"schemas": {"Loose": {"type": "object", "title": "Loose"}}},
    }
    found = untyped_answers(document)
    assert len(found) == 1
    assert problem in found[0]


def test_the_walker_accepts_a_typed_body():
    schema = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "a": {"type": "integer"},
                "b": {"$ref": "#/components/schemas/B"},
                "c": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/B"}},
                "d": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "number"}]},
                "e": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            },
        },
    }
    document = {
        "paths": {"/x": {"get": {"responses": {"200": {"content": {"application/json": {"schema": schema}}}}}}},
        "components": {"schemas": {"B": {"type": "object", "properties": {"c": {"type": "string"}}}}},
    }
    assert untyped_answers(document) == []


class Conformance:
    """Calls the API as a client would and checks each answer against the document: the status is one it
    declares, the media type is declared for it, and a JSON body matches its schema."""

    def __init__(self, client: Any, document: dict[str, Any]) -> None:
        self.client = client
        self.document = document
        self.called: set[tuple[str, str]] = set()

    def __call__(
        self, method: str, template: str, *, status: int = 200, body: Any = None, form: Any = None, **params: Any
    ) -> Any:
        import jsonschema_rs  # the validator schemathesis checks answers with

        query = params.pop("query", None)
        url = "/api/v1" + template.format(**params)
        if form is not None:  # multipart/form-data, as the document declares for a file
            operation = self.document["paths"]["/api/v1" + template][method]
            assert "multipart/form-data" in operation["requestBody"]["content"], (method, template)
            response = self.client.post(url, form)
        elif body is None:
            response = getattr(self.client, method)(url, query or {})
        else:
            response = getattr(self.client, method)(url, json.dumps(body), content_type="application/json")
        assert response.status_code == status, (method, url, response.content[:500])
        declared = self.document["paths"]["/api/v1" + template][method]["responses"][str(status)]
        if status == 204:  # no content, and the document declares none
            assert not response.content, (method, template)
            assert "content" not in declared, (method, template)
            self.called.add((method, "/api/v1" + template))
            return None
        media_type = response["Content-Type"].split(";")[0]
        assert media_type in declared["content"], (method, template, media_type)
        self.called.add((method, "/api/v1" + template))
        if media_type != "application/json":
            return b"".join(response.streaming_content) if response.streaming else response.content
        schema = {**declared["content"][media_type]["schema"], "components": self.document["components"]}
        answer = response.json()
        errors = [
            f"{e.instance_path}: {e.message}" for e in jsonschema_rs.Draft202012Validator(schema).iter_errors(answer)
        ]
        assert errors == [], (method, template, errors)
        return answer


@pytest.mark.django_db
def test_every_operation_answers_as_its_document_says(world, published, document):
    """Every operation is called with real data (a published plan and annual report with a budget, an impact
    assessment through its whole flow) and each answer matches its schema."""
    from hyte.reports import services as report_services
    from hyte.reports.models import Goal

    plan, annual = published
    call = Conformance(world.client_for("coordinator"), document)
    kemi, slug = world.kemi, "kemi"
    call("get", "/me")
    call("get", "/organisations")
    call("get", "/organisations/{slug}", slug=slug)
    call("get", "/areas", query={"kind": "county"})
    call("get", "/areas/{kind}/{code}", kind="municipality", code="240")
    from tests.actors_world import build_register

    register = build_register(world)
    assert call("get", "/activities", query={"q": "kävely", "age_group": "older"})["items"]
    call("get", "/activities/{activity_id}", activity_id=register["reading"].pk)
    assert call("get", "/actors")["count"] == 3
    assert call("get", "/activity-themes")
    assert call("get", "/activity-target-groups")
    hsds = call("get", "/activities/hsds", query={"area": "240", "language": "sv"})
    assert hsds["total_items"] == 2  # the walking group and the story time: not the draft, the hidden or Tornio's
    _the_register_s_writes(call, register)
    support_path_calls(call, world, register)
    indicators = call("get", "/indicators")["items"]
    call("get", "/indicators/{indicator_id}", indicator_id=indicators[0]["id"])
    sets = call("get", "/organisations/{slug}/indicator-sets", slug=slug)
    call("get", "/observations", query={"indicator": "own:KH1"})
    assert call("get", "/observations.csv", query={"indicator": "own:KH1"}).startswith(b"indicator;")
    situation = call("get", "/organisations/{slug}/situation", slug=slug, query={"set": sets[0]["id"]})
    assert situation["area"]["code"] == kemi.area.code

    reports = "/organisations/{slug}/reports/{report_id}"
    call("get", "/organisations/{slug}/reports", slug=slug)
    frozen = call("get", reports, slug=slug, report_id=plan.pk)
    assert frozen["versions"]
    assert frozen["goals"][0]["measures"]
    assert call("get", reports, slug=slug, report_id=annual.pk)["progress"]
    goal = Goal.objects.get(report=plan)
    measure = goal.measures.get()
    line = {"measure": measure.pk, "year": 2026, "branch": "Sivistystoimi", "part": "operating", "amount": "12 000,50"}
    call("put", reports + "/budget/lines", slug=slug, report_id=plan.pk, body=line)
    call("put", reports + "/budget/lines", slug=slug, report_id=plan.pk, body={**line, "used": "100"})
    budget = call("get", reports + "/budget", slug=slug, report_id=plan.pk, query={"year": 2026})
    assert budget["total_eur"] == 12000.5
    coordinator = world.users["coordinator"]
    draft = report_services.create_report(
        actor=coordinator, organisation=kemi, kind="broad", title="Luonnos", term_start=2025, term_end=2029
    )
    draft_goal = report_services.add_goal(actor=coordinator, report=draft, text="Tavoite")
    added = call(
        "post",
        reports + "/goals/{goal_id}/measures",
        status=201,
        slug=slug,
        report_id=draft.pk,
        goal_id=draft_goal.pk,
        body={"text": "Toimenpide", "responsible_parties": ["Nuorisopalvelut"]},
    )
    follow_up = report_services.create_report(
        actor=coordinator,
        organisation=kemi,
        kind="annual",
        title="Vuosiraportti",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=draft,
    )
    entry = follow_up.progress_entries.get(measure_id=added["id"])
    saved = call(
        "put",
        reports + "/progress/{entry_id}",
        slug=slug,
        report_id=follow_up.pk,
        entry_id=entry.pk,
        body={"status": "done", "text": "Valmis"},
    )
    assert saved == {"id": entry.pk, "status": "done", "text": "Valmis"}

    base = "/organisations/{slug}/assessments"
    one = base + "/{assessment_id}"
    created = call("post", base, status=201, slug=slug, body={"title": "Nuorisotalon aukiolo", "kind": "screening"})
    ids = {"slug": slug, "assessment_id": created["id"]}
    assert "not_applicable" not in created["screening"]["questions"][0]  # unanswered: left out, as before
    answered = call("put", one + "/answers", **ids, body={"answers": ["Kyllä"] * 6, "screening": True})
    assert answered["screening"]["questions"][0]["not_applicable"] is False
    call("post", one + "/screening", **ids, body={"full_assessment_needed": True, "reason": "Nuoret", "method": "full"})
    option = call("post", one + "/options", status=201, **ids, body={"title": "Lyhyemmät illat"})
    no_change = next(o["id"] for o in call("get", one, **ids)["options"] if o["no_change"])
    cell = one + "/options/{option_id}/impacts/{area}"
    impact = {"direction": "negative", "size": "moderate", "certainty": "medium", "indicators": ["KH1"]}
    call("put", cell, **ids, option_id=option["id"], area="young_people", body=impact)
    call("put", cell, **ids, option_id=no_change, area="young_people", body={"direction": "none"})
    call(
        "put",
        one + "/options/{option_id}/goals/{goal_id}",
        **ids,
        option_id=option["id"],
        goal_id=goal.pk,
        body={"effect": "works_against", "note": "Harrastukset"},
    )
    call("post", one + "/hearings", status=201, **ids, body={"party": "Nuorisovaltuusto", "views": "Illat"})
    matrix = call("get", one + "/matrix", **ids)
    assert len(matrix["cells"]) == 2
    questions = len(call("get", one, **ids)["answers"])
    call("put", one + "/answers", **ids, body={"answers": ["Vastaus"] * questions})
    call("patch", one, **ids, body={"conclusion": "Ei muutosta.", "recommended_option": no_change})
    call("post", one + "/ready", **ids)
    decision = {
        "decision_body": "Lautakunta",
        "decision_date": "2026-03-01",
        "decision_reference": "§ 12",
        "decided_option": no_change,
        "follow_up_date": "2027-03-01",
    }
    call("put", one + "/decision", **ids, body=decision)
    followed = call("put", one + "/follow-up", **ids, body={"notes": "Seurattu"})
    assert followed["status"] == "followed_up"
    assert followed["goal_effects"]
    assert followed["hearings"]
    call("get", base, slug=slug)
    call("get", base + "/counts", slug=slug)
    assert b"Nuorisotalon aukiolo" in call("get", base + ".csv", slug=slug)

    _cooperation(world, call, document)
    _national(world, call)
    _chains_and_agreements(world, call, document)
    _participation(world, call)
    _surveys(world, call)
    _interfaces(world, call, document)
    _funding(world, call, document)
    _calendar(world, call)
    _grants(world, call, document)
    everything = {(method, path) for path, operations in document["paths"].items() for method in operations}
    assert everything - call.called == set()


def _national(world: Any, call: Conformance) -> None:
    """The resources survey as Kemi's coordinator (its rounds, the results, correcting its answer) and the
    overview (the public version: the coordinator is no member of a national body)."""
    from tests.national_world import build_national

    survey = build_national(world)["survey"]
    rounds = call("get", "/organisations/{slug}/resource-surveys", slug="kemi")
    assert [r["id"] for r in rounds] == [survey.pk]
    results = call("get", "/organisations/{slug}/resource-surveys/{round_id}/results", slug="kemi", round_id=survey.pk)
    assert results["response_rate"] == 50.0
    body = {"coordinator_named": True, "person_years": 2.5, "structures": ["welfare_group"], "submit": True}
    saved = call(
        "put", "/organisations/{slug}/resource-surveys/{round_id}/answer", slug="kemi", round_id=survey.pk, body=body
    )
    assert saved["person_years"] == 2.5
    bad = {**body, "person_years": 5000}
    answer = "/organisations/{slug}/resource-surveys/{round_id}/answer"
    call("put", answer, status=422, slug="kemi", round_id=survey.pk, body=bad)
    found = call("get", "/national/overview", query={"county": "21"})
    assert found["public"] is True
    assert "240" in [area["code"] for area in found["areas"]]


def _participation(world: Any, call: Conformance) -> None:
    """Comment rounds: the public reads of a round, its comments (a removed one without its text) and statements."""
    from django.contrib.auth.models import AnonymousUser

    from hyte.participation import services
    from tests.participation_world import build_participation

    made = build_participation(world)
    services.moderate_comment(actor=world.users["coordinator"], comment=made["reply"], publish=False, reason="spam")
    rounds = call("get", "/organisations/{slug}/rounds", slug="kemi")
    assert {r["state"] for r in rounds} == {"open", "ended"}
    services.answer_poll(actor=AnonymousUser(), section=made["section"], value=0, reader="r")
    detail = call("get", "/rounds/{round_id}", round_id=made["round"].pk)
    assert detail["sections"][0]["poll"]["rows"][0]["count"] == 1
    assert detail["sections"][0]["changes"][0]["description"] == "Lisättiin harrastustakuu."
    comments = call("get", "/rounds/{round_id}/comments", round_id=made["round"].pk)["items"]
    removed = next(c for c in comments if c["id"] == made["reply"].pk)
    assert (removed["text"], removed["removed_reason"]) == ("", "spam")
    statements = call("get", "/rounds/{round_id}/statements", round_id=made["round"].pk)
    assert [s["author"] for s in statements] == ["Kemin nuorisovaltuusto"]
    _discussion(world, call, made)


def _discussion(world: Any, call: Conformance, made: dict[str, Any]) -> None:
    """The value discussion (tests/discussion_world.py): its read with the results per group, a topic proposed
    (and refused outside its phase), votes given and refused over the number allowed."""
    from tests.discussion_world import build_discussion

    discussion = build_discussion(world, made)
    voting, collecting = discussion["discussion"].pk, discussion["collecting"].pk
    detail = call("get", "/discussions/{discussion_id}", discussion_id=voting)
    assert [t["total"] for t in detail["topics"][:3]] == [3, 3, 2]
    body = {"kind": "worry", "text": "Kevyen liikenteen väylät", "group": discussion["collecting"].groups.first().pk}
    created = call("post", "/discussions/{discussion_id}/topics", status=201, discussion_id=collecting, body=body)
    assert created["status"] == "accepted"
    votes_url, group = "/discussions/{discussion_id}/votes", discussion["welfare"].pk
    late = {**body, "group": group}  # topics are no longer collected while voting
    call("post", "/discussions/{discussion_id}/topics", status=400, discussion_id=voting, body=late)
    votes = {"topics": [discussion["joy"].pk], "group": group}
    assert call("put", votes_url, discussion_id=voting, body=votes)["topics"] == votes["topics"]
    four = [discussion[k].pk for k in ("joy", "worry", "comment", "waiting")]
    call("put", votes_url, status=400, discussion_id=voting, body={"topics": four, "group": group})


def _surveys(world: Any, call: Conformance) -> None:
    """Kemi's residents' survey: the list, and one survey's indicators by group (a suppressed cell among them)."""
    from tests.surveys_world import build_surveys

    made = build_surveys(world)
    assert made["survey"] in [s["id"] for s in call("get", "/organisations/{slug}/surveys", slug="kemi")]
    survey = call("get", "/organisations/{slug}/surveys/{survey_id}", slug="kemi", survey_id=made["survey"])
    cells = survey["indicators"][0]["cells"]
    assert cells[0]["base"] == 12
    assert any(cell["suppressed"] and cell["share"] is None for cell in cells)


def _funding(world: Any, call: Conformance, document: dict[str, Any]) -> None:
    """The HYTE coefficient: a national administrator imports a model; anyone reads models, results, a what-if and
    TEAviisari values; Kemi saves and lists scenarios."""
    from tests.funding_world import build_funding, small_model

    funding = build_funding(world)
    national = Conformance(world.client_for("national"), document)
    created = national("post", "/coefficient/models", status=201, body={"document": small_model(key="schema")})
    call.called |= national.called
    call("get", "/coefficient/models")
    call("get", "/coefficient/models/{model_id}", model_id=created["id"])
    call("get", "/coefficient/models/{model_id}/results", model_id=funding.model.pk)
    body = {"area": "851", "values": {"leadership": 90}}
    call("post", "/coefficient/models/{model_id}/what-if", model_id=funding.model.pk, body=body)
    scenario = {"model": funding.model.pk, "area": "851", "title": "Skeema", "values": {"leadership": 90}}
    call("post", "/organisations/{slug}/coefficient-scenarios", status=201, slug="kemi", body=scenario)
    call("get", "/organisations/{slug}/coefficient-scenarios", slug="kemi")
    call("get", "/teaviisari/{kind}/{code}", kind="municipality", code="240")


def _cooperation(world: Any, call: Conformance, document: dict[str, Any]) -> None:
    """The negotiations: the county sets up a series and a meeting, edits the agenda and records an action; Kemi
    reads, follows its action up and its checker confirms the minutes."""
    from tests.cooperation_world import build_cooperation

    coop = build_cooperation(world)
    county = Conformance(world.client_for("county"), document)
    series = county(
        "post",
        "/organisations/{slug}/negotiations",
        status=201,
        slug="lappi",
        body={
            "title": "Valtuustokauden neuvottelu",
            "kind": "council_term",
            "arrangement": "per_municipality",
            "members": ["kemi"],
        },
    )
    meeting = county(
        "post",
        "/organisations/{slug}/negotiations/{series_id}/meetings",
        status=201,
        slug="lappi",
        series_id=series["id"],
        body={"title": "Kemin neuvottelu", "starts_at": "2027-02-03T09:00:00", "ends_at": "2027-02-03T11:00:00"},
    )
    assert meeting["starts_at"].startswith("2027-02-03T07:00:00")  # 9.00 in Helsinki, answered in UTC
    one = "/organisations/{slug}/meetings/{meeting_id}"
    county(
        "put",
        one + "/agenda/{item_id}",
        slug="lappi",
        meeting_id=meeting["id"],
        item_id=meeting["agenda"][0]["id"],
        body={"title": "Avaus", "is_public": False},
    )
    action = county(
        "post",
        one + "/actions",
        status=201,
        slug="lappi",
        meeting_id=meeting["id"],
        body={
            "text": "Yhteistyösopimus päivitetään",
            "owner": "kemi",
            "owner_person": "Kaisa",
            "due_date": "2027-12-31",
        },
    )
    _meeting_writes(world, call, county, meeting, action)
    assert [s["id"] for s in call("get", "/organisations/{slug}/negotiations", slug="kemi")] == [
        coop["coop_series"],
        series["id"],
    ]
    calendar = call(
        "get", "/organisations/{slug}/negotiations/{series_id}/meetings.ics", slug="kemi", series_id=series["id"]
    )
    assert calendar.startswith(b"BEGIN:VCALENDAR")
    assert call("get", one, slug="kemi", meeting_id=coop["coop_meeting"])["agreed_actions"]
    followed = call(
        "put",
        "/organisations/{slug}/agreed-actions/{action_id}/progress",
        slug="kemi",
        action_id=action["id"],
        body={"status": "in_progress", "progress_note": "Aloitettu"},
    )
    assert followed["followed_up_at"]
    assert action["id"] in [a["id"] for a in call("get", "/organisations/{slug}/agreed-actions", slug="kemi")]
    call(
        "post",
        one + "/confirmation",
        status=201,
        slug="kemi",
        meeting_id=coop["coop_shared"],
        body={"decision": "confirmed"},
    )
    call.called |= county.called


def _meeting_writes(
    world: Any, call: Conformance, county: Conformance, meeting: dict[str, Any], action: dict[str, Any]
) -> None:
    """The convener changes the meeting and its action, invites Tornio and a person and withdraws them, edits the
    agenda and the minutes, shares them and takes them back; Kemi names its checker and carries its action."""
    one = "/organisations/{slug}/meetings/{meeting_id}"
    ids = {"slug": "lappi", "meeting_id": meeting["id"]}
    times = {"starts_at": "2027-02-03T10:00:00", "ends_at": "2027-02-03T12:00:00"}
    changed = county("put", one, **ids, body={"title": "Kemin neuvottelu", **times, "place": "Kemi"})
    assert changed["place"] == "Kemi"
    body = {"text": "Sopimus päivitetään", "owner": "kemi", "owner_person": "Kaisa", "due_date": "2027-12-31"}
    assert (
        county(
            "put", "/organisations/{slug}/agreed-actions/{action_id}", slug="lappi", action_id=action["id"], body=body
        )["text"]
        == "Sopimus päivitetään"
    )
    party = county("post", one + "/parties", status=201, **ids, body={"organisation": "tornio"})
    named = county("put", one + "/parties/{party_id}/checker", **ids, party_id=party["id"], body={"checker": None})
    assert named["checker_id"] is None
    person = {"name": "Tiina", "role": "expert", "participation": "if_needed"}
    invitee = county("post", one + "/parties/{party_id}/people", status=201, **ids, party_id=party["id"], body=person)
    county("delete", one + "/people/{invitee_id}", status=204, **ids, invitee_id=invitee["id"])
    county("delete", one + "/parties/{party_id}", status=204, **ids, party_id=party["id"])
    item = county("post", one + "/agenda", status=201, **ids, body={"title": "Muut asiat"})
    order = county("post", one + "/agenda/{item_id}/move", **ids, item_id=item["id"], body={"direction": "up"})
    assert order[-2]["id"] == item["id"]
    county("delete", one + "/agenda/{item_id}", status=204, **ids, item_id=item["id"])
    minutes = {"items": [{"item": meeting["agenda"][0]["id"], "minutes": "Avattiin."}]}
    assert county("put", one + "/minutes", **ids, body=minutes)["agenda"][0]["minutes"] == "Avattiin."
    for party in changed["parties"]:
        checker = world.users["county"] if party["organisation"]["slug"] == "lappi" else world.users["coordinator"]
        client = county if party["organisation"]["slug"] == "lappi" else call
        slug = party["organisation"]["slug"]
        client(
            "put",
            one + "/parties/{party_id}/checker",
            slug=slug,
            meeting_id=meeting["id"],
            party_id=party["id"],
            body={"checker": checker.pk},
        )
    assert county("post", one + "/minutes/share", **ids)["minutes_status"] == "shared"
    assert county("post", one + "/minutes/reopen", **ids)["minutes_status"] == "draft"
    carried = call(
        "post",
        "/organisations/{slug}/agreed-actions/{action_id}/carry",
        status=201,
        slug="kemi",
        action_id=action["id"],
    )
    assert carried["organisation"]["slug"] == "kemi"


def _chains_and_agreements(world: Any, call: Conformance, document: dict[str, Any]) -> None:
    """Service chains and the cooperation agreement: the county creates a chain and adds a step; Kemi reads the
    chains, their diagram and the agreements, and records its approval decision."""
    from tests.chain_world import build_agreement

    made = build_agreement(world)
    county = Conformance(world.client_for("county"), document)
    chain = county(
        "post",
        "/organisations/{slug}/service-chains",
        status=201,
        slug="lappi",
        body={"name": "Liikuntaneuvonta", "name_sv": "Motionsrådgivning", "participants": ["kemi"]},
    )
    with_step = county(
        "post",
        "/organisations/{slug}/service-chains/{chain_id}/steps",
        status=201,
        slug="lappi",
        chain_id=chain["id"],
        body={"title": "Lähete", "phase": "referral", "age_group": "older", "organisation": "lappi"},
    )
    assert [s["title"] for s in with_step["steps"]] == ["Lähete"]
    assert [c["id"] for c in call("get", "/organisations/{slug}/service-chains", slug="kemi")] == [chain["id"]]
    assert call("get", "/organisations/{slug}/service-chains/{chain_id}", slug="kemi", chain_id=chain["id"])["steps"]
    svg = call("get", "/organisations/{slug}/service-chains/{chain_id}/diagram.svg", slug="kemi", chain_id=chain["id"])
    assert svg.startswith(b"<svg")
    assert len(call("get", "/organisations/{slug}/agreements", slug="kemi")) == 2
    agreement = call(
        "get", "/organisations/{slug}/agreements/{agreement_id}", slug="kemi", agreement_id=made["agreement"]
    )
    assert [v["number"] for v in agreement["versions"]] == [1, 2]
    call(
        "post",
        "/organisations/{slug}/agreements/{agreement_id}/versions/{number}/decisions",
        slug="kemi",
        agreement_id=made["agreement"],
        number=2,
        body={"party": "kemi", "body": "Kaupunginvaltuusto", "date": "2026-10-01", "reference": "§ 12"},
    )
    _chain_writes(county, chain)
    _agreement_writes(county, made["agreement"])
    call.called |= county.called


def _chain_writes(county: Conformance, chain: dict[str, Any]) -> None:
    """The county changes its chain, adds a step of Kemi's, moves it up, changes it and removes it."""
    ids = {"slug": "lappi", "chain_id": chain["id"]}
    one = "/organisations/{slug}/service-chains/{chain_id}"
    body = {"name": "Liikuntaneuvonta", "participants": ["kemi"], "indicators": None, "is_published": True}
    assert county("put", one, **ids, body=body)["is_published"] is True
    step = {"title": "Neuvonta", "phase": "counselling", "organisation": "kemi"}
    added = county("post", one + "/steps", status=201, **ids, body=step)["steps"][-1]
    moved = county("post", one + "/steps/{step_id}/move", **ids, step_id=added["id"], body={"direction": "up"})
    assert moved["steps"][0]["id"] == added["id"]
    changed = county("put", one + "/steps/{step_id}", **ids, step_id=added["id"], body={**step, "unit": "Liikunta"})
    assert changed["steps"][0]["unit"] == "Liikunta"
    county("delete", one + "/steps/{step_id}", status=204, **ids, step_id=added["id"])


def _agreement_writes(county: Conformance, agreement_id: int) -> None:
    """The county drafts a new agreement; on the other it adds Tornio to version 2 and removes it, edits the
    version, approves it and starts version 3."""
    texts = {"term_start": "2026-01-01", "term_end": "2029-12-31", "goals": "Liikkuminen lisääntyy."}
    new = {**texts, "title": "Uusi sopimus", "parties": ["kemi"]}
    assert county("post", "/organisations/{slug}/agreements", status=201, slug="lappi", body=new)["versions"]
    ids = {"slug": "lappi", "agreement_id": agreement_id, "number": 2}
    one = "/organisations/{slug}/agreements/{agreement_id}/versions/{number}"
    joined = county("post", one + "/parties", status=201, **ids, body={"organisation": "tornio"})
    assert "tornio" in [p["organisation"] for p in joined["parties"]]
    county("delete", one + "/parties/{party}", status=204, **ids, party="tornio")
    assert county("put", one, **ids, body=texts)["goals"] == "Liikkuminen lisääntyy."
    assert county("post", one + "/approve", **ids)["approved_at"]
    third = county(
        "post",
        "/organisations/{slug}/agreements/{agreement_id}/versions",
        status=201,
        slug="lappi",
        agreement_id=agreement_id,
    )
    assert third["number"] == 3


def _grants(world: Any, call: Conformance, document: dict[str, Any]) -> None:
    """Grants: the published calls and decisions (public), and an NGO's own applications (its member)."""
    from tests.grants_world import build_grants_matrix

    made = build_grants_matrix(world)
    assert call("get", "/grants/calls")
    assert call("get", "/grants/calls/{call_id}", call_id=made["grant_call"])["criteria"]
    assert call("get", "/grants/decisions")[0]["grants"]
    ngo = Conformance(world.client_for("ngo"), document)
    assert ngo("get", "/organisations/{slug}/grant-applications", slug="kemin-martat")
    call.called |= ngo.called
    _use_reports(world, call, document, made)


def _use_reports(world: Any, call: Conformance, document: dict[str, Any], made: dict[str, Any]) -> None:
    """Kemin Nuoret's use report: read by Kemi's coordinator, listed and accepted; then Kemin Nuoret's new grant's
    report saved (with what it still lacks) and refused to send through the API."""
    from hyte.grants.models import Application, UseReport

    ids = {"slug": "kemi", "application_id": made["grant_decided_application"]}
    assert (
        call("get", "/organisations/{slug}/grant-applications/{application_id}/use-report", **ids)["status"] == "sent"
    )
    listed = call(
        "get",
        "/organisations/{slug}/grant-calls/{call_id}/use-reports",
        slug="kemi",
        call_id=made["grant_decided_call"],
    )
    assert [r["ngo"] for r in listed] == ["Kemin Nuoret ry"]
    checked = call(
        "post",
        "/organisations/{slug}/grant-applications/{application_id}/use-report/check",
        **ids,
        body={"checklist": ["activities", "money", "ledger", "participants", "results"], "accept": True},
    )
    assert checked["status"] == "accepted"
    # A second grant of Kemin Nuoret, its report still to be written by its editor.
    granted = Application.objects.get(pk=made["grant_decided_application"])
    UseReport.objects.filter(application=granted).update(status="due", checklist=[], sent_at=None)
    ngo = Conformance(world.client_for("ngo2"), document)
    own = {"slug": "kemin-nuoret", "application_id": granted.pk}
    path = "/organisations/{slug}/grant-applications/{application_id}/use-report"
    saved = ngo(
        "put",
        path,
        **own,
        body={"done": "Kerho", "participants": {"young": 12}, "money_used_eur": "900", "results": "Liikkuivat"},
    )
    assert saved["participants"] == {"young": 12}
    assert saved["problems"] == []  # the ledger from before is still attached
    assert ngo("post", path + "/send", **own)["status"] == "sent"
    assert ngo("post", path + "/send", **own, status=400)["detail"]
    call.called |= ngo.called


def _calendar(world: Any, call: Conformance) -> None:
    """The council-term calendar: Kemi's coordinator creates the term's steps, changes one and marks it done."""
    assert call("post", "/organisations/{slug}/calendar", slug="kemi", status=201, body={"term_start": 2025})["created"]
    steps = call("get", "/organisations/{slug}/calendar", slug="kemi")
    step = "/organisations/{slug}/calendar/steps/{calendar_step_id}"
    ids = {"slug": "kemi", "calendar_step_id": steps[0]["id"]}
    body = {"due": "2026-11-30", "responsible": world.users["editor"].pk, "done_on": None}
    assert call("put", step, **ids, body=body)["responsible"] == world.users["editor"].pk
    assert call("post", step + "/done", **ids, body={"done_on": "2026-11-20"})["status"] == "done"


def _interfaces(world: Any, call: Conformance, document: dict[str, Any]) -> None:
    """The county's register of interfaces and a structure: the county adds an interface and names Kemi's pair,
    Kemi reads them; Kemi sets up a group."""
    county = Conformance(world.client_for("county"), document)
    interface = county(
        "post",
        "/organisations/{slug}/interfaces",
        status=201,
        slug="lappi",
        body={"name": "Liikuntaneuvonta", "name_sv": "Motionsrådgivning"},
    )
    pair = county(
        "post",
        "/organisations/{slug}/interfaces/{interface_id}/pairs",
        status=201,
        slug="lappi",
        interface_id=interface["id"],
        body={
            "municipality": "kemi",
            "county_person": world.users["county"].pk,
            "municipality_person": world.users["coordinator"].pk,
            "starts_on": "2026-01-01",
        },
    )
    assert pair["valid_today"]
    assert [i["id"] for i in call("get", "/organisations/{slug}/interfaces", slug="kemi")][:1] == [interface["id"]]
    one = call("get", "/organisations/{slug}/interfaces/{interface_id}", slug="kemi", interface_id=interface["id"])
    assert [p["id"] for p in one["pairs"]] == [pair["id"]]
    _interface_writes(county, interface, pair)
    group = call(
        "post", "/organisations/{slug}/structures", status=201, slug="kemi", body={"name": "Ryhmä", "kind": "group"}
    )
    assert [s["id"] for s in call("get", "/organisations/{slug}/structures", slug="kemi")] == [group["id"]]
    _structure_writes(call, group)
    call.called |= county.called


def _interface_writes(county: Conformance, interface: dict[str, Any], pair: dict[str, Any]) -> None:
    """The county changes the interface, names Kemi's owner, retires it and takes it back, removes the pair and
    adds the default list."""
    ids = {"slug": "lappi", "interface_id": interface["id"]}
    one = "/organisations/{slug}/interfaces/{interface_id}"
    body = {"name": "Liikuntaneuvonta", "county_owner": "Hyte-yksikkö", "next_review": "2027-03-01"}
    assert county("put", one, **ids, body=body)["county_owner"] == "Hyte-yksikkö"
    owned = county("put", one + "/owners", **ids, body={"municipality": "kemi", "owner": "Liikuntapalvelut"})
    assert owned["owners"][0]["owner"] == "Liikuntapalvelut"
    assert county("post", one + "/retire", **ids, body={"retired": True})["is_retired"] is True
    county("post", one + "/retire", **ids, body={"retired": False})
    county("delete", one + "/pairs/{pair_id}", status=204, **ids, pair_id=pair["id"])
    assert len(county("post", "/organisations/{slug}/default-interfaces", slug="lappi")) == 13


def _structure_writes(call: Conformance, group: dict[str, Any]) -> None:
    """Kemi changes its group, adds a member from Lappi and removes them."""
    ids = {"slug": "kemi", "structure_id": group["id"]}
    one = "/organisations/{slug}/structures/{structure_id}"
    assert call("put", one, **ids, body={"name": "Hyte-ryhmä", "kind": "network"})["kind"] == "network"
    member = call("post", one + "/members", status=201, **ids, body={"organisation": "lappi", "name": "Antti"})
    call("delete", one + "/members/{member_id}", status=204, **ids, member_id=member["id"])


def _the_register_s_writes(call: Conformance, register: dict[str, Any]) -> None:
    """Every operation of the signed-in register, as Kemi's coordinator: actors, activities, a picture."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    org = "/organisations/{slug}"
    library = register["library"].pk
    assert call("get", org + "/actors", slug="kemi")["count"] == 2
    actor = call(
        "post",
        org + "/actors",
        status=201,
        slug="kemi",
        body={"kind": "parish", "name": "Kemin seurakunta", "municipality": "240"},
    )
    call(
        "patch",
        org + "/actors/{actor_id}",
        slug="kemi",
        actor_id=actor["id"],
        body={"website": "https://seurakunta.fi"},
    )
    body = {"title": "Perhekahvila", "providers": [library], "municipality": "240", "age_groups": ["children"]}
    activity = call("post", org + "/activities", status=201, slug="kemi", body=body)
    ids = {"slug": "kemi", "activity_id": activity["id"]}
    one = org + "/activities/{activity_id}"
    assert call("get", one, **ids)["is_published"] is False
    call("patch", one, **ids, body={"is_published": True, "latitude": 65.736, "longitude": 24.564})
    assert (
        call("get", org + "/activities", slug="kemi", query={"status": "published", "q": "perhekahvila"})["count"] == 1
    )
    call("post", one + "/checked", **ids)
    call("post", one + "/hide", **ids, body={"reason": "Tarkistetaan"})
    assert call("post", one + "/unhide", **ids)["is_hidden"] is False
    picture = io.BytesIO()
    Image.new("RGB", (8, 6), (0, 80, 138)).save(picture, format="JPEG")
    upload = SimpleUploadedFile("kahvila.jpg", picture.getvalue(), content_type="image/jpeg")
    image = call("post", one + "/image", **ids, form={"file": upload, "alt_text": "Kahvikupit", "alt_text_sv": "Kaffe"})
    assert image["url"].startswith("/public/activity-images/")
    assert call("get", "/activities/{activity_id}", activity_id=activity["id"])["image"]["alt_text"] == "Kahvikupit"
    call("delete", one + "/image", status=204, **ids)


@pytest.mark.django_db
def test_the_situation_picture_answers_as_documented(data, document):  # noqa: F811
    """Each record has the comparison fields of the area's comparators, which the document declares; a
    comparator the area lacks is left out, as before the fields were typed."""
    call = Conformance(data.client_for("reader"), document)
    body = call("get", "/organisations/{slug}/situation", slug="kemi")
    unemployment = next(r for r in body["indicators"] if r["source_id"] == "181")
    assert unemployment["region_value"] == 13.9
    assert unemployment["country_judgement"] == "higher"
    assert unemployment["county_value"] is None  # a comparator without a value: null
    assert "similar_value" not in unemployment  # no similar municipalities here: no comparison with them
    assert "region_value" in document["components"]["schemas"]["SituationRecordOut"]["properties"]


@pytest.mark.django_db
def test_error_answers_match_their_schemas(world, document):
    call = Conformance(world.client_for("coordinator"), document)
    invalid = call("get", "/areas", status=422, query={"kind": "planet", "limit": 0})
    assert {tuple(problem["loc"]) for problem in invalid["detail"]} == {("query", "kind"), ("query", "limit")}
    call("get", "/observations", status=422, query={"indicator": "own:KH1", "year": [1800]})
    assert call("get", "/organisations/{slug}", status=404, slug="tornio") == {"detail": "Not found"}
    refused = call("get", "/observations", status=400, query={"indicator": "683"})
    assert refused["detail"]
    body = {"title": "Kopio", "copy_from": 999_999}
    assert call("post", "/organisations/{slug}/assessments", status=400, slug="kemi", body=body)["detail"]
    assert document["components"]["schemas"]["InputProblem"]["required"] == ["type", "loc", "msg"]
