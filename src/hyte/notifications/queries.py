"""Reads of notifications: a person's own, newest first."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db.models import QuerySet

from hyte.core.actors import Actor
from hyte.notifications.models import Notification, Preference


def of(user: User, *, limit: int = 100) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("organisation")[:limit]


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def preferences_of(user_ids: Iterable[int]) -> dict[int, Preference]:
    """The choices of these people, by user id, in one query (the defaults for those who never chose)."""
    ids = set(user_ids)
    found = {p.user_id: p for p in Preference.objects.filter(user_id__in=ids)}
    return {pk: found.get(pk) or Preference(user_id=pk) for pk in ids}


def display_name(actor: Actor) -> str:
    """How a notification names who did it."""
    if isinstance(actor, User):
        return actor.get_full_name() or actor.get_username()
    return str(getattr(actor, "audit_name", "Hyte"))


def preference_of(user: User) -> Preference:
    found = Preference.objects.filter(user=user).first()
    return found if found is not None else Preference(user=user)
