"""The number of queries of every main page and list endpoint is pinned, and does not grow with the data.

Each page is measured on the permission matrix's world, then again after the world has grown (more reports,
goals, measures, indicators, assessments, members, rules and municipalities sharing with the county): a page
whose count grows runs a query per row somewhere (N+1). The pinned numbers catch any other change.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hyte.accounts import services as accounts
from hyte.assessments import services as assessments
from hyte.indicators import services as indicators
from hyte.public.cache import forget
from hyte.regions.models import Area
from hyte.reports import services as reports
from hyte.situation.services import create_rule
from tests.chain_world import grow_chains
from tests.conftest import SYSTEM, approve_and_publish, make_user
from tests.cooperation_world import grow_cooperation
from tests.discussion_world import grow_discussion
from tests.grants_world import grow_grants
from tests.interface_world import grow_interfaces
from tests.matrix_world import build
from tests.participation_world import grow_participation
from tests.surveys_world import grow_surveys

# (persona, path, queries). Paths use the world's object ids by name.
PAGES = [
    ("coordinator", "/o/kemi/", 24),  # "my work", with the cooperation structures and the term calendar
    ("editor", "/o/kemi/", 21),  # "my work" with assigned goals and measures
    ("coordinator", "/o/kemi/members/", 6),
    ("coordinator", "/o/kemi/cooperation/calendar/", 10),  # the council-term calendar, with its forms
    ("reader", "/o/kemi/cooperation/calendar.ics", 9),
    ("coordinator", "/o/kemi/audit/", 7),
    ("coordinator", "/o/kemi/indicators/", 7),
    ("coordinator", "/o/kemi/indicators/{own}/", 10),
    ("coordinator", "/o/kemi/indicator-sets/", 6),
    ("coordinator", "/o/kemi/indicator-sets/{set}/", 10),  # with the indicator picker
    ("coordinator", "/o/kemi/imports/", 7),
    ("coordinator", "/o/kemi/imports/{batch}/", 8),
    ("coordinator", "/o/kemi/situation/", 12),  # with the TEAviisari panel (funding/_teaviisari.html)
    ("coordinator", "/o/kemi/situation/indicators/{own}/", 19),
    ("coordinator", "/o/kemi/rules/", 9),  # with the indicator picker
    ("coordinator", "/o/kemi/reports/", 8),
    ("coordinator", "/o/kemi/reports/{report}/", 40),  # with euros per goal, the agreed actions, the what-ifs and
    # the value discussion's topics each goal came from
    ("coordinator", "/o/kemi/reports/{published}/budget/?year=2024", 20),
    ("coordinator", "/o/kemi/reports/{annual}/", 30),  # with the what-ifs to add as evidence and the grants per goal
    ("coordinator", "/o/kemi/reports/{report}/versions/compare/", 7),
    ("coordinator", "/o/kemi/reports/{report}/pdf/", 7),  # the report's PDFs, made in the background
    ("county", "/o/lappi/reports/municipalities/", 12),
    ("county", "/o/lappi/situation/", 10),  # a county has no region to read; TEAviisari's panel one
    ("county", "/o/lappi/situation/municipalities/", 8),  # likewise
    ("coordinator", "/o/kemi/assessments/", 13),  # with the earlier assessments to copy from
    ("coordinator", "/o/kemi/assessments/{assessment}/grid/", 11),
    ("coordinator", "/o/kemi/assessments/{assessment}/", 17),  # with its comment rounds
    ("coordinator", "/o/kemi/assessments/{assessment}/summary/", 12),
    ("coordinator", "/o/kemi/assessments/templates/", 9),
    ("coordinator", "/o/kemi/register/actors/", 7),
    ("coordinator", "/o/kemi/register/activities/", 12),
    ("reader", "/o/kemi/register/activities/?q=kirjasto", 12),
    ("coordinator", "/o/kemi/register/activities/{register_activity}/", 17),
    ("coordinator", "/o/kemi/register/activities/{register_activity}/image/", 10),
    ("coordinator", "/o/kemi/register/stale/", 7),
    ("reader", "/o/kemi/register/activities/?measure={published_measure}&status=published", 13),
    ("coordinator", "/o/kemi/register/duplicates/", 8),
    ("coordinator", "/o/kemi/register/duplicates/{twin_a}/{twin_b}/", 10),
    ("coordinator", "/o/kemi/register/actors/{twin_a}/", 7),
    ("coordinator", "/o/kemi/register/import/", 9),  # with the earlier imports
    ("coordinator", "/o/kemi/register/import/{register_import}/", 12),  # the preview (test_register_import_pages)
    ("coordinator", "/o/kemi/register/import/{register_import_mapping}/columns/", 6),
    ("coordinator", "/o/kemi/register/paths/", 6),
    ("reader", "/o/kemi/register/paths/", 6),
    ("coordinator", "/o/kemi/register/paths/{support_path}/", 9),
    ("coordinator", "/o/kemi/register/paths/{support_path}/steps/{support_path_step}/", 8),
    ("reader", "/o/kemi/register/gaps/", 11),  # with the welfare concept and the population
    ("reader", "/o/kemi/register/gaps/places/?age=older", 10),
    ("county", "/o/lappi/register/gaps/", 12),  # and the municipalities to add up
    ("coordinator", "/o/kemi/register/concept/", 10),
    ("reader", "/o/kemi/register/activities/?theme=physical-activity", 14),
    ("reader", "/o/kemi/register/activities/?theme=physical-activity&place=kylä+0", 15),
    ("anonymous", "/public/fi/", 2),
    ("anonymous", "/public/fi/activities/", 8),  # with the support paths linked
    ("anonymous", "/public/fi/activities/?q=kirjasto&free=1", 7),
    ("anonymous", "/public/sv/activities/{register_activity}/", 5),
    ("anonymous", "/public/fi/activities/paths/", 3),
    ("anonymous", "/public/sv/activities/paths/{support_path}/", 5),
    ("anonymous", "/public/en/activities/paths/{support_path}/leaflet.pdf", 5),
    ("anonymous", "/public/en/activities/open-data/", 2),
    ("anonymous", "/public/activities/240.hsds.json", 7),
    ("anonymous", "/public/activities/21.csv", 7),
    ("anonymous", "/public/activities/21.xlsx", 7),
    ("anonymous", "/public/activity-images/{register_activity}/{register_image_name}", 2),
    ("anonymous", "/public/fi/kemi/", 9),  # with the links to its cooperation, comment rounds and value discussions
    ("anonymous", "/public/fi/kemi/{published}/", 9),
    ("coordinator", "/api/v1/organisations", 4),
    ("coordinator", "/api/v1/organisations/kemi/reports", 6),
    ("coordinator", "/api/v1/organisations/kemi/reports/{report}", 17),
    ("coordinator", "/api/v1/organisations/kemi/assessments", 6),
    ("coordinator", "/api/v1/organisations/kemi/assessments/{assessment}", 12),
    ("coordinator", "/api/v1/organisations/kemi/situation", 10),
    ("anonymous", "/api/v1/indicators", 2),
    ("coordinator", "/api/v1/observations?indicator=id:{own}", 7),
    ("anonymous", "/api/v1/areas?kind=municipality", 2),
    ("anonymous", "/api/v1/activities", 5),
    ("anonymous", "/api/v1/activities?q=kirjasto", 5),
    ("anonymous", "/api/v1/actors", 2),
    # Cooperation: the negotiation page with its agenda's data (plans side by side, indicators, earlier actions).
    ("county", "/o/lappi/cooperation/", 15),
    ("coordinator", "/o/kemi/cooperation/", 14),
    ("county", "/o/lappi/cooperation/series/{coop_series}/", 11),  # the new meeting form lists the members to invite
    ("county", "/o/lappi/cooperation/meetings/{coop_meeting}/", 30),  # with its forms
    ("coordinator", "/o/kemi/cooperation/meetings/{coop_meeting}/", 24),
    ("county", "/o/lappi/cooperation/meetings/{coop_meeting}/agenda/", 9),
    ("coordinator", "/o/kemi/cooperation/meetings/{coop_shared}/minutes/", 15),
    ("anonymous", "/public/fi/lappi/negotiations/{coop_previous}/", 6),
    # Interfaces: Lappi's register, one interface, Kemi's counterparts and the county's gaps.
    ("county", "/o/lappi/cooperation/interfaces/", 11),
    ("county", "/o/lappi/cooperation/interfaces/gaps/", 11),
    ("county", "/o/lappi/cooperation/interfaces/{coop_interface}/", 18),
    ("coordinator", "/o/kemi/cooperation/interfaces/{coop_interface}/", 12),
    ("coordinator", "/o/kemi/cooperation/counterparts/", 11),
    # Service chains: a chain's page draws its diagram from the prefetched steps.
    ("county", "/o/lappi/cooperation/chains/", 10),
    ("reader", "/o/kemi/cooperation/chains/{chain}/", 9),
    ("county", "/o/lappi/cooperation/chains/{chain}/", 16),  # with its forms and the indicator picker
    ("anonymous", "/public/fi/lappi/chains/{chain}/", 6),
    ("anonymous", "/public/sv/lappi/chains/", 6),
    ("coordinator", "/api/v1/organisations/kemi/service-chains", 9),
    # The cooperation agreement: a version with its parties and their decisions, and two versions compared.
    ("reader", "/o/kemi/cooperation/agreements/", 8),
    ("county", "/o/lappi/cooperation/agreements/{agreement}/v2/", 9),  # with its forms
    ("reader", "/o/kemi/cooperation/agreements/{agreement}/compare/", 8),
    ("coordinator", "/api/v1/organisations/kemi/negotiations", 9),
    ("coordinator", "/api/v1/organisations/kemi/meetings/{coop_meeting}", 18),
    ("coordinator", "/api/v1/organisations/kemi/agreed-actions", 10),
    ("coordinator", "/api/v1/organisations/kemi/actors", 7),
    ("coordinator", "/api/v1/organisations/kemi/activities", 11),
    ("coordinator", "/api/v1/organisations/kemi/activities?status=draft&q=kirjaston", 11),
    ("coordinator", "/api/v1/organisations/kemi/activities/{register_activity}", 10),
    ("anonymous", "/api/v1/support-paths", 3),
    ("anonymous", "/api/v1/support-paths/{support_path}", 4),
    ("coordinator", "/api/v1/support-paths/{support_path}", 7),
    ("anonymous", "/api/v1/activities/hsds?area=21&per_page=2", 7),
    # The HYTE coefficient: results for all 308 municipalities in a fixed number of queries.
    ("anonymous", "/coefficient/", 2),
    ("anonymous", "/coefficient/{coef_model}/", 8),
    ("anonymous", "/coefficient/{coef_model}/areas/{coef_area}/", 9),
    ("coordinator", "/coefficient/{coef_model}/areas/{coef_area}/?v-leadership=90", 13),
    ("coordinator", "/o/kemi/coefficient/scenarios/", 6),
    ("anonymous", "/api/v1/coefficient/models", 2),
    ("anonymous", "/api/v1/coefficient/models/{coef_model}/results", 8),
    ("coordinator", "/api/v1/organisations/kemi/coefficient-scenarios", 6),
    ("national_admin", "/o/thl/resources-survey/", 7),
    ("coordinator", "/o/kemi/resources-survey/", 7),
    ("national_admin", "/o/thl/resources-survey/{resource_round}/", 10),
    ("coordinator", "/o/kemi/resources-survey/{resource_round}/answer/", 10),
    ("national", "/national/", 21),  # every municipality and county of Finland; the coefficient models' results
    ("anonymous", "/public/fi/national/", 18),
    ("national", "/api/v1/organisations/thl/resource-surveys", 7),
    ("national", "/api/v1/organisations/thl/resource-surveys/{resource_round}/results", 9),
    ("national", "/api/v1/national/overview", 20),
    # Participation: comment rounds, their pages with the threaded comments, polls, changes and statements.
    ("coordinator", "/o/kemi/participation/", 11),  # with the assessments to open and the value discussions
    ("coordinator", "/o/kemi/participation/{round}/", 13),  # the statement form lists the organisations
    ("anonymous", "/public/fi/kemi/rounds/", 4),
    ("anonymous", "/public/fi/kemi/rounds/{round}/", 8),
    ("anonymous", "/public/sv/kemi/rounds/{round}/", 8),
    ("anonymous", "/api/v1/organisations/kemi/rounds", 2),
    ("anonymous", "/api/v1/rounds/{round}", 8),
    ("anonymous", "/api/v1/rounds/{round}/comments", 2),
    ("anonymous", "/api/v1/rounds/{round}/statements", 2),
    # The value discussion: its page with the topics, their indicators (the situation picture's values), the
    # results per group and the coordinator's indicator picker; the public page; the API's read.
    ("coordinator", "/o/kemi/participation/discussions/{discussion}/", 22),
    ("reader", "/o/kemi/participation/discussions/{discussion}/", 18),
    ("anonymous", "/public/fi/kemi/discussions/{discussion}/", 13),
    ("anonymous", "/api/v1/discussions/{discussion}", 12),
    # Residents' surveys: the list, a survey's values by group with its forms, an import's preview or its columns.
    ("reader", "/o/kemi/surveys/", 6),
    ("coordinator", "/o/kemi/surveys/{survey}/", 12),
    ("coordinator", "/o/kemi/surveys/{survey}/imports/{survey_preview}/", 7),
    ("coordinator", "/o/kemi/surveys/{survey_table}/imports/{survey_mapping}/", 7),
    ("coordinator", "/api/v1/organisations/kemi/surveys", 6),
    ("coordinator", "/api/v1/organisations/kemi/surveys/{survey}", 10),
    # Grants: the funder's calls, a call, its ranking, an application sent, the public call and decision.
    ("coordinator", "/o/kemi/grants/", 7),
    ("coordinator", "/o/kemi/grants/calls/{grant_call}/", 13),
    ("coordinator", "/o/kemi/grants/calls/{grant_call}/ranking/", 14),
    ("coordinator", "/o/kemi/grants/calls/{grant_call}/decision/", 12),
    ("coordinator", "/o/kemi/grants/applications/{grant_application}/", 11),
    ("anonymous", "/public/fi/kemi/grants/{grant_call}/", 6),
    ("anonymous", "/public/fi/kemi/grants/{grant_decided_call}/decision/", 10),
    ("anonymous", "/public/grants/decisions.json", 9),
    ("coordinator", "/o/kemi/grants/calls/{grant_decided_call}/use-reports/", 10),
    ("coordinator", "/o/kemi/grants/applications/{grant_decided_application}/use-report/", 16),
    ("anonymous", "/public/fi/kemi/grants/goals/", 7),
    ("coordinator", "/o/kemi/grants/summary/", 12),
]


def _count(world: Any, persona: str, path: str) -> int:
    cache.clear()
    forget()
    client = world.client_for(persona)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def _grow(world: Any, values: dict[str, Any], *, tag: str, n: int) -> None:
    """More of everything the pages list: `n` of each, named with `tag`."""
    for i in range(n):
        user = make_user(f"member-{tag}{i}")
        accounts.add_member(actor=SYSTEM, organisation=world.kemi, user=user, role="editor")
    for i in range(n):
        indicators.create_own_indicator(actor=SYSTEM, organisation=world.kemi, title_fi=f"Oma mittari {tag}{i}")
    for report_id in (values["report"], values["published"]):
        report = world.kemi.reports.get(pk=report_id)
        if report.is_frozen:
            continue
        for i in range(n):
            goal = reports.add_goal(actor=SYSTEM, report=report, text=f"Lisätavoite {tag}{i}")
            reports.assign(actor=SYSTEM, subject=goal, users=[world.users["editor"]])
            for m in range(2):
                measure = reports.add_measure(
                    actor=SYSTEM, goal=goal, text=f"Toimenpide {i}.{m}", responsible_parties=["A"]
                )
                reports.assign(actor=SYSTEM, subject=measure, users=[world.users["editor"]])
            reports.add_goal_indicator(
                actor=SYSTEM,
                goal=goal,
                indicator=world.own_indicator,
                baseline_year=2024,
                target_year=2029,
                direction="increase",
            )
        for section in report.sections.all()[:2]:
            reports.add_block(actor=SYSTEM, section=section, kind="chart", indicators=[world.own_indicator])
            reports.add_comment(actor=world.users["reader"], report=report, text="Lisää", section=section)
    draft = world.kemi.reports.get(pk=values["report"])
    for i in range(n):  # PDFs of the report by different people, made and failed
        requester = make_user(f"pdf-{tag}{i}")
        accounts.add_member(actor=SYSTEM, organisation=world.kemi, user=requester, role="reader")
        export = reports.request_pdf(actor=requester, report=draft, language="sv")
        reports.start_pdf(actor=SYSTEM, export=export)
        reports.fail_pdf(actor=SYSTEM, export=export, message="Ei onnistunut")
    for i in range(n):
        assessment = assessments.create_assessment(
            actor=SYSTEM, organisation=world.kemi, title=f"A{tag}{i}", kind="full"
        )
        option = assessments.add_option(actor=SYSTEM, assessment=assessment, title="Muutos")
        assessments.set_impact(actor=SYSTEM, option=option, area="children", direction="unknown")
    first = world.kemi.assessments.get(pk=values["assessment"])
    for i in range(n):
        option = assessments.add_option(actor=SYSTEM, assessment=first, title=f"Lisävaihtoehto {tag}{i}")
        for area in ("children", "young_people", "older_people"):
            assessments.set_impact(actor=SYSTEM, option=option, area=area, direction="unknown")
        assessments.add_hearing(actor=SYSTEM, assessment=first, party=f"Neuvosto {tag}{i}", views="Hyvä.")
    create_rule(
        actor=SYSTEM,
        organisation=world.kemi,
        indicator=world.own_indicator,
        condition="below",
        threshold=99,
        measure=tag,
    )
    _grow_register(world, tag=tag, n=n)
    _grow_support_paths(values, tag=tag, n=n)
    municipalities = [("261", "Kittilä"), ("273", "Kolari")] if tag == "more" else [("047", "Enontekiö")]
    for code, name in municipalities:
        municipality = accounts.create_organisation(
            actor=SYSTEM, name=name, kind="municipality", area=Area.objects.get(kind="municipality", code=code)
        )
        accounts.share_drafts(actor=SYSTEM, organisation=municipality, with_organisation=world.lappi)
        plan = reports.create_report(
            actor=SYSTEM, organisation=municipality, kind="broad", title=name, term_start=2025, term_end=2029
        )
        reports.add_goal(actor=SYSTEM, report=plan, text=f"{name}n tavoite")
    another = reports.create_report(
        actor=SYSTEM, organisation=world.kemi, kind="broad", title=f"Julkaistu {tag}", term_start=2017, term_end=2021
    )
    reports.add_goal(actor=SYSTEM, report=another, text="Vanha tavoite")
    approve_and_publish(another, SYSTEM)
    grow_cooperation(world, values, tag=tag, n=n)  # after the municipalities above: they are invited too
    grow_interfaces(world, values, tag=tag)  # the new municipalities get counterpart pairs and owners
    _grow_funding(world, values, tag=tag, n=n)
    _grow_national(world, tag=tag, n=n)
    grow_participation(world, values, tag=tag, n=n)
    grow_discussion(world, values, tag=tag, n=n)
    grow_surveys(world, values, tag=tag, n=n)
    grow_chains(world, values, tag=tag, n=n)
    grow_grants(world, values, tag=tag, n=n)
    _grow_calendar(world, tag=tag)


def _grow_funding(world: Any, values: dict[str, Any], *, tag: str, n: int) -> None:
    """More scenarios of Kemi's, and TEAviisari values for more municipalities."""
    from hyte.funding.models import CoefficientModel
    from hyte.funding.services import import_teaviisari, save_scenario

    model = CoefficientModel.objects.get(pk=values["coef_model"])
    for i in range(n):
        save_scenario(
            actor=SYSTEM,
            organisation=world.kemi,
            model=model,
            area=world.kemi.area,
            title=f"Skenaario {tag}{i}",
            changes={"leadership": 50 + i},
            shared=bool(i % 2),
        )
    codes = ["005", "009", "010", "016"] if tag == "more" else ["018"]
    rows = "".join(f"{code};Kuntajohto;2023;Kokonaispisteet;{40 + i}\n" for i, code in enumerate(codes))
    import_teaviisari(actor=SYSTEM, data=f"Aluekoodi;Toimiala;Vuosi;Ulottuvuus;Pisteet\n{rows}".encode())


def _grow_national(world: Any, *, tag: str, n: int) -> None:
    """Another THL round with `n` questions, asking every municipality (those above too), all of them answering."""
    import datetime as dt

    from hyte.accounts.models import Organisation
    from hyte.core import clock
    from hyte.national import services

    thl = Organisation.objects.get(slug="thl")
    survey = services.create_round(
        actor=SYSTEM,
        sender=thl,
        year=2026,
        title_fi=f"Kysely {tag}",
        scope="all_municipalities",
        closes_on=clock.today() + dt.timedelta(days=5),
    )
    questions = [
        services.add_question(actor=SYSTEM, survey=survey, kind="yes_no", text_fi=f"Kysymys {i}") for i in range(n)
    ]
    services.open_round(actor=SYSTEM, survey=survey)
    for organisation in survey.recipients.all():
        services.save_answer(
            actor=SYSTEM,
            survey=survey,
            organisation=organisation,
            coordinator_named=True,
            person_years="1",
            structures=["welfare_group"],
            extra={str(q.pk): True for q in questions},
            submit=True,
        )


def _grow_register(world: Any, *, tag: str, n: int) -> None:
    from hyte.actors import services as actor_services
    from hyte.actors.details import ActivityDetails, ActorDetails
    from hyte.actors.models import TargetGroup, Theme
    from hyte.reports.models import Measure

    measures = list(Measure.objects.filter(goal__report__organisation=world.kemi, goal__report__kind="broad")[:3])
    for i in range(n):
        actor = actor_services.create_actor(
            actor=SYSTEM, details=ActorDetails(kind="ngo", name=f"Yhdistys {tag}{i}", area=world.kemi.area)
        )
        for published in (True, False):
            actor_services.create_activity(
                actor=SYSTEM,
                details=ActivityDetails(
                    title=f"Kirjaston toiminta {tag}{i}",
                    area=world.kemi.area,
                    is_published=published,
                    place=f"Kylä {i}",
                    age_groups=["older"],
                ),
                providers=[actor],
                themes=Theme.objects.all()[:2],
                target_groups=TargetGroup.objects.all()[:2],
                measures=measures,  # the plan pages count them per measure
            )
        _grow_imports(world, tag=f"{tag}{i}")


def _grow_imports(world: Any, *, tag: str) -> None:
    """Another import into the register, done, whose rows are then among those an import previews."""
    from hyte.actors.imports.services import choose_columns, confirm_import, start_import

    rows = "".join(f"{tag}-{n};Toiminta {tag} {n};Yhdistys {tag};Liikunta;Lapset\n" for n in range(3))
    data = f"Tunnus;Otsikko;Järjestäjä;Teemat;Ikäryhmät\n{rows}".encode()
    run = start_import(actor=world.users["coordinator"], organisation=world.kemi, file_format="sheet", data=data)
    choose_columns(actor=SYSTEM, run=run, columns={"id": 0, "title": 1, "provider": 2, "themes": 3, "age_groups": 4})
    confirm_import(actor=SYSTEM, run=run)


def _grow_support_paths(values: dict[str, Any], *, tag: str, n: int) -> None:
    """More published paths, and more steps on the matrix's path: activities with providers, and services."""
    from hyte.actors.models import Activity, SupportPath
    from hyte.actors.support_paths import services
    from hyte.actors.support_paths.details import PathDetails, StepDetails

    path = SupportPath.objects.get(pk=values["support_path"])
    activities = Activity.objects.filter(area=path.area, is_published=True, title__contains=tag)
    for i in range(n):
        texts = {"title_sv": "Stig", "introduction": "Johdanto", "introduction_sv": "Inledning"}
        other = services.create_path(
            actor=SYSTEM, details=PathDetails(title=f"Polku {tag}{i}", area=path.area, **texts)
        )
        services.add_step(actor=SYSTEM, path=other, details=StepDetails(heading="Askel", activity=activities[i]))
        services.publish_path(actor=SYSTEM, path=other)
        services.add_step(
            actor=SYSTEM, path=path, details=StepDetails(heading=f"Askel {tag}{i}", activity=activities[i])
        )
        service = StepDetails(heading=f"Palvelu {tag}{i}", service_name="Neuvonta", service_url="https://example.fi")
        services.add_step(actor=SYSTEM, path=path, details=service)


def _grow_calendar(world: Any, *, tag: str) -> None:
    """Kemi's next council term's steps too, each of the steps with a responsible person and some done by hand."""
    from hyte.cooperation import services as cooperation
    from hyte.cooperation.calendar_models import CalendarStep

    cooperation.generate_calendar(actor=SYSTEM, organisation=world.kemi, term_start=2029 if tag == "more" else 2025)
    for step in CalendarStep.objects.filter(organisation=world.kemi):
        done = step.due if step.pk % 3 == 0 else None
        cooperation.update_step(
            actor=SYSTEM, step=step, due=step.due, responsible=world.users["coordinator"], done_on=done
        )


@pytest.mark.parametrize(("persona", "path", "expected"), PAGES, ids=[p for _persona, p, _n in PAGES])
def test_the_query_count_is_pinned_and_does_not_grow_with_the_data(world, persona: str, path: str, expected: int):
    values = build(world)
    _grow(world, values, tag="some", n=1)  # one of everything, so that every prefetch has rows to fetch
    address = path.format(**values)
    before = _count(world, persona, address)
    _grow(world, values, tag="more", n=3)
    after = _count(world, persona, address)
    assert after == before, f"{address}: {before} queries, then {after} with more data (a query per row)"
    assert before == expected, f"{address}: {before} queries, pinned at {expected}"


def test_a_round_page_with_2000_comments_runs_the_same_pinned_queries(world):
    """Issue 18: a comment round with 2,000 comments (a fifth of them replies, with supports and flags) renders in
    the same number of queries as with a handful."""
    from tests.participation_world import build_participation, many_comments

    made = build_participation(world)
    public = f"/public/fi/kemi/rounds/{made['round'].pk}/"
    staff = f"/o/kemi/participation/{made['round'].pk}/"
    few = (_count(world, "anonymous", public), _count(world, "coordinator", staff))
    many_comments(made["round"], 2000)
    assert (_count(world, "anonymous", public), _count(world, "coordinator", staff)) == few == (8, 13)
