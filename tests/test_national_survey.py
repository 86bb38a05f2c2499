"""The hyte resources survey: rounds, answers (draft, submit, correct until closed), who sees what, the results
(response rate, tallies, the charts, XLSX) and the reminders."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.accounts.permissions import SITE, Action, permissions_for
from hyte.audit.models import AuditEntry
from hyte.core import clock
from hyte.national import queries, services
from hyte.national.exports import results_xlsx
from hyte.national.models import Answer, AnswerStatus, RoundStatus
from hyte.national.queries import person_year_band
from hyte.national.reminders import remind_closing
from hyte.notifications.models import Notification
from tests.conftest import SYSTEM
from tests.national_world import build_national


@pytest.fixture
def national(world):
    return build_national(world)


def test_opening_asks_every_municipality_in_hyte_and_tells_their_coordinators(world, national):
    survey = national["survey"]
    assert survey.status == RoundStatus.OPEN
    assert set(survey.recipients.values_list("slug", flat=True)) == {"kemi", "tornio"}
    told = set(
        Notification.objects.filter(key__startswith=f"survey-open:{survey.pk}:").values_list(
            "user__username", flat=True
        )
    )
    assert told == {"admin", "coordinator", "outsider"}  # Kemi's coordinator and admin, Tornio's admin


def test_a_county_asks_only_its_own_municipalities(world, national):
    survey = services.create_round(
        actor=world.users["county"],
        sender=world.lappi,
        year=2026,
        title_fi="Lapin kysely",
        scope="county_municipalities",
        closes_on=clock.today() + dt.timedelta(days=10),
    )
    assert services.open_round(actor=world.users["county"], survey=survey) == 2
    with pytest.raises(PermissionDenied):  # a county does not ask all municipalities of Finland
        services.create_round(
            actor=world.users["county"],
            sender=world.lappi,
            year=2026,
            title_fi="Koko maa",
            scope="all_municipalities",
            closes_on=clock.today(),
        )


def test_only_a_national_bodys_coordinators_send_national_rounds(world, national):
    for persona in ("national", "coordinator", "county"):
        with pytest.raises(PermissionDenied):
            services.create_round(
                actor=world.users[persona],
                sender=national["thl"],
                year=2026,
                title_fi="x",
                scope="all_municipalities",
                closes_on=clock.today(),
            )


def test_draft_submit_and_correct_until_closed(world, national):
    survey = national["survey"]
    tornio_admin = world.users["outsider"]
    draft = services.save_answer(
        actor=tornio_admin, survey=survey, organisation=world.tornio, coordinator_named=None, person_years=""
    )
    assert draft.status == AnswerStatus.DRAFT
    with translation.override("en"), pytest.raises(ValidationError, match="whether a hyte coordinator"):
        services.save_answer(
            actor=tornio_admin, survey=survey, organisation=world.tornio, coordinator_named=None, submit=True
        )
    services.save_answer(
        actor=tornio_admin,
        survey=survey,
        organisation=world.tornio,
        coordinator_named=False,
        person_years="0,2",
        submit=True,
    )
    corrected = services.save_answer(
        actor=tornio_admin, survey=survey, organisation=world.tornio, coordinator_named=True, person_years="0.4"
    )
    assert corrected.status == AnswerStatus.SUBMITTED  # a correction keeps it submitted
    assert corrected.person_years == Decimal("0.40")
    services.close_round(actor=world.users["national_admin"], survey=survey)
    with translation.override("en"), pytest.raises(ValidationError, match="not open"):
        services.save_answer(actor=tornio_admin, survey=survey, organisation=world.tornio, coordinator_named=False)
    assert Answer.objects.get(organisation=world.tornio).coordinator_named is True


@pytest.mark.parametrize("bad", ["abc", "-1", "1001", "NaN", "1,2,3"])
def test_bad_numbers_are_refused_and_nothing_is_written(world, national, bad):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.save_answer(
            actor=world.users["outsider"],
            survey=national["survey"],
            organisation=world.tornio,
            coordinator_named=True,
            person_years=bad,
        )
    assert not Answer.objects.filter(organisation=world.tornio).exists()
    assert AuditEntry.objects.count() == before


def test_added_questions_are_checked_by_kind(world, national):
    survey = national["draft_survey"]
    with translation.override("en"), pytest.raises(ValidationError, match="two options"):
        services.add_question(actor=SYSTEM, survey=survey, kind="choice", text_fi="Valitse", choices=["a"])
    choice = services.add_question(actor=SYSTEM, survey=survey, kind="choice", text_fi="Valitse", choices=["a", "b"])
    number = services.add_question(actor=SYSTEM, survey=survey, kind="number", text_fi="Montako?")
    services.open_round(actor=SYSTEM, survey=survey)
    with pytest.raises(ValidationError):
        services.add_question(actor=SYSTEM, survey=survey, kind="text", text_fi="Myöhässä")
    with pytest.raises(ValidationError):
        services.save_answer(
            actor=SYSTEM, survey=survey, organisation=world.kemi, coordinator_named=True, extra={str(choice.pk): "c"}
        )
    with pytest.raises(ValidationError):
        services.save_answer(
            actor=SYSTEM, survey=survey, organisation=world.kemi, coordinator_named=True, extra={str(number.pk): "x"}
        )
    with pytest.raises(ValidationError):
        services.save_answer(
            actor=SYSTEM, survey=survey, organisation=world.kemi, coordinator_named=True, extra={"999999": 1}
        )
    saved = services.save_answer(
        actor=SYSTEM,
        survey=survey,
        organisation=world.kemi,
        coordinator_named=True,
        extra={str(choice.pk): "b", str(number.pk): "2,5"},
    )
    assert saved.extra == {str(choice.pk): "b", str(number.pk): 2.5}


def test_only_the_organisations_coordinators_answer_for_it(world, national):
    for persona in ("editor", "reader", "county", "national_admin", "outsider"):
        with pytest.raises(PermissionDenied):
            services.save_answer(
                actor=world.users[persona], survey=national["survey"], organisation=world.kemi, coordinator_named=True
            )


def test_who_sees_an_answer(world, national):
    kemi_answer = Answer.objects.get(organisation=world.kemi)
    seeing = {p for p in world.users if permissions_for(world.users[p]).can(Action.VIEW, kemi_answer)}
    # Kemi's members, its county (Lappi) and the national body; not Tornio's admin
    assert seeing == {"admin", "coordinator", "editor", "reader", "county", "national", "national_admin"}
    assert not permissions_for(None).can(Action.VIEW, kemi_answer)
    kemi_answer.round.answers_public = True
    assert permissions_for(None).can(Action.VIEW, kemi_answer)


def test_results_response_rate_tallies_and_xlsx(world, national):
    services.save_answer(
        actor=world.users["outsider"],
        survey=national["survey"],
        organisation=world.tornio,
        coordinator_named=False,
        person_years="0,5",
        structures=["welfare_group"],
        submit=True,
    )
    survey = queries.round_for(world.users["national"], national["thl"], national["survey"].pk)
    found = queries.results(world.users["national"], survey)
    assert (found.asked, found.submitted, found.response_rate) == (2, 2, 100.0)
    assert found.named == {"yes": 1, "no": 1}
    assert found.person_years == {"1_2": 1, "under_1": 1}
    assert found.structures == {"welfare_group": 2, "steering_group": 1}
    assert found.total_person_years == Decimal("2.00")
    ((question, tally),) = found.extra
    assert question.pk == national["question"].pk
    assert tally == {"yes": 1}
    sheet = openpyxl.load_workbook(io.BytesIO(results_xlsx(survey, found))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:3]] == ["Kemin kaupunki", "Tornion kaupunki"]
    assert rows[1][4] == 1.5
    # Tornio's admin sees its own answer only (Kemi's is not public)
    own = queries.results(world.users["outsider"], survey)
    assert [a.organisation.slug for a in own.answers] == ["tornio"]


def test_person_year_bands_as_in_the_2022_survey():
    assert [person_year_band(v) for v in (None, Decimal("0.99"), Decimal(1), Decimal(2), Decimal("2.01"))] == [
        "unknown",
        "under_1",
        "1_2",
        "1_2",
        "over_2",
    ]


def test_reminders_before_closing_go_to_those_who_have_not_submitted_once(world, national):
    survey = national["survey"]
    too_early = remind_closing(actor=SYSTEM, today=survey.closes_on - dt.timedelta(days=8))
    assert too_early == 0
    told = remind_closing(actor=SYSTEM, today=survey.closes_on - dt.timedelta(days=3))
    assert told == 1  # Tornio's admin; Kemi has submitted
    assert remind_closing(actor=SYSTEM, today=survey.closes_on - dt.timedelta(days=2)) == 0


def test_pages(world, national):
    survey = national["survey"]
    client = world.client_for("national_admin")
    page = client.get(f"/o/thl/resources-survey/{survey.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "1 of 2 organisations asked have submitted their answer" in page.content.decode()
    assert b"<svg" in page.content
    xlsx = client.get(f"/o/thl/resources-survey/{survey.pk}/results.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    tornio = world.client_for("outsider")
    response = tornio.post(
        f"/o/tornio/resources-survey/{survey.pk}/answer/",
        {"coordinator_named": "yes", "coordinator_name": "Tiina", "person_years": "1,0", "submit": "1"},
    )
    assert response.status_code == 302
    assert Answer.objects.get(organisation=world.tornio).status == AnswerStatus.SUBMITTED
    listing = world.client_for("reader").get("/o/kemi/resources-survey/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Hyte-resurssikysely 2026" in listing.content.decode()
    assert "Hyte-resurssikysely 2027" not in listing.content.decode()  # still being prepared


@pytest.mark.django_db
def test_the_demo_has_thl_its_user_and_the_2026_rounds_once():
    from hyte.demo.national import load_demo_national
    from hyte.demo.people import load_demo

    load_demo()
    assert load_demo_national() == 3
    assert load_demo_national() == 0
    answered = Answer.objects.filter(status=AnswerStatus.SUBMITTED).values_list("organisation__slug", flat=True)
    assert sorted(answered) == ["kemi", "lappi", "tornio"]
    user = get_user_model().objects.get(username="kansallinen")
    assert permissions_for(user).can(Action.ADMINISTER_NATIONALLY, SITE)
