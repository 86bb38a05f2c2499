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
        services.decide_change(actor=ngo, change=change, amount="1500", reasoning="Oma")
    with translation.override("en"), pytest.raises(ValidationError, match="more than it applied for"):
        services.decide_change(actor=coordinator, change=change, amount="1800", reasoning="Liikaa")
    services.decide_change(actor=coordinator, change=change, amount="1500", reasoning="Pienempi kerho")
    original.refresh_from_db()
    assert original.granted_amount == Decimal("1500.00")  # the grant follows the decided change
    assert UseReport.objects.filter(application=original).exists()
    # Counted once: Martat's 1 500 € and Nuoret's 7 000 €, not the change beside its original.
    totals = grants_by_goal(world.kemi, [2026], published_only=False)
    assert {entry.granted for entry in totals.values()} == {Decimal("8500.00")}
    # Nuoret asks for 9 000 €: with Martat's 1 500 € the call's 10 000 € budget would not hold.
    bigger = _sent_change(world, grants, grants["b"], "ngo2", costs="10000", amount_applied="9000")
    with translation.override("en"), pytest.raises(ValidationError, match="over the budget"):
        services.decide_change(actor=coordinator, change=bigger, amount="9000", reasoning="Laajempi")
    services.decide_change(actor=coordinator, change=bigger, amount="0", reasoning="Toiminta päättyi")
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
    client.post(f"{url}change/decide/", {"amount": "1 400,00", "reasoning": "Hyvä"})
    change.refresh_from_db()
    assert (change.status, change.granted_amount) == (ApplicationStatus.DECIDED, Decimal("1400.00"))
