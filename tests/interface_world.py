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
    network = services.create_structure(
        actor=SYSTEM, keeper=world.lappi, name="Hyvinvointikoordinaattorien verkosto", kind="network"
    )
    member = services.add_structure_member(
        actor=SYSTEM, structure=network, organisation=world.kemi, name="Kaisa Koordinaattori"
    )
    return {
        "coop_interface": substance.pk,
        "coop_interface_other": lifestyle.pk,
        "coop_pair": pair.pk,
        "coop_structure": network.pk,
        "coop_structure_member": member.pk,
    }


def grow_interfaces(world: Any, values: dict[str, Any], *, tag: str) -> None:
    """More of what the interface pages list (for the query counts): an interface more, and a pair and an owner
    for every municipality of the county on each of two interfaces."""
    from hyte.cooperation.interface_queries import municipalities_of
    from hyte.cooperation.models import Interface

    new = services.create_interface(actor=SYSTEM, county=world.lappi, name=f"Yhdyspinta {tag}", name_sv=tag)
    today = clock.today()
    for interface in (new, Interface.objects.get(pk=values["coop_interface"])):
        for municipality in municipalities_of(world.lappi):
            person = world.users["coordinator"] if municipality.pk == world.kemi.pk else None
            if person is None:
                from hyte.accounts import services as accounts
                from hyte.accounts.roles import Role
                from tests.conftest import make_user

                person = make_user(f"pari-{tag}-{interface.pk}-{municipality.pk}")
                accounts.add_member(actor=SYSTEM, organisation=municipality, user=person, role=Role.READER)
            services.add_pair(
                actor=SYSTEM,
                interface=interface,
                municipality=municipality,
                county_person=world.users["county"],
                municipality_person=person,
                starts_on=today,
            )
            services.set_owner(actor=SYSTEM, interface=interface, municipality=municipality, owner=f"Omistaja {tag}")
