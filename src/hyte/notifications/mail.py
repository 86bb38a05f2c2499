"""Notification e-mails: one for each notification, or one a day with all of them, in the person's language."""

from __future__ import annotations

import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hyte.core import clock
from hyte.notifications.models import Notification
from hyte.notifications.queries import preferences_of

logger = logging.getLogger("hyte.notifications")


def _address(url: str) -> str:
    base = settings.PUBLIC_BASE_URL
    return f"{base}{url}" if base and url.startswith("/") else url


def _body(notifications: list[Notification]) -> str:
    lines = []
    for n in notifications:
        lines.append(f"- {n.text}")
        if n.url:
            lines.append(f"  {_address(n.url)}")
    lines.append("")
    lines.append(_("You can choose what Hyte tells you, and how, on the notifications page."))
    return "\n".join(lines)


def send_each(ids: list[int]) -> int:
    """Mail the notifications with these ids to those who want a mail for each; returns how many were sent."""
    sent = 0
    notifications = list(Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).select_related("user"))
    preferences = preferences_of(n.user_id for n in notifications)
    for n in notifications:
        preference = preferences[n.user_id]
        if not preference.email or preference.daily_digest or not n.user.email:
            continue
        with translation.override(preference.language):
            subject = _("Hyte: %(text)s") % {"text": n.text}
            _deliver(n.user.email, subject[:200], _body([n]), [n])
        sent += 1
    return sent


def send_digests() -> int:
    """One mail to each person who chose the daily digest, with what is new since the last one."""
    pending: dict[int, list[Notification]] = defaultdict(list)
    for n in Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True).select_related("user"):
        pending[n.user_id].append(n)
    sent = 0
    preferences = preferences_of(pending)
    for user_id, notifications in pending.items():
        user = notifications[0].user
        preference = preferences[user_id]
        if not preference.email or not preference.daily_digest or not user.email:
            continue
        with translation.override(preference.language):
            subject = ngettext(
                "Hyte: %(count)d new notification", "Hyte: %(count)d new notifications", len(notifications)
            ) % {"count": len(notifications)}
            _deliver(user.email, subject, _body(notifications), notifications)
        sent += 1
    return sent


def _deliver(address: str, subject: str, body: str, notifications: list[Notification]) -> None:
    try:
        send_mail(subject, body, None, [address])
    except OSError:
        logger.exception("a notification mail to %s could not be sent; it stays in the product", address)
        return
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=clock.now())
