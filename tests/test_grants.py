"""NGO grants, parts 1 and 2: calls with weighted criteria and a scale, and NGOs' applications (issue 17)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from hyte.audit.models import AuditEntry
from hyte.grants import services
from hyte.grants.models import Application, ApplicationStatus
from tests.conftest import SYSTEM
from tests.grants_world import PDF, SCALE, build_grants, call_details, complete_draft, sent_application


@pytest.fixture
def grants(world):
    return build_grants(world)


def test_a_call_is_published_only_when_its_weights_sum_as_it_says(world, grants):
    call = services.create_call(actor=SYSTEM, funder=world.kemi, details=call_details(title="Pienavustukset"))
    with translation.override("en"):
        with pytest.raises(ValidationError, match="no criteria"):
            services.publish_call(actor=SYSTEM, call=call)
        services.add_criterion(actor=SYSTEM, call=call, title="Vaikuttavuus", weight=60)
        services.add_criterion(actor=SYSTEM, call=call, title="Talous", weight=30)
        with pytest.raises(ValidationError, match="sum to 90 but the call says they sum to 100"):
            services.publish_call(actor=SYSTEM, call=call)
    call.refresh_from_db()
    assert not call.is_published
    services.add_criterion(actor=SYSTEM, call=call, title="Osallisuus", weight=10)
    services.publish_call(actor=SYSTEM, call=call)
    call.refresh_from_db()
    assert call.is_published
    assert AuditEntry.objects.filter(action="grant.call_publish", object_id=str(call.pk)).count() == 1


@pytest.mark.parametrize(
    ("scale", "message"),
    [
        ([(0, "Ei", "")], "at least two levels"),
        ([(2, "Osittain", ""), (0, "Ei", "")], "lowest points to the highest"),
        ([(0, "Ei", ""), (0, "Sama", "")], "lowest points to the highest"),
        ([(0, "Ei", ""), (6, "", "")], "in words"),
    ],
)
def test_a_scale_that_does_not_do_is_refused(world, grants, scale, message):
    with translation.override("en"), pytest.raises(ValidationError, match=re.escape(message)):
        services.create_call(actor=SYSTEM, funder=world.kemi, details=call_details(scale=scale))


def test_a_call_keeps_its_scale_levels_and_times(world, grants):
    call = grants["call"]
    call.refresh_from_db()
    assert call.scale_points == [0, 2, 6]
    assert call.max_points == 6
    assert [level["text_sv"] for level in call.scale] == [sv for _p, _f, sv in SCALE]
    with pytest.raises(ValidationError):
        services.create_call(
            actor=SYSTEM, funder=world.kemi, details=call_details(closes_at=call.opens_at - dt.timedelta(hours=1))
        )


def test_a_criterion_weight_outside_the_sum_and_a_goal_of_another_plan_are_refused(world, grants):
    call = services.create_call(actor=SYSTEM, funder=world.kemi, details=call_details())
    with pytest.raises(ValidationError):
        services.add_criterion(actor=SYSTEM, call=call, title="Liikaa", weight=101)
    from hyte.reports import services as report_services

    other_plan = report_services.create_report(
        actor=SYSTEM, organisation=world.tornio, kind="broad", title="Tornio", term_start=2025, term_end=2029
    )
    other_goal = report_services.add_goal(actor=SYSTEM, report=other_plan, text="Tornion tavoite")
    with pytest.raises(ValidationError):
        services.add_criterion(actor=SYSTEM, call=call, title="Vieras", weight=10, goal=other_goal)
    assert call.criteria.count() == 0


def test_only_the_funders_coordinators_set_up_a_call(world, grants):
    with pytest.raises(PermissionDenied):
        services.create_call(actor=world.users["editor"], funder=world.kemi, details=call_details())
    with pytest.raises(PermissionDenied):
        services.create_call(actor=world.users["ngo"], funder=grants["martat"]["organisation"], details=call_details())
    made = services.create_call(actor=world.users["coordinator"], funder=world.kemi, details=call_details())
    assert made.funder == world.kemi


def test_an_application_starts_with_the_profile_from_the_register(world, grants):
    application = services.start_application(
        actor=world.users["ngo"], call=grants["call"], applicant=grants["martat"]["organisation"]
    )
    assert application.applicant_name == "Kemin Martat ry"
    assert application.business_id == "1234560-4"
    assert application.contact == "Puheenjohtaja, kemin-martat@example.fi"
    assert application.register_entry == grants["martat"]["entry"]
    assert application.status == ApplicationStatus.DRAFT


def test_a_reader_of_the_ngo_or_a_municipality_cannot_apply(world, grants):
    for user in ("ngo_reader", "coordinator"):
        with pytest.raises(PermissionDenied):
            services.start_application(
                actor=world.users[user], call=grants["call"], applicant=grants["martat"]["organisation"]
            )
    with pytest.raises(ValidationError):  # a municipality is no applicant
        services.start_application(actor=SYSTEM, call=grants["call"], applicant=world.tornio)


def test_a_draft_is_saved_with_its_problems_reported_and_nothing_lost(world, grants):
    user = world.users["ngo"]
    application = services.start_application(
        actor=user, call=grants["call"], applicant=grants["martat"]["organisation"]
    )
    draft = complete_draft(grants, costs="3000", amount_applied="2 500", other_funding="kolmesataa", self_financing="0")
    with translation.override("en"):
        found = services.save_application(actor=user, application=application, draft=draft)
    assert "Other funding is not a sum of euros." in found
    assert any("The budget does not add up: the costs are 3,000.00 € but" in problem for problem in found)
    application.refresh_from_db()
    assert application.summary == "Kerhotoimintaa yksinäisille"  # kept
    assert application.amount_applied == Decimal("2500.00")
    assert application.costs == Decimal("3000.00")
    assert application.other_funding == Decimal("0")  # the unreadable sum was not stored
    assert list(application.activities.all()) == grants["martat"]["activities"][:1]
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.submit_application(actor=user, application=application)
    assert any("does not add up" in message for message in refused.value.messages)
    assert any("Attach the required attachments" in message for message in refused.value.messages)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_another_ngos_activity_cannot_be_applied_for(world, grants):
    user = world.users["ngo"]
    application = services.start_application(
        actor=user, call=grants["call"], applicant=grants["martat"]["organisation"]
    )
    draft = complete_draft(grants, activities=[grants["nuoret"]["activities"][0], grants["martat"]["activities"][1]])
    with translation.override("en"):
        found = services.save_application(actor=user, application=application, draft=draft)
    assert "Only your own activities in the register can be applied for." in found
    assert list(application.activities.all()) == [grants["martat"]["activities"][1]]


def test_a_complete_application_is_sent_and_then_no_longer_changes(world, grants):
    application = sent_application(world, grants)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None
    with pytest.raises(ValidationError):
        services.save_application(actor=world.users["ngo"], application=application, draft=complete_draft(grants))
    actions = set(AuditEntry.objects.filter(object_id=str(application.pk)).values_list("action", flat=True))
    assert {"grant.application_start", "grant.application_save", "grant.application_submit"} <= actions


def test_sending_is_refused_after_the_closing_time(world, grants):
    user = world.users["ngo"]
    application = services.start_application(
        actor=user, call=grants["call"], applicant=grants["martat"]["organisation"]
    )
    services.save_application(actor=user, application=application, draft=complete_draft(grants))
    services.add_attachment(actor=user, application=application, title="Suunnitelma", data=PDF, filename="s.pdf")
    closes = grants["call"].closes_at
    with time_machine.travel(closes + dt.timedelta(seconds=1), tick=False):
        with translation.override("en"), pytest.raises(ValidationError, match="applications are no longer accepted"):
            services.submit_application(actor=user, application=application)
        with pytest.raises(ValidationError):
            services.start_application(
                actor=world.users["ngo2"], call=grants["call"], applicant=grants["nuoret"]["organisation"]
            )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
    with time_machine.travel(closes - dt.timedelta(seconds=1), tick=False):
        services.submit_application(actor=user, application=application)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("kuva.png", b"\x89PNG\r\n", "Attach a PDF, Word (DOCX) or Excel (XLSX) file."),
        ("talous.xlsx", PDF, "its content is not a Excel file"),
        ("suunnitelma.pdf", b"PK\x03\x04 not a pdf", "its content is not a PDF file"),
        ("tyhja.pdf", b"", "The file is empty."),
    ],
)
def test_an_attachment_that_is_not_what_it_claims_is_refused(world, grants, filename, data, message):
    user = world.users["ngo"]
    application = services.start_application(
        actor=user, call=grants["call"], applicant=grants["martat"]["organisation"]
    )
    with translation.override("en"), pytest.raises(ValidationError, match=re.escape(message)):
        services.add_attachment(actor=user, application=application, title="Liite", data=data, filename=filename)
    assert application.attachments.count() == 0


def test_the_public_call_page_and_its_open_data(world, grants, client):
    call = grants["call"]
    page = client.get(f"/public/fi/kemi/grants/{call.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Hyte-avustukset 2026" in text
    assert "Vaikuttavuus" in text
    assert "Täyttää osittain" in text
    assert "Yksinäisyys vähenee" in text
    listing = client.get("/public/fi/kemi/grants/")
    assert f"/public/fi/kemi/grants/{call.pk}/" in listing.content.decode()
    draft = services.create_call(actor=SYSTEM, funder=world.kemi, details=call_details(title="Luonnos"))
    assert client.get(f"/public/fi/kemi/grants/{draft.pk}/").status_code == 404
    assert client.get(f"/public/fi/tornio/grants/{call.pk}/").status_code == 404
    data = client.get("/public/grants/calls.json").json()
    assert [record["title"] for record in data["calls"]] == ["Hyte-avustukset 2026"]
    record = data["calls"][0]
    assert [(c["title"], c["weight"]) for c in record["criteria"]] == [
        ("Vaikuttavuus", 50),
        ("Osallisuus", 30),
        ("Talous", 20),
    ]
    assert [level["points"] for level in record["scale"]] == [0, 2, 6]
    assert record["budget_eur"] == "10000.00"
    assert record["criteria"][0]["plan_goal"] == grants["goals"][0].pk
    rows = client.get("/public/grants/calls.csv").content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("call_id;funder;kind")
    assert len(rows) == 4  # the header and one row per criterion
    assert rows[1].split(";")[8] == "Vaikuttavuus"


def test_the_ngo_applies_on_its_pages_and_sees_only_its_own(world, grants):
    ngo = world.client_for("ngo")
    call = grants["call"]
    listing = ngo.get("/o/kemin-martat/grants/")
    assert "Hyte-avustukset 2026" in listing.content.decode()
    started = ngo.post(f"/o/kemin-martat/grants/calls/{call.pk}/apply/")
    application = Application.objects.get(applicant=grants["martat"]["organisation"])
    assert started["Location"] == f"/o/kemin-martat/grants/applications/{application.pk}/"
    activity = grants["martat"]["activities"][0]
    form = {
        "summary": "Kerho",
        "activities": [activity.pk],
        "costs": "1000",
        "amount_applied": "900",
        "other_funding": "0",
        "self_financing": "0",
        f"q{grants['question'].pk}": "40",
    }
    saved = ngo.post(started["Location"], form, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "The budget does not add up" in saved.content.decode()
    application.refresh_from_db()
    assert application.amount_applied == Decimal("900.00")
    assert application.summary == "Kerho"
    from django.core.files.uploadedfile import SimpleUploadedFile

    ngo.post(
        started["Location"] + "attachments/",
        {"title": "Suunnitelma", "file": SimpleUploadedFile("s.pdf", PDF, content_type="application/pdf")},
    )
    ngo.post(started["Location"], {**form, "self_financing": "100"})
    ngo.post(started["Location"] + "submit/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    # The other NGO does not see it; the funder's coordinator does, once sent; Tornio's admin does not.
    other = world.client_for("ngo2")
    assert other.get(f"/o/kemin-nuoret/grants/applications/{application.pk}/").status_code == 404
    assert other.get(f"/o/kemin-martat/grants/applications/{application.pk}/").status_code == 404
    assert world.client_for("coordinator").get(f"/o/kemi/grants/applications/{application.pk}/").status_code == 200
    assert world.client_for("outsider").get(f"/o/tornio/grants/applications/{application.pk}/").status_code == 404
    attachment = application.attachments.get()
    download = world.client_for("coordinator").get(
        f"/o/kemi/grants/applications/{application.pk}/attachments/{attachment.pk}/"
    )
    assert download.content == PDF


def test_the_funder_does_not_see_a_draft(world, grants):
    application = services.start_application(
        actor=world.users["ngo"], call=grants["call"], applicant=grants["martat"]["organisation"]
    )
    assert world.client_for("coordinator").get(f"/o/kemi/grants/applications/{application.pk}/").status_code == 404
    assert (
        world.client_for("ngo_reader").get(f"/o/kemin-martat/grants/applications/{application.pk}/").status_code == 200
    )


def test_the_coordinator_sets_up_a_call_on_its_pages(world, grants):
    coordinator = world.client_for("coordinator")
    created = coordinator.post(
        "/o/kemi/grants/",
        {
            "title": "Pienavustus",
            "kind": "small",
            "budget": "2000",
            "opens": "2026-12-01T08:00",
            "closes": "2026-12-31T16:00",
            "weights_total": "100",
            "scale": "0 | Ei | Nej\n3 | Kyllä | Ja",
            "proposal_rule": "proportional",
            "goals": [grants["goals"][0].pk],
        },
    )
    assert created.status_code == 302
    from hyte.grants.models import Call

    call = Call.objects.get(title="Pienavustus")
    assert call.closes_at == dt.datetime(2026, 12, 31, 14, 0, tzinfo=dt.UTC)  # 16:00 in Helsinki is 14:00 UTC
    assert list(call.goals.all()) == [grants["goals"][0]]
    coordinator.post(
        f"/o/kemi/grants/calls/{call.pk}/criteria/", {"criterion-title": "Vaikutus", "criterion-weight": "100"}
    )
    coordinator.post(
        f"/o/kemi/grants/calls/{call.pk}/questions/",
        {
            "question-text": "Kohderyhmä",
            "question-field_type": "choice",
            "question-choices": "Lapset\nNuoret",
            "question-required": "on",
        },
    )
    coordinator.post(f"/o/kemi/grants/calls/{call.pk}/publish/")
    call.refresh_from_db()
    assert call.is_published
    assert call.questions.get().choice_list == ["Lapset", "Nuoret"]
    bad = coordinator.post("/o/kemi/grants/", {"title": "Huono", "scale": "kolme | x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "does not start with whole points" in bad.content.decode()
