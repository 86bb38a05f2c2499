"""The demo's interfaces and structures: Lappi county's register of interfaces with the default list of seed 001,
counterpart pairs for Kemi and Tornio on preventive substance abuse work and on lifestyle counselling and
functional capacity (one of Tornio's ended, so the gap view shows it), both due for review at the 2027
negotiation; and the welfare coordinators' network of Lappi with members from the county and both towns.
Built through the services, as the people named would do it; invented for the demo."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from hyte.accounts.models import Organisation
from hyte.cooperation import services
from hyte.cooperation.models import Interface, ItemKind, Meeting, Structure

PEOPLE = {"lappi": "alue", "kemi": "koordinaattori", "tornio": "tornio"}
NETWORK = "Lapin hyvinvointikoordinaattorien verkosto"
OWNERS = {  # the default list's key → the county's owner, and each town's
    "substance": ("Ehkäisevän päihdetyön yksikkö", {"kemi": "Hyvinvointipalvelut", "tornio": "Sivistyspalvelut"}),
    "lifestyle": ("Terveyden edistämisen yksikkö", {"kemi": "Liikuntapalvelut", "tornio": "Vapaa-aikapalvelut"}),
}


def load_demo_interfaces() -> int:
    """The register, once: the number of counterpart pairs named (0 when the register exists already)."""
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=PEOPLE).select_related("area")}
    found = {u.username: u for u in get_user_model().objects.filter(username__in=PEOPLE.values())}
    if len(organisations) < 3 or len(found) < 3 or Interface.objects.filter(county=organisations["lappi"]).exists():
        return 0
    users = {slug: found[username] for slug, username in PEOPLE.items()}
    county, actor = organisations["lappi"], users["lappi"]
    services.add_default_interfaces(actor=actor, county=county)
    pairs = 0
    for key, (county_owner, towns) in OWNERS.items():
        interface = Interface.objects.get(county=county, default_key=key)
        services.update_interface(
            actor=actor,
            interface=interface,
            name=interface.name,
            name_sv=interface.name_sv,
            county_owner=county_owner,
            last_reviewed=dt.date(2026, 3, 12),
            next_review=dt.date(2027, 3, 1),
        )
        for slug, owner in towns.items():
            services.set_owner(actor=actor, interface=interface, municipality=organisations[slug], owner=owner)
            ended = key == "lifestyle" and slug == "tornio"  # Tornio's coordinator changed: a new pair is needed
            services.add_pair(
                actor=actor,
                interface=interface,
                municipality=organisations[slug],
                county_person=actor,
                municipality_person=users[slug],
                starts_on=dt.date(2025, 1, 1),
                ends_on=dt.date(2025, 12, 31) if ended else None,
            )
            pairs += 1
    meeting = Meeting.objects.filter(series__convener=county, title="Hyte-neuvottelu 2027").first()
    if meeting is not None and not meeting.agenda_items.filter(kind=ItemKind.INTERFACES).exists():
        services.add_item(
            actor=actor,
            meeting=meeting,
            title="Erääntyvät yhdyspintojen arvioinnit",
            body="Yhdyspinnat, joiden arviointi erääntyy neuvotteluun mennessä, ja niiden vastinparit.",
            kind=ItemKind.INTERFACES,
        )
    if not Structure.objects.filter(keeper=county, name=NETWORK).exists():
        network = services.create_structure(
            actor=actor,
            keeper=county,
            name=NETWORK,
            name_sv="Lapplands nätverk för välfärdskoordinatorer",
            kind="network",
            description="Hyvinvointialueen ja kuntien hyvinvointikoordinaattorit tapaavat kuukausittain.",
        )
        for slug, name in (
            ("lappi", "Antti Aluekoordinaattori"),
            ("kemi", "Kaisa Koordinaattori"),
            ("tornio", "Tuula Tornio"),
        ):
            services.add_structure_member(
                actor=actor,
                structure=network,
                organisation=organisations[slug],
                name=name,
                job_title="hyvinvointikoordinaattori",
            )
    return pairs
