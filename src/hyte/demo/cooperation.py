"""The demo's negotiations: Lappi county's yearly hyte negotiation with Kemi and Tornio. The 2025 meeting agreed two
actions; the 2026 meeting opened with them (its agenda prefilled), agreed four more, and its minutes were
confirmed by all three parties and published; the actions were followed up during the year and carried into the
parties' annual reports. The 2027 meeting is being prepared: its draft agenda shows the 2026 actions' status.
Lappi's regional plan and Tornio's plan (with their annual reports of 2026) are created here if missing. Built
through the services, as the people named would do it; invented for the demo."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model

from hyte.accounts.models import Organisation
from hyte.cooperation import services
from hyte.cooperation.models import AgreedAction, ItemKind, Meeting, Series
from hyte.core.actors import DEMO
from hyte.core.clock import HELSINKI
from hyte.indicators import services as indicator_services
from hyte.indicators.models import Indicator, IndicatorSet, Observation
from hyte.reports import services as reports
from hyte.reports.models import Goal, Report, ReportKind

SERIES_TITLE = "Lapin hyvinvointialueen hyte-neuvottelu"
KEY_SET = "Neuvottelun avainindikaattorit (demo)"
PLANS = {
    "lappi": (
        ReportKind.REGIONAL,
        "Lapin alueellinen hyvinvointikertomus ja -suunnitelma 2025–2029",
        "Lapin aluevaltuusto",
        ["Elintapaohjauksen palveluketjut ovat yhtenäiset koko Lapissa.", "Ikääntyneet asuvat kotona pidempään."],
    ),
    "tornio": (
        ReportKind.BROAD,
        "Tornion hyvinvointikertomus ja -suunnitelma 2025–2029",
        "Tornion kaupunginvaltuusto",
        ["Tornion lapset ja nuoret liikkuvat suositusten mukaisesti.", "Ikääntyneet asuvat kotona toimintakykyisinä."],
    ),
}
PEOPLE = {  # (name, job title, role, participation)
    "lappi": [
        ("Antti Aluekoordinaattori", "hyvinvointikoordinaattori", "expert", "prepares"),
        ("Aluehallituksen puheenjohtaja", "", "elected", "if_needed"),
    ],
    "kemi": [
        ("Kaija Kunnanjohtaja", "kaupunginjohtaja", "management", "participates"),
        ("Kaisa Koordinaattori", "hyvinvointikoordinaattori", "expert", "prepares"),
    ],
    "tornio": [("Tuula Tornio", "hyvinvointikoordinaattori", "expert", "prepares")],
}
CHECKERS = {"lappi": "alue", "kemi": "koordinaattori", "tornio": "tornio"}
OTHERS = "Lapin järjestöverkosto (Jaana Järjestö), Lapin poliisilaitos, Lapin liitto"
# (text, owner, person, due, goals served as (organisation, the goal's text starts with), status, progress)
ACTIONS_2025 = [
    (
        "Hyvinvointialue ja kunnat sopivat elintapaohjauksen yhteisistä mittareista.",
        "lappi",
        "Antti Aluekoordinaattori",
        dt.date(2025, 12, 31),
        [("lappi", "Elintapaohjauksen")],
        "done",
        "Mittarit sovittiin syyskuussa; ne ovat kaikkien kuntien vuosiraporteissa.",
    ),
    (
        "Kemi kokeilee liikuntaneuvonnan lähetettä terveysasemilta.",
        "kemi",
        "Kaisa Koordinaattori",
        dt.date(2025, 12, 31),
        [("kemi", "Tyypin 2")],
        "done",
        "Kokeilu laajeni vakituiseksi.",
    ),
]
ACTIONS_2026 = [
    (
        "Liikuntaneuvonnan palveluketju terveydenhuollosta kunnan liikuntapalveluihin otetaan käyttöön Kemissä ja "
        "Torniossa.",
        "lappi",
        "Antti Aluekoordinaattori",
        dt.date(2026, 12, 31),
        [("lappi", "Elintapaohjauksen"), ("kemi", "Tyypin 2"), ("tornio", "Tornion lapset")],
        "in_progress",
        "Kemissä käytössä toukokuusta, Torniossa aloitetaan tammikuussa.",
    ),
    (
        "Kemi nimeää vastinparin hyvinvointialueen elintapaohjaukselle.",
        "kemi",
        "Kaija Kunnanjohtaja",
        dt.date(2026, 6, 30),
        [("kemi", "Tyypin 2")],
        "done",
        "Vastinpariksi nimettiin liikuntapalvelupäällikkö.",
    ),
    (
        "Tornio ja hyvinvointialue kartoittavat kotona asumista tukevat palvelut yhdessä.",
        "tornio",
        "Tuula Tornio",
        dt.date(2026, 10, 31),
        [("tornio", "Ikääntyneet"), ("lappi", "Ikääntyneet")],
        "in_progress",
        "Kartoitus valmis 80 %; järjestöjen palvelut vielä kesken.",
    ),
    (
        "Yhteinen hyvinvointikatsaus kunnanvaltuustoille ennen talousarviota.",
        "lappi",
        "Antti Aluekoordinaattori",
        dt.date(2026, 9, 30),
        [],
        "dropped",
        "Korvattiin valtuustoseminaarilla, jossa katsaus esiteltiin.",
    ),
]


def _at(year: int, month: int, day: int, hour: int) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=HELSINKI)


def _plan(organisation: Organisation, approver: Any) -> Report:
    kind, title, body, goals = PLANS[organisation.slug]
    found = Report.objects.filter(organisation=organisation, kind=kind, term_start=2025).first()
    if found is not None:
        return found
    plan = reports.create_report(
        actor=approver, organisation=organisation, kind=kind, title=title, term_start=2025, term_end=2029
    )
    for text in goals:
        reports.add_goal(actor=approver, report=plan, text=text)
    for status in ("in_review", "approved", "published"):
        reports.change_status(
            actor=approver,
            report=plan,
            status=status,
            decision_body=body,
            decision_date=dt.date(2025, 11, 24),
            decision_reference="§ 88",
        )
    reports.create_report(
        actor=approver,
        organisation=organisation,
        kind=ReportKind.ANNUAL,
        title=f"{organisation.name}, vuosiraportti 2026",
        term_start=2025,
        term_end=2029,
        year=2026,
        plan_report=plan,
    )
    return plan


def _key_indicators(lappi: Organisation, areas: list[Any]) -> IndicatorSet | None:
    """Lappi's set for the negotiation: up to six indicators with recent values for both towns and the county."""
    found = IndicatorSet.objects.filter(organisation=lappi, name=KEY_SET).first()
    if found is not None:
        return found
    recent = (
        Observation.objects.filter(area__in=areas, year__gte=2015, gender="total", age_group="", period="")
        .values_list("indicator_id", "area_id")
        .distinct()
    )
    covered: dict[int, set[int]] = {}
    for indicator_id, area_id in recent:
        covered.setdefault(indicator_id, set()).add(area_id)
    chosen = [pk for pk, seen in covered.items() if len(seen) == len(areas)][:6]
    if not chosen:
        return None
    key_set = indicator_services.create_indicator_set(actor=DEMO, organisation=lappi, name=KEY_SET)
    for indicator in Indicator.objects.filter(pk__in=chosen).order_by("title_fi"):
        indicator_services.add_to_set(actor=DEMO, indicator_set=key_set, indicator=indicator)
    return key_set


def _meeting(series: Series, starts: dt.datetime, title: str, users: dict[str, Any], key_set: Any) -> Meeting:
    coordinator = users["lappi"]
    meeting = services.create_meeting(
        actor=coordinator,
        series=series,
        title=title,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        place="Rovaniemi, Lapin aluetalo",
        online_url="https://teams.example.invalid/lapin-hyte-neuvottelu",
        other_actors=OTHERS,
    )
    for party in meeting.parties.select_related("organisation"):
        services.set_checker(actor=coordinator, party=party, checker=users[party.organisation.slug])
        for name, job_title, role, participation in PEOPLE[party.organisation.slug]:
            services.add_invitee(
                actor=coordinator, party=party, name=name, job_title=job_title, role=role, participation=participation
            )
    for item in meeting.agenda_items.filter(kind=ItemKind.INDICATORS):
        services.edit_item(actor=coordinator, item=item, title=item.title, body=item.body, indicator_set=key_set)
    services.add_material(
        actor=coordinator,
        meeting=meeting,
        title="THL: Hyvinvoinnin ja terveyden edistämisen johtaminen",
        url="https://thl.fi/fi/web/hyvinvoinnin-ja-terveyden-edistamisen-johtaminen",
    )
    return meeting


def _agree(meeting: Meeting, actions: list[Any], users: dict[str, Any], organisations: dict[str, Any]) -> None:
    coordinator = users["lappi"]
    goals = list(Goal.objects.filter(report__organisation__in=organisations.values(), report__term_start=2025))
    decisions = meeting.agenda_items.filter(kind=ItemKind.TEXT).order_by("position").first()
    minutes = {item.pk: "Käytiin läpi ja merkittiin tiedoksi." for item in meeting.agenda_items.all()}
    if decisions is not None:
        minutes[decisions.pk] = "Osapuolet sopivat alla kirjatuista toimista."
    services.save_minutes(actor=coordinator, meeting=meeting, minutes=minutes)
    for text, owner, person, due, served, _status, _note in actions:
        chosen = [
            g
            for g in goals
            for slug, starts in served
            if g.report.organisation.slug == slug and g.text.startswith(starts)
        ]
        services.add_action(
            actor=coordinator,
            meeting=meeting,
            text=text,
            owner=organisations[owner],
            owner_person=person,
            due_date=due,
            goals=chosen,
            agenda_item=decisions,
        )
    services.share_minutes(actor=coordinator, meeting=meeting)
    for user in users.values():
        services.confirm_minutes(actor=user, meeting=meeting, decision="confirmed")
    services.update_meeting(
        actor=coordinator,
        meeting=meeting,
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        online_url=meeting.online_url,
        other_actors=meeting.other_actors,
        is_public=True,
    )


def _follow_up(meeting: Meeting, actions: list[Any], users: dict[str, Any]) -> None:
    for agreed, (_text, owner, _person, _due, _goals, status, note) in zip(
        meeting.agreed_actions.order_by("position"), actions, strict=True
    ):
        services.follow_up_action(actor=users[owner], action=agreed, status=status, progress_note=note)


def load_demo_cooperation() -> int:
    """The negotiations, once: the number of agreed actions created (0 when they exist already)."""
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=["lappi", "kemi", "tornio"])}
    people = {u.username: u for u in get_user_model().objects.filter(username__in=CHECKERS.values())}
    if len(organisations) < 3 or len(people) < 3 or Series.objects.filter(title=SERIES_TITLE).exists():
        return 0
    users = {slug: people[username] for slug, username in CHECKERS.items()}
    for slug in ("lappi", "tornio"):
        _plan(organisations[slug], users[slug])
    areas = [organisations[slug].area for slug in ("kemi", "tornio", "lappi")]
    key_set = _key_indicators(organisations["lappi"], areas)
    series = services.create_series(
        actor=users["lappi"],
        convener=organisations["lappi"],
        kind="hyte_yearly",
        arrangement="joint",
        title=SERIES_TITLE,
        members=[organisations["kemi"], organisations["tornio"]],
        description="Sosiaali- ja terveydenhuollon järjestämislain (612/2021) 7 §:n vuosittainen neuvottelu.",
    )
    first = _meeting(series, _at(2025, 3, 13, 9), "Hyte-neuvottelu 2025", users, key_set)
    _agree(first, ACTIONS_2025, users, organisations)
    _follow_up(first, ACTIONS_2025, users)
    second = _meeting(series, _at(2026, 3, 12, 9), "Hyte-neuvottelu 2026", users, key_set)
    _agree(second, ACTIONS_2026, users, organisations)
    _follow_up(second, ACTIONS_2026, users)
    for agreed in second.agreed_actions.select_related("owner"):
        for slug, organisation in organisations.items():
            if agreed.owner_id == organisation.pk or agreed.goals.filter(report__organisation=organisation).exists():
                services.carry_action(actor=users[slug], action=agreed, organisation=organisation)
    _meeting(series, _at(2027, 3, 11, 9), "Hyte-neuvottelu 2027", users, key_set)
    return AgreedAction.objects.filter(meeting__series=series).count()
