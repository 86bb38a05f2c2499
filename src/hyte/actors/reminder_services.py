"""Reminding the keepers of activities not checked in twelve months: one notification (in the product, and by
e-mail as each person chose) per person and register, listing the activities and linking to the register's page of
entries to check, where each is marked "checked, still current". Not again within HYTE_REGISTER_REMINDER_DAYS."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_noop

from hyte.accounts.permissions import Action, require
from hyte.actors import reminders
from hyte.actors.models import Activity
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor as Who
from hyte.notifications.models import Kind
from hyte.notifications.services import notify

LISTED = 5  # titles named in the notification; the page lists them all


def _titles(activities: list[Activity]) -> str:
    titles = ", ".join(a.title for a in activities[:LISTED])
    return f"{titles} …" if len(activities) > LISTED else titles


@audit.service(AuditAction.ACTIVITY_REMIND)
def remind_stale_register(*, actor: Who) -> int:
    """Tell the keepers of each activity due a reminder (`reminders.due`) and remember when; returns how many
    notifications were raised."""
    now = clock.now()
    told = 0
    for keeper, activities in reminders.by_keeper(reminders.due(now)).items():
        for activity in activities:
            require(actor, Action.EDIT, activity)
        people = reminders.people_of(keeper)
        if not people:
            continue  # nobody to tell: it stays due, and is told once someone keeps it
        notified = notify(
            actor=actor,
            users=people,
            kind=Kind.REGISTER_STALE,
            message=gettext_noop("Not checked in 12 months (%(count)s): %(titles)s. Check them in the register."),
            params={"count": len(activities), "titles": _titles(activities)},
            url=reverse("register-stale", args=[keeper.slug]),
            organisation=keeper,
        )
        ids = [a.pk for a in activities]
        Activity.objects.filter(pk__in=ids).update(reminded_at=now)
        audit.record(
            keeper,
            organisation=keeper,
            changes={"activities": [None, ids], "told": [None, sorted(n.user_id for n in notified)]},
        )
        told += len(notified)
    return told
