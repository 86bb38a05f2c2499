"""NGO grants, part 6: use reports (issue 17) — made by the decision for every grant above zero, written and sent
by the NGO with its ledger extract, checked by the funder against a checklist, picked for a closer check at random
or for a risk, reminded of before and after the due date, and an overdue one blocks the next application."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from hyte.audit.models import AuditEntry
from hyte.grants import services
from hyte.grants.models import UseReport, UseReportStatus
from hyte.grants.reminders import remind_use_reports
from hyte.notifications.models import Notification
from tests.conftest import SYSTEM
from tests.grants_world import PDF, call_details, with_three_applications
from tests.test_grants_review import scored

DECIDED_ON = dt.date(2026, 12, 28)
DUE = dt.date(2027, 3, 31)
ALL_ITEMS = ["activities", "money", "ledger", "participants", "results"]


def _decide(grants, due=DUE):
    with time_machine.travel(grants["call"].closes_at + dt.timedelta(days=1), tick=False):
        services.decide(
            actor=grants["coordinator"],
            call=grants["call"],
            body="Hyvinvointilautakunta",
            date=DECIDED_ON,
            section="§ 12",
            granted={
                grants["a"].pk: services.Granted(amount="2000", reasoning="Vaikuttava"),
                grants["b"].pk: services.Granted(amount="7000", reasoning="Osittain"),
                grants["c"].pk: services.Granted(amount="0", reasoning="Ei täytä"),
            },
            use_reports_due=due,
        )


@pytest.fixture
def grants(world):
    return decided(world)


def decided(world):
    """Kemi's call scored and decided: Martat 2 000 €, Nuoret 7 000 €, Seurat 0 €; use reports due 31.3.2027."""
    made = with_three_applications(world)
    made["coordinator"] = world.users["coordinator"]
    scored(world, made)
    _decide(made)
    return made


def _complete(report, actor, money="1900"):
    services.save_use_report(
        actor=actor,
        report=report,
        draft=services.UseReportDraft(
            done="Kerho kokoontui 30 kertaa",
            participants={"older": "25", "working_age": "4"},
            money_used=money,
            results="Yksinäisyyttä kokevat löysivät ryhmän",
        ),
    )
    services.attach_ledger(actor=actor, report=report, data=PDF, filename="kirjanpito.pdf")


def test_the_decision_makes_a_use_report_for_every_grant_above_zero(grants):
    reports = {r.application_id: r for r in UseReport.objects.all()}
    assert set(reports) == {grants["a"].pk, grants["b"].pk}  # not for the 0 € refusal
    assert {r.due_on for r in reports.values()} == {DUE}
    assert {r.status for r in reports.values()} == {UseReportStatus.DUE}
    grants["call"].refresh_from_db()
    assert grants["call"].use_reports_due == DUE


def test_a_due_date_on_or_before_the_decision_is_refused_whole(world):
    made = with_three_applications(world)
    made["coordinator"] = world.users["coordinator"]
    scored(world, made)
    with translation.override("en"), pytest.raises(ValidationError, match="due after the date of the decision"):
        _decide(made, due=DECIDED_ON)
    made["a"].refresh_from_db()
    assert made["a"].granted_amount is None
    assert not UseReport.objects.exists()


def test_without_a_date_the_reports_are_due_a_year_after_the_decision(world):
    made = with_three_applications(world)
    made["coordinator"] = world.users["coordinator"]
    scored(world, made)
    _decide(made, due=None)
    assert set(UseReport.objects.values_list("due_on", flat=True)) == {dt.date(2027, 12, 28)}


def test_the_ngo_saves_whatever_it_lacks_and_sends_only_a_complete_report(world, grants):
    report = UseReport.objects.get(application=grants["a"])
    ngo = world.users["ngo"]
    with translation.override("en"):
        found = services.save_use_report(
            actor=ngo,
            report=report,
            draft=services.UseReportDraft(done="Kerho", participants={"older": "many"}, money_used="12,5x"),
        )
    assert "The money used is not a sum of euros." in found
    assert "Participants (older people) must be a whole number." in found
    assert "Attach the ledger extract." in found
    assert "Report the results against the goals of the call." in found
    report.refresh_from_db()
    assert report.done == "Kerho"  # kept despite the errors
    with translation.override("en"), pytest.raises(ValidationError, match="Attach the ledger extract"):
        services.send_use_report(actor=ngo, report=report)
    for filename, data, message in (
        ("kirjanpito.png", b"\x89PNG\r\n", "as a PDF, Excel"),
        ("kirjanpito.xlsx", PDF, "not a Excel file"),
    ):
        with translation.override("en"), pytest.raises(ValidationError, match=message):
            services.attach_ledger(actor=ngo, report=report, data=data, filename=filename)
    _complete(report, ngo)
    services.send_use_report(actor=ngo, report=report)
    report.refresh_from_db()
    assert report.status == UseReportStatus.SENT
    assert report.participants == {"working_age": 4, "older": 25}
    assert report.money_used == Decimal("1900.00")
    assert not report.closer_check  # 1 900 of 2 000 € used, on time: no risk seen
    with pytest.raises(ValidationError):
        services.save_use_report(actor=ngo, report=report, draft=services.UseReportDraft(done="Muutettu"))
    actions = list(AuditEntry.objects.filter(object_type="grants.usereport").values_list("action", flat=True))
    for action in ("grant.use_report_save", "grant.use_report_ledger", "grant.use_report_send"):
        assert action in actions


def test_a_risk_seen_in_the_report_picks_it_for_a_closer_check(world, grants):
    report = UseReport.objects.get(application=grants["a"])
    _complete(report, world.users["ngo"], money="1200")  # under 80 % of the 2 000 € grant
    with time_machine.travel(dt.datetime(2027, 4, 2, 9, tzinfo=dt.UTC), tick=False):  # late too
        services.send_use_report(actor=world.users["ngo"], report=report)
    report.refresh_from_db()
    assert report.closer_check
    assert "80 %" in report.closer_check_reason
    assert report.closer_check_reason.count(";") == 1  # two risks: under-use and late


def test_the_funder_accepts_only_a_confirmed_checklist_and_returns_with_a_note(world, grants):
    report = UseReport.objects.get(application=grants["a"])
    ngo, coordinator = world.users["ngo"], world.users["coordinator"]
    with pytest.raises(ValidationError):  # not sent yet
        services.check_use_report(actor=coordinator, report=report, ticked=ALL_ITEMS, note="", accept=True)
    _complete(report, ngo)
    services.send_use_report(actor=ngo, report=report)
    with pytest.raises(PermissionDenied):  # the NGO does not check its own report
        services.check_use_report(actor=ngo, report=report, ticked=ALL_ITEMS, note="", accept=True)
    with translation.override("en"), pytest.raises(ValidationError, match="the ledger extract is attached"):
        services.check_use_report(actor=coordinator, report=report, ticked=ALL_ITEMS[:2], note="", accept=True)
    with translation.override("en"), pytest.raises(ValidationError, match="what the NGO must correct"):
        services.check_use_report(actor=coordinator, report=report, ticked=[], note=" ", accept=False)
    services.check_use_report(
        actor=coordinator, report=report, ticked=ALL_ITEMS[:2], note="Liitä koko vuoden kirjanpito", accept=False
    )
    report.refresh_from_db()
    assert report.status == UseReportStatus.RETURNED
    services.attach_ledger(actor=ngo, report=report, data=PDF + b"%", filename="koko-vuosi.pdf")
    services.send_use_report(actor=ngo, report=report)
    services.check_use_report(actor=coordinator, report=report, ticked=ALL_ITEMS, note="Kunnossa", accept=True)
    report.refresh_from_db()
    assert (report.status, report.checklist, report.checked_by) == (UseReportStatus.ACCEPTED, ALL_ITEMS, coordinator)
    checks = AuditEntry.objects.filter(action="grant.use_report_check", object_id=str(report.pk))
    assert checks.count() == 2
    assert {entry.organisation_id for entry in checks} == {world.kemi.pk}


def test_a_random_sample_picks_the_share_asked_of_the_sent_reports_not_yet_picked(world, grants):
    for application, user, granted in ((grants["a"], "ngo", "2000"), (grants["b"], "ngo2", "7000")):
        report = UseReport.objects.get(application=application)
        _complete(report, world.users[user], money=granted)
        services.send_use_report(actor=world.users[user], report=report)
    coordinator = world.users["coordinator"]
    with translation.override("en"), pytest.raises(ValidationError, match="from 1 to 100"):
        services.draw_sample(actor=coordinator, call=grants["call"], percent=0)
    with translation.override("en"):  # the reason is written in the preparer's language
        picked = services.draw_sample(actor=coordinator, call=grants["call"], percent=50)
    assert len(picked) == 1  # ⌈2 × 50 %⌉
    with translation.override("en"):
        again = services.draw_sample(actor=coordinator, call=grants["call"], percent=50)
        assert again != picked
        assert len(again) == 1
        assert UseReport.objects.filter(closer_check=True).count() == 2
        assert set(UseReport.objects.values_list("closer_check_reason", flat=True)) == {"picked at random (50 %)"}
        with pytest.raises(ValidationError, match="No sent use report is left"):
            services.draw_sample(actor=coordinator, call=grants["call"], percent=50)
    with pytest.raises(PermissionDenied):
        services.draw_sample(actor=world.users["ngo"], call=grants["call"], percent=50)


def test_an_overdue_report_blocks_the_next_application_until_it_is_sent(world, grants):
    ngo = world.users["ngo"]
    martat = grants["martat"]["organisation"]
    with time_machine.travel(dt.datetime(2027, 4, 2, 9, tzinfo=dt.UTC), tick=False):
        call = services.create_call(actor=SYSTEM, funder=world.kemi, details=call_details(title="Avustukset 2027"))
        services.add_criterion(actor=SYSTEM, call=call, title="Kaikki", weight=100)
        services.publish_call(actor=SYSTEM, call=call)
        with translation.override("en"), pytest.raises(ValidationError) as refused:
            services.start_application(actor=ngo, call=call, applicant=martat)
        assert "A use report of an earlier grant is overdue (Hyte-avustukset 2026, due 31.03.2027)" in str(
            refused.value
        )
        report = UseReport.objects.get(application=grants["a"])
        _complete(report, ngo)
        services.send_use_report(actor=ngo, report=report)
        assert services.start_application(actor=ngo, call=call, applicant=martat).pk


def test_the_due_date_moves_only_after_the_decision_and_only_by_the_funder(world, grants):
    report = UseReport.objects.get(application=grants["b"])
    coordinator = world.users["coordinator"]
    with pytest.raises(ValidationError):
        services.set_use_report_due(actor=coordinator, report=report, due_on=DECIDED_ON)
    with pytest.raises(PermissionDenied):
        services.set_use_report_due(actor=world.users["ngo2"], report=report, due_on=dt.date(2027, 6, 30))
    services.set_use_report_due(actor=coordinator, report=report, due_on=dt.date(2027, 6, 30))
    report.refresh_from_db()
    assert report.due_on == dt.date(2027, 6, 30)


def test_reminders_before_the_due_date_and_when_overdue_each_once(world, grants):
    before = dt.date(2027, 3, 20)
    assert remind_use_reports(actor=SYSTEM, today=dt.date(2027, 3, 1)) == 0  # over two weeks ahead
    assert remind_use_reports(actor=SYSTEM, today=before) == 2  # Martat's and Nuoret's editors
    assert remind_use_reports(actor=SYSTEM, today=before) == 0
    told = Notification.objects.filter(key__startswith="use-report-due:")
    assert {n.user.username for n in told} == {"ngo", "ngo2"}
    report = UseReport.objects.get(application=grants["b"])
    _complete(report, world.users["ngo2"])
    services.send_use_report(actor=world.users["ngo2"], report=report)
    # Overdue: Martat's editor and Kemi's coordinators; Nuoret sent theirs.
    overdue = remind_use_reports(actor=SYSTEM, today=dt.date(2027, 4, 2))
    users = set(
        Notification.objects.filter(key__startswith="use-report-overdue").values_list("user__username", flat=True)
    )
    assert "ngo" in users
    assert "ngo2" not in users
    assert "coordinator" in users
    assert overdue == len(users)


def test_the_pages_of_the_ngo_and_of_the_funder(world, grants, client):
    application = grants["a"]
    client.force_login(world.users["ngo"])
    url = f"/o/kemin-martat/grants/applications/{application.pk}/use-report/"
    page = client.get(url)
    assert page.status_code == 200
    assert b"Send the use report" in page.content or "Lähetä käyttöselvitys".encode() in page.content
    client.post(
        url,
        {
            "done": "Kerho",
            "money_used": "1 950,50",
            "results": "Tuloksia",
            "participants_older": "12",
        },
    )
    report = UseReport.objects.get(application=application)
    assert (report.done, report.money_used, report.participants) == ("Kerho", Decimal("1950.50"), {"older": 12})
    client.post(url + "ledger/", {"file": SimpleUploadedFile("kp.pdf", PDF, content_type="application/pdf")})
    assert client.get(url + "ledger/file/").content == PDF
    client.post(url + "send/")
    report.refresh_from_db()
    assert report.status == UseReportStatus.SENT
    # Another NGO sees nothing of it.
    client.force_login(world.users["ngo2"])
    assert client.get(url).status_code == 404
    assert client.get(f"/o/kemin-nuoret/grants/applications/{application.pk}/use-report/").status_code == 404
    # The funder's coordinator reads, lists and checks it.
    client.force_login(world.users["coordinator"])
    funder_url = f"/o/kemi/grants/applications/{application.pk}/use-report/"
    assert client.get(funder_url).status_code == 200
    listing = client.get(f"/o/kemi/grants/calls/{grants['call'].pk}/use-reports/").content.decode()
    assert "Kemin Martat ry" in listing
    assert "1 950,50" in listing.replace("\xa0", " ")
    client.post(funder_url + "check/", {"checklist": ALL_ITEMS, "note": "", "decision": "accept"})
    report.refresh_from_db()
    assert report.status == UseReportStatus.ACCEPTED


def test_the_annual_report_and_the_public_site_show_the_grants_per_goal(world, grants, client):
    from hyte.reports import services as report_services

    _complete(UseReport.objects.get(application=grants["a"]), world.users["ngo"])  # 1 900 €, 25 + 4 participants
    services.send_use_report(actor=world.users["ngo"], report=UseReport.objects.get(application=grants["a"]))
    annual = report_services.create_report(
        actor=SYSTEM,
        organisation=world.kemi,
        kind="annual",
        title="Vuosikertomus 2026",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=grants["plan"],
    )
    client.force_login(world.users["coordinator"])
    with translation.override("en"):
        page = client.get(f"/o/kemi/reports/{annual.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = " ".join(page.replace("\xa0", " ").split())
    # Every goal of the call: Martat's 2 000 € and Nuoret's 7 000 € (Seurat's 0 € is no grant), one activity each.
    expected = "Grants to NGOs in 2026: 2 grants, 9,000 €, to 2 NGOs for 2 activities"
    assert page.count(expected) == 3, page[page.find("goal-") : page.find("goal-") + 2000]
    assert page.count("1 use report: 1,900 € used, 29 participants.") == 3
    # The public site shows only published decisions.
    assert (
        "No grant of a published decision serves a goal of the welfare plan yet."
        in client.get("/public/en/kemi/grants/goals/").content.decode()
    )
    assert client.get("/public/en/tornio/grants/goals/").status_code == 404  # no calls at all
    services.publish_decision(actor=grants["coordinator"], call=grants["call"])
    public = client.get("/public/en/kemi/grants/goals/").content.decode().replace("\xa0", " ")
    assert public.count("Kemin Martat ry, Kemin Nuoret ry") == 3
    assert "9,000" in public
    assert "1,900" in public


def test_the_funders_summary_per_goal_theme_age_group_and_ngo_with_its_xlsx(world, grants, client):
    import io

    from openpyxl import load_workbook

    from hyte.actors.models import Activity, Theme

    martat, nuoret = grants["martat"]["activities"][0], grants["nuoret"]["activities"][0]
    Activity.objects.filter(pk=martat.pk).update(age_groups=["older"])
    Activity.objects.filter(pk=nuoret.pk).update(age_groups=["young", "older"])
    Activity.objects.get(pk=martat.pk).themes.set(Theme.objects.filter(code="loneliness"))
    Activity.objects.get(pk=nuoret.pk).themes.set(Theme.objects.filter(code__in=["loneliness", "physical-activity"]))
    report = UseReport.objects.get(application=grants["a"])
    _complete(report, world.users["ngo"])  # older 25, working-age 4 participants
    services.send_use_report(actor=world.users["ngo"], report=report)
    client.force_login(world.users["reader"])
    with translation.override("en"):
        body = client.get("/o/kemi/grants/summary.xlsx", HTTP_ACCEPT_LANGUAGE="en").content
    sheets = load_workbook(io.BytesIO(body), read_only=True)
    rows = {name: list(sheets[name].iter_rows(values_only=True)) for name in sheets.sheetnames}
    goals = rows["Per goal"][1:]
    # Each of the call's three goals: Martat's 2 000 € and Nuoret's 7 000 €; Martat's report 1 900 €, 29 people.
    assert [(r[0], r[3], r[4], r[5], r[7], r[8], r[9]) for r in goals] == [(2026, 2, 9000.0, 2, 1, 1900.0, 29)] * 3
    themes = {r[1]: (r[2], r[3]) for r in rows["Per theme"][1:]}
    with translation.override("en"):
        loneliness = Theme.objects.get(code="loneliness").display_name
        moving = Theme.objects.get(code="physical-activity").display_name
    assert themes == {loneliness: (2, 9000.0), moving: (1, 7000.0)}
    ages = {r[1]: (r[2], r[3], r[4]) for r in rows["Per age group"][1:]}
    assert ages == {"young people": (1, 7000.0, 0), "working-age people": (0, 0.0, 4), "older people": (2, 9000.0, 25)}
    assert rows["Per NGO"] == [
        ("NGO", "Business id", 2026, "Total (€)"),
        ("Kemin Nuoret ry", "1234561-2", 7000.0, 7000.0),
        ("Kemin Martat ry", "1234560-4", 2000.0, 2000.0),
    ]
    page = client.get("/o/kemi/grants/summary/")
    assert page.status_code == 200
    client.force_login(world.users["ngo"])
    assert client.get("/o/kemin-martat/grants/").status_code == 200
    assert client.get("/o/kemin-martat/grants/summary/").status_code == 404  # an NGO funds nothing


def test_a_new_application_lists_the_use_reports_still_to_send(world, grants, client):
    call = services.create_call(actor=SYSTEM, funder=world.kemi, details=call_details(title="Avustukset 2027"))
    services.add_criterion(actor=SYSTEM, call=call, title="Kaikki", weight=100)
    services.publish_call(actor=SYSTEM, call=call)
    draft = services.start_application(actor=world.users["ngo"], call=call, applicant=grants["martat"]["organisation"])
    client.force_login(world.users["ngo"])
    with translation.override("en"):
        page = client.get(f"/o/kemin-martat/grants/applications/{draft.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Use reports of earlier grants to send" in text
    assert f"/o/kemin-martat/grants/applications/{grants['a'].pk}/use-report/" in text


def test_the_decision_page_flags_the_preparers_likely_conflict(world, grants, client):
    from hyte.accounts import services as accounts

    nuoret = grants["nuoret"]["organisation"]
    accounts.add_member(actor=SYSTEM, organisation=nuoret, user=world.users["admin"], role="admin")
    client.force_login(world.users["admin"])
    with translation.override("en"):
        page = client.get(f"/o/kemi/grants/calls/{grants['call'].pk}/decision/", HTTP_ACCEPT_LANGUAGE="en")
    fieldsets = page.content.decode().split("<fieldset>")[1:]
    flagged = [part.split("</legend>")[0] for part in fieldsets if "A likely conflict of interest" in part]
    assert len(flagged) == 1
    assert "Kemin Nuoret ry" in flagged[0]


def test_the_api_refuses_bad_figures_and_keeps_the_funders_sampling_to_the_funder(world, grants, client):
    import json

    report = UseReport.objects.get(application=grants["a"])
    _complete(report, world.users["ngo"], money="1200")  # under 80 %: picked when sent
    services.send_use_report(actor=world.users["ngo"], report=report)
    client.force_login(world.users["ngo"])
    url = f"/api/v1/organisations/kemin-martat/grant-applications/{grants['a'].pk}/use-report"
    own = client.get(url).json()
    assert (own["status"], own["closer_check"], own["closer_check_reason"]) == ("sent", None, "")
    services.check_use_report(
        actor=world.users["coordinator"], report=report, ticked=[], note="Koko vuoden kirjanpito", accept=False
    )
    for bad in ({"money_used_eur": "-5"}, {"participants": {"older": -1}}, {"participants": {"pets": 3}}):
        answer = client.put(url, json.dumps({"done": "x", **bad}), content_type="application/json")
        assert answer.status_code == 422, bad
    report.refresh_from_db()
    assert report.money_used == Decimal("1200.00")  # nothing written by a refused request
    client.force_login(world.users["coordinator"])
    funder = client.get(f"/api/v1/organisations/kemi/grant-applications/{grants['a'].pk}/use-report").json()
    assert funder["closer_check"] is True
    assert "80" in funder["closer_check_reason"]


def test_the_static_site_carries_the_calls_decisions_and_grants_per_goal(world, grants, tmp_path):
    from django.core.management import call_command
    from django.test import Client

    services.publish_decision(actor=grants["coordinator"], call=grants["call"])
    call_command("publish", out=tmp_path, base_url="https://hyte.example.fi", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_id = grants["call"].pk
    for path in (
        "/public/fi/kemi/grants/",
        f"/public/fi/kemi/grants/{call_id}/",
        f"/public/fi/kemi/grants/{call_id}/decision/",
        "/public/fi/kemi/grants/goals/",
    ):
        assert (tmp_path / path.strip("/") / "index.html").read_text() == Client().get(path).content.decode(), path
    assert (tmp_path / "public/grants/decisions.json").read_bytes() == Client().get(
        "/public/grants/decisions.json"
    ).content
    sitemap = (tmp_path / "public/sitemap.xml").read_text()
    assert f"<loc>https://hyte.example.fi/public/fi/kemi/grants/{call_id}/decision/</loc>" in sitemap
