"""A negotiation series on top of the `world` fixture, built through the services: Lappi convenes its yearly hyte
negotiation with Kemi and an NGO network (Tornio is not in it: its admin is the outsider). Last year's meeting is
final and published with two agreed actions; this year's has its draft agenda, a person invited, a file and an
agreed action; a third meeting's minutes wait for the checkers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hyte.accounts import services as accounts
from hyte.accounts.models import OrganisationKind
from hyte.accounts.roles import Role
from hyte.cooperation import services
from hyte.core.clock import HELSINKI
from hyte.reports import services as report_services
from tests.conftest import SYSTEM, make_user

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=HELSINKI)


def meeting_on(series: Any, when: dt.datetime, title: str) -> Any:
    return services.create_meeting(
        actor=SYSTEM,
        series=series,
        title=title,
        starts_at=when,
        ends_at=when + dt.timedelta(hours=3),
        place="Rovaniemi",
    )


def name_checkers(meeting: Any, checkers: dict[int, Any]) -> None:
    for party in meeting.parties.all():
        services.set_checker(actor=SYSTEM, party=party, checker=checkers[party.organisation_id])


def confirm_all(meeting: Any, checkers: dict[int, Any]) -> None:
    for user in checkers.values():
        services.confirm_minutes(actor=user, meeting=meeting, decision="confirmed")


def build_cooperation(world: Any, *, kemi_goal: Any = None, lappi_goal: Any = None) -> dict[str, Any]:
    ngo = accounts.create_organisation(
        actor=SYSTEM, name="Lapin järjestöverkosto", kind=OrganisationKind.NGO, slug="lapin-jarjestot"
    )
    ngo_user = make_user("ngo-checker")
    accounts.add_member(actor=SYSTEM, organisation=ngo, user=ngo_user, role=Role.EDITOR)
    checkers = {world.lappi.pk: world.users["county"], world.kemi.pk: world.users["coordinator"], ngo.pk: ngo_user}
    series = services.create_series(
        actor=SYSTEM,
        convener=world.lappi,
        kind="hyte_yearly",
        arrangement="joint",
        title="Lapin hyte-neuvottelu",
        members=[world.kemi, ngo],
    )
    previous = meeting_on(series, at(2025, 3, 12), "Hyte-neuvottelu 2025")
    name_checkers(previous, checkers)
    first_item = previous.agenda_items.order_by("position").first()
    services.save_minutes(actor=SYSTEM, meeting=previous, minutes={first_item.pk: "Käytiin läpi tavoitteet."})
    kemi_action = services.add_action(
        actor=SYSTEM,
        meeting=previous,
        text="Liikuntaneuvonnan palveluketju käyttöön",
        owner=world.kemi,
        owner_person="Kaisa Koordinaattori",
        due_date=dt.date(2025, 12, 31),
        goals=[g for g in (kemi_goal, lappi_goal) if g is not None],
    )
    lappi_action = services.add_action(
        actor=SYSTEM,
        meeting=previous,
        text="Yhteinen hyvinvointikatsaus kunnille",
        owner=world.lappi,
        owner_person="Antti Aluekoordinaattori",
    )
    services.share_minutes(actor=SYSTEM, meeting=previous)
    confirm_all(previous, checkers)
    services.update_meeting(
        actor=SYSTEM,
        meeting=previous,
        title=previous.title,
        starts_at=previous.starts_at,
        ends_at=previous.ends_at,
        place=previous.place,
        is_public=True,
    )
    services.follow_up_action(actor=SYSTEM, action=kemi_action, status="in_progress", progress_note="Käynnissä.")

    meeting = meeting_on(series, at(2026, 3, 11), "Hyte-neuvottelu 2026")
    name_checkers(meeting, checkers)
    kemi_party = meeting.parties.get(organisation=world.kemi)
    invitee = services.add_invitee(
        actor=SYSTEM, party=kemi_party, name="Kaija Kunnanjohtaja", role="management", participation="participates"
    )
    material = services.add_material(actor=SYSTEM, meeting=meeting, title="Esityslista", data=PDF, filename="lista.pdf")
    item = meeting.agenda_items.order_by("position").first()
    services.save_minutes(actor=SYSTEM, meeting=meeting, minutes={item.pk: "Esitys hyväksyttiin."})
    action = services.add_action(
        actor=SYSTEM, meeting=meeting, text="Uusi sopimus", owner=world.kemi, owner_person="Kaisa Koordinaattori"
    )

    shared = meeting_on(series, at(2026, 10, 7), "Syysneuvottelu 2026")
    name_checkers(shared, checkers)
    services.save_minutes(
        actor=SYSTEM, meeting=shared, minutes={shared.agenda_items.order_by("position").first().pk: "Sovittiin."}
    )
    services.share_minutes(actor=SYSTEM, meeting=shared)
    return {
        "ngo": ngo,
        "ngo_user": ngo_user,
        "checkers": checkers,
        "coop_series": series.pk,
        "coop_previous": previous.pk,
        "coop_meeting": meeting.pk,
        "coop_shared": shared.pk,
        "coop_party": kemi_party.pk,
        "coop_invitee": invitee.pk,
        "coop_material": material.pk,
        "coop_item": item.pk,
        "coop_action": action.pk,
        "coop_kemi_action": kemi_action.pk,
        "coop_lappi_action": lappi_action.pk,
    }


def lappi_annual_report(world: Any, regional: Any) -> Any:
    """Lappi's annual report of 2026, following its regional plan up."""
    return report_services.create_report(
        actor=SYSTEM,
        organisation=world.lappi,
        kind="annual",
        title="Lapin vuosiraportti 2026",
        term_start=regional.term_start,
        term_end=regional.term_end,
        year=2026,
        plan_report=regional,
    )


def grow_cooperation(world: Any, values: dict[str, Any], *, tag: str, n: int) -> None:
    """More of everything the negotiation pages list (for the query counts): the municipalities not yet invited
    (each with its plan's goals), people, materials, agenda items, and agreed actions with goals and indicators in
    this year's meeting and, still open, in an older meeting of the series."""
    from hyte.accounts.models import Organisation
    from hyte.cooperation.models import Meeting
    from hyte.reports.models import Goal

    meeting = Meeting.objects.get(pk=values["coop_meeting"])
    older = meeting_on(meeting.series, at(2024, 3, 1 + len(tag)), f"Vanha neuvottelu {tag}")
    invited = set(meeting.parties.values_list("organisation_id", flat=True))
    for organisation in Organisation.objects.filter(kind="municipality").exclude(pk__in=[*invited, world.tornio.pk]):
        for target in (meeting, older):
            party = services.add_party(actor=SYSTEM, meeting=target, organisation=organisation)
            services.add_invitee(
                actor=SYSTEM, party=party, name=f"Edustaja {tag}", role="expert", participation="prepares"
            )
    parties = list(meeting.parties.values_list("organisation_id", flat=True))
    goals = list(Goal.objects.filter(report__organisation_id__in=parties).select_related("report")[:3])
    for i in range(n):
        services.add_material(actor=SYSTEM, meeting=meeting, title=f"Linkki {tag}{i}", url="https://thl.fi/")
        services.add_item(actor=SYSTEM, meeting=meeting, title=f"Lisäasia {tag}{i}", body="Teksti")
        for target in (meeting, older):
            services.add_action(
                actor=SYSTEM,
                meeting=target,
                text=f"Sovittu {tag}{i}",
                owner=world.kemi,
                owner_person="Vastuuhenkilö",
                goals=goals,
                indicators=[world.shared_indicator],
            )
