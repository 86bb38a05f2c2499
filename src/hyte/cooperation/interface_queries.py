"""Reads of a county's interfaces (yhdyspinnat) and counterpart pairs (vastinparit): the register, one interface,
a municipality's counterparts, the county's gaps, and the interfaces due for review by a date. Each reads a fixed
number of queries however many municipalities and interfaces there are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from hyte.accounts.models import Membership, Organisation, OrganisationKind
from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation.interface_models import CounterpartPair, Interface, InterfaceOwner
from hyte.core.actors import Viewer
from hyte.indicators.models import Indicator
from hyte.reports.models import Goal
from hyte.reports.queries import readable_plans


def county_of(organisation: Organisation) -> Organisation | None:
    """The county whose register the organisation reads: itself if a county, else its area's county's."""
    if organisation.kind == OrganisationKind.COUNTY:
        return organisation
    if organisation.kind != OrganisationKind.MUNICIPALITY or organisation.area is None:
        return None
    county_area = organisation.area.county_id
    if county_area is None:
        return None
    return Organisation.objects.filter(kind=OrganisationKind.COUNTY, area_id=county_area, is_active=True).first()


def municipalities_of(county: Organisation) -> list[Organisation]:
    """The county's active municipality organisations, by name."""
    if county.area_id is None:
        return []
    return list(
        Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPALITY, area__county_id=county.area_id, is_active=True
        ).order_by("name")
    )


def _pairs() -> QuerySet[CounterpartPair]:
    return CounterpartPair.objects.select_related("municipality", "county_person", "municipality_person")


def interfaces(county: Organisation, *, retired: bool = True) -> QuerySet[Interface]:
    """The county's interfaces with their owners, pairs, goals and indicators prefetched."""
    found = Interface.objects.filter(county=county).select_related("county__area")
    if not retired:
        found = found.filter(is_retired=False)
    return found.prefetch_related(
        Prefetch("owners", queryset=InterfaceOwner.objects.select_related("municipality")),
        Prefetch("pairs", queryset=_pairs()),
        Prefetch("goals", queryset=Goal.objects.select_related("report__organisation")),
        "indicators",
    )


def register_for(user: Viewer, organisation: Organisation) -> tuple[Organisation, list[Interface]]:
    """The register the organisation reads (its county's) if the reader may; 404 otherwise."""
    county = county_of(organisation)
    if county is None or not permissions_for(user).can(Action.VIEW, Interface(county=county)):
        raise Http404
    return county, list(interfaces(county))


def interface_for(user: Viewer, organisation: Organisation, interface_id: int) -> Interface:
    """One interface of the register the organisation reads, if the reader may see it; 404 otherwise."""
    county = county_of(organisation)
    found = interfaces(county).filter(pk=interface_id).first() if county is not None else None
    if found is None or not permissions_for(user).can(Action.VIEW, found):
        raise Http404
    return found


def pair_for(user: Viewer, organisation: Organisation, pair_id: int) -> CounterpartPair:
    county = county_of(organisation)
    found = (
        _pairs().select_related("interface__county").filter(pk=pair_id, interface__county=county).first()
        if county is not None
        else None
    )
    if found is None or not permissions_for(user).can(Action.VIEW, found):
        raise Http404
    return found


def current_pair(interface: Interface, municipality_id: int, day: dt.date) -> CounterpartPair | None:
    """The pair of the municipality valid on `day`, else its newest pair (from the prefetched pairs)."""
    pairs = [pair for pair in interface.pairs.all() if pair.municipality_id == municipality_id]
    valid = [pair for pair in pairs if pair.valid_on(day)]
    if valid:
        return valid[0]
    return pairs[0] if pairs else None


def owner_in(interface: Interface, municipality_id: int) -> InterfaceOwner | None:
    return next((o for o in interface.owners.all() if o.municipality_id == municipality_id), None)


@dataclass
class Counterpart:
    interface: Interface
    pair: CounterpartPair | None
    owner: InterfaceOwner | None
    valid: bool


def counterparts(interfaces_: list[Interface], municipality: Organisation, day: dt.date) -> list[Counterpart]:
    """A municipality's counterparts at a glance: each interface in use, its pair for the municipality, valid or
    not on `day`."""
    found = []
    for interface in interfaces_:
        if interface.is_retired:
            continue
        pair = current_pair(interface, municipality.pk, day)
        found.append(
            Counterpart(interface, pair, owner_in(interface, municipality.pk), pair is not None and pair.valid_on(day))
        )
    return found


@dataclass
class GapRow:
    municipality: Organisation
    cells: list[bool] = field(default_factory=list)  # per interface: a valid pair on the day
    missing: int = 0


def gaps(interfaces_: list[Interface], municipalities: list[Organisation], day: dt.date) -> list[GapRow]:
    """Municipalities × interfaces in use: which lack a valid counterpart pair on `day`."""
    in_use = [interface for interface in interfaces_ if not interface.is_retired]
    valid = {
        (interface.pk, pair.municipality_id)
        for interface in in_use
        for pair in interface.pairs.all()
        if pair.valid_on(day)
    }
    rows = []
    for municipality in municipalities:
        row = GapRow(municipality, [(interface.pk, municipality.pk) in valid for interface in in_use])
        row.missing = row.cells.count(False)
        rows.append(row)
    return rows


def due_for_review(county: Organisation, by: dt.date) -> list[Interface]:
    """The county's interfaces in use whose next review is due on or before `by`."""
    return list(interfaces(county, retired=False).filter(next_review__isnull=False, next_review__lte=by))


def goal_choices(user: Viewer, county: Organisation) -> list[tuple[int, str]]:
    """The plan goals an interface can share: of the county's and its municipalities' current plans the reader
    may read."""
    organisations = [county, *municipalities_of(county)]
    plans = readable_plans(user, organisations)
    return [
        (goal.pk, f"{plan.organisation.display_name}: {goal.text[:120]}")
        for organisation in organisations
        if (plan := plans.get(organisation.pk)) is not None
        for goal in plan.goals.all()
    ]


def people_of(organisation_ids: list[int]) -> dict[int, list[Any]]:
    """Organisation id → its members (users), by name: the candidates of counterpart pairs."""
    found: dict[int, list[Any]] = {}
    memberships = (
        Membership.objects.filter(organisation_id__in=organisation_ids)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    for membership in memberships:
        found.setdefault(membership.organisation_id, []).append(membership.user)
    return found


def indicator_choices(user: Viewer, interface: Interface) -> list[tuple[int, str]]:
    """The indicators an interface can share: those of the county's own indicator sets, else of the shared
    (national) sets, and those it shares already; as the reader may see them."""
    perms = permissions_for(user)
    own = Indicator.objects.filter(sets__organisation=interface.county)
    found = own if own.exists() else Indicator.objects.filter(sets__organisation__isnull=True)
    chosen = list(
        (found | interface.indicators.all()).distinct().select_related("organisation").order_by("title_fi", "id")
    )
    return [(i.pk, i.title) for i in chosen if perms.can(Action.VIEW, i)]
