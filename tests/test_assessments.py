"""Ex-ante impact assessment through its whole flow, and the rules that keep it honest."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.assessments import queries, services
from hyte.assessments.models import AssessmentStatus, AssessmentTemplate
from hyte.audit.models import AuditEntry
from hyte.reports import services as report_services
from tests.conftest import SYSTEM, answer_all

TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def in_english_in_march():
    """Service messages are asserted in English; the UI default is Finnish. Time stands still on 2 March 2026."""
    with translation.override("en"), time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def goal(world):
    report = report_services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Kertomus 2025–2029", term_start=2025, term_end=2029
    )
    return report_services.add_goal(actor=SYSTEM, report=report, text="Lasten ja nuorten harrastaminen lisääntyy")


def start(world, persona="coordinator", **extra):
    return services.create_assessment(
        actor=world.users[persona],
        organisation=world.kemi,
        title=extra.pop("title", "Nuorisotalon aukioloaikojen muutos"),
        case_number=extra.pop("case_number", "KEMI/123/2026"),
        preparing_body=extra.pop("preparing_body", "Sivistyslautakunta"),
        decision_maker=extra.pop("decision_maker", "Sivistyslautakunta"),
        deadline=extra.pop("deadline", dt.date(2026, 4, 30)),
        **extra,
    )


def prepared(world, goal, persona="coordinator"):
    """A full assessment with one option besides no change, both assessed, the conclusion written."""
    user = world.users[persona]
    assessment = start(world, persona, kind="full")
    evenings = services.add_option(actor=user, assessment=assessment, title="Iltavuorot lyhenevät")
    no_change = assessment.options.get(is_no_change=True)
    services.set_impact(
        actor=user,
        option=evenings,
        area="young_people",
        direction="negative",
        size="moderate",
        certainty="medium",
        time_span="long",
        description="Nuorten turvallinen iltatoiminta vähenee.",
        indicator_codes=["KH1", "127"],
    )
    services.set_impact(
        actor=user, option=evenings, area="economy", direction="positive", size="small", certainty="high"
    )
    services.set_impact(actor=user, option=no_change, area="young_people", direction="none")
    services.set_goal_effect(actor=user, option=evenings, goal=goal, effect="works_against", note="Harrastukset")
    services.add_hearing(
        actor=user,
        assessment=assessment,
        party="Nuorisovaltuusto",
        heard_on=dt.date(2026, 2, 20),
        views="Illat ovat nuorille tärkeimmät.",
    )
    services.update_assessment(
        actor=user, assessment=assessment, conclusion="Ei muutosta: haitat nuorille ovat suuremmat kuin säästö."
    )
    answer_all(assessment, user)
    return assessment


def test_the_whole_flow_from_screening_to_follow_up(world, goal):
    coordinator = world.users["coordinator"]
    assessment = start(world)
    assert assessment.status == AssessmentStatus.SCREENING
    assert [o.title for o in assessment.options.all()] == ["No change"]
    assert len(assessment.screening_questions) == 6
    services.save_answers(actor=coordinator, assessment=assessment, answers=["Kyllä"] * 6, screening=True)
    services.record_screening(
        actor=coordinator,
        assessment=assessment,
        full_assessment_needed=True,
        reason="Vaikuttaa nuoriin",
        method="child",
    )
    assert assessment.status == AssessmentStatus.IN_PREPARATION
    assert assessment.kind == "child"
    assert "lasten hyvinvointiin" in assessment.answers[0]["question"]
    option = services.add_option(actor=coordinator, assessment=assessment, title="Lyhyemmät aukioloajat")
    for each in assessment.options.all():
        services.set_impact(actor=coordinator, option=each, area="children", direction="unknown")
    services.update_assessment(
        actor=coordinator, assessment=assessment, conclusion="Ei muutosta.", recommended_option=option
    )
    # "Ready" needs every question of the method answered, or marked not applicable with the reason.
    with translation.override("en"), pytest.raises(ValidationError, match="Unanswered: Miten päätös vaikuttaa"):
        services.mark_ready(actor=coordinator, assessment=assessment)
    answers = [f"Vastaus {i}" for i in range(len(assessment.answers))]
    skipped = [False] * len(answers)
    skipped[2] = True
    answers[2] = ""
    with translation.override("en"), pytest.raises(ValidationError, match="Say why the question does not apply"):
        services.save_answers(actor=coordinator, assessment=assessment, answers=answers, not_applicable=skipped)
    answers[2] = "Ristiriitoja ei ollut: kaikki kuultavat olivat samaa mieltä."
    services.save_answers(actor=coordinator, assessment=assessment, answers=answers, not_applicable=skipped)
    assert assessment.answers[2]["not_applicable"] is True
    services.mark_ready(actor=coordinator, assessment=assessment)
    assert assessment.status == AssessmentStatus.READY
    services.record_decision(
        actor=coordinator,
        assessment=assessment,
        decision_body="Sivistyslautakunta",
        decision_date=dt.date(2026, 3, 1),
        decision_reference="1.3.2026 § 12",
        decided_option=option,
        follow_up_date=dt.date(2027, 3, 1),
    )
    assert assessment.status == AssessmentStatus.DECIDED
    assert list(queries.due_for_follow_up(world.kemi, on=dt.date(2027, 3, 1))) == [assessment]
    services.record_follow_up(actor=coordinator, assessment=assessment, notes="Kävijämäärät laskivat 10 %.")
    assert assessment.status == AssessmentStatus.FOLLOWED_UP
    actions = list(
        AuditEntry.objects.filter(object_type="assessments.assessment", object_id=str(assessment.pk))
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "assessment.create",
        "assessment.answers",
        "assessment.screening",
        "assessment.update",
        "assessment.answers",  # the refused N/A without a reason left no entry
        "assessment.ready",
        "assessment.decision",
        "assessment.follow_up",
    ]
    assert AuditEntry.objects.filter(action="assessment.impact", organisation=world.kemi).count() == 2


def test_a_screening_that_finds_no_need_closes_with_its_reason(world):
    assessment = start(world)
    with pytest.raises(ValidationError, match="Give the reason"):
        services.record_screening(
            actor=world.users["coordinator"], assessment=assessment, full_assessment_needed=False, reason=" "
        )
    services.record_screening(
        actor=world.users["coordinator"],
        assessment=assessment,
        full_assessment_needed=False,
        reason="Tekninen muutos, ei vaikutuksia asukkaisiin.",
    )
    assert assessment.status == AssessmentStatus.CLOSED
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.add_option(actor=world.users["coordinator"], assessment=assessment, title="X")


def test_an_option_without_impacts_cannot_be_made_ready_and_is_named(world, goal):
    coordinator = world.users["coordinator"]
    assessment = prepared(world, goal)
    services.add_option(actor=coordinator, assessment=assessment, title="Kesäsulku")
    with pytest.raises(ValidationError, match="Kesäsulku has no impacts"):
        services.mark_ready(actor=coordinator, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PREPARATION


def test_only_no_change_or_no_conclusion_is_not_ready(world):
    coordinator = world.users["coordinator"]
    assessment = start(world, kind="full")
    with pytest.raises(ValidationError, match="at least one option"):
        services.mark_ready(actor=coordinator, assessment=assessment)
    option = services.add_option(actor=coordinator, assessment=assessment, title="Uusi")
    for each in (option, assessment.options.get(is_no_change=True)):
        services.set_impact(actor=coordinator, option=each, area="economy", direction="none")
    with pytest.raises(ValidationError, match="Write the conclusion"):
        services.mark_ready(actor=coordinator, assessment=assessment)


def test_unknown_or_invisible_indicators_are_refused_by_code(world, goal):
    coordinator = world.users["coordinator"]
    assessment = start(world, kind="full")
    option = assessment.options.get()
    with pytest.raises(ValidationError, match="Unknown indicator NOPE"):
        services.set_impact(
            actor=coordinator, option=option, area="children", direction="none", indicator_codes=["127", "NOPE"]
        )
    assert not option.impacts.exists()
    # Tornio's own indicator is invisible to Kemi's people.
    from hyte.indicators import services as indicator_services

    indicator_services.create_own_indicator(
        actor=SYSTEM, organisation=world.tornio, title_fi="Tornion oma", source_id="TOR1", value_type="percent"
    )
    with pytest.raises(ValidationError, match="TOR1"):
        services.set_impact(
            actor=coordinator, option=option, area="children", direction="none", indicator_codes=["TOR1"]
        )
    impact = services.set_impact(
        actor=coordinator, option=option, area="children", direction="none", indicator_codes=["KH1"]
    )
    assert list(impact.indicators.all()) == [world.own_indicator]


def test_cells_need_size_and_certainty_when_there_is_an_effect(world):
    assessment = start(world, kind="full")
    with pytest.raises(ValidationError, match="size and the certainty"):
        services.set_impact(
            actor=world.users["coordinator"], option=assessment.options.get(), area="children", direction="positive"
        )
    with pytest.raises(ValidationError, match="Unknown value sideways"):
        services.set_impact(
            actor=world.users["coordinator"], option=assessment.options.get(), area="children", direction="sideways"
        )


def test_dates_are_sane(world, goal):
    coordinator = world.users["coordinator"]
    with pytest.raises(ValidationError, match="already past"):
        start(world, deadline=dt.date(2026, 1, 1))
    assessment = prepared(world, goal)
    with pytest.raises(ValidationError, match="future"):
        services.add_hearing(
            actor=coordinator, assessment=assessment, party="X", views="Y", heard_on=dt.date(2027, 1, 1)
        )
    services.mark_ready(actor=coordinator, assessment=assessment)
    decide = {
        "actor": coordinator,
        "assessment": assessment,
        "decision_body": "Lautakunta",
        "decision_reference": "§ 1",
    }
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.record_decision(**decide, decision_date=dt.date(2026, 3, 3))
    with pytest.raises(ValidationError, match="after the decision date"):
        services.record_decision(**decide, decision_date=dt.date(2026, 3, 1), follow_up_date=dt.date(2026, 2, 1))
    with pytest.raises(ValidationError, match="the body, the date and the minute reference"):
        services.record_decision(**{**decide, "decision_reference": ""}, decision_date=dt.date(2026, 3, 1))


def test_the_decision_waits_for_the_summary_and_the_follow_up_for_the_decision(world, goal):
    coordinator = world.users["coordinator"]
    assessment = prepared(world, goal)
    with pytest.raises(ValidationError, match="once the summary is ready"):
        services.record_decision(
            actor=coordinator,
            assessment=assessment,
            decision_body="Lautakunta",
            decision_date=dt.date(2026, 3, 1),
            decision_reference="§ 1",
        )
    with pytest.raises(ValidationError, match="once its decision is recorded"):
        services.record_follow_up(actor=coordinator, assessment=assessment, notes="x")
    services.mark_ready(actor=coordinator, assessment=assessment)
    with pytest.raises(ValidationError, match="reopen it first"):
        services.add_option(actor=coordinator, assessment=assessment, title="Myöhäinen")
    services.reopen(actor=coordinator, assessment=assessment)
    services.add_option(actor=coordinator, assessment=assessment, title="Myöhäinen")


def test_the_no_change_option_stays(world):
    assessment = start(world, kind="full")
    with pytest.raises(ValidationError, match="cannot be removed"):
        services.remove_option(actor=world.users["coordinator"], option=assessment.options.get(is_no_change=True))


def test_who_may_write(world, goal):
    editor, reader = world.users["editor"], world.users["reader"]
    mine = start(world, "editor", kind="full")
    assert mine.preparer == editor
    services.add_option(actor=editor, assessment=mine, title="Editorin vaihtoehto")
    theirs = start(world, "coordinator", kind="full")
    with pytest.raises(PermissionDenied):
        services.add_option(actor=editor, assessment=theirs, title="x")
    services.set_people(actor=world.users["coordinator"], assessment=theirs, preparer=None, participants=[editor])
    services.add_option(actor=editor, assessment=theirs, title="Nyt saa")
    for persona in ("reader", "county", "outsider"):
        with pytest.raises(PermissionDenied):
            services.add_option(actor=world.users[persona], assessment=theirs, title="x")
        with pytest.raises(PermissionDenied):
            start(world, persona)
    with pytest.raises(PermissionDenied):
        start(world, "editor", preparer=world.users["coordinator"])
    with pytest.raises(PermissionDenied):
        services.set_people(actor=editor, assessment=mine, preparer=editor, participants=[reader])
    with pytest.raises(ValidationError, match="members"):
        services.set_people(
            actor=world.users["coordinator"], assessment=mine, preparer=world.users["outsider"], participants=[]
        )


def test_goals_of_another_organisation_are_refused(world, goal):
    other = report_services.create_report(
        actor=SYSTEM, organisation=world.tornio, kind="broad", title="Tornio", term_start=2025, term_end=2029
    )
    foreign = report_services.add_goal(actor=SYSTEM, report=other, text="Tornion tavoite")
    assessment = start(world, kind="full")
    with pytest.raises(ValidationError, match="not in the organisation's plan"):
        services.set_goal_effect(
            actor=world.users["coordinator"], option=assessment.options.get(), goal=foreign, effect="supports"
        )


def test_methods_start_from_the_defaults_and_coordinators_adapt_them(world):
    methods = queries.methods_of(world.kemi)
    assert [m.kind for m in methods] == ["screening", "full", "child"]
    assert not AssessmentTemplate.objects.exists()  # reading the methods stores nothing
    started = start(world, kind="child")
    assert not AssessmentTemplate.objects.exists()  # nor does starting an assessment
    change = {"organisation": world.kemi, "kind": "child", "guidance": ""}
    with pytest.raises(PermissionDenied):
        services.update_template(actor=world.users["editor"], name="x", questions=["q"], **change)
    with pytest.raises(ValidationError, match="at least one question"):
        services.update_template(actor=world.users["coordinator"], name="LAVA", questions=[" "], **change)
    services.update_template(actor=world.users["coordinator"], name="Kemin LAVA", questions=["Oma kysymys?"], **change)
    assert [a["question"] for a in start(world, kind="child").answers] == ["Oma kysymys?"]
    started.refresh_from_db()
    assert len(started.answers) == 6  # started assessments keep their questions
    services.update_template(actor=world.users["coordinator"], name="Kemin LAVA 2", questions=["Toinen?"], **change)
    assert AssessmentTemplate.objects.filter(organisation=world.kemi).count() == 1
    assert AuditEntry.objects.filter(action="assessment.template_create").count() == 1
    assert AuditEntry.objects.filter(action="assessment.template_update").count() == 1
    assert queries.method_of(world.tornio, "child").name != "Kemin LAVA 2"  # each organisation its own


def test_the_register_filters_and_counts(world, goal):
    coordinator = world.users["coordinator"]
    first = prepared(world, goal)
    closed = start(world, title="Katuvalojen vaihto", case_number="KEMI/9/2026", preparing_body="Tekninen lautakunta")
    services.record_screening(
        actor=coordinator, assessment=closed, full_assessment_needed=False, reason="Ei vaikutuksia"
    )
    found = queries.assessments_of(world.kemi)
    assert list(queries.search(found, text="KEMI/9")) == [closed]
    assert list(queries.search(found, text="nuorisotalon")) == [first]
    assert list(queries.search(found, body="Tekninen lautakunta")) == [closed]
    assert list(queries.search(found, status="closed")) == [closed]
    assert list(queries.search(found, group="young_people")) == [first]
    assert list(queries.search(found, group="older_people")) == []
    assert list(queries.search(found, goal=goal.pk)) == [first]
    assert set(queries.search(found, year=2026)) == {first, closed}
    assert list(queries.search(found, year=2025)) == []
    [row] = queries.counts_per_year(world.kemi)
    assert (row.year, row.started, row.screened_out, row.full, row.child) == (2026, 2, 1, 1, 0)


def test_the_plan_shows_the_assessments_that_touched_each_goal(world, goal):
    assessment = prepared(world, goal)
    page = world.client_for("reader").get(f"/o/kemi/reports/{goal.report_id}/").content.decode()
    assert assessment.title in page
    assert f"/o/kemi/assessments/{assessment.pk}/" in page


def test_the_county_reads_only_while_the_municipality_shares_its_drafts(world):
    from hyte.accounts import services as accounts

    assessment = start(world, kind="full")
    county = world.client_for("county")
    assert county.get(f"/o/kemi/assessments/{assessment.pk}/").status_code == 200
    assert county.get("/api/v1/organisations/kemi/assessments").json()[0]["id"] == assessment.pk
    accounts.unshare_drafts(actor=SYSTEM, organisation=world.kemi, with_organisation=world.lappi)
    county = world.client_for("county")
    assert county.get(f"/o/kemi/assessments/{assessment.pk}/").status_code == 404
    assert county.get("/api/v1/organisations/kemi/assessments").status_code == 404
    assert world.client_for("outsider").get(f"/o/kemi/assessments/{assessment.pk}/summary.pdf").status_code == 404


def test_the_no_change_option_reads_in_the_readers_language(world):
    with translation.override("fi"):
        assessment = services.create_assessment(actor=SYSTEM, organisation=world.kemi, title="Koulun lakkautus")
    option = assessment.options.get(is_no_change=True)
    with translation.override("sv"):
        assert option.label == "Ingen förändring"
    with translation.override("en"):
        assert str(option) == "No change"


def test_a_decided_assessment_keeps_its_people(world, goal):
    """set_people changed a decided assessment although nothing of a ready or decided one changes."""
    coordinator = world.users["coordinator"]
    assessment = prepared(world, goal)
    services.mark_ready(actor=coordinator, assessment=assessment)
    services.record_decision(
        actor=coordinator,
        assessment=assessment,
        decision_body="Sivistyslautakunta",
        decision_date=dt.date(2026, 3, 1),
        decision_reference="§ 12",
    )
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.set_people(actor=coordinator, assessment=assessment, preparer=world.users["editor"], participants=[])
    assessment.refresh_from_db()
    assert assessment.preparer == coordinator
    assert not AuditEntry.objects.filter(action="assessment.people").exists()
