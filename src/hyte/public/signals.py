"""What changes the public site: raise the generation, and keep the static export (HYTE_PUBLISH_DIR) current."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F

from hyte.public import cache as page_cache
from hyte.public.models import Generation

logger = logging.getLogger(__name__)


def bump() -> None:
    if not Generation.objects.filter(pk=1).update(value=F("value") + 1):
        Generation.objects.get_or_create(pk=1, defaults={"value": 1})
    page_cache.forget()  # this process reads the new generation at once: now (in this transaction) …
    transaction.on_commit(page_cache.forget)  # … and once it is committed


def _export() -> None:
    from hyte.public.tasks import publish_site

    try:
        publish_site.enqueue()
    except Exception:  # the change itself is committed; a failed export must not turn it into an error page
        logger.exception("the static export of the public site failed")


def _warm(version_id: int) -> None:
    """With a worker (a task backend other than the immediate one), render the published PDFs ahead of readers;
    on the embedded default the first reader renders them, as publishing must not wait for it."""
    from django_tasks import task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    from hyte.public.tasks import warm_pdfs

    if isinstance(task_backends["default"], ImmediateBackend):
        return
    try:
        warm_pdfs.enqueue(version_id)
    except Exception:
        logger.exception("queuing the published PDFs failed")


def version_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from hyte.reports.models import ReportStatus

    if instance.status == ReportStatus.PUBLISHED:
        bump()
        version_id = instance.pk
        transaction.on_commit(lambda: _warm(version_id))
        if settings.HYTE_PUBLISH_DIR:
            transaction.on_commit(_export)


def organisation_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump()
    if settings.HYTE_PUBLISH_DIR:
        transaction.on_commit(_export)


def area_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump()


def call_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A published grant call (or its decision) shows on its funder's cached page as a link to its grants."""
    if instance.is_published:
        bump()


def cooperation_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A service chain, a published meeting (or one just taken off the site) or an agreed action of a published
    meeting: their links on the organisations' cached pages and their static copies."""
    from hyte.cooperation.chain_models import ServiceChain
    from hyte.cooperation.models import Meeting

    if isinstance(instance, ServiceChain):
        changed = True
    elif isinstance(instance, Meeting):
        changed = instance.is_public or "is_public" in (kwargs.get("update_fields") or ())
    else:
        changed = instance.meeting.is_public
    if changed:
        bump()
        if settings.HYTE_PUBLISH_DIR:
            transaction.on_commit(_export)
