"""A county's register of interfaces on top of the `world` fixture, built through the services: Lappi's default
list, with a counterpart pair for Kemi (the coordinator and the county's coordinator) on two interfaces, one of
them ended; Tornio (the outsider's municipality, in the same county) has none."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hyte.cooperation import services
from hyte.core import clock
from tests.conftest import SYSTEM


def build_interfaces(world: Any) -> dict[str, Any]:
    created = services.add_default_interfaces(actor=SYSTEM, county=world.lappi)
    substance, lifestyle = created[2], created[3]
    today = clock.today()
    pair = services.add_pair(
        actor=SYSTEM,
        interface=substance,
        municipality=world.kemi,
        county_person=world.users["county"],
        municipality_person=world.users["coordinator"],
        starts_on=today - dt.timedelta(days=30),
    )
    services.add_pair(
        actor=SYSTEM,
        interface=lifestyle,
        municipality=world.kemi,
        county_person=world.users["county"],
        municipality_person=world.users["coordinator"],
        starts_on=today - dt.timedelta(days=400),
        ends_on=today - dt.timedelta(days=35),
    )
    services.update_interface(
        actor=SYSTEM, interface=substance, name=substance.name, name_sv=substance.name_sv, next_review=today
    )
    return {"coop_interface": substance.pk, "coop_interface_other": lifestyle.pk, "coop_pair": pair.pk}
