"""Notifications in the product and by e-mail, in each person's language, as each person chose (issue 14): when
work is assigned, a report is commented on, sent to review, approved or published, an alert is raised, and a
deadline or a follow-up nears. Mails go through a real SMTP server on loopback."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from hyte.notifications import services as notifications
from hyte.notifications.models import Notification
from hyte.notifications.queries import preference_of
from hyte.reports import services
from hyte.situation.services import create_rule
from tests.conftest import kemi_values
from tests.smtp import smtp_server  # noqa: F401 (a fixture)


def _report(world):
    return services.create_report(
        actor=world.users["coordinator"], organisation=world.kemi, kind="broad", title="HYTE 2025", term_start=2025,
        term_end=2029,
    )  # fmt: skip


def test_assigned_work_is_told_in_the_persons_language_and_mailed(
    world,
    smtp_server,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    notifications.set_preference(actor=world.users["editor"], language="sv", email=True, daily_digest=False)
    report = _report(world)
    section = report.sections.first()
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(actor=world.users["coordinator"], subject=section, users=[world.users["editor"]])
    told = Notification.objects.get(user=world.users["editor"])
    assert told.kind == "assigned"
    assert "tilldelade dig" in told.text
    assert told.url == f"/o/kemi/reports/{report.pk}/"
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["To"] == "editor@example.fi"
    assert "tilldelade dig" in smtp_server.messages[0]["Subject"]
    # The one who assigned is not told of their own doing, and assigning again tells nobody twice.
    assert not Notification.objects.filter(user=world.users["coordinator"]).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(actor=world.users["coordinator"], subject=section, users=[world.users["editor"]])
    assert Notification.objects.filter(user=world.users["editor"]).count() == 1


def test_comments_and_the_report_moving_on_tell_the_right_people(world):
    report = _report(world)
    services.add_comment(actor=world.users["reader"], report=report, text="Lisää liikuntaluvut.")
    commented = set(Notification.objects.filter(kind="commented").values_list("user__username", flat=True))
    assert commented == {"coordinator", "admin"}
    services.change_status(actor=world.users["coordinator"], report=report, status="in_review")
    in_review = set(Notification.objects.filter(kind="in_review").values_list("user__username", flat=True))
    assert in_review == {"admin", "editor"}  # those who write; not the one who sent it, not readers
    services.resolve_comment(actor=world.users["coordinator"], comment=report.comments.get())
    for status in ("approved", "published"):
        services.change_status(
            actor=world.users["coordinator"], report=report, status=status, decision_body="Valtuusto",
            decision_date=dt.date(2026, 1, 31), decision_reference="§ 3",
        )  # fmt: skip
    published = set(Notification.objects.filter(kind="published").values_list("user__username", flat=True))
    assert published == {"admin", "editor", "reader"}  # every member


def test_an_alert_tells_the_coordinators(world):
    kemi_values(world, b"240;2024;55,5\n")
    create_rule(
        actor=world.users["coordinator"], organisation=world.kemi, indicator=world.own_indicator, condition="above",
        threshold=50, measure="Liikuntaneuvonta",
    )  # fmt: skip
    alerted = Notification.objects.filter(kind="alert")
    # Raised by the rule evaluation (the system), so the coordinator who set the rule is told too.
    assert set(alerted.values_list("user__username", flat=True)) == {"admin", "coordinator"}
    assert all("Koettu hyvinvointi" in n.text for n in alerted)


def test_a_muted_kind_is_not_told_and_a_digest_comes_once_a_day(
    world,
    smtp_server,  # noqa: F811
    django_capture_on_commit_callbacks,
    time_machine,
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC))  # no statutory deadline near
    notifications.set_preference(
        actor=world.users["admin"], language="fi", email=True, daily_digest=False, muted=["commented"]
    )
    notifications.set_preference(actor=world.users["coordinator"], language="en", email=True, daily_digest=True)
    report = _report(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(actor=world.users["reader"], report=report, text="Hyvä.")
        services.add_comment(actor=world.users["editor"], report=report, text="Kiitos.")
    assert not Notification.objects.filter(user=world.users["admin"]).exists()
    assert Notification.objects.filter(user=world.users["coordinator"]).count() == 2
    assert smtp_server.messages == []  # the coordinator chose the digest
    call_command("notify_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    digests = [m for m in smtp_server.messages if m["To"] == "coordinator@example.fi"]
    assert len(digests) == 1
    assert digests[0]["Subject"] == "Hyte: 2 new notifications"
    call_command("notify_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len([m for m in smtp_server.messages if m["To"] == "coordinator@example.fi"]) == 1


def test_a_nearing_deadline_is_told_once(world, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 10, 9, tzinfo=dt.UTC))  # the plan of 2025–2029 is due 31.12.2026
    call_command("notify_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("notify_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    told = Notification.objects.filter(kind="deadline", user=world.users["coordinator"])
    assert told.count() == 1
    assert "31.12.2026" in told.get().text


def test_the_page_lists_marks_read_and_saves_the_choices(world):
    report = _report(world)
    services.add_comment(actor=world.users["reader"], report=report, text="Hyvä.")
    client = world.client_for("coordinator")
    page = client.get("/notifications/").content.decode()
    assert "kommentoi raporttia HYTE 2025" in page
    assert client.post("/notifications/read/").status_code == 302
    assert not Notification.objects.filter(user=world.users["coordinator"], read_at__isnull=True).exists()
    saved = client.post("/notifications/", {"language": "sv", "email": "on", "wanted": ["assigned", "deadline"]})
    assert saved.status_code == 302
    preference = preference_of(world.users["coordinator"])
    assert preference.language == "sv"
    assert set(preference.muted) == {
        "commented",
        "in_review",
        "approved",
        "published",
        "alert",
        "export_ready",
        "register_stale",
    }
