"""NGO grants, part 7: a change to a decided grant (issue 17) — applied for by the NGO after the decision, sent
whenever, decided by the funder within the call's budget; the decided change sets the grant's amount, which the
use report and the grants per goal follow, and a change to 0 € removes a use report not yet begun."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.grants import services
from hyte.grants.goal_grants import grants_by_goal
from hyte.grants.models import ApplicationStatus, UseReport
from tests.grants_world import complete_draft
from tests.test_grants_use_reports import decided

DECISION = {"body": "Hyvinvointilautakunta", "date": dt.date(2027, 2, 1), "section": "§ 3"}


@pytest.fixture
def grants(world):
    return decided(world)


def _sent_change(world, grants, application, user, **budget):
    application.refresh_from_db()
    change = services.start_change(actor=world.users[user], application=application)
    draft = complete_draft(grants, "martat" if user == "ngo" else "nuoret", **budget)
    services.save_application(actor=world.users[user], application=change, draft=draft)
    with time_machine.travel(grants["call"].closes_at + dt.timedelta(days=30), tick=False):  # after the closing
        services.submit_application(actor=world.users[user], application=change)
    change.refresh_from_db()
    return change


def test_a_change_is_applied_for_after_the_decision_and_decided_within_the_budget(world, grants):
    original = grants["a"]
    original.refresh_from_db()
    ngo, coordinator = world.users["ngo"], world.users["coordinator"]
    with translation.override("en"), pytest.raises(ValidationError, match="only to a grant that has been decided"):
        services.start_change(actor=world.users["ngo3"], application=grants["c"])  # 0 €: nothing to change
    change = services.start_change(actor=ngo, application=original)
    assert (change.change_of, change.amount_applied, change.status) == (original, Decimal("2000.00"), "draft")
    assert list(change.activities.all()) == list(original.activities.all())
    with translation.override("en"), pytest.raises(ValidationError, match="already being applied for"):
        services.start_change(actor=ngo, application=original)
    change.delete()
    change = _sent_change(world, grants, original, "ngo", costs="2500", amount_applied="1500")
    assert change.status == ApplicationStatus.SUBMITTED
    with pytest.raises(PermissionDenied):
        services.decide_change(actor=ngo, change=change, **DECISION, amount="1500", reasoning="Oma")
    with translation.override("en"), pytest.raises(ValidationError, match="more than it applied for"):
        services.decide_change(actor=coordinator, change=change, **DECISION, amount="1800", reasoning="Liikaa")
    services.decide_change(actor=coordinator, change=change, **DECISION, amount="1500", reasoning="Pienempi kerho")
    original.refresh_from_db()
    assert original.granted_amount == Decimal("1500.00")  # the grant follows the decided change
    assert UseReport.objects.filter(application=original).exists()
    # Counted once: Martat's 1 500 € and Nuoret's 7 000 €, not the change beside its original.
    totals = grants_by_goal(world.kemi, [2026], published_only=False)
    assert {entry.granted for entry in totals.values()} == {Decimal("8500.00")}
    # Nuoret asks for 9 000 €: with Martat's 1 500 € the call's 10 000 € budget would not hold.
    bigger = _sent_change(world, grants, grants["b"], "ngo2", costs="10000", amount_applied="9000")
    with translation.override("en"), pytest.raises(ValidationError, match="over the budget"):
        services.decide_change(actor=coordinator, change=bigger, **DECISION, amount="9000", reasoning="Laajempi")
    services.decide_change(actor=coordinator, change=bigger, **DECISION, amount="0", reasoning="Toiminta päättyi")
    assert not UseReport.objects.filter(application=grants["b"]).exists()  # cancelled: nothing to report


def test_the_pages_of_a_change(world, grants, client):
    client.force_login(world.users["ngo"])
    page = client.get(f"/o/kemin-martat/grants/applications/{grants['a'].pk}/")
    assert b"grants-change" not in page.content
    assert f"/o/kemin-martat/grants/applications/{grants['a'].pk}/change/".encode() in page.content
    started = client.post(f"/o/kemin-martat/grants/applications/{grants['a'].pk}/change/")
    change = grants["a"].changes.get()
    assert started["Location"] == f"/o/kemin-martat/grants/applications/{change.pk}/"
    draft = complete_draft(grants, "martat", costs="2500", amount_applied="1500")
    services.save_application(actor=world.users["ngo"], application=change, draft=draft)
    services.submit_application(actor=world.users["ngo"], application=change)
    client.force_login(world.users["coordinator"])
    url = f"/o/kemi/grants/applications/{change.pk}/"
    assert f"{url}change/decide/".encode() in client.get(url).content
    decision = {"body": "Lautakunta", "date": "2027-02-01", "section": "§ 3", "amount": "1 400,00", "reasoning": "Hyvä"}
    client.post(f"{url}change/decide/", decision)
    change.refresh_from_db()
    assert (change.status, change.granted_amount) == (ApplicationStatus.DECIDED, Decimal("1400.00"))


def test_a_decided_change_keeps_the_published_decision_and_is_published_beside_it(world, grants, client):
    original = grants["a"]
    services.publish_decision(actor=grants["coordinator"], call=grants["call"])
    change = _sent_change(world, grants, original, "ngo", costs="2500", amount_applied="1500")
    with translation.override("en"), pytest.raises(ValidationError, match="decided by the funder, not scored"):
        services.declare(
            actor=world.users["coordinator"], application=change, reviewer=grants["r1"], disqualified=False
        )
    services.decide_change(
        actor=grants["coordinator"],
        change=change,
        **DECISION,
        amount="1500",
        reasoning="Pienempi",
        reasoning_sv="Mindre",
    )
    original.refresh_from_db()
    assert (original.granted_amount, original.decided_amount) == (Decimal("1500.00"), Decimal("2000.00"))
    decision = next(
        d for d in client.get("/public/grants/decisions.json").json()["decisions"] if d["call_id"] == grants["call"].pk
    )
    martat = next(g for g in decision["grants"] if g["ngo"] == "Kemin Martat ry")
    assert martat["amount_eur"] == "2000.00"  # as the call's decision granted it
    assert decision["changes"] == [
        {
            "ngo": "Kemin Martat ry",
            "business_id": "1234560-4",
            "decided_by": "Hyvinvointilautakunta",
            "date": "2027-02-01",
            "section": "§ 3",
            "amount_eur": "1500.00",
            "reasoning": "Pienempi",
            "reasoning_sv": "Mindre",
        }
    ]
    page = client.get(f"/public/en/kemi/grants/{grants['call'].pk}/decision/").content.decode()
    assert "Kemin Martat ry: the grant changed to 1,500.00 € by Hyvinvointilautakunta (1.2.2027, § 3)" in page


def test_cancelling_a_grant_removes_an_empty_use_report_and_closes_a_begun_one(world, grants):
    from hyte.grants.models import UseReportStatus
    from hyte.grants.use_checks import overdue_reports

    begun = UseReport.objects.get(application=grants["a"])
    services.save_use_report(actor=world.users["ngo"], report=begun, draft=services.UseReportDraft(done="Aloitettu"))
    for application, user in ((grants["a"], "ngo"), (grants["b"], "ngo2")):
        change = _sent_change(world, grants, application, user, costs="1500", amount_applied="500")
        services.decide_change(actor=grants["coordinator"], change=change, **DECISION, amount="0", reasoning="Peruttu")
    begun.refresh_from_db()
    assert begun.status == UseReportStatus.CANCELLED  # Martat's words are kept, the report is no longer asked for
    assert not UseReport.objects.filter(application=grants["b"]).exists()  # Nuoret's was empty
    assert overdue_reports(grants["martat"]["organisation"], dt.date(2030, 1, 1)) == []
