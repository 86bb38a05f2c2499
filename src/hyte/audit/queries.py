from __future__ import annotations

from django.db.models import QuerySet

from hyte.accounts.models import Organisation
from hyte.audit.models import AuditEntry


def organisation_log(organisation: Organisation, *, action: str = "") -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.filter(organisation=organisation).select_related("actor")
    if action:
        entries = entries.filter(action=action)
    return entries
