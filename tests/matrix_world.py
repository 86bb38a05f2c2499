"""The objects every permission-matrix case works on, built through the services on top of the `world` fixture:
Kemi's data, a rule and its alert, a draft plan with an assigned section and a goal, an annual report, a review
comment, Lappi's regional report, a published plan, and impact assessments in each state."""

from __future__ import annotations

from typing import Any

from hyte.accounts.models import Membership
from hyte.accounts.services import create_api_token
from hyte.assessments import services as assessment_services
from hyte.indicators.parsing import Mapping
from hyte.indicators.services import create_batch, import_bytes
from hyte.reports import services as report_services
from hyte.reports.services.pdf_exports import finish_pdf, request_pdf, start_pdf
from hyte.situation.models import Alert
from hyte.situation.services import create_rule
from tests.conftest import SYSTEM, answer_all, approve_and_publish
from tests.interface_world import build_interfaces


def _assessments(world: Any) -> dict[str, int]:
    """An assessment in preparation with one option, one in screening, one complete, one ready, one decided."""
    services = assessment_services
    created = {}
    for name in ("assessment", "complete", "ready", "decided"):
        created[name] = services.create_assessment(actor=SYSTEM, organisation=world.kemi, title=name, kind="full")
    option = services.add_option(actor=SYSTEM, assessment=created["assessment"], title="Vaihtoehto")
    for name in ("complete", "ready", "decided"):
        assessment = created[name]
        services.add_option(actor=SYSTEM, assessment=assessment, title="Muutos")
        for each in assessment.options.all():
            services.set_impact(actor=SYSTEM, option=each, area="children", direction="unknown")
        services.update_assessment(actor=SYSTEM, assessment=assessment, conclusion="Ei muutosta.")
        answer_all(assessment)
    for name in ("ready", "decided"):
        services.mark_ready(actor=SYSTEM, assessment=created[name])
    services.record_decision(
        actor=SYSTEM,
        assessment=created["decided"],
        decision_body="Lautakunta",
        decision_date=created["decided"].created_at.date(),
        decision_reference="§ 1",
    )
    screening = services.create_assessment(actor=SYSTEM, organisation=world.kemi, title="Seulonta")
    return {"option": option.pk, "screening": screening.pk, **{name: a.pk for name, a in created.items()}}


def png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (0, 80, 138)).save(buffer, format="PNG")
    return buffer.getvalue()


def _register(world: Any) -> dict[str, Any]:
    """Kemi's register: a library with a published, a draft and a hidden activity."""
    from hyte.actors import services as actor_services
    from hyte.actors.details import ActivityDetails, ActorDetails, ImageUpload

    area = world.kemi.area
    library = actor_services.create_actor(
        actor=SYSTEM, details=ActorDetails(kind="municipal", name="Kemin kirjasto", area=area)
    )
    made = {}
    for name, published in (("register_activity", True), ("register_draft", False), ("register_hidden", True)):
        details = ActivityDetails(title=name, area=area, is_published=published)
        made[name] = actor_services.create_activity(actor=SYSTEM, details=details, providers=[library]).pk
    hidden = library.activities.get(pk=made["register_hidden"])
    actor_services.hide_activity(actor=SYSTEM, activity=hidden, reason="Matriisi")
    picture = ImageUpload(
        data=png_bytes(), filename="kirjasto.png", alt_text="Kirjaston sali", alt_text_sv="Bibliotekets sal"
    )
    image = actor_services.set_activity_image(
        actor=SYSTEM, activity=library.activities.get(pk=made["register_activity"]), image=picture
    )
    twins = [
        actor_services.create_actor(actor=SYSTEM, details=ActorDetails(kind="ngo", name=name, area=area)).pk
        for name in ("Kemin Nuorisoseura", "KEMIN NUORISOSEURA r.y.")  # a likely pair of duplicates
    ]
    return {
        "register_actor": library.pk,
        "kemi_area": area.pk,
        "register_image_name": image.file_name,
        "twin_a": twins[0],
        "twin_b": twins[1],
        **made,
        **_register_imports(world),
        **_support_paths(area, made),
    }


REGISTER_SHEET = "Tunnus;Otsikko;Järjestäjä;Teemat\nM1;Tuolijumppa;Kemin kirjasto;Liikunta\nM2;Laulu;Kemin kirjasto;x\n"


def _register_imports(world: Any) -> dict[str, int]:
    """An import into Kemi's register waiting for its columns, and one waiting for confirmation."""
    from hyte.actors.imports.services import choose_columns, start_import

    made = {}
    for name in ("register_import", "register_import_mapping"):
        run = start_import(
            actor=SYSTEM, organisation=world.kemi, file_format="sheet", data=REGISTER_SHEET.encode(), filename=name
        )
        if name == "register_import":
            choose_columns(actor=SYSTEM, run=run, columns={"id": 0, "title": 1, "provider": 2, "themes": 3})
        made[name] = run.pk
    return made


def _support_paths(area: Any, activities: dict[str, int]) -> dict[str, int]:
    """A published support path in Kemi with a service step and an activity step, and a draft ready to publish."""
    from hyte.actors.models import Activity
    from hyte.actors.support_paths import services
    from hyte.actors.support_paths.details import PathDetails, StepDetails

    made = {}
    for name in ("support_path", "support_path_draft"):
        texts = {"title_sv": name, "introduction": "Johdanto", "introduction_sv": "Inledning"}
        details = PathDetails(title=name, area=area, **texts)
        path = services.create_path(actor=SYSTEM, details=details)
        service = StepDetails(heading="Neuvonta", service_name="Neuvonta", service_phone="040 000 0001")
        made[name] = path.pk
        made[f"{name}_step"] = services.add_step(actor=SYSTEM, path=path, details=service).pk
        activity = Activity.objects.get(pk=activities["register_activity"])
        services.add_step(actor=SYSTEM, path=path, details=StepDetails(heading="Kirjasto", activity=activity))
        if name == "support_path":
            services.publish_path(actor=SYSTEM, path=path)
    return made


def _participation(world: Any) -> dict[str, Any]:
    """Kemi's comment rounds (tests/participation_world.py): an open one with a published comment, a poll and a
    statement given with its file, one asked; an ended one with its summary written, ready to close. Its value
    discussions (tests/discussion_world.py): one voting and one collecting topics, both opened to residents, and
    one of the members only."""
    from hyte.participation import services
    from tests.discussion_world import build_discussion
    from tests.participation_world import build_participation

    made = build_participation(world)
    given = made["statement"]
    services.give_statement(
        actor=SYSTEM, statement=given, text_fi="Lausunto", file_data=b"Lausunto\n", filename="l.txt"
    )
    services.write_summary(actor=SYSTEM, round=made["ended"], summary="Yhteenveto")
    of_lappi = services.request_statement(actor=SYSTEM, round=made["round"], author_name="", organisation=world.lappi)
    discussion = build_discussion(world, made)
    internal = services.start_discussion(actor=SYSTEM, report=made["plan"], title="Sisäinen", groups=[("Ryhmä", "")])
    return {
        "discussion": discussion["discussion"].pk,
        "discussion_collecting": discussion["collecting"].pk,
        "discussion_collecting_group": discussion["collecting"].groups.get(is_residents=False).pk,
        "discussion_internal": internal.pk,
        "discussion_topic": discussion["joy"].pk,
        "discussion_waiting": discussion["waiting"].pk,
        "discussion_group": discussion["welfare"].pk,
        "round": made["round"].pk,
        "ended_round": made["ended"].pk,
        "round_section": made["section"].pk,
        "round_comment": made["comment"].pk,
        "statement": given.pk,
        "asked_statement": made["asked"].pk,
        "lappi_statement": of_lappi.pk,
    }


def build_chains(world: Any) -> dict[str, Any]:
    """Lappi's service chains (tests/chain_world.py): a published one with Kemi taking part, and a draft."""
    from tests.chain_world import build_chains as build

    return build(world)


def build_agreement(world: Any) -> dict[str, Any]:
    """Lappi's cooperation agreements with Kemi (tests/chain_world.py); the Lapland NGO network joins the version in
    preparation (a party to remove, its decision recorded so the version may still be approved), and THL is the
    organisation a coordinator may add."""
    import datetime as dt

    from hyte.accounts.models import Organisation, OrganisationKind
    from hyte.cooperation.agreement_models import AgreementVersion
    from hyte.cooperation.services import agreements
    from tests.chain_world import build_agreement as build

    made = build(world)
    version = AgreementVersion.objects.get(agreement_id=made["agreement"], number=2)
    ngo = Organisation.objects.get(slug="lapin-jarjestot")
    party = agreements.add_agreement_party(actor=SYSTEM, version=version, organisation=ngo)
    agreements.record_decision(actor=SYSTEM, party=party, body="Hallitus", date=dt.date(2026, 9, 2), reference="§ 3")
    made["agreement_ngo_party"] = party.pk
    made["national_id"] = Organisation.objects.get(kind=OrganisationKind.NATIONAL).pk
    return made


def _cooperation(world: Any, *, kemi_goal: Any, regional: Any, regional_goal: Any) -> dict[str, Any]:
    """Lappi's negotiation series with Kemi and an NGO network (Tornio not in it), and Lappi's annual report for
    carrying agreed actions into (tests/cooperation_world.py)."""
    from hyte.cooperation.models import Party
    from tests.cooperation_world import build_cooperation, lappi_annual_report

    made = build_cooperation(world, kemi_goal=kemi_goal, lappi_goal=regional_goal)
    lappi_annual_report(world, regional)
    made["coop_ngo_party"] = Party.objects.get(meeting_id=made["coop_meeting"], organisation=made["ngo"]).pk
    return {key: value for key, value in made.items() if key.startswith("coop_")}


def _funding(world: Any) -> dict[str, int]:
    """A coefficient model (the small one of tests/funding_world.py) and a scenario Kemi's coordinator saved."""
    import json

    from hyte.funding.services import import_model, save_scenario
    from tests.funding_world import small_model

    model = import_model(actor=SYSTEM, data=json.dumps(small_model()))
    scenario = save_scenario(
        actor=world.users["coordinator"],
        organisation=world.kemi,
        model=model,
        area=world.kemi.area,
        title="Kuntajohto 90",
        changes={"leadership": 90},
    )
    return {"coef_model": model.pk, "coef_area": world.kemi.area_id, "coef_scenario": scenario.pk}


def _national(world: Any) -> dict[str, Any]:
    """THL with its reader and coordinator (tests/national_world.py): a round asking Kemi and Tornio, Kemi's answer
    submitted, and a round being prepared with a question."""
    from hyte.national import services
    from tests.national_world import build_national

    made = build_national(world)
    question = services.add_question(actor=SYSTEM, survey=made["draft_survey"], kind="text", text_fi="Mitä?")
    return {
        "resource_round": made["survey"].pk,
        "draft_resource_round": made["draft_survey"].pk,
        "draft_question": question.pk,
    }


def _surveys(world: Any) -> dict[str, int]:
    """Kemi's residents' surveys (tests/surveys_world.py)."""
    from tests.surveys_world import build_surveys

    return build_surveys(world)


def _grants(world: Any) -> dict[str, Any]:
    """Kemi's grant calls and NGOs' applications (tests/grants_world.py)."""
    from tests.grants_world import build_grants_matrix

    return build_grants_matrix(world)


def _calendar(world: Any) -> dict[str, Any]:
    """Kemi's council-term calendar 2025–2029 (one of its steps for the edit form, its editor responsible for it)."""
    from hyte.cooperation.calendar_models import CalendarStep
    from hyte.cooperation.services import generate_calendar, update_step

    generate_calendar(actor=SYSTEM, organisation=world.kemi, term_start=2025)
    step = CalendarStep.objects.filter(organisation=world.kemi).order_by("id").first()
    update_step(actor=SYSTEM, step=step, due=step.due, responsible=world.users["editor"], done_on=None)
    return {"calendar_step": step.pk}


def build(world: Any) -> dict[str, Any]:
    """The objects, by the names the matrix's URL arguments and data use."""
    import_bytes(
        actor=SYSTEM,
        batch=create_batch(actor=SYSTEM, organisation=world.kemi, source="test"),
        data=b"kunta;vuosi;arvo\n240;2024;61\n",
        mapping=Mapping(area=0, year=1, value=2, indicator_fixed="KH1"),
    )
    rule = create_rule(
        actor=SYSTEM,
        organisation=world.kemi,
        indicator=world.own_indicator,
        condition="above",
        threshold=50,
        measure="x",
    )
    # Kemi's other plans of the same term first: `report` stays its latest, the one a county's regional work uses
    earlier_plans = {**_participation(world), **_grants(world)}
    report = report_services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Kertomus", term_start=2025, term_end=2029
    )
    section = report.sections.first()
    report_services.assign(actor=SYSTEM, subject=section, users=[world.users["editor"]])
    text_block = section.blocks.get()
    chart_block = report_services.add_block(actor=SYSTEM, section=section, kind="chart")
    image_block = report_services.add_block(actor=SYSTEM, section=section, kind="image")
    report_services.set_block_image(actor=SYSTEM, block=image_block, alt_text="Kuva", data=png_bytes())
    goal = report_services.add_goal(actor=SYSTEM, report=report, text="Tavoite")
    annual = report_services.create_report(
        actor=SYSTEM,
        organisation=world.kemi,
        kind="annual",
        title="Vuosi",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=report,
    )
    comment = report_services.add_comment(actor=world.users["reader"], report=report, text="Kommentti")
    regional = report_services.create_report(
        actor=SYSTEM, organisation=world.lappi, kind="regional", title="Alue", term_start=2025, term_end=2029
    )
    regional_goal = report_services.add_goal(actor=SYSTEM, report=regional, text="Alueen tavoite")
    published = report_services.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title="Julkaistu", term_start=2021, term_end=2025
    )
    published_goal = report_services.add_goal(actor=SYSTEM, report=published, text="Julkaistu tavoite")
    published_measure = report_services.add_measure(actor=SYSTEM, goal=published_goal, text="Julkaistu toimenpide")
    approve_and_publish(published, SYSTEM)
    budget_line = report_services.set_budget_line(
        actor=SYSTEM, measure=published_measure, year=2024, branch="Sivistystoimi", part="operating", amount=1000
    )
    draft_amendment = report_services.start_amendment(actor=SYSTEM, plan=published, title="Muutos")
    amendment_change = report_services.propose_goal(actor=SYSTEM, amendment=draft_amendment, text="Uusi tavoite")
    in_review = report_services.start_amendment(actor=SYSTEM, plan=published, title="Toinen muutos")
    report_services.propose_measure(actor=SYSTEM, amendment=in_review, goal=published_goal, text="Uusi toimenpide")
    report_services.change_amendment_status(actor=SYSTEM, amendment=in_review, status="in_review")
    pdf_export = request_pdf(actor=SYSTEM, report=report, language="fi")
    start_pdf(actor=SYSTEM, export=pdf_export)
    finish_pdf(actor=SYSTEM, export=pdf_export, data=b"%PDF-1.7 matrix")
    token, _raw = create_api_token(actor=world.users["admin"], name="matrix")
    from hyte.notifications.models import Kind
    from hyte.notifications.services import notify

    notify(actor=SYSTEM, users=world.users.values(), kind=Kind.DEADLINE, message="Määräaika", key="matrix")
    return {
        "admin_token": token.pk,
        "reader_membership": Membership.objects.get(user=world.users["reader"]).pk,
        "kemi_id": world.kemi.pk,
        "lappi_id": world.lappi.pk,
        "tornio_id": world.tornio.pk,
        "shared": world.shared_indicator.pk,
        "own": world.own_indicator.pk,
        "set": world.indicator_set.pk,
        "batch": world.batch.pk,
        "rule": rule.pk,
        "alert": Alert.objects.get(rule=rule).pk,
        "report": report.pk,
        "block": text_block.pk,
        "chart_block": chart_block.pk,
        "image": image_block.image_id,
        "section": section.pk,
        "goal": goal.pk,
        "annual": annual.pk,
        "progress": annual.progress_entries.get().pk,
        "comment": comment.pk,
        "regional": regional.pk,
        "editor_id": world.users["editor"].pk,
        "regional_goal": regional_goal.pk,
        "published": published.pk,
        "published_goal": published_goal.pk,
        "amendment_change": amendment_change.pk,
        "published_measure": published_measure.pk,
        "budget_line": budget_line.pk,
        "pdf_export": pdf_export.pk,
        **_assessments(world),
        **_register(world),
        **_cooperation(world, kemi_goal=published_goal, regional=regional, regional_goal=regional_goal),
        **build_interfaces(world),
        "county_user_id": world.users["county"].pk,
        **_funding(world),
        **_national(world),
        **earlier_plans,
        **_surveys(world),
        **build_chains(world),
        **build_agreement(world),
        **_calendar(world),
    }
