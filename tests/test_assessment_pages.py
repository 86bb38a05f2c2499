"""Impact assessment pages, exports and API as a coordinator uses them."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx
from pypdf import PdfReader

from hyte.assessments import services
from hyte.assessments.models import Assessment, AssessmentStatus
from hyte.indicators.models import Indicator
from hyte.reports import services as report_services
from tests.conftest import SYSTEM


def _goal(world):
    report = report_services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Kertomus", term_start=2025, term_end=2029
    )
    return report_services.add_goal(actor=SYSTEM, report=report, text="Nuorten harrastaminen lisääntyy")


def test_a_coordinator_takes_an_assessment_from_screening_to_follow_up_on_the_pages(world):
    goal = _goal(world)
    client = world.client_for("coordinator")
    response = client.post(
        "/o/kemi/assessments/",
        {
            "title": "Kyläkoulun lakkauttaminen",
            "kind": "screening",
            "case_number": "KEMI/45/2026",
            "preparing_body": "Sivistyslautakunta",
            "decision_maker": "Kaupunginvaltuusto",
        },
    )
    assessment = Assessment.objects.get(title="Kyläkoulun lakkauttaminen")
    base = f"/o/kemi/assessments/{assessment.pk}/"
    assert response["Location"] == base
    assert "Vaikuttaako päätös lapsiin" in client.get(base).content.decode()
    client.post(base + "answers/", {"screening": "1", "answer_2": "Kyllä, koulumatkat pitenevät."})
    client.post(base + "screening/", {"full_assessment_needed": "yes", "method": "child", "reason": "Lapsiin"})
    assessment.refresh_from_db()
    assert (assessment.status, assessment.kind) == (AssessmentStatus.IN_PREPARATION, "child")
    assert assessment.screening_questions[2]["answer"] == "Kyllä, koulumatkat pitenevät."

    client.post(base + "options/", {"title": "Koulu lakkautetaan 2027"})
    closing = assessment.options.get(is_no_change=False)
    no_change = assessment.options.get(is_no_change=True)
    # Indicators are chosen with the picker; an indicator the reader cannot see is refused on the form, and
    # nothing is saved.
    cell = f"{base}options/{closing.pk}/impacts/children/"
    sotkanet = Indicator.objects.get(source_id="127")
    page = client.get(cell + "?pick-q=127").content.decode()
    assert f'value="{sotkanet.pk}"' in page
    page = client.post(
        cell, {"direction": "negative", "size": "large", "certainty": "high", "indicators": ["999999"]}
    ).content.decode()
    assert "999999" in page
    assert not closing.impacts.exists()
    client.post(
        cell,
        {
            "direction": "negative",
            "size": "large",
            "certainty": "high",
            "time_span": "long",
            "description": "Koulumatkat pitenevät 12 km.",
            "indicators": [str(sotkanet.pk), str(world.own_indicator.pk)],
        },
    )
    assert closing.impacts.get().indicators.count() == 2
    # Marking ready names the option that still has no impacts.
    client.post(base + "edit/", {"title": assessment.title, "conclusion": "Koulu säilytetään."})
    response = client.post(base + "ready/", follow=True)
    assert any(no_change.title in str(message) for message in response.context["messages"])
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.IN_PREPARATION
    client.post(f"{base}options/{no_change.pk}/impacts/children/", {"direction": "none"})
    client.post(base + "goals/", {"option": closing.pk, "goal": goal.pk, "effect": "works_against", "note": "x"})
    client.post(base + "hearings/", {"party": "Nuorisovaltuusto", "heard_on": "2026-01-10", "views": "Vastustaa."})
    assessment.refresh_from_db()
    answers = {f"answer_{i}": f"Vastaus {i}" for i in range(len(assessment.answers))}
    answers.update({"answer_1": "Koskee vain kouluverkkoa.", "na_1": "on"})
    client.post(base + "answers/", answers)
    assessment.refresh_from_db()
    assert assessment.answers[1] == {
        "question": assessment.answers[1]["question"],
        "answer": "Koskee vain kouluverkkoa.",
        "not_applicable": True,
    }
    client.post(base + "ready/")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.READY

    summary = client.get(base + "summary/").content.decode()
    assert "Koulumatkat pitenevät 12 km." in summary
    assert "Nuorisovaltuusto" in summary
    assert "Nuorten harrastaminen lisääntyy" in summary
    pdf = client.get(base + "summary.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Kyläkoulun lakkauttaminen" in text
    assert "Koulu säilytetään." in text
    document = docx.Document(io.BytesIO(client.get(base + "summary.docx").content))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Kyläkoulun lakkauttaminen" in paragraphs
    assert "Vastustaa." in paragraphs
    assert any("Koulumatkat pitenevät" in c.text for t in document.tables for r in t.rows for c in r.cells)

    client.post(
        base + "decision/",
        {
            "decision_body": "Kaupunginvaltuusto",
            "decision_date": "2026-01-20",
            "decision_reference": "20.1.2026 § 4",
            "decided_option": no_change.pk,
            "follow_up_date": "2027-01-20",
        },
    )
    client.post(base + "follow-up/", {"notes": "Oppilasmäärä pysyi ennallaan."})
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FOLLOWED_UP
    assert assessment.decided_option == no_change
    detail = client.get(base).content.decode()
    assert "20.1.2026 § 4" in detail
    assert "Oppilasmäärä pysyi ennallaan." in detail


def test_the_register_searches_filters_and_counts(world):
    coordinator = world.users["coordinator"]
    for number in range(30):
        services.create_assessment(
            actor=coordinator,
            organisation=world.kemi,
            title=f"Päätös {number}",
            case_number=f"KEMI/{number}/2026",
            preparing_body="Tekninen lautakunta" if number % 2 else "Sivistyslautakunta",
        )
    client = world.client_for("reader")
    first = client.get("/o/kemi/assessments/").content.decode()
    assert "Päätös 29" in first
    assert "Päätös 0<" not in first  # 25 per page
    assert 'rel="next"' in first
    page = client.get("/o/kemi/assessments/", {"q": "KEMI/7/", "status": "screening"}).content.decode()
    assert "Päätös 7<" in page
    assert "Päätös 8<" not in page
    technical = client.get("/o/kemi/assessments/", {"body": "Tekninen lautakunta"}).content.decode()
    assert "Päätös 1<" in technical
    assert "Päätös 2<" not in technical
    assert '<td class="num">30</td>' in first  # counts per year: 30 started
    csv = client.get("/o/kemi/assessments/export.csv", {"body": "Sivistyslautakunta"}).content.decode()
    assert csv.count("\n") == 16  # header and 15 rows
    assert "KEMI/0/2026" in csv
    # The reader sees the register but may not start an assessment.
    assert 'name="title"' not in first
    assert client.post("/o/kemi/assessments/", {"title": "x", "kind": "screening"}).status_code == 404


def test_the_api_runs_the_flow_and_answers_bad_input_clearly(world):
    client = world.client_for("coordinator")
    root = "/api/v1/organisations/kemi/assessments"

    def send(method, path, data=None):
        return getattr(client, method)(path, json.dumps(data or {}), content_type="application/json")

    created = send("post", root, {"title": "Nuorisotalon aukiolo", "kind": "full", "preparing_body": "Vapari"})
    assert created.status_code == 201, created.content
    assessment = created.json()
    base = f"{root}/{assessment['id']}"
    [no_change] = assessment["options"]
    option = send("post", base + "/options", {"title": "Lyhyemmät illat"}).json()
    bad = send(
        "put", f"{base}/options/{option['id']}/impacts/young_people", {"direction": "none", "indicators": ["ZZ1"]}
    )
    assert bad.status_code == 400
    assert "ZZ1" in bad.json()["detail"]
    cell = send(
        "put",
        f"{base}/options/{option['id']}/impacts/young_people",
        {"direction": "negative", "size": "moderate", "certainty": "medium", "indicators": ["127"]},
    )
    assert cell.status_code == 200, cell.content
    assert cell.json()["indicators"][0]["code"] == "127"
    assert send("patch", base, {"conclusion": "Ei muutosta."}).status_code == 200
    not_ready = send("post", base + "/ready")
    assert not_ready.status_code == 400
    assert no_change["title"] in not_ready.json()["detail"]
    send("put", f"{base}/options/{no_change['id']}/impacts/young_people", {"direction": "none"})
    unanswered = send("post", base + "/ready")
    assert unanswered.status_code == 400
    assert "Vastaamatta" in unanswered.json()["detail"]
    questions = client.get(base).json()["answers"]
    wrong = send("put", base + "/answers", {"answers": ["Yksi"]})
    assert wrong.status_code == 400  # one answer per question, in order
    answered = send("put", base + "/answers", {"answers": [f"Vastaus {i}" for i in range(len(questions))]})
    assert answered.status_code == 200, answered.content
    assert send("post", base + "/ready").json()["status"] == "ready"
    matrix = client.get(base + "/matrix").json()
    assert {c["area"] for c in matrix["cells"]} == {"young_people"}
    assert len(matrix["options"]) == 2
    assert len(matrix["areas"]) == 10
    decided = send(
        "put",
        base + "/decision",
        {
            "decision_body": "Vapari",
            "decision_date": dt.date(2026, 1, 5).isoformat(),
            "decision_reference": "§ 2",
            "decided_option": no_change["id"],
            "follow_up_date": "2027-01-05",
        },
    )
    assert decided.json()["status"] == "decided", decided.content
    assert send("put", base + "/follow-up", {"notes": "Kävijämäärä ennallaan."}).json()["status"] == "followed_up"
    listed = client.get(root, {"status": "followed_up", "body": "Vapari"}).json()
    assert [row["id"] for row in listed] == [assessment["id"]]
    assert client.get(root, {"group": "older_people"}).json() == []
    assert client.get(root, {"group": "young_people"}).json()[0]["id"] == assessment["id"]
    [counts] = client.get(root + "/counts").json()
    assert (counts["started"], counts["full"], counts["decided"], counts["followed_up"]) == (1, 1, 1, 1)
    assert "Nuorisotalon aukiolo" in client.get(root + ".csv").content.decode()
    invalid = send("put", f"{base}/options/{option['id']}/impacts/nowhere", {"direction": "none"})
    assert invalid.status_code == 422


def test_the_main_pages_read_a_fixed_number_of_queries(world):
    """The detail page, the summary and the register do not grow a query per option, cell or row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coordinator = world.users["coordinator"]
    goal = _goal(world)
    assessment = services.create_assessment(
        actor=coordinator, organisation=world.kemi, title="Laaja", kind="full", preparing_body="Lautakunta"
    )
    client = world.client_for("coordinator")
    pages = [f"/o/kemi/assessments/{assessment.pk}/", f"/o/kemi/assessments/{assessment.pk}/summary/"]
    pages.append("/o/kemi/assessments/")

    def counts():
        result = []
        for page in pages:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(page).status_code == 200
            result.append(len(captured))
        return result

    def grow(number):
        option = services.add_option(actor=coordinator, assessment=assessment, title=f"Vaihtoehto {number}")
        for area in ("children", "young_people", "economy"):
            services.set_impact(
                actor=coordinator, option=option, area=area, direction="none", indicator_codes=["127", "KH1"]
            )
        services.set_goal_effect(actor=coordinator, option=option, goal=goal, effect="supports")
        services.add_hearing(actor=coordinator, assessment=assessment, party=f"Neuvosto {number}", views="Hyvä")
        services.create_assessment(actor=coordinator, organisation=world.kemi, title=f"Muu {number}")

    grow(1)
    small = counts()
    for number in range(2, 6):
        grow(number)
    assert counts() == small
