"""Shared fixtures: Finland's areas loaded once per test database, and a small world of named personas.

Personas (all created through the same services users call):
- kemi: a municipality with an admin, a coordinator, an editor and a reader;
- lappi: Kemi's county, with its own coordinator; Kemi shares its drafts with it;
- tornio: another municipality of the same county whose admin is the outsider; it shares nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from hyte.accounts import services as accounts
from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.roles import Role
from hyte.indicators import services as indicator_services
from hyte.indicators.catalogue import load_catalogue
from hyte.indicators.models import ImportBatch, Indicator, IndicatorSet
from hyte.regions.loader import load_areas
from hyte.regions.models import Area, AreaKind

PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_areas()


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
    kemi = accounts.create_organisation(
        actor=None,
        name="Kemin kaupunki",
        kind=OrganisationKind.MUNICIPALITY,
        slug="kemi",
        area=Area.objects.get(kind=AreaKind.MUNICIPALITY, code="240"),
    )
    lappi = accounts.create_organisation(
        actor=None,
        name="Lapin hyvinvointialue",
        kind=OrganisationKind.COUNTY,
        slug="lappi",
        area=Area.objects.get(kind=AreaKind.COUNTY, code="21"),
    )
    tornio = accounts.create_organisation(
        actor=None,
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
        accounts.add_member(actor=None, organisation=organisation, user=users[persona], role=role)
    accounts.share_drafts(actor=None, organisation=kemi, with_organisation=lappi)
    load_catalogue(
        entries=[{"id": 127, "title": {"fi": "Väestö 31.12.", "sv": "Befolkning 31.12.", "en": "Population"}}]
    )
    own = indicator_services.create_own_indicator(
        actor=None,
        organisation=kemi,
        title_fi="Koettu hyvinvointi, hyvä tai erittäin hyvä (%)",
        source_id="KH1",
        value_type="percent",
        polarity="high_good",
    )
    indicator_set = indicator_services.create_indicator_set(actor=None, organisation=kemi, name="Ydinindikaattorit")
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

    cache.clear()
    yield
    cache.clear()
