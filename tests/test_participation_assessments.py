"""Comment rounds on an impact assessment (issue 18): residents comment the parts of an assessment under
preparation; closing the round records their hearing; once the assessment is ready for the decision, the round
shows what changed after feedback."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from hyte.assessments import services as assessments
from hyte.assessments.models import AssessmentStatus
from hyte.audit.models import AuditEntry
from hyte.participation import queries, services
from hyte.participation.assessment_text import assessment_parts
from hyte.participation.models import Round
from tests.conftest import SYSTEM, answer_all

TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
ANON = AnonymousUser()
DESCRIPTION = "Nuorisotalon aukioloajat lyhenevät arki-iltaisin kello 18:aan."


@pytest.fixture(autouse=True)
def in_english_in_march():
    with translation.override("en"), time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def assessment(world):
    coordinator = world.users["coordinator"]
    found = assessments.create_assessment(
        actor=coordinator,
        organisation=world.kemi,
        title="Nuorisotalon aukioloaikojen muutos",
        kind="full",
        description=DESCRIPTION,
        deadline=dt.date(2026, 4, 30),
    )
    evenings = assessments.add_option(
        actor=coordinator, assessment=found, title="Iltavuorot lyhenevät", description="Säästö 40 000 € vuodessa."
    )
    assessments.set_impact(
        actor=coordinator,
        option=evenings,
        area="young_people",
        direction="negative",
        size="moderate",
        certainty="medium",
        description="Nuorten turvallinen iltatoiminta vähenee.",
    )
    assessments.set_impact(
        actor=coordinator, option=evenings, area="economy", direction="positive", size="small", certainty="high"
    )
    assessments.set_impact(
        actor=coordinator, option=found.options.get(is_no_change=True), area="young_people", direction="none"
    )
    return found


def _open(assessment, actor=SYSTEM, parts=("description", "conclusion"), days=(-3, 10)):
    today = TODAY.date()
    return services.open_assessment_round(
        actor=actor,
        assessment=assessment,
        parts=list(parts),
        title="Kerro mielipiteesi nuorisotalon aukioloajoista",
        title_sv="Säg din åsikt om ungdomsgårdens öppettider",
        opens_on=today + dt.timedelta(days=days[0]),
        closes_on=today + dt.timedelta(days=days[1]),
    )


def test_the_parts_are_the_written_text_of_the_assessment(world, assessment):
    parts = {part.key: part for part in assessment_parts(assessment)}
    evenings = assessment.options.get(is_no_change=False)
    no_change = assessment.options.get(is_no_change=True)
    assert list(parts) == ["description", f"option-{no_change.pk}", f"option-{evenings.pk}"]
    assert parts["description"].text == DESCRIPTION
    assert (parts["description"].title, parts["description"].title_sv) == (
        "Mistä päätetään",
        "Vad som beslutas",
    )
    option = parts[f"option-{evenings.pk}"].text
    assert option.startswith("Säästö 40 000 € vuodessa.")
    assert "- Nuoret: kielteinen – Nuorten turvallinen iltatoiminta vähenee." in option.splitlines()
    assert "- Talous: myönteinen" in option.splitlines()
    # Unwritten parts (cumulative effects, answers, conclusion) are not offered.
    assert "conclusion" not in parts


def test_opening_keeps_the_chosen_parts_as_they_are_now(world, assessment):
    evenings = assessment.options.get(is_no_change=False)
    round_ = _open(assessment, world.users["coordinator"], parts=("description", f"option-{evenings.pk}"))
    sections = list(round_.sections.order_by("position"))
    assert [s.key for s in sections] == ["description", f"option-{evenings.pk}"]
    assert sections[0].text == DESCRIPTION
    assert sections[0].section_id is None
    assert (round_.report_id, round_.assessment_id, round_.draft_title) == (None, assessment.pk, assessment.title)
    changes = {}
    for entry in AuditEntry.objects.filter(action="participation.round_create", object_id=str(round_.pk)):
        changes.update(entry.changes)
    assert changes["assessment"] == [None, str(assessment.pk)]
    assert changes["sections"] == [[], ["description", f"option-{evenings.pk}"]]


def test_only_an_assessment_under_preparation_with_its_own_parts_opens(world, assessment):
    with pytest.raises(ValidationError, match="at least one written part"):
        _open(assessment, parts=("conclusion",))  # not written yet
    with pytest.raises(ValidationError, match="at least one written part"):
        _open(assessment, parts=())
    with pytest.raises(PermissionDenied):
        _open(assessment, actor=world.users["reader"])
    assessments.update_assessment(actor=SYSTEM, assessment=assessment, conclusion="Ei muutosta.")
    answer_all(assessment, SYSTEM)
    assessments.mark_ready(actor=SYSTEM, assessment=assessment)
    with pytest.raises(ValidationError, match="ready for the decision"):
        _open(assessment)
    assessment.status = AssessmentStatus.IN_PREPARATION
    with pytest.raises(ValidationError, match="end on or after"):
        _open(assessment, days=(5, 1))
    assert not Round.objects.exists()


def test_residents_comment_and_closing_records_their_hearing(world, assessment):
    coordinator = world.users["coordinator"]
    round_ = _open(assessment, coordinator, parts=("description",), days=(-10, -1))
    section = round_.sections.get()
    with time_machine.travel(TODAY - dt.timedelta(days=5), tick=False):
        services.add_comment(actor=ANON, section=section, body="Illat ovat nuorille tärkeimmät!", nickname="Nuori")
    services.write_summary(actor=coordinator, round=round_, summary="12 nuorta vastusti iltojen lyhentämistä.")
    services.close_round(actor=coordinator, round=round_)
    hearing = assessment.hearings.get()
    assert hearing.party == "Residents: comment round “Kerro mielipiteesi nuorisotalon aukioloajoista”"
    assert hearing.views == "12 nuorta vastusti iltojen lyhentämistä."
    assert hearing.heard_on == round_.closes_on
    assert AuditEntry.objects.filter(action="assessment.hearing", object_id=str(hearing.pk)).exists()


def test_what_changed_after_feedback_once_the_assessment_is_ready(world, assessment):
    coordinator = world.users["coordinator"]
    round_ = _open(assessment, coordinator, parts=("description",))
    page = queries.round_page(round_, user=ANON)
    assert page["version"] is None
    assert page["sections"][0].diff is None
    assessments.update_assessment(
        actor=coordinator,
        assessment=assessment,
        description="Nuorisotalon aukioloajat lyhenevät arki-iltaisin kello 20:een.",
        conclusion="Ei muutosta.",
    )
    answer_all(assessment, coordinator)
    assessments.mark_ready(actor=coordinator, assessment=assessment)
    page = queries.round_page(round_, user=ANON)
    assert page["version"] is not None
    assert page["version"].number is None
    pieces = page["sections"][0].diff
    assert "".join(p.text for p in pieces if p.kind == "removed").strip() == "18:aan."
    assert "".join(p.text for p in pieces if p.kind == "added").strip() == "20:een."
    url = reverse("public-round", kwargs={"lang": "en", "slug": "kemi", "round_id": round_.pk})
    html = world.client_for("anonymous").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The draft compared with the assessment as it went to the decision" in html
    assert "Impact assessment of the decision" in html
    body = world.client_for("anonymous").get(f"/api/v1/rounds/{round_.pk}").json()
    assert (body["report"], body["assessment"], body["settled"]) == (None, assessment.pk, True)
    assert body["sections"][0]["changed_after_feedback"] is True


def test_the_pages_open_a_round_from_the_assessment(world, assessment):
    client = world.client_for("coordinator")
    detail = client.get(reverse("assessment-detail", args=["kemi", assessment.pk])).content.decode()
    new_url = reverse("participation-assessment", args=["kemi", assessment.pk])
    assert new_url in detail
    listing = client.get(reverse("participation", args=["kemi"])).content.decode()
    assert new_url in listing
    form = client.get(new_url).content.decode()
    assert "Mistä päätetään" in form
    response = client.post(
        new_url,
        {
            "title": "Kommentoi",
            "opens_on": "2026-03-01",
            "closes_on": "2026-03-20",
            "anonymous_allowed": "on",
            "parts": ["description"],
        },
    )
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("participation-round", args=["kemi", round_.pk])
    detail = client.get(reverse("assessment-detail", args=["kemi", assessment.pk])).content.decode()
    assert reverse("participation-round", args=["kemi", round_.pk]) in detail
    # A reader of the organisation who may not edit the assessment is not offered the form.
    assert world.client_for("reader").get(new_url).status_code == 404
