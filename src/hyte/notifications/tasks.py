"""Background tasks: notification mails leave after the change that raised them has committed."""

from __future__ import annotations

from django_tasks import task

from hyte.notifications.mail import send_each


@task()
def send_mails(ids: list[int]) -> int:
    return send_each(ids)
