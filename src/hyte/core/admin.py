"""The Django admin writes master data directly; this base class makes those writes audited too."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction

from hyte.audit.services import diff, record, snapshot


class AuditedModelAdmin(admin.ModelAdmin):
    def _fields(self, obj: Any) -> list[str]:
        return [f.attname for f in obj._meta.concrete_fields]

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = {}
            if change:
                before = snapshot(type(obj).objects.get(pk=obj.pk), self._fields(obj))
            super().save_model(request, obj, form, change)
            after = snapshot(obj, self._fields(obj))
            record(
                actor=request.user,
                action="admin.change" if change else "admin.add",
                obj=obj,
                organisation=getattr(obj, "audit_organisation", None),
                changes=diff(before, after),
            )

    def delete_model(self, request: Any, obj: Any) -> None:
        with transaction.atomic():
            record(
                actor=request.user,
                action="admin.delete",
                obj=obj,
                organisation=getattr(obj, "audit_organisation", None),
                changes=diff(snapshot(obj, self._fields(obj)), {}),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
