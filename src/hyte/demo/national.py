"""The national view's demo: THL as a national body with its demo user (`kansallinen`, a coordinator: the national
administrator) and THL's 2026 resources survey, one round to all municipalities (answered by Kemi and Tornio,
answers public) and one to all counties (answered by Lappi). Idempotent: run again, it changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model

from hyte.accounts import services as accounts
from hyte.accounts.models import Membership, Organisation, OrganisationKind
from hyte.accounts.roles import Role
from hyte.core import clock
from hyte.core.actors import SystemActor
from hyte.demo.people import DEMO_PASSWORD, DemoUser
from hyte.national import services
from hyte.national.models import SurveyRound

DEMO = SystemActor("demo")
NATIONAL_USER = DemoUser(
    "kansallinen", "Noora", "Kansallinen", "thl", Role.COORDINATOR, "national administrator, THL (national body)"
)
TITLE = "Hyte-resurssikysely 2026"
ANSWERS: dict[str, dict[str, Any]] = {
    "kemi": {
        "coordinator_named": True,
        "coordinator_name": "Kaisa Koordinaattori, hyvinvointikoordinaattori",
        "person_years": "1,5",
        "structures": ["welfare_group", "steering_group", "management"],
        "county_cooperation": "Yhteinen hyte-työryhmä Lapin hyvinvointialueen kanssa; vuosittainen neuvottelu.",
    },
    "tornio": {
        "coordinator_named": True,
        "coordinator_name": "Tuula Tornio, hyvinvointisuunnittelija",
        "person_years": "0,5",
        "structures": ["welfare_group"],
        "county_cooperation": "Vuosittainen hyte-neuvottelu Lapin hyvinvointialueen kanssa.",
    },
    "lappi": {
        "coordinator_named": True,
        "coordinator_name": "Antti Aluekoordinaattori, hyte-koordinaattori",
        "person_years": "3",
        "structures": ["steering_group", "council_body", "network"],
        "county_cooperation": "Hyte-neuvottelut kaikkien 21 kunnan kanssa, yhteinen alueellinen hyvinvointikertomus.",
    },
}


def _thl() -> tuple[Organisation, Any]:
    thl = Organisation.objects.filter(slug="thl").first() or accounts.create_organisation(
        actor=DEMO,
        name="Terveyden ja hyvinvoinnin laitos",
        name_sv="Institutet för hälsa och välfärd",
        kind=OrganisationKind.NATIONAL,
        slug="thl",
    )
    user_model = get_user_model()
    user = user_model.objects.filter(username=NATIONAL_USER.username).first() or accounts.create_account(
        actor=DEMO,
        username=NATIONAL_USER.username,
        password=DEMO_PASSWORD,
        first_name=NATIONAL_USER.first_name,
        last_name=NATIONAL_USER.last_name,
        email=f"{NATIONAL_USER.username}@demo.hyte.invalid",
    )
    if not Membership.objects.filter(user=user, organisation=thl).exists():
        accounts.add_member(actor=DEMO, organisation=thl, user=user, role=NATIONAL_USER.role)
    return thl, user


def load_demo_national() -> int:
    """THL, its user and the 2026 rounds with their answers, once: the number of answers submitted now."""
    thl, user = _thl()
    if SurveyRound.objects.filter(sender=thl, year=2026).exists():
        return 0
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=list(ANSWERS))}
    closes_on = max(dt.date(2026, 12, 18), clock.today() + dt.timedelta(days=14))
    submitted = 0
    for scope, suffix, public in (("all_municipalities", "kunnat", True), ("all_counties", "hyvinvointialueet", False)):
        survey = services.create_round(
            actor=user,
            sender=thl,
            year=2026,
            title_fi=f"{TITLE}: {suffix}",
            title_sv=f"Resursenkät 2026: {'kommuner' if public else 'välfärdsområden'}",
            scope=scope,
            closes_on=closes_on,
            answers_public=public,
        )
        question = services.add_question(
            actor=user,
            survey=survey,
            kind="choice",
            text_fi="Miten hyte-työ on budjetoitu?",
            text_sv="Hur är arbetet budgeterat?",
            choices=["oma määräraha", "osana toimialojen budjetteja", "ei budjetoitu"],
        )
        services.open_round(actor=user, survey=survey)
        for slug in survey.recipients.filter(slug__in=list(organisations)).values_list("slug", flat=True):
            services.save_answer(
                actor=DEMO,
                survey=survey,
                organisation=organisations[slug],
                extra={str(question.pk): "oma määräraha" if slug != "tornio" else "osana toimialojen budjetteja"},
                submit=True,
                **ANSWERS[slug],
            )
            submitted += 1
    return submitted
