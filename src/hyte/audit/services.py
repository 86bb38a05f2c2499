"""Writing the audit log. Every service calls `record` inside its own transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import models

from hyte.audit.models import AuditEntry
from hyte.core import clock

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from hyte.accounts.models import Organisation


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` on `instance`, ready to compare with `diff`."""
    return {name: _jsonable(getattr(instance, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Field → [old, new] for every field whose value changed."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model | None = None,
    organisation: Organisation | None = None,
    changes: Mapping[str, Any] | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEntry:
    user = actor if actor is not None and actor.is_authenticated else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    return AuditEntry.objects.create(
        at=clock.now(),
        actor=user,
        actor_name=(user.get_username() if user is not None else "system")[:200],
        organisation=organisation,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        changes=_jsonable(dict(changes or {})),
    )
