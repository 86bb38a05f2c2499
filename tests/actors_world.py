"""A small register on top of the `world` fixture: an NGO with its own users, actors in Kemi and Tornio, and
published, draft and hidden activities. Built through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from hyte.accounts import services as accounts
from hyte.accounts.models import OrganisationKind
from hyte.accounts.roles import Role
from hyte.actors import services
from hyte.actors.details import ActivityDetails, ActorDetails
from hyte.actors.models import Theme
from hyte.regions.models import Area, AreaKind
from tests.conftest import SYSTEM, make_user


def add_activity(actor: Any, *, providers: Any, themes: Any = (), target_groups: Any = (), **fields: Any) -> Any:
    return services.create_activity(
        actor=actor, details=ActivityDetails(**fields), providers=providers, themes=themes, target_groups=target_groups
    )


def edit_activity(actor: Any, activity: Any, *, themes: Any = None, providers: Any = None, **changes: Any) -> Any:
    details = replace(ActivityDetails.of(activity), **changes)
    return services.update_activity(actor=actor, activity=activity, details=details, themes=themes, providers=providers)


def kemi_area() -> Area:
    return Area.objects.get(kind=AreaKind.MUNICIPALITY, code="240")


def tornio_area() -> Area:
    return Area.objects.get(kind=AreaKind.MUNICIPALITY, code="851")


def build_register(world: Any) -> dict[str, Any]:
    ngo = accounts.create_organisation(
        actor=SYSTEM, name="Kemin Seniorit ry", kind=OrganisationKind.NGO, slug="kemin-seniorit", area=kemi_area()
    )
    if "ngo" not in world.users:
        world.users["ngo"] = make_user("ngo")
        world.users["ngo_reader"] = make_user("ngo_reader")
    accounts.add_member(actor=SYSTEM, organisation=ngo, user=world.users["ngo"], role=Role.EDITOR)
    accounts.add_member(actor=SYSTEM, organisation=ngo, user=world.users["ngo_reader"], role=Role.READER)
    seniors = services.create_actor(
        actor=SYSTEM,
        details=ActorDetails(kind="ngo", name="Kemin Seniorit ry", area=kemi_area(), business_id="0112038-9"),
        organisation=ngo,
    )
    library = services.create_actor(
        actor=SYSTEM, details=ActorDetails(kind="municipal", name="Kemin kaupunginkirjasto", area=kemi_area())
    )
    tornio_club = services.create_actor(
        actor=SYSTEM, details=ActorDetails(kind="ngo", name="Tornion Pallo ry", area=tornio_area())
    )
    walking = add_activity(
        SYSTEM,
        title="Senioreiden kävelyryhmä",
        title_sv="Promenadgrupp för seniorer",
        description="Reipas kävely ja juttutuokio. Yksinäisyyteen apua.",
        area=kemi_area(),
        place="Karihaara",
        providers=[seniors],
        themes=Theme.objects.filter(code__in=["physical-activity", "loneliness"]),
        age_groups=["older"],
        languages=["fi", "sv"],
        recurring=True,
        schedule="Tiistaisin 10–11",
        join_phone="040 123 4567",
        is_published=True,
    )
    draft = add_activity(
        SYSTEM, title="Luonnos: muistikahvila", area=kemi_area(), providers=[seniors], age_groups=["older"]
    )
    reading = add_activity(
        SYSTEM,
        title="Satutunti lapsille",
        description="Lukuhetki perheille.",
        area=kemi_area(),
        place="Keskusta",
        providers=[library],
        age_groups=["children"],
        languages=["fi"],
        is_free=False,
        fee="2 € / kerta",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 12, 15),
        is_published=True,
    )
    hidden = add_activity(
        SYSTEM, title="Piilotettu tapahtuma", area=kemi_area(), providers=[library], is_published=True
    )
    services.hide_activity(actor=SYSTEM, activity=hidden, reason="Sopimatonta sisältöä")
    football = add_activity(
        SYSTEM,
        title="Jalkapallo nuorille",
        area=tornio_area(),
        providers=[tornio_club],
        age_groups=["young"],
        themes=Theme.objects.filter(code="physical-activity"),
        languages=["fi", "en"],
        is_published=True,
    )
    return {
        "ngo": ngo,
        "seniors": seniors,
        "library": library,
        "tornio_club": tornio_club,
        "walking": walking,
        "draft": draft,
        "reading": reading,
        "hidden": hidden,
        "football": football,
    }


def ensure_register_terms() -> None:
    """The welfare concepts, themes and target groups the migrations load, loaded again where a transactional test
    (the live server's) has emptied the database, with the migrations' own data and functions."""
    import importlib

    from django.apps import apps

    from hyte.actors.models import TargetGroup, WelfareConcept

    if WelfareConcept.objects.filter(is_default=True).exists():
        return
    terms = importlib.import_module("hyte.actors.migrations.0002_themes_and_search")
    concepts = importlib.import_module("hyte.actors.migrations.0007_welfare_concepts")
    concepts.create_default(apps, None)
    default = WelfareConcept.objects.get(is_default=True)
    for model, rows, extra in ((Theme, terms.THEMES, {"concept": default}), (TargetGroup, terms.TARGET_GROUPS, {})):
        for position, (code, fi, sv, en) in enumerate(rows):
            model.objects.update_or_create(
                code=code, **extra, defaults={"name_fi": fi, "name_sv": sv, "name_en": en, "position": position}
            )
    concepts.load_pohjois_pohjanmaa(apps, None)
