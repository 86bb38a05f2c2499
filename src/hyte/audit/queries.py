from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from hyte.audit.models import AuditEntry

if TYPE_CHECKING:
    from hyte.accounts.models import Organisation


def organisation_log(organisation: Organisation, *, action: str = "") -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.filter(organisation=organisation).select_related("actor")
    if action:
        entries = entries.filter(action=action)
    return entries
