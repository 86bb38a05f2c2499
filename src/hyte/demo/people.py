"""The demo organisations and their people. `hyte demo` runs this on an empty or an existing database."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from hyte.accounts import services as accounts
from hyte.accounts.models import Membership, Organisation, OrganisationKind
from hyte.accounts.roles import Role
from hyte.core.actors import AREA_LOADER, DEMO
from hyte.regions.models import Area, AreaKind
from hyte.regions.services import load_areas

DEMO_PASSWORD = "hyte-demo-2026"  # noqa: S105 - printed on purpose: these accounts exist only in the demo


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    organisation_slug: str
    role: Role
    description: str


DEMO_ORGANISATIONS = [
    ("kemi", "Kemin kaupunki", "Kemi stad", OrganisationKind.MUNICIPALITY, AreaKind.MUNICIPALITY, "240"),
    (
        "tornio",
        "Tornion kaupunki",
        "Torneå stad",
        OrganisationKind.MUNICIPALITY,
        AreaKind.MUNICIPALITY,
        "851",
    ),
    (
        "lappi",
        "Lapin hyvinvointialue",
        "Lapplands välfärdsområde",
        OrganisationKind.COUNTY,
        AreaKind.COUNTY,
        "21",
    ),
    (
        "meripuiston-seniorit",
        "Meripuiston Seniorit ry",
        "Havsparkens seniorer rf",
        OrganisationKind.NGO,
        AreaKind.MUNICIPALITY,
        "240",
    ),
]

DEMO_USERS = [
    DemoUser("admin", "Aino", "Ylläpitäjä", "kemi", Role.ADMIN, "organisation admin, Kemi"),
    DemoUser("koordinaattori", "Kaisa", "Koordinaattori", "kemi", Role.COORDINATOR, "hyte coordinator, Kemi"),
    DemoUser("editori", "Eero", "Sivistystoimi", "kemi", Role.EDITOR, "editor (welfare group), Kemi"),
    DemoUser("lukija", "Liisa", "Valtuutettu", "kemi", Role.READER, "reader (council member), Kemi"),
    DemoUser("alue", "Antti", "Aluekoordinaattori", "lappi", Role.COORDINATOR, "hyte coordinator, Lappi county"),
    DemoUser("tornio", "Tuula", "Tornio", "tornio", Role.ADMIN, "organisation admin, Tornio"),
    DemoUser(
        "jarjesto", "Jaana", "Järjestö", "meripuiston-seniorit", Role.EDITOR, "NGO volunteer, Meripuiston Seniorit ry"
    ),
]


@dataclass
class DemoResult:
    areas_created: int
    users: list[DemoUser]
    password: str


@transaction.atomic
def load_demo() -> DemoResult:
    areas = load_areas(actor=AREA_LOADER)
    organisations = {}
    for slug, name, name_sv, kind, area_kind, area_code in DEMO_ORGANISATIONS:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            organisation = accounts.create_organisation(
                actor=DEMO,
                name=name,
                name_sv=name_sv,
                kind=kind,
                slug=slug,
                area=Area.objects.get(kind=area_kind, code=area_code),
            )
        organisations[slug] = organisation

    user_model = get_user_model()
    for demo in DEMO_USERS:
        user = user_model.objects.filter(username=demo.username).first()
        if user is None:
            user = accounts.create_account(
                actor=DEMO,
                username=demo.username,
                password=DEMO_PASSWORD,
                first_name=demo.first_name,
                last_name=demo.last_name,
                email=f"{demo.username}@demo.hyte.invalid",
            )
        organisation = organisations[demo.organisation_slug]
        if not Membership.objects.filter(user=user, organisation=organisation).exists():
            accounts.add_member(actor=DEMO, organisation=organisation, user=user, role=demo.role)
    # The coordinator also follows the county's work as a reader: shows the organisation switcher.
    coordinator = user_model.objects.get(username="koordinaattori")
    if not Membership.objects.filter(user=coordinator, organisation=organisations["lappi"]).exists():
        accounts.add_member(actor=DEMO, organisation=organisations["lappi"], user=coordinator, role=Role.READER)
    accounts.share_drafts(actor=DEMO, organisation=organisations["kemi"], with_organisation=organisations["lappi"])
    return DemoResult(areas_created=areas.created, users=DEMO_USERS, password=DEMO_PASSWORD)
