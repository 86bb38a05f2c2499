"""The agenda's data, read afresh whenever the agenda is shown, so that it is current at the meeting: the actions
agreed earlier in the series with their status now, each party's plan goals side by side (read through
`hyte.reports`' queries) and the key indicators of the area (the situation picture's table of a county's
municipalities, with the county and the whole country), and the county's interfaces due for review with the
invited municipalities' counterpart pairs. A fixed number of queries, however many parties,
goals and actions there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q

from hyte.accounts.models import OrganisationKind
from hyte.cooperation import interface_queries
from hyte.cooperation.action_models import OPEN_STATUSES
from hyte.cooperation.models import AgendaItem, AgreedAction, ItemKind, Meeting
from hyte.core.actors import Viewer
from hyte.core.clock import HELSINKI
from hyte.indicators.queries import set_items
from hyte.regions.models import AreaKind
from hyte.reports.models import Goal, Report
from hyte.reports.queries import readable_plans
from hyte.situation.county import CountyTable, county_table


@dataclass
class PartyPlan:
    organisation: Any
    plan: Report | None
    goals: list[Goal] = field(default_factory=list)


@dataclass
class ShownItem:
    item: AgendaItem
    actions: list[AgreedAction] = field(default_factory=list)
    plans: list[PartyPlan] = field(default_factory=list)
    table: CountyTable | None = None
    interfaces: list[DueInterface] = field(default_factory=list)


@dataclass
class DueInterface:
    """An interface due for review by the meeting, with each invited municipality's counterpart pair."""

    interface: Any
    rows: list[Any] = field(default_factory=list)  # (municipality, pair or None, valid on the meeting's day)


def earlier_actions(meeting: Meeting) -> list[AgreedAction]:
    """The actions agreed at the series' previous meeting, and those of older meetings still open."""
    series = meeting.series
    earlier = series.meetings.filter(starts_at__lt=meeting.starts_at).order_by("-starts_at", "-id")
    previous = earlier.values_list("pk", flat=True)[:1]
    return list(
        AgreedAction.objects.filter(meeting__in=earlier)
        .filter(Q(meeting__in=previous) | Q(status__in=OPEN_STATUSES))
        .select_related("owner", "meeting__series__convener")
        .prefetch_related(Prefetch("goals", queryset=Goal.objects.select_related("report__organisation")), "indicators")
        .order_by("meeting__starts_at", "position", "id")
    )


def party_plans(user: Viewer, meeting: Meeting) -> list[PartyPlan]:
    """Each invited organisation's current plan that the reader may read, convener first."""
    organisations = [party.organisation for party in meeting.parties.all()]
    convener_id = meeting.series.convener_id
    organisations.sort(key=lambda o: (o.pk != convener_id, o.name))
    plans = readable_plans(user, organisations)
    return [
        PartyPlan(
            organisation,
            plans.get(organisation.pk),
            list(plans[organisation.pk].goals.all()) if organisation.pk in plans else [],
        )
        for organisation in organisations
        if organisation.kind in (OrganisationKind.MUNICIPALITY, OrganisationKind.COUNTY) or organisation.pk in plans
    ]


def indicator_table(meeting: Meeting, item: AgendaItem) -> CountyTable | None:
    """The invited municipalities × the item's indicator set, with the county and the whole country."""
    county = meeting.series.convener.area
    if item.indicator_set is None or county is None or county.kind != AreaKind.COUNTY:
        return None
    municipalities = [
        party.organisation.area_id
        for party in meeting.parties.all()
        if party.organisation.kind == OrganisationKind.MUNICIPALITY and party.organisation.area_id is not None
    ]
    return county_table(county, set_items(item.indicator_set), only=municipalities)


def due_interfaces(meeting: Meeting) -> list[DueInterface]:
    """The convener's interfaces whose review is due by the meeting's day, with the counterpart pairs of the
    municipalities invited (valid on that day or not)."""
    day = meeting.starts_at.astimezone(HELSINKI).date()
    municipalities = [
        party.organisation
        for party in meeting.parties.all()
        if party.organisation.kind == OrganisationKind.MUNICIPALITY
    ]
    found = []
    for interface in interface_queries.due_for_review(meeting.series.convener, day):
        due = DueInterface(interface)
        for municipality in municipalities:
            pair = interface_queries.current_pair(interface, municipality.pk, day)
            due.rows.append((municipality, pair, pair is not None and pair.valid_on(day)))
        found.append(due)
    return found


def shown_agenda(user: Viewer, meeting: Meeting) -> list[ShownItem]:
    """The agenda items with their data; each kind of data is read once however many items show it."""
    items = list(meeting.agenda_items.all())
    kinds = {item.kind for item in items}
    actions = earlier_actions(meeting) if ItemKind.ACTIONS in kinds else []
    plans = party_plans(user, meeting) if ItemKind.GOALS in kinds else []
    due = due_interfaces(meeting) if ItemKind.INTERFACES in kinds else []
    shown = []
    for item in items:
        entry = ShownItem(item)
        if item.kind == ItemKind.ACTIONS:
            entry.actions = actions
        elif item.kind == ItemKind.GOALS:
            entry.plans = plans
        elif item.kind == ItemKind.INDICATORS:
            entry.table = indicator_table(meeting, item)
        elif item.kind == ItemKind.INTERFACES:
            entry.interfaces = due
        shown.append(entry)
    return shown
