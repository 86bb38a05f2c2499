"""The national view on top of the `world` fixture, built through the services: THL (a national body) with a reader
and a coordinator (the national administrator); its resources survey round sent to all municipalities in Hyte
(Kemi and Tornio), with an added yes/no question, opened; Kemi has submitted its answer, Tornio has not."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hyte.accounts import services as accounts
from hyte.accounts.models import OrganisationKind
from hyte.accounts.roles import Role
from hyte.core import clock
from hyte.national import services
from tests.conftest import SYSTEM, make_user


def build_national(world: Any) -> dict[str, Any]:
    thl = accounts.create_organisation(
        actor=SYSTEM, name="Terveyden ja hyvinvoinnin laitos", kind=OrganisationKind.NATIONAL, slug="thl"
    )
    for persona, role in (("national", Role.READER), ("national_admin", Role.COORDINATOR)):
        if persona not in world.users:
            world.users[persona] = make_user(persona)
            accounts.add_member(actor=SYSTEM, organisation=thl, user=world.users[persona], role=role)
    survey = services.create_round(
        actor=SYSTEM,
        sender=thl,
        year=2026,
        title_fi="Hyte-resurssikysely 2026",
        title_sv="Resursenkät 2026",
        scope="all_municipalities",
        closes_on=clock.today() + dt.timedelta(days=30),
    )
    question = services.add_question(
        actor=SYSTEM, survey=survey, kind="yes_no", text_fi="Onko hyte-budjetti?", text_sv="Finns en budget?"
    )
    services.open_round(actor=SYSTEM, survey=survey)
    services.save_answer(
        actor=SYSTEM,
        survey=survey,
        organisation=world.kemi,
        coordinator_named=True,
        coordinator_name="Kaisa Koordinaattori, hyvinvointikoordinaattori",
        person_years="1,5",
        structures=["welfare_group", "steering_group"],
        county_cooperation="Yhteinen hyvinvointiryhmä Lapin hyvinvointialueen kanssa.",
        extra={str(question.pk): True},
        submit=True,
    )
    draft = services.create_round(
        actor=SYSTEM,
        sender=thl,
        year=2027,
        title_fi="Hyte-resurssikysely 2027",
        scope="all_municipalities",
        closes_on=clock.today() + dt.timedelta(days=60),
    )
    return {"thl": thl, "survey": survey, "question": question, "draft_survey": draft}
