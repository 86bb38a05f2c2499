"""Taking a report through the council: only the valid next steps, forward first and none chosen in advance;
the decision asked only for approval and shown once; empty sections warned about; and the annual report on
its plan's term, with its own outline, approved year by year."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from hyte.reports import services
from hyte.reports.forms import StatusForm
from hyte.reports.models import OutlineKey
from hyte.reports.workflow import council_decision
from tests.conftest import approve_and_publish

pytestmark = pytest.mark.django_db


def _plan(world, title="Suunnitelma"):
    return services.create_report(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        kind="broad",
        title=title,
        term_start=2025,
        term_end=2029,
    )


def _radios(page: str) -> list[tuple[str, bool]]:
    return [
        (value, "checked" in tag)
        for tag, value in re.findall(r'(<input type="radio" name="status" value="([a-z_]+)"[^>]*>)', page)
    ]


def test_the_status_form_offers_the_next_steps_forward_first_with_none_chosen(world, client):
    plan = _plan(world)
    client.force_login(world.users["coordinator"])
    draft = client.get(f"/o/kemi/reports/{plan.pk}/").content.decode()
    assert _radios(draft) == [("in_review", False)]
    assert 'name="decision_body"' not in draft  # no decision to record on the way to review
    services.change_status(actor=world.users["coordinator"], report=plan, status="in_review")
    review = client.get(f"/o/kemi/reports/{plan.pk}/").content.decode()
    assert _radios(review) == [("approved", False), ("draft", False)]  # never back to draft by default
    assert 'name="decision_reference"' in review


def test_sending_back_to_draft_ignores_decision_fields_and_a_missing_step_is_refused():
    form = StatusForm({"status": "draft", "decision_body": "Valtuusto"}, statuses=["approved", "draft"])
    assert form.is_valid()
    assert form.cleaned_data == {"status": "draft"}
    assert not StatusForm({}, statuses=["approved", "draft"]).is_valid()
    assert not StatusForm({"status": "published"}, statuses=["approved", "draft"]).is_valid()


def test_empty_sections_are_listed_before_review_and_after_sending(world, client):
    plan = _plan(world)
    coordinator = world.users["coordinator"]
    summary = plan.sections.get(key=OutlineKey.SUMMARY)
    block = summary.blocks.first()
    services.edit_block(actor=coordinator, block=block, expected_revision=block.revision, text="Kemi voi hyvin.")
    client.force_login(coordinator)
    page = client.get(f"/o/kemi/reports/{plan.pk}/").content.decode()
    warning = page[page.index('class="notice notice-warning"') :]
    warning = warning[: warning.index("</div>")]
    assert "Taustaa, tarkoitus ja tavoitteet" in warning
    assert "Tiivistelmä" not in warning  # written
    response = client.post(f"/o/kemi/reports/{plan.pk}/status/", {"status": "in_review"}, follow=True)
    plan.refresh_from_db()
    assert plan.status == "in_review"  # a warning, not a refusal
    messages = [str(m) for m in response.context["messages"]]
    assert any("Liitteet" in m and "Tiivistelmä" not in m for m in messages), messages


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("§ 112", "§ 112"), ("15.12.2025 § 112", "§ 112"), ("§ 112, 15.12.2025", "§ 112"), ("Kv 15.12.2025", "Kv")],
)
def test_the_decision_keeps_the_date_once(typed, kept):
    decision = council_decision(body=" Valtuusto ", date=dt.date(2025, 12, 15), reference=typed)
    assert decision["decision_reference"] == kept
    assert (decision["decision_body"], decision["decision_date"]) == ("Valtuusto", dt.date(2025, 12, 15))
    with pytest.raises(ValidationError):
        council_decision(body="Valtuusto", date=None, reference="§ 1")


def test_the_plan_page_prints_the_decision_date_once(world, client):
    plan = _plan(world)
    approve_and_publish(plan, world.users["coordinator"], reference="31.1.2026 § 3")
    client.force_login(world.users["reader"])
    page = client.get(f"/o/kemi/reports/{plan.pk}/").content.decode()
    assert "Kaupunginvaltuusto, 31.1.2026, § 3" in page
    assert page.count("31.1.2026") == 1


def test_an_annual_report_takes_the_plans_term_and_its_own_outline(world):
    plan = _plan(world)
    annual = services.create_report(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        kind="annual",
        title="Vuosiraportti 2025",
        term_start=2021,  # what the form said; the plan's term wins
        term_end=2025,
        year=2025,
        plan_report=plan,
    )
    assert (annual.term_start, annual.term_end) == (2025, 2029)
    keys = list(annual.sections.values_list("key", flat=True))
    assert keys == ["summary", "changes", "follow_up", "resources", "next_steps", "appendices"]
    assert annual.sections.get(key="follow_up").title_sv == "Hur planen har genomförts"
    with pytest.raises(ValidationError):
        services.create_report(
            actor=world.users["coordinator"],
            organisation=world.kemi,
            kind="annual",
            title="Vuosiraportti 2031",
            term_start=2025,
            term_end=2029,
            year=2031,
            plan_report=plan,
        )


def test_annual_reports_are_approved_year_by_year(world):
    coordinator = world.users["coordinator"]
    plan = _plan(world)
    approve_and_publish(plan, coordinator)

    def annual(year):
        return services.create_report(
            actor=coordinator,
            organisation=world.kemi,
            kind="annual",
            title=f"Vuosiraportti {year}",
            term_start=2025,
            term_end=2029,
            year=year,
            plan_report=plan,
        )

    first, second = annual(2025), annual(2026)
    services.change_status(actor=coordinator, report=second, status="in_review")
    with pytest.raises(ValidationError, match="2025"):
        services.change_status(
            actor=coordinator,
            report=second,
            status="approved",
            decision_body="Valtuusto",
            decision_date=dt.date(2027, 6, 1),
            decision_reference="§ 5",
        )
    approve_and_publish(first, coordinator)
    services.change_status(
        actor=coordinator,
        report=second,
        status="approved",
        decision_body="Valtuusto",
        decision_date=dt.date(2027, 6, 1),
        decision_reference="§ 5",
    )
    second.refresh_from_db()
    assert second.status == "approved"
