"""Shared fixtures: Finland's areas loaded once per test database, and a small world of named personas.

Personas (all created through the same services users call):
- kemi: a municipality with an admin, a coordinator, an editor and a reader;
- lappi: Kemi's county, with its own coordinator; Kemi shares its drafts with it;
- tornio: another municipality of the same county whose admin is the outsider; it shares nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from hyte.accounts import services as accounts
from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.roles import Role
from hyte.core.actors import SystemActor
from hyte.indicators import services as indicator_services
from hyte.indicators.models import ImportBatch, Indicator, IndicatorSet
from hyte.indicators.parsing import Mapping
from hyte.indicators.services import create_batch, import_bytes, load_catalogue
from hyte.regions.models import Area, AreaKind
from hyte.regions.services import load_areas
from hyte.reports import services
from hyte.reports.models import BlockKind

PASSWORD = "correct-horse-battery"
SYSTEM = SystemActor("tests")  # the system acting where a test sets up its world


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_areas(actor=SYSTEM)


@dataclass
class World:
    kemi: Organisation
    lappi: Organisation
    tornio: Organisation
    users: dict[str, object]
    shared_indicator: Indicator
    own_indicator: Indicator
    indicator_set: IndicatorSet
    batch: ImportBatch

    def client_for(self, persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(self.users[persona])
        return client


def make_user(username: str, **extra: object) -> object:
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.fi", **extra
    )


@pytest.fixture
def world(db) -> World:
    return make_world()


def make_world() -> World:
    """The personas' world, built through the services (the `world` fixture; the permission matrix builds it once
    per module inside a transaction it rolls back)."""
    kemi = accounts.create_organisation(
        actor=SYSTEM,
        name="Kemin kaupunki",
        kind=OrganisationKind.MUNICIPALITY,
        slug="kemi",
        area=Area.objects.get(kind=AreaKind.MUNICIPALITY, code="240"),
    )
    lappi = accounts.create_organisation(
        actor=SYSTEM,
        name="Lapin hyvinvointialue",
        kind=OrganisationKind.COUNTY,
        slug="lappi",
        area=Area.objects.get(kind=AreaKind.COUNTY, code="21"),
    )
    tornio = accounts.create_organisation(
        actor=SYSTEM,
        name="Tornion kaupunki",
        kind=OrganisationKind.MUNICIPALITY,
        slug="tornio",
        area=Area.objects.get(kind=AreaKind.MUNICIPALITY, code="851"),
    )
    users = {}
    for persona, organisation, role in [
        ("admin", kemi, Role.ADMIN),
        ("coordinator", kemi, Role.COORDINATOR),
        ("editor", kemi, Role.EDITOR),
        ("reader", kemi, Role.READER),
        ("county", lappi, Role.COORDINATOR),
        ("outsider", tornio, Role.ADMIN),
    ]:
        users[persona] = make_user(persona)
        accounts.add_member(actor=SYSTEM, organisation=organisation, user=users[persona], role=role)
    accounts.share_drafts(actor=SYSTEM, organisation=kemi, with_organisation=lappi)
    load_catalogue(
        actor=SYSTEM,
        entries=[{"id": 127, "title": {"fi": "Väestö 31.12.", "sv": "Befolkning 31.12.", "en": "Population"}}],
    )
    own = indicator_services.create_own_indicator(
        actor=SYSTEM,
        organisation=kemi,
        title_fi="Koettu hyvinvointi, hyvä tai erittäin hyvä (%)",
        source_id="KH1",
        value_type="percent",
        polarity="high_good",
    )
    indicator_set = indicator_services.create_indicator_set(actor=SYSTEM, organisation=kemi, name="Ydinindikaattorit")
    batch = indicator_services.upload_import(
        actor=users["admin"], organisation=kemi, filename="kysely.csv", data=b"kunta;vuosi;arvo\n240;2024;55,5\n"
    )
    return World(
        kemi=kemi,
        lappi=lappi,
        tornio=tornio,
        users=users,
        shared_indicator=Indicator.objects.get(source="sotkanet", source_id="127"),
        own_indicator=own,
        indicator_set=indicator_set,
        batch=batch,
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rendered public pages are cached; each test starts from an empty cache, as a new server would."""
    from django.core.cache import cache

    from hyte.public.cache import forget

    cache.clear()
    forget()
    yield
    cache.clear()
    forget()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Finnish): a request with another Accept-Language leaves its
    language active in the thread, which would otherwise leak into the next test that runs in it."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def kemi_values(world, text: bytes) -> None:
    import_bytes(
        actor=SYSTEM,
        batch=create_batch(actor=SYSTEM, organisation=world.kemi, source="t"),
        data=b"kunta;vuosi;arvo\n" + text,
        mapping=Mapping(area=0, year=1, value=2, indicator_fixed="KH1"),
    )


def answer_all(assessment, actor=None) -> None:
    """Answer every question of the assessment's method, as "ready" requires."""
    from hyte.assessments import services as assessment_services

    assessment_services.save_answers(
        actor=actor or SYSTEM, assessment=assessment, answers=[f"Vastaus {i}" for i, _ in enumerate(assessment.answers)]
    )


def approve_and_publish(report, coordinator, reference="§ 3") -> None:
    for status in ("in_review", "approved", "published"):
        services.change_status(
            actor=coordinator,
            report=report,
            status=status,
            decision_body="Kaupunginvaltuusto",
            decision_date=dt.date(2026, 1, 31),
            decision_reference=reference,
        )


@pytest.fixture
def published(world):
    """Kemi's plan with text, a chart, a goal with an indicator and a measure, published; and the annual
    report that follows it up, published too."""
    coordinator = world.users["coordinator"]
    kemi_values(world, b"240;2023;52\n240;2024;55,5\n")
    plan = services.create_report(
        actor=coordinator,
        organisation=world.kemi,
        kind="broad",
        title="Hyvinvointikertomus 2025–2029",
        term_start=2025,
        term_end=2029,
    )
    plan.title_sv = "Välfärdsberättelse 2025–2029"
    plan.save()
    section = plan.sections.first()
    block = section.blocks.first()
    services.edit_block(
        actor=coordinator,
        block=block,
        expected_revision=block.revision,
        text="Nuorten **hyvinvointi** on parantunut.<script>alert('x')</script>",
    )
    services.add_block(actor=coordinator, section=section, kind=BlockKind.CHART, indicators=[world.own_indicator])
    goal = services.add_goal(
        actor=coordinator, report=plan, text="Nuoret voivat hyvin", text_sv="De unga mår bra", age_group="children"
    )
    services.add_goal_indicator(
        actor=coordinator,
        goal=goal,
        indicator=world.own_indicator,
        baseline_year=2024,
        target_year=2029,
        direction="increase",
        target_value=60,
    )
    measure = services.add_measure(
        actor=coordinator, goal=goal, text="Nuorisotalon aukiolo", responsible_parties=["Nuorisopalvelut", "4H"]
    )
    approve_and_publish(plan, coordinator)
    annual = services.create_report(
        actor=coordinator,
        organisation=world.kemi,
        kind="annual",
        title="Vuosiraportti 2025",
        term_start=2025,
        term_end=2029,
        year=2025,
        plan_report=plan,
    )
    entry = annual.progress_entries.get(measure=measure)
    services.record_progress(actor=coordinator, entry=entry, status="at_risk", text="Rahoitus puuttuu")
    approve_and_publish(annual, coordinator, reference="§ 40")
    return plan, annual
