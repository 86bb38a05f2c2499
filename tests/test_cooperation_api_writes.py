"""The cooperation API's writes refuse bad input as the pages do (issue 15): the same service answers, so the API
says why with `400` and `{"detail": "…"}` in the caller's language, and nothing is saved (no row changed, no
audit entry). Who may call each write is in tests/test_permission_matrix.py; that the answers match the OpenAPI
document, in tests/test_api_schema.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from hyte.audit.models import AuditEntry
from hyte.cooperation.models import AgreedAction, Meeting, Party
from tests.cooperation_world import build_cooperation


@pytest.fixture
def coop(world) -> dict[str, Any]:
    return build_cooperation(world)


def send(client: Any, method: str, path: str, body: Any = None) -> Any:
    return client.generic(
        method,
        f"/api/v1{path}",
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


@contextmanager
def nothing_saved() -> Iterator[None]:
    """No audit entry is written inside the block (every service write leaves one)."""
    before = AuditEntry.objects.count()
    yield
    assert AuditEntry.objects.count() == before, "refused, but the audit log grew"


def refused(answer: Any, words: str) -> None:
    assert answer.status_code == 400, answer.content[:300]
    assert words in answer.json()["detail"]


def test_a_meeting_ending_before_it_starts_is_refused(world, coop):
    county = world.client_for("county")
    meeting = Meeting.objects.get(pk=coop["coop_meeting"])
    body = {"title": "Siirretty", "starts_at": "2026-03-12T12:00:00", "ends_at": "2026-03-12T10:00:00"}
    with nothing_saved():
        answer = send(county, "PUT", f"/organisations/lappi/meetings/{meeting.pk}", body)
    refused(answer, "The meeting must end after it starts")
    meeting.refresh_from_db()
    assert meeting.title == "Hyte-neuvottelu 2026"
    moved = send(county, "PUT", f"/organisations/lappi/meetings/{meeting.pk}", {**body, "ends_at": "2026-03-12T13:00"})
    assert moved.status_code == 200
    assert moved.json()["title"] == "Siirretty"


def test_an_agreed_action_without_an_owner_is_refused(world, coop):
    county = world.client_for("county")
    meeting, action = coop["coop_meeting"], AgreedAction.objects.get(pk=coop["coop_action"])
    body = {"text": "Uusi sopimus", "owner_person": "Kaisa", "due_date": "2026-12-31"}
    count = AgreedAction.objects.count()
    with nothing_saved():
        created = send(county, "POST", f"/organisations/lappi/meetings/{meeting}/actions", body)
        changed = send(county, "PUT", f"/organisations/lappi/agreed-actions/{action.pk}", body)
        early = send(
            county,
            "PUT",
            f"/organisations/lappi/agreed-actions/{action.pk}",
            {**body, "owner": "kemi", "due_date": "2026-01-01"},
        )
        outsider = send(county, "PUT", f"/organisations/lappi/agreed-actions/{action.pk}", {**body, "owner": "tornio"})
    refused(created, "Name the organisation that owns the agreed action.")
    refused(changed, "Name the organisation that owns the agreed action.")
    refused(early, "The due date is before the negotiation")
    refused(outsider, "The owner must be one of the organisations invited to the meeting.")
    assert AgreedAction.objects.count() == count
    action.refresh_from_db()
    assert (action.text, action.owner_id, action.due_date) == ("Uusi sopimus", world.kemi.pk, None)


def test_a_checker_outside_the_party_and_sharing_without_checkers_are_refused(world, coop):
    county = world.client_for("county")
    meeting = coop["coop_meeting"]
    party = Party.objects.get(meeting_id=meeting, organisation=world.kemi)
    with nothing_saved():
        answer = send(
            county,
            "PUT",
            f"/organisations/lappi/meetings/{meeting}/parties/{party.pk}/checker",
            {"checker": world.users["outsider"].pk},
        )
    refused(answer, "The checker must be a member of Kemin kaupunki.")
    party.refresh_from_db()
    assert party.checker == world.users["coordinator"]
    added = send(county, "POST", f"/organisations/lappi/meetings/{meeting}/parties", {"organisation": "tornio"})
    assert added.status_code == 201
    assert added.json()["checker_id"] is None
    with nothing_saved():
        again = send(county, "POST", f"/organisations/lappi/meetings/{meeting}/parties", {"organisation": "tornio"})
        shared = send(county, "POST", f"/organisations/lappi/meetings/{meeting}/minutes/share")
    refused(again, "is invited already.")
    refused(shared, "Name a checker of the minutes for every invited organisation first: ")
    assert Meeting.objects.get(pk=meeting).minutes_status == "draft"


def test_the_agenda_holds_still_while_the_minutes_are_checked(world, coop):
    county = world.client_for("county")
    shared = Meeting.objects.get(pk=coop["coop_shared"])
    item = shared.agenda_items.order_by("position").first()
    with nothing_saved():
        added = send(county, "POST", f"/organisations/lappi/meetings/{shared.pk}/agenda", {"title": "Muut asiat"})
        removed = send(county, "DELETE", f"/organisations/lappi/meetings/{shared.pk}/agenda/{item.pk}")
        first = send(
            county, "POST", f"/organisations/lappi/meetings/{shared.pk}/agenda/{item.pk}/move", {"direction": "up"}
        )
    refused(added, "take them back for corrections")
    refused(removed, "take them back for corrections")
    refused(first, "take them back for corrections")
    assert send(county, "POST", f"/organisations/lappi/meetings/{shared.pk}/minutes/reopen").status_code == 200
    with nothing_saved():
        first = send(
            county, "POST", f"/organisations/lappi/meetings/{shared.pk}/agenda/{item.pk}/move", {"direction": "up"}
        )
    refused(first, "The item is already first or last on the agenda.")


def test_an_action_is_carried_once(world, coop):
    kemi = world.client_for("coordinator")
    carry = f"/organisations/kemi/agreed-actions/{coop['coop_kemi_action']}/carry"
    from hyte.reports import services as report_services

    plan = report_services.create_report(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        kind="broad",
        title="Suunnitelma",
        term_start=2025,
        term_end=2029,
    )
    report_services.create_report(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        kind="annual",
        title="Vuosiraportti 2025",
        term_start=2025,
        term_end=2029,
        year=2025,
        plan_report=plan,
    )
    assert send(kemi, "POST", carry).status_code == 201
    with nothing_saved():
        again = send(kemi, "POST", carry)
    refused(again, "The agreed action is in Vuosiraportti 2025 already.")


@pytest.fixture
def register(world) -> dict[str, Any]:
    from tests.interface_world import build_interfaces

    return build_interfaces(world)


def test_a_counterpart_outside_the_interface_s_organisations_is_refused(world, register):
    from hyte.cooperation.interface_models import CounterpartPair, Interface, InterfaceOwner

    county = world.client_for("county")
    interface = f"/organisations/lappi/interfaces/{register['coop_interface']}"
    pair = {
        "municipality": "kemi",
        "county_person": world.users["county"].pk,
        "municipality_person": world.users["outsider"].pk,  # Tornio's admin, no member of Kemi
        "starts_on": "2026-01-01",
    }
    pairs = CounterpartPair.objects.count()
    with nothing_saved():
        outsider = send(county, "POST", f"{interface}/pairs", pair)
        backwards = send(
            county,
            "POST",
            f"{interface}/pairs",
            {**pair, "municipality_person": world.users["editor"].pk, "ends_on": "2025-12-31"},
        )
        county_owner = send(county, "PUT", f"{interface}/owners", {"municipality": "lappi", "owner": "Yksikkö"})
        reviews = send(
            county,
            "PUT",
            interface,
            {"name": "Päihdetyö", "next_review": "2026-01-01", "last_reviewed": "2026-06-01"},
        )
    refused(outsider, "must be a member of Kemin kaupunki.")
    refused(backwards, "")
    refused(county_owner, "Choose one of the municipalities of")
    refused(reviews, "The next review is before the last one")
    assert CounterpartPair.objects.count() == pairs
    assert not InterfaceOwner.objects.filter(interface_id=register["coop_interface"]).exists()
    assert Interface.objects.get(pk=register["coop_interface"]).name != "Päihdetyö"


def test_a_structure_member_already_there_or_of_no_organisation_is_refused(world, register):
    from hyte.cooperation.structure_models import StructureMember

    county = world.client_for("county")
    members = f"/organisations/lappi/structures/{register['coop_structure']}/members"
    count = StructureMember.objects.count()
    coordinator = world.client_for("coordinator")  # signing in is audited: before the block
    with nothing_saved():
        again = send(county, "POST", members, {"organisation": "kemi", "name": "Kaisa Koordinaattori"})
        nobody = send(county, "POST", members, {"organisation": "no-such-org", "name": "Eero"})
        kemi = send(
            coordinator,
            "POST",
            members.replace("lappi", "kemi"),
            {"organisation": "kemi", "name": "Eero"},
        )
    refused(again, "Kaisa Koordinaattori is a member already.")
    refused(nobody, "Choose the organisation the person represents.")
    assert kemi.status_code == 404  # Kemi reads Lappi's network but does not keep it
    assert StructureMember.objects.count() == count


@pytest.fixture
def chains(world) -> dict[str, Any]:
    from tests.chain_world import build_chains

    return build_chains(world)


def test_a_step_of_an_organisation_not_taking_part_is_refused(world, chains):
    from hyte.cooperation.chain_models import ChainStep, ServiceChain

    county = world.client_for("county")
    chain = f"/organisations/lappi/service-chains/{chains['chain']}"
    step = {"title": "Neuvonta Torniossa", "phase": "counselling", "organisation": "tornio"}
    steps = ChainStep.objects.count()
    with nothing_saved():
        added = send(county, "POST", f"{chain}/steps", step)
        changed = send(county, "PUT", f"{chain}/steps/{chains['chain_step']}", step)
        first = send(county, "POST", f"{chain}/steps/{chains['chain_first_step']}/move", {"direction": "up"})
        without_kemi = send(county, "PUT", chain, {"name": "Ketju", "participants": []})
    refused(added, "The responsible organisation must be the chain's keeper or one of the organisations taking part.")
    refused(changed, "The responsible organisation must be the chain's keeper or one of the organisations taking part.")
    refused(first, "The step is already first or last in the chain.")
    refused(without_kemi, "An organisation responsible for a step must take part: ")
    assert ChainStep.objects.count() == steps
    assert ChainStep.objects.get(pk=chains["chain_step"]).title == "Liikuntaneuvonta"
    assert ServiceChain.objects.get(pk=chains["chain"]).participants.get() == world.kemi

    moved = send(county, "POST", f"{chain}/steps/{chains['chain_first_step']}/move", {"direction": "down"})
    assert moved.status_code == 200
    assert [s["title"] for s in moved.json()["steps"]][:2] == ["Liikuntaneuvonta", "Lähete liikuntaneuvontaan"]
    renamed = send(county, "PUT", chain, {"name": "Ketju", "participants": ["kemi", "tornio"]})
    assert renamed.status_code == 200
    assert renamed.json()["indicators"] == [world.shared_indicator.pk]  # null: left as they are
    assert send(county, "PUT", f"{chain}/steps/{chains['chain_step']}", step).status_code == 200
    assert send(county, "DELETE", f"{chain}/steps/{chains['chain_step']}").status_code == 204
    assert ChainStep.objects.count() == steps - 1


@pytest.fixture
def agreement(world) -> dict[str, Any]:
    from tests.chain_world import build_agreement

    return build_agreement(world)


def test_an_agreement_ending_before_it_starts_is_refused(world, agreement):
    from hyte.cooperation.agreement_models import Agreement, AgreementVersion

    county = world.client_for("county")
    backwards = {"term_start": "2026-01-01", "term_end": "2025-12-31", "goals": "Tavoite"}
    agreements = Agreement.objects.count()
    with nothing_saved():
        created = send(
            county, "POST", "/organisations/lappi/agreements", {**backwards, "title": "Uusi", "parties": ["kemi"]}
        )
        edited = send(county, "PUT", f"/organisations/lappi/agreements/{agreement['agreement']}/versions/2", backwards)
    refused(created, "The agreement must end after it begins.")
    refused(edited, "The agreement must end after it begins.")
    assert Agreement.objects.count() == agreements
    assert AgreementVersion.objects.get(agreement_id=agreement["agreement"], number=2).term_end.year == 2029
    body = {"term_start": "2026-01-01", "term_end": "2029-12-31", "title": "Uusi", "parties": ["kemi", "tornio"]}
    made = send(county, "POST", "/organisations/lappi/agreements", body)
    assert made.status_code == 201
    assert sorted(p["organisation"] for p in made.json()["versions"][0]["parties"]) == ["kemi", "lappi", "tornio"]


def test_parties_twice_approval_before_every_decision_and_an_approved_version_are_refused(world, agreement):
    from hyte.cooperation.agreement_models import AgreementParty, AgreementVersion

    county = world.client_for("county")
    one = f"/organisations/lappi/agreements/{agreement['agreement']}"
    assert send(county, "POST", f"{one}/versions/2/parties", {"organisation": "tornio"}).status_code == 201
    parties = AgreementParty.objects.count()
    with nothing_saved():
        twice = send(county, "POST", f"{one}/versions/2/parties", {"organisation": "kemi"})
        early = send(county, "POST", f"{one}/versions/2/approve")
        approved = send(county, "PUT", f"{one}/versions/1", {"term_start": "2026-01-01", "term_end": "2030-12-31"})
        keeper = send(county, "DELETE", f"{one}/versions/2/parties/lappi")
        started = send(county, "POST", f"{one}/versions")
    refused(twice, "is a party already.")
    refused(early, "Waiting for the approval decision of: ")
    refused(approved, "This version is approved and no longer changes: start a new version.")
    refused(keeper, "The keeper of the agreement is always a party to it.")
    refused(started, "The newest version is still in preparation: change it instead.")
    assert AgreementParty.objects.count() == parties
    assert AgreementVersion.objects.get(agreement_id=agreement["agreement"], number=2).approved_at is None

    assert send(county, "DELETE", f"{one}/versions/2/parties/tornio").status_code == 204
    assert send(county, "POST", f"{one}/versions/2/approve").json()["approved_at"]
    third = send(county, "POST", f"{one}/versions")
    assert third.status_code == 201
    assert third.json()["number"] == 3
