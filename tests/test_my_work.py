"""The organisation's home page is "my work": assignments, comments waiting, reports in review, open alerts,
assessments due for follow-up and the next statutory deadline, for each person as far as they may see them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from hyte.assessments import services as assessments
from hyte.reports import services as reports
from hyte.work.deadlines import council_term, next_deadline
from tests.conftest import SYSTEM
from tests.matrix_world import build


@pytest.mark.parametrize(
    ("year", "term"),
    # Finland's municipal councils: 2017–2021 (term extended to 2021 by the postponed election), 2021–2025,
    # 2025–2029; each term begins on 1 June of the election year.
    [(2021, (2021, 2025)), (2024, (2021, 2025)), (2025, (2025, 2029)), (2028, (2025, 2029)), (2029, (2029, 2033))],
)
def test_council_terms(year, term):
    assert council_term(year) == term


def test_the_next_deadline_is_the_plan_for_a_new_term_or_the_next_annual_report():
    no_plan = next_deadline(today=dt.date(2025, 9, 1), plan_term=None, approved_annual_years=set())
    assert "2025–2029" in no_plan.what
    assert no_plan.due == dt.date(2026, 12, 31)
    old_plan = next_deadline(today=dt.date(2025, 9, 1), plan_term=(2021, 2025), approved_annual_years=set())
    assert "2025–2029" in old_plan.what  # the previous term's plan does not cover the new term
    # Before the new term begins (1 June 2025), the 2021–2025 plan is current: its annual report of 2024 is due.
    spring = next_deadline(today=dt.date(2025, 3, 1), plan_term=(2021, 2025), approved_annual_years=set())
    assert "2024" in spring.what
    assert spring.due == dt.date(2025, 6, 30)
    # A plan approved in December 2025 has no annual report of 2025: the first is 2026's.
    first = next_deadline(
        today=dt.date(2026, 11, 30),
        plan_term=(2025, 2029),
        approved_annual_years=set(),
        plan_decided=dt.date(2025, 12, 15),
    )
    assert (first.due, first.overdue) == (dt.date(2027, 6, 30), False)
    late = next_deadline(today=dt.date(2026, 7, 1), plan_term=(2025, 2029), approved_annual_years=set())
    assert (late.due, late.overdue) == (dt.date(2026, 6, 30), True)  # 2025's, a day late
    annual = next_deadline(today=dt.date(2026, 11, 30), plan_term=(2025, 2029), approved_annual_years={2025})
    assert "2026" in annual.what  # 2025 approved already: next is 2026's, due with its financial statement
    assert annual.due == dt.date(2027, 6, 30)


@pytest.mark.django_db
def test_each_person_sees_what_waits_for_them(world):
    values = build(world)
    editor = world.users["editor"]
    report = world.kemi.reports.get(pk=values["report"])
    section = report.sections.first()  # assigned to the editor by the world
    goal = report.goals.get()
    reports.assign(actor=SYSTEM, subject=goal, users=[editor])
    measure = reports.add_measure(actor=SYSTEM, goal=goal, text="Liikuntaneuvonta", responsible_parties=["Liikunta"])
    reports.assign(actor=SYSTEM, subject=measure, users=[editor])
    reports.add_comment(actor=world.users["reader"], report=report, text="Lähde puuttuu", section=section)
    reports.add_comment(actor=world.users["reader"], report=report, text="Koko raportin huomio")
    reports.change_status(actor=SYSTEM, report=report, status="in_review")
    decided = world.kemi.assessments.get(pk=values["decided"])
    decided.follow_up_date = decided.decision_date + dt.timedelta(days=20)
    decided.save()

    page = world.client_for("editor").get("/o/kemi/").content.decode()
    mine = page[page.index('id="assigned-heading"') : page.index('id="comments-heading"')]
    for assigned in (section.title, "Tavoite", "Liikuntaneuvonta"):
        assert assigned in mine
    waiting = page[page.index('id="comments-heading"') : page.index('id="review-heading"')]
    assert "Lähde puuttuu" in waiting  # in the editor's own section
    assert "Koko raportin huomio" not in waiting  # the whole report's comments wait for the coordinator
    assert "Kertomus" in page[page.index('id="review-heading"') : page.index('id="due-heading"')]
    assert "decided" in page[page.index('id="due-heading"') : page.index('id="alerts-heading"')]
    alerts = page[page.index('id="alerts-heading"') :]
    assert "(1)" in alerts[:200]

    page = world.client_for("coordinator").get("/o/kemi/").content.decode()
    waiting = page[page.index('id="comments-heading"') : page.index('id="review-heading"')]
    assert "Koko raportin huomio" in waiting
    assert "Lähde puuttuu" in waiting
    assert "Sinulle ei ole osoitettu mitään." in page

    reader = world.client_for("reader").get("/o/kemi/").content.decode()
    assert "Lähde puuttuu" not in reader  # their own comment waits for others, not for them


@pytest.mark.django_db
def test_a_follow_up_far_away_or_done_is_not_due(world):
    values = build(world)
    decided = world.kemi.assessments.get(pk=values["decided"])
    decided.follow_up_date = decided.decision_date + dt.timedelta(days=90)
    decided.save()
    page = world.client_for("coordinator").get("/o/kemi/").content.decode()
    assert ">decided<" not in page
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=75)):
        page = world.client_for("coordinator").get("/o/kemi/").content.decode()
        assert ">decided<" in page
        assessments.record_follow_up(actor=SYSTEM, assessment=decided, notes="Vaikutukset toteutuivat.")
        page = world.client_for("coordinator").get("/o/kemi/").content.decode()
        assert ">decided<" not in page
