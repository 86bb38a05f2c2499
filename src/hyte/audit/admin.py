"""The audit log in the admin (read-only: it is evidence), and what makes every other admin write audited:
adding, changing and deleting rows, one by one or in bulk."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from hyte.audit.actions import AuditAction
from hyte.audit.log import diff, record, snapshot
from hyte.audit.models import AuditEntry

# Never in the log: a password hash is a secret even when it changes.
_SECRET_FIELDS = {"password", "token_hash", "client_secret", "key"}


class AuditedAdminMixin:
    """Mixed into a ModelAdmin: every save and delete writes an audit row in the same transaction."""

    def _fields(self, obj: Model) -> list[str]:
        return [f.attname for f in obj._meta.concrete_fields if f.attname not in _SECRET_FIELDS]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = snapshot(type(obj).objects.get(pk=obj.pk), self._fields(obj)) if change else {}
            super().save_model(request, obj, form, change)  # type: ignore[misc]
            record(
                obj,
                actor=request.user,  # type: ignore[arg-type]
                action=AuditAction.ADMIN_CHANGE if change else AuditAction.ADMIN_ADD,
                changes=diff(before, snapshot(obj, self._fields(obj))),
            )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        obj = form.instance
        many = [f.name for f in obj._meta.many_to_many]
        before = {name: sorted(str(pk) for pk in getattr(obj, name).values_list("pk", flat=True)) for name in many}
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        after = {name: sorted(str(pk) for pk in getattr(obj, name).values_list("pk", flat=True)) for name in many}
        changed = diff(before, after)
        if changed:
            record(obj, actor=request.user, action=AuditAction.ADMIN_CHANGE, changes=changed)  # type: ignore[arg-type]

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            record(
                obj,
                actor=request.user,  # type: ignore[arg-type]
                action=AuditAction.ADMIN_DELETE,
                changes=diff(snapshot(obj, self._fields(obj)), {}),
            )
            super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    pass


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "organisation", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_name", "object_repr", "object_id"]
    date_hierarchy = "at"

    # The log is evidence: nobody edits or deletes it, not even superusers.
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
