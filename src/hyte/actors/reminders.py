"""Who is reminded of which stale activity (reads; the reminding is reminder_services.py).

An activity is due a reminder when residents see it (published, not hidden, not ended), it has not been checked
in twelve months, and its keepers were not reminded of it in the last HYTE_REGISTER_REMINDER_DAYS days. Its keepers
are the editors of each NGO in Hyte that provides it (an NGO keeps its own activities), else the coordinators of
the municipality it takes place in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Prefetch, Q

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.actors.models import Activity, Actor
from hyte.actors.queries import stale_q
from hyte.notifications.recipients import coordinators, editors


def again_after() -> dt.timedelta:
    return dt.timedelta(days=settings.HYTE_REGISTER_REMINDER_DAYS)


def due(now: dt.datetime) -> list[Activity]:
    """The activities whose keepers are due a reminder, with their providers' organisations."""
    current = Q(is_published=True, is_hidden=False) & (Q(ends_on__isnull=True) | Q(ends_on__gte=now.date()))
    not_lately = Q(reminded_at__isnull=True) | Q(reminded_at__lt=now - again_after())
    providers = Actor.objects.select_related("organisation")
    return list(
        Activity.objects.filter(current & stale_q() & not_lately)
        .prefetch_related(Prefetch("providers", queryset=providers))
        .order_by("title", "pk")
    )


def by_keeper(activities: list[Activity]) -> dict[Organisation, list[Activity]]:
    """The activities grouped by the organisation whose people keep them: an NGO in Hyte, or the municipality."""
    area_ids = {a.area_id for a in activities}
    municipalities = {
        o.area_id: o
        for o in Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPALITY, is_active=True, area_id__in=area_ids
        ).order_by("pk")
    }
    kept: dict[Organisation, list[Activity]] = defaultdict(list)
    for activity in activities:
        keepers = {p.organisation for p in activity.providers.all() if p.organisation and p.organisation.is_active}
        municipality = municipalities.get(activity.area_id)
        if not keepers and municipality is not None:
            keepers = {municipality}
        for keeper in keepers:
            kept[keeper].append(activity)
    return dict(kept)


def people_of(keeper: Organisation) -> list[User]:
    """Who is told: an NGO's editors (and up), a municipality's coordinators."""
    return editors(keeper) if keeper.kind == OrganisationKind.NGO else coordinators(keeper)
