"""Stale entries: the keepers of activities not checked in 12 months are reminded — an NGO's editors for its own
activities, else the municipality's coordinators — one notification per person and register, in the product and by
e-mail, and not again within HYTE_REGISTER_REMINDER_DAYS."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from hyte.actors import services
from hyte.actors.models import Activity
from hyte.actors.reminder_services import remind_stale_register
from hyte.audit.models import AuditEntry
from hyte.notifications import services as notifications
from hyte.notifications.models import Notification
from tests.actors_world import add_activity, build_register, kemi_area
from tests.conftest import SYSTEM
from tests.smtp import smtp_server  # noqa: F401 (a fixture)

CHECKED = dt.datetime(2025, 10, 1, 9, tzinfo=dt.UTC)  # when the register was built and so last checked
TODAY = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)  # 14 months later: every entry is stale


@pytest.fixture
def register(world, time_machine):
    time_machine.move_to(CHECKED)
    built = build_register(world)
    built["gym"] = add_activity(
        SYSTEM, title="Kuntosalivuoro", area=kemi_area(), providers=[built["library"]], is_published=True
    )
    time_machine.move_to(TODAY, tick=False)
    return built


def _told(world, persona: str) -> list[Notification]:
    return list(Notification.objects.filter(user=world.users[persona], kind="register_stale"))


def test_each_keeper_is_told_once_of_the_activities_they_keep(world, register):
    told = remind_stale_register(actor=SYSTEM)
    # The NGO's editor of its own walking group; Kemi's coordinator and admin of the library's two activities;
    # Tornio's admin of its football.
    assert told == 4
    (ngo,) = _told(world, "ngo")
    assert "Senioreiden kävelyryhmä" in ngo.text
    assert "Satutunti" not in ngo.text
    assert ngo.url == "/o/kemin-seniorit/register/stale/"
    (coordinator,) = _told(world, "coordinator")
    assert "(2)" in coordinator.text
    assert "Kuntosalivuoro" in coordinator.text
    assert "Satutunti lapsille" in coordinator.text
    assert "kävelyryhmä" not in coordinator.text  # kept by the NGO itself
    assert coordinator.url == "/o/kemi/register/stale/"
    assert len(_told(world, "admin")) == 1
    (tornio,) = _told(world, "outsider")
    assert "Jalkapallo nuorille" in tornio.text
    for persona in ("reader", "editor", "ngo_reader", "county"):
        assert _told(world, persona) == []
    # Drafts and hidden activities are not in the finder: nobody is reminded of them.
    reminded = set(Activity.objects.filter(reminded_at__isnull=False).values_list("title", flat=True))
    assert reminded == {"Senioreiden kävelyryhmä", "Satutunti lapsille", "Kuntosalivuoro", "Jalkapallo nuorille"}
    assert Activity.objects.get(pk=register["walking"].pk).reminded_at == TODAY


def test_not_again_within_the_set_days_and_not_once_checked(world, register, time_machine):
    remind_stale_register(actor=SYSTEM)
    assert remind_stale_register(actor=SYSTEM) == 0  # the same day
    time_machine.move_to(TODAY + dt.timedelta(days=29))
    assert remind_stale_register(actor=SYSTEM) == 0
    services.mark_checked(actor=world.users["ngo"], activity=register["walking"])
    time_machine.move_to(TODAY + dt.timedelta(days=31))
    assert remind_stale_register(actor=SYSTEM) == 3  # the walking group was checked; the story hour ended 15.12.
    assert len(_told(world, "ngo")) == 1
    assert "Satutunti" not in _told(world, "coordinator")[0].text  # the newest first


@override_settings(HYTE_REGISTER_REMINDER_DAYS=7)
def test_the_interval_is_a_setting(world, register, time_machine):
    remind_stale_register(actor=SYSTEM)
    time_machine.move_to(TODAY + dt.timedelta(days=8))
    assert remind_stale_register(actor=SYSTEM) == 4
    assert len(_told(world, "coordinator")) == 2


def test_nothing_is_due_while_entries_are_current(world, time_machine):
    time_machine.move_to(TODAY)
    build_register(world)
    assert remind_stale_register(actor=SYSTEM) == 0
    assert not AuditEntry.objects.filter(action="activity.remind").exists()


def test_the_reminder_is_audited(world, register):
    remind_stale_register(actor=SYSTEM)
    entries = AuditEntry.objects.filter(action="activity.remind")
    assert {e.organisation.slug for e in entries} == {"kemi", "kemin-seniorit", "tornio"}
    kemi = entries.get(organisation=world.kemi)
    assert sorted(kemi.changes["activities"][1]) == sorted([register["reading"].pk, register["gym"].pk])
    assert sorted(kemi.changes["told"][1]) == sorted([world.users["coordinator"].pk, world.users["admin"].pk])
    assert AuditEntry.objects.filter(action="notification.create").count() == 3


def test_a_muted_reminder_is_not_told_but_counts_as_reminded(world, register):
    notifications.set_preference(
        actor=world.users["ngo"], language="fi", email=True, daily_digest=False, muted=["register_stale"]
    )
    remind_stale_register(actor=SYSTEM)
    assert _told(world, "ngo") == []
    assert Activity.objects.get(pk=register["walking"].pk).reminded_at == TODAY


def test_the_commands_remind_and_the_mail_links_to_the_entries_to_check(
    world,
    register,
    smtp_server,  # noqa: F811
    django_capture_on_commit_callbacks,
    settings,
):
    settings.PUBLIC_BASE_URL = "https://hyte.example.fi"
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_stale_register", stdout=out)
    assert out.getvalue().strip() == "4 reminders"
    mails = [m for m in smtp_server.messages if m["To"] == "coordinator@example.fi"]
    assert len(mails) == 1
    body = mails[0].get_payload()
    assert "Kuntosalivuoro" in body
    assert "https://hyte.example.fi/o/kemi/register/stale/" in body
    # The daily run reminds too, and not twice.
    out = io.StringIO()
    call_command("notify_daily", stdout=out)
    assert out.getvalue().startswith("0 reminders")


def test_the_daily_run_reminds(world, register):
    out = io.StringIO()
    call_command("notify_daily", stdout=out)
    assert len(_told(world, "coordinator")) == 1
    assert out.getvalue().startswith("4 reminders")


def test_the_link_leads_the_keeper_to_mark_them_checked(world, register):
    remind_stale_register(actor=SYSTEM)
    client = world.client_for("coordinator")
    (told,) = _told(world, "coordinator")
    page = client.get(told.url).content.decode()
    assert "Kuntosalivuoro" in page
    response = client.post(f"/o/kemi/register/activities/{register['gym'].pk}/checked/")
    assert response.status_code == 302
    assert "Kuntosalivuoro" not in client.get(told.url).content.decode()
