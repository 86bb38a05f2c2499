"""The council-term calendar: the term's steps generated idempotently, edited by the coordinator (audited), done
automatically where Hyte knows (a §7 meeting held that year with the organisation invited; an approved annual or
broad report) or by hand, overdue; the page, the .ics feed and the "my work" page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from icalendar import Calendar

from hyte.audit.actions import AuditAction
from hyte.audit.models import AuditEntry
from hyte.cooperation import calendar_queries, services
from hyte.cooperation.calendar_models import CalendarStep, StepKind
from hyte.reports.models import Report, ReportKind, ReportStatus
from tests.conftest import SYSTEM
from tests.cooperation_world import at, meeting_on

pytestmark = pytest.mark.django_db


def _row(organisation, kind, year, today):
    return next(
        row
        for y, rows in calendar_queries.calendar_of(organisation, today)
        if y == year
        for row in rows
        if row.step.kind == kind
    )


def test_generation_follows_the_four_year_cycle_and_never_duplicates(world):
    created = services.generate_calendar(actor=world.users["coordinator"], organisation=world.kemi, term_start=2025)
    # year 1: plan, §14, agreement; 4 years × (annual report, TP, hyte negotiation, TA); year 4: next term
    assert created == 3 + 4 * 4 + 1 == 20
    assert services.generate_calendar(actor=world.users["coordinator"], organisation=world.kemi, term_start=2025) == 0
    assert CalendarStep.objects.filter(organisation=world.kemi).count() == 20
    plan = CalendarStep.objects.get(organisation=world.kemi, kind=StepKind.BROAD_PLAN)
    assert (plan.year, plan.due) == (2026, dt.date(2026, 12, 31))
    report = CalendarStep.objects.get(organisation=world.kemi, kind=StepKind.ANNUAL_REPORT, year=2027)
    assert report.due == dt.date(2027, 6, 30)  # the annual report of 2026, with the financial statement
    assert CalendarStep.objects.get(organisation=world.kemi, kind=StepKind.NEXT_TERM).due == dt.date(2029, 5, 31)
    assert AuditEntry.objects.filter(action=AuditAction.CALENDAR_GENERATE).count() == 20
    with pytest.raises(PermissionDenied):  # an editor, not the coordinator
        services.generate_calendar(actor=world.users["editor"], organisation=world.kemi, term_start=2025)
    with pytest.raises(PermissionDenied):  # another organisation's admin
        services.generate_calendar(actor=world.users["outsider"], organisation=world.kemi, term_start=2025)
    with translation.override("en"), pytest.raises(ValidationError, match="council term begins"):
        services.generate_calendar(actor=world.users["coordinator"], organisation=world.kemi, term_start=2026)


def test_steps_are_done_automatically_where_hyte_knows(world):
    services.generate_calendar(actor=SYSTEM, organisation=world.kemi, term_start=2025)
    services.generate_calendar(actor=SYSTEM, organisation=world.tornio, term_start=2025)
    series = services.create_series(
        actor=SYSTEM, convener=world.lappi, kind="hyte_yearly", arrangement="joint", title="Hyte", members=[world.kemi]
    )
    meeting_on(series, at(2026, 3, 12), "Hyte-neuvottelu 2026")
    today = dt.date(2027, 1, 15)
    assert _row(world.kemi, StepKind.HYTE_NEGOTIATION, 2026, today).automatic
    assert _row(world.kemi, StepKind.HYTE_NEGOTIATION, 2027, today).status == calendar_queries.DUE
    # Tornio was not invited: its negotiation of 2026 is overdue
    assert _row(world.tornio, StepKind.HYTE_NEGOTIATION, 2026, today).status == calendar_queries.OVERDUE
    assert _row(world.kemi, StepKind.ANNUAL_REPORT, 2026, today).status == calendar_queries.OVERDUE
    now = timezone.now()
    Report.objects.create(
        organisation=world.kemi,
        kind=ReportKind.ANNUAL,
        title="Vuosiraportti 2025",
        term_start=2025,
        term_end=2029,
        year=2025,
        status=ReportStatus.APPROVED,
        created_at=now,
        updated_at=now,
    )
    Report.objects.create(
        organisation=world.kemi,
        kind=ReportKind.ANNUAL,
        title="Luonnos 2026",
        term_start=2025,
        term_end=2029,
        year=2026,
        status=ReportStatus.DRAFT,
        created_at=now,
        updated_at=now,
    )
    assert _row(world.kemi, StepKind.ANNUAL_REPORT, 2026, today).automatic  # the report of 2025, approved
    assert not _row(world.kemi, StepKind.ANNUAL_REPORT, 2027, today).done  # a draft is not done
    # a meeting in the future is not held yet
    meeting_on(series, at(2027, 3, 12), "Hyte-neuvottelu 2027")
    assert not _row(world.kemi, StepKind.HYTE_NEGOTIATION, 2027, today).done


def test_the_agreement_update_is_done_when_a_version_is_approved_that_year(world):
    from hyte.cooperation.agreement_models import AgreementVersion
    from tests.chain_world import build_agreement

    for organisation in (world.kemi, world.tornio, world.lappi):
        services.generate_calendar(actor=SYSTEM, organisation=organisation, term_start=2025)
    with time_machine.travel(dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC), tick=False):
        build_agreement(world)  # Lappi's agreements with Kemi: versions approved on 1 October 2026
    today = dt.date(2026, 12, 31)
    assert not _row(world.kemi, StepKind.AGREEMENT, 2026, dt.date(2026, 9, 30)).done  # not yet approved then
    for organisation in (world.kemi, world.lappi):  # a party, and the keeper
        assert _row(organisation, StepKind.AGREEMENT, 2026, today).automatic
    assert not _row(world.tornio, StepKind.AGREEMENT, 2026, today).done  # not a party
    approved = AgreementVersion.objects.filter(approved_at__isnull=False)
    # An approval in another year does not do the step of 2026.
    approved.update(approved_at=dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC))
    assert not _row(world.kemi, StepKind.AGREEMENT, 2026, dt.date(2026, 12, 31)).done


def test_the_coordinator_edits_a_step_and_marks_it_done_by_hand(world):
    services.generate_calendar(actor=SYSTEM, organisation=world.kemi, term_start=2025)
    step = CalendarStep.objects.get(organisation=world.kemi, kind=StepKind.BUDGET, year=2026)
    services.update_step(
        actor=world.users["coordinator"],
        step=step,
        due=dt.date(2026, 11, 30),
        responsible=world.users["editor"],
        done_on=None,
    )
    step.refresh_from_db()
    assert (step.due, step.responsible) == (dt.date(2026, 11, 30), world.users["editor"])
    assert _row(world.kemi, StepKind.BUDGET, 2026, dt.date(2026, 12, 1)).status == calendar_queries.OVERDUE
    mine, overdue = calendar_queries.work_steps(
        world.users["editor"].pk, world.kemi, coordinator=False, today=dt.date(2026, 12, 1)
    )
    assert [r.step.pk for r in mine] == [step.pk]
    assert overdue == []
    _mine, overdue = calendar_queries.work_steps(
        world.users["coordinator"].pk, world.kemi, coordinator=True, today=dt.date(2027, 1, 15)
    )
    assert {r.step.kind for r in overdue} == {
        StepKind.BROAD_PLAN,
        StepKind.TERM_NEGOTIATION,
        StepKind.HYTE_NEGOTIATION,
        StepKind.ANNUAL_REPORT,
    }  # statutory only: not the budget
    services.update_step(
        actor=world.users["coordinator"],
        step=step,
        due=step.due,
        responsible=step.responsible,
        done_on=dt.date(2026, 11, 28),
    )
    row = _row(world.kemi, StepKind.BUDGET, 2026, dt.date(2026, 12, 1))
    assert row.done
    assert not row.automatic
    assert calendar_queries.work_steps(
        world.users["editor"].pk, world.kemi, coordinator=False, today=dt.date(2026, 12, 1)
    ) == ([], [])
    assert AuditEntry.objects.filter(action=AuditAction.CALENDAR_STEP_UPDATE).count() == 2
    with translation.override("en"), pytest.raises(ValidationError, match="member of the organisation"):
        services.update_step(
            actor=world.users["coordinator"],
            step=step,
            due=step.due,
            responsible=world.users["outsider"],
            done_on=None,
        )
    with pytest.raises(PermissionDenied):
        services.update_step(actor=world.users["editor"], step=step, due=step.due, responsible=None, done_on=None)
    step.refresh_from_db()
    assert step.responsible == world.users["editor"]  # nothing half-written


def test_the_page_the_feed_and_my_work(world):
    coordinator = world.client_for("coordinator")
    response = coordinator.post("/o/kemi/cooperation/calendar/", {"term_start": "2025"})
    assert response.status_code == 302
    assert CalendarStep.objects.filter(organisation=world.kemi).count() == 20
    step = CalendarStep.objects.get(organisation=world.kemi, kind=StepKind.HYTE_NEGOTIATION, year=2028)
    response = coordinator.post(
        f"/o/kemi/cooperation/calendar/steps/{step.pk}/",
        {"due": "2028-10-15", "responsible": str(world.users["reader"].pk), "done_on": ""},
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.due == dt.date(2028, 10, 15)
    page = world.client_for("reader")
    response = page.get("/o/kemi/cooperation/calendar/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert "2028" in response.content.decode()
    assert page.post("/o/kemi/cooperation/calendar/", {"term_start": "2025"}).status_code == 404
    assert world.client_for("outsider").get("/o/kemi/cooperation/calendar/").status_code == 404
    feed = Calendar.from_ical(page.get("/o/kemi/cooperation/calendar.ics").content)
    events = list(feed.walk("VEVENT"))
    assert len(events) == 20
    moved = next(e for e in events if str(e["uid"]) == f"{step.uid}@hyte")
    assert moved.decoded("dtstart") == dt.date(2028, 10, 15)
    work = page.get("/o/kemi/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "yearly hyte negotiation" in work


def test_the_demo_calendars_of_kemi_tornio_and_lappi(world):
    from hyte.demo.cooperation_calendar import load_demo_calendar

    assert load_demo_calendar(2025) == 3 * 20
    assert load_demo_calendar(2025) == 0  # re-running never duplicates
    assert set(CalendarStep.objects.values_list("organisation__slug", flat=True)) == {"kemi", "tornio", "lappi"}


def test_the_person_responsible_marks_a_step_done_and_no_one_else_but_the_coordinators(world):
    services.generate_calendar(actor=SYSTEM, organisation=world.kemi, term_start=2025)
    step = CalendarStep.objects.get(organisation=world.kemi, kind=StepKind.BUDGET, year=2026)
    services.update_step(actor=SYSTEM, step=step, due=step.due, responsible=world.users["editor"], done_on=None)
    for stranger in ("reader", "outsider", "county"):  # a member not responsible, another organisation, the county
        with pytest.raises(PermissionDenied):
            services.mark_step_done(actor=world.users[stranger], step=step, done_on=dt.date(2026, 11, 2))
    with pytest.raises(PermissionDenied):  # the responsible person may mark it done, not move its date
        services.update_step(
            actor=world.users["editor"], step=step, due=dt.date(2026, 12, 1), responsible=None, done_on=None
        )
    with translation.override("en"), pytest.raises(ValidationError, match="still to come"):
        services.mark_step_done(actor=world.users["editor"], step=step, done_on=dt.date(2099, 1, 1))
    services.mark_step_done(actor=world.users["editor"], step=step, done_on=dt.date(2026, 11, 2))
    step.refresh_from_db()
    assert step.done_on == dt.date(2026, 11, 2)
    entry = AuditEntry.objects.get(action=AuditAction.CALENDAR_STEP_DONE)
    assert (entry.actor_id, entry.changes["done_on"][1]) == (world.users["editor"].pk, "2026-11-02")
    assert _row(world.kemi, StepKind.BUDGET, 2026, dt.date(2026, 12, 1)).status == calendar_queries.DONE
    services.mark_step_done(actor=world.users["coordinator"], step=step, done_on=None)  # not done after all
    step.refresh_from_db()
    assert step.done_on is None


def test_the_responsible_person_marks_done_from_my_work_and_from_the_calendar_page(world):
    services.generate_calendar(actor=SYSTEM, organisation=world.kemi, term_start=2025)
    step = CalendarStep.objects.get(organisation=world.kemi, kind=StepKind.BUDGET, year=2026)
    services.update_step(actor=SYSTEM, step=step, due=step.due, responsible=world.users["editor"], done_on=None)
    client = world.client_for("editor")
    done_url = f"/o/kemi/cooperation/calendar/steps/{step.pk}/done/"
    home = client.get("/o/kemi/").content.decode()
    assert done_url in home  # the button on "my work"
    response = client.post(done_url, {"next": "work"})
    assert response.status_code == 302
    assert response["Location"] == "/o/kemi/"
    step.refresh_from_db()
    assert step.done_on == timezone.localdate()
    page = client.get("/o/kemi/cooperation/calendar/").content.decode()
    assert done_url in page
    assert 'name="undo"' in page
    assert f'/o/kemi/cooperation/calendar/steps/{step.pk}/"' not in page  # the coordinator's edit form is not hers
    client.post(done_url, {"undo": "on"})
    step.refresh_from_db()
    assert step.done_on is None
    assert world.client_for("reader").post(done_url).status_code == 404


def test_the_calendar_api_reads_generates_edits_and_marks_done(world):
    import json

    coordinator, editor = world.client_for("coordinator"), world.client_for("editor")
    answer = coordinator.post(
        "/api/v1/organisations/kemi/calendar", json.dumps({"term_start": 2025}), content_type="application/json"
    )
    assert (answer.status_code, answer.json()) == (201, {"created": 20})
    steps = editor.get("/api/v1/organisations/kemi/calendar").json()
    assert len(steps) == 20
    assert steps[0]["year"] == 2026
    budget = next(s for s in steps if s["kind"] == "financial_statement" and s["year"] == 2026)
    assert budget["status"] == "overdue"  # TP 2025 was due on 30.6.2026
    assert budget["statutory"] is False
    url = f"/api/v1/organisations/kemi/calendar/steps/{budget['id']}"
    body = {"due": "2026-12-15", "responsible": world.users["editor"].pk}
    changed = coordinator.put(url, json.dumps(body), content_type="application/json").json()
    assert (changed["due"], changed["responsible"], changed["status"]) == (
        "2026-12-15",
        world.users["editor"].pk,
        "due",
    )
    assert editor.put(url, json.dumps(body), content_type="application/json").status_code == 404
    done = editor.post(url + "/done", json.dumps({"done_on": "2026-11-20"}), content_type="application/json")
    assert (done.status_code, done.json()["status"], done.json()["done_on"]) == (200, "done", "2026-11-20")
    stranger = {"responsible": world.users["outsider"].pk, "due": "2026-12-15"}
    refused = coordinator.put(url, json.dumps(stranger), content_type="application/json")
    assert refused.status_code == 400
    assert CalendarStep.objects.get(pk=budget["id"]).responsible == world.users["editor"]
    outside = {"due": "2040-01-01"}
    assert coordinator.put(url, json.dumps(outside), content_type="application/json").status_code == 400
    assert world.client_for("outsider").get("/api/v1/organisations/kemi/calendar").status_code == 404
    assert world.client_for("anonymous").get("/api/v1/organisations/kemi/calendar").status_code == 401
