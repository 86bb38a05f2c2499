"""Writes about notifications: raising them (called by the domain services in the same transaction as the
change they tell of), reading them, and a person's choices. Keyword-only, atomic, audited.

A notification's text is written in each recipient's language when it is raised; its e-mail is sent after the
change commits, through the task backend (at once, or in the daily digest, as the person chose).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.notifications.models import Kind, Language, Notification, Preference
from hyte.notifications.queries import preferences_of


@audit.service(AuditAction.NOTIFY)
def notify(
    *,
    actor: Actor,
    users: Iterable[User],
    kind: Kind,
    message: str,
    params: Mapping[str, Any] | None = None,
    url: str = "",
    organisation: Organisation | None = None,
    key: str = "",
) -> list[Notification]:
    """Tell `users` (never the actor itself) of something, with `message` (a msgid marked with gettext_noop)
    translated into each one's language. With `key`, a person is told only once."""
    acting = getattr(actor, "pk", None)
    recipients = {u.pk: u for u in users if u.pk != acting and u.is_active}
    if key:
        already = set(Notification.objects.filter(key=key, user_id__in=recipients).values_list("user_id", flat=True))
        recipients = {pk: u for pk, u in recipients.items() if pk not in already}
    preferences = preferences_of(recipients)
    created = []
    now = clock.now()
    for pk, user in recipients.items():
        preference = preferences[pk]
        if kind.value in (preference.muted or []):
            continue
        with translation.override(preference.language or Language.FI):
            text = _(message) % dict(params or {})
        created.append(
            Notification(
                user=user, organisation=organisation, kind=kind, text=text[:500], url=url, key=key, created_at=now
            )
        )
    if not created:
        return []
    Notification.objects.bulk_create(created)
    audit.record(
        created[0],
        organisation=organisation,
        changes={"kind": [None, kind.value], "recipients": [None, sorted(n.user_id for n in created)]},
    )
    ids = [n.pk for n in created]
    transaction.on_commit(lambda: _mail_later(ids))
    return created


def _mail_later(ids: list[int]) -> None:
    from hyte.notifications.tasks import send_mails

    send_mails.enqueue(ids)


@audit.service(AuditAction.NOTIFICATIONS_READ)
def mark_read(*, actor: User, notifications: Iterable[Notification] | None = None) -> int:
    """Mark the actor's notifications (or the given ones of the actor's) read; returns how many."""
    found = Notification.objects.filter(user=actor, read_at__isnull=True)
    if notifications is not None:
        found = found.filter(pk__in=[n.pk for n in notifications])
    count = found.update(read_at=clock.now())
    if count:
        audit.record(actor, changes={"read": [None, count]})
    return count


@audit.service(AuditAction.NOTIFICATION_SETTINGS)
def set_preference(
    *, actor: User, language: str, email: bool, daily_digest: bool, muted: Iterable[str] = ()
) -> Preference:
    preference, _created = Preference.objects.get_or_create(user=actor)
    values: dict[str, Any] = {
        "language": Language(language).value,
        "email": email,
        "daily_digest": daily_digest,
        "muted": sorted({Kind(kind).value for kind in muted}),
    }
    audit.update(preference, **values)
    return preference
