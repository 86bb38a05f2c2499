"""NGO grants, part 5: the decision, refused over the budget, published on the public site and as open data, and
each applicant's own scores and reasoning (issue 17): the whole cycle from the call to the published decision."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from hyte.grants import services
from hyte.grants.models import ApplicationStatus
from tests.conftest import SYSTEM
from tests.grants_world import with_three_applications
from tests.test_grants_review import scored

DATE = dt.date(2026, 12, 28)


@pytest.fixture
def grants(world):
    return with_three_applications(world)


def _granted(grants_, a="2000", b="7000", c="0"):
    return {
        grants_["a"].pk: services.Granted(amount=a, reasoning="Vaikuttava kerho", reasoning_sv="Verkningsfull klubb"),
        grants_["b"].pk: services.Granted(amount=b, reasoning="Laaja, osittain"),
        grants_["c"].pk: services.Granted(amount=c, reasoning="Ei täytä kriteerejä"),
    }


def _after_closing(grants_):
    return time_machine.travel(grants_["call"].closes_at + dt.timedelta(days=1), tick=False)


def test_the_whole_cycle_to_the_published_decision_and_its_open_data(world, grants, client):
    scored(world, grants)
    call = grants["call"]
    coordinator = world.users["coordinator"]
    with translation.override("en"), pytest.raises(ValidationError, match="still open"):
        services.decide(
            actor=coordinator, call=call, body="Lautakunta", date=DATE, section="§ 12", granted=_granted(grants)
        )
    with _after_closing(grants):
        with translation.override("en"), pytest.raises(ValidationError, match="over the budget"):
            services.decide(
                actor=coordinator,
                call=call,
                body="Lautakunta",
                date=DATE,
                section="§ 12",
                granted=_granted(grants, b="9000"),
            )
        grants["a"].refresh_from_db()
        assert grants["a"].status == ApplicationStatus.SUBMITTED  # nothing half-written
        assert grants["a"].granted_amount is None
        services.decide(
            actor=coordinator,
            call=call,
            body="Hyvinvointilautakunta",
            date=DATE,
            section="§ 12",
            granted=_granted(grants),
        )
    assert client.get(f"/public/fi/kemi/grants/{call.pk}/decision/").status_code == 404  # not yet published
    services.publish_decision(actor=coordinator, call=call)
    page = client.get(f"/public/fi/kemi/grants/{call.pk}/decision/").content.decode()
    assert "Hyvinvointilautakunta" in page
    assert "§ 12" in page
    assert "Kemin Martat ry" in page
    assert "1234560-4" in page
    assert "Hallituksen jäsen" in page  # the disqualification recorded in the decision
    data = client.get("/public/grants/decisions.json").json()
    decision = data["decisions"][0]
    assert (decision["decided_by"], decision["date"], decision["section"]) == (
        "Hyvinvointilautakunta",
        "2026-12-28",
        "§ 12",
    )
    first = decision["grants"][0]
    assert first["ngo"] == "Kemin Martat ry"
    assert first["business_id"] == "1234560-4"
    assert first["call"] == "Hyte-avustukset 2026"
    assert first["activities"] == ["Kemin Martat ry: kerho"]
    assert first["amount_eur"] == "2000.00"
    assert first["weighted_score"] == "4.600"
    assert first["plan_goals"] == ["Yksinäisyys vähenee", "Nuoret liikkuvat enemmän", "Ikääntyneet osallistuvat"]
    assert [(c["criterion"], c["weight"], c["average_points"]) for c in first["criteria"]] == [
        ("Vaikuttavuus", 50, "6.000"),
        ("Osallisuus", 30, "4.000"),
        ("Talous", 20, "2.000"),
    ]
    assert [g["amount_eur"] for g in decision["grants"]] == ["2000.00", "7000.00", "0.00"]
    assert decision["disqualifications"] == [
        {"reviewer": "editor", "ngo": "Kemin Seurat ry", "ground": "Hallituksen jäsen"}
    ]
    rows = client.get("/public/grants/decisions.csv").content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("ngo;business_id;call;activities;amount_eur;plan_goals;weighted_score")
    assert rows[1].split(";")[:5] == [
        "Kemin Martat ry",
        "1234560-4",
        "Hyte-avustukset 2026",
        "Kemin Martat ry: kerho",
        "2000.00",
    ]
    assert rows[1].split(";")[-3] == "Vaikuttavuus (50): 6.000"
    # The API gives the same records as the open data, to everyone.
    api = client.get("/api/v1/grants/decisions").json()
    assert api == [{**decision, "grants": decision["grants"]}]
    calls = client.get("/api/v1/grants/calls").json()
    assert [c["title"] for c in calls] == ["Hyte-avustukset 2026"]
    assert [(c["title"], c["weight"]) for c in calls[0]["criteria"]] == [
        ("Vaikuttavuus", 50),
        ("Osallisuus", 30),
        ("Talous", 20),
    ]
    assert client.get(f"/api/v1/grants/calls/{call.pk}").json()["budget_eur"] == calls[0]["budget_eur"]
    # An NGO's own applications, to its members alone.
    mine = world.client_for("ngo").get("/api/v1/organisations/kemin-martat/grant-applications").json()
    assert [(a["id"], a["status"], a["granted_amount"]) for a in mine] == [(grants["a"].pk, "decided", "2000.00")]
    assert (
        world.client_for("coordinator").get("/api/v1/organisations/kemin-martat/grant-applications").status_code == 404
    )
    # The applicant sees its own scores and reasoning.
    own = (
        world.client_for("ngo")
        .get(f"/o/kemin-martat/grants/applications/{grants['a'].pk}/", HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert "Vaikuttava kerho" in own
    assert "reviewer 1: 6" in own
    assert "reviewer 2: 6" in own
    assert "4.60" in own


def test_a_decision_must_cover_every_application_within_its_amount(world, grants):
    scored(world, grants)
    call = grants["call"]
    with _after_closing(grants), translation.override("en"):
        granted = _granted(grants)
        del granted[grants["c"].pk]
        with pytest.raises(ValidationError, match="Decide on every application: Kemin Seurat ry"):
            services.decide(actor=SYSTEM, call=call, body="Lautakunta", date=DATE, section="§ 1", granted=granted)
        with pytest.raises(ValidationError, match="more than it applied for"):
            services.decide(
                actor=SYSTEM, call=call, body="Lautakunta", date=DATE, section="§ 1", granted=_granted(grants, a="2500")
            )
    call.refresh_from_db()
    assert call.decision_date is None
