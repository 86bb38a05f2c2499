"""The audit log as a mechanism, not a habit.

A write service declares what it audits, and the log checks that it does:

    @service(AuditAction.GOAL_ADD)
    def add_goal(*, actor: Actor, report: Report, text: str) -> Goal:
        require(actor, Action.EDIT, report)
        return audit.create(Goal, report=report, text=text)   # written and audited in one call

`@service` makes the function keyword-only (checked when it is defined), runs it in one transaction and
watches its SQL: a service that writes without leaving an audit row raises `UnauditedWrite` and nothing it
wrote is kept. Inside a service, `create`, `update` and `delete` write a row and its audit entry together, and
`record` writes an entry for anything else; the actor and the declared action come from the service.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from contextlib import nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from django.db import connection, models, transaction

from hyte.audit.actions import AuditAction
from hyte.audit.models import AuditEntry
from hyte.core import clock
from hyte.core.actors import Actor, SystemActor

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=models.Model)

MAX_VALUE = 500  # characters of one changed value kept in the log
_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|MERGE|REPLACE)\b|^\s*WITH\b.*\b(INSERT|UPDATE|DELETE)\b", re.I | re.S)


class UnauditedWrite(RuntimeError):
    """A service wrote to the database without an audit row: a programming error; its writes are undone."""


class UndeclaredAction(RuntimeError):
    """A service recorded an action it did not declare."""


@dataclass
class _Frame:
    service: str
    actor: Actor
    actions: tuple[AuditAction, ...]
    writes: int = 0
    audited: int = 0


_frames: ContextVar[tuple[_Frame, ...]] = ContextVar("hyte_audit_frames", default=())


def _count_writes(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
    if _WRITE.match(sql):
        for frame in _frames.get():
            frame.writes += 1
    return execute(sql, params, many, context)


def _check_signature(func: Callable[..., Any]) -> None:
    parameters = inspect.signature(func).parameters
    if "actor" not in parameters:
        raise TypeError(f"{func.__qualname__}: a service takes the acting `actor`")
    positional = [p.name for p in parameters.values() if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    if positional:
        raise TypeError(f"{func.__qualname__}: a service's arguments are keyword-only ({', '.join(positional)})")


def service(*actions: AuditAction, atomic: bool = True) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare a write service and the actions it audits (the first is its default).

    `atomic=False` is for the long-running import, which commits its progress separately; it is audited all the
    same.
    """
    if not actions:
        raise TypeError("a service declares at least one audit action")

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        _check_signature(func)

        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            frame = _Frame(service=func.__qualname__, actor=kwargs["actor"], actions=actions)  # type: ignore[arg-type]
            outer = _frames.get()
            token = _frames.set((*outer, frame))
            try:
                watch = nullcontext() if outer else connection.execute_wrapper(_count_writes)
                with transaction.atomic() if atomic else nullcontext(), watch:
                    result = func(*args, **kwargs)
                    if frame.writes and not frame.audited:
                        raise UnauditedWrite(f"{frame.service} wrote {frame.writes} time(s) without an audit row")
            finally:
                _frames.reset(token)
            return result

        wrapper.audit_actions = actions  # type: ignore[attr-defined]
        return wrapper

    return decorate


def is_service(func: Any) -> bool:
    return bool(getattr(func, "audit_actions", None))


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, str):
        return value if len(value) <= MAX_VALUE else value[: MAX_VALUE - 1] + "…"
    if isinstance(value, int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple | set | frozenset):
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


_FROM_OBJECT: Any = object()


def record(
    obj: models.Model | None = None,
    *,
    action: AuditAction | None = None,
    changes: Mapping[str, Any] | None = None,
    organisation: Any = _FROM_OBJECT,
    actor: Actor | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> AuditEntry:
    """Write one audit entry. Inside a service the actor and the action default to the service's; outside one
    (the admin, sign-in) both must be given. The organisation defaults to the object's `audit_organisation`."""
    frames = _frames.get()
    frame = frames[-1] if frames else None
    if frame is not None:
        action = action or frame.actions[0]
        if action not in frame.actions:
            raise UndeclaredAction(f"{frame.service} records {action}, which it does not declare")
        actor = actor or frame.actor
    if actor is None or action is None:
        raise TypeError("record() outside a service needs the actor and the action")
    if organisation is _FROM_OBJECT:
        organisation = getattr(obj, "audit_organisation", None)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    user = None if isinstance(actor, SystemActor) or not actor.is_authenticated else actor
    entry = AuditEntry.objects.create(
        at=clock.now(),
        actor=user,
        actor_name=(actor.audit_name if isinstance(actor, SystemActor) else actor.get_username())[:200],
        organisation=organisation,
        action=AuditAction(action).value,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr[:300],
        changes=_jsonable(dict(changes or {})),
    )
    for each in frames:
        each.audited += 1
    return entry


def create(
    model: type[M],
    *,
    action: AuditAction | None = None,
    audit_fields: Iterable[str] | None = None,
    audit_organisation: Any = _FROM_OBJECT,
    **values: Any,
) -> M:
    """Create a row and audit it: the changes are the audited fields (by default every value given)."""
    obj = model._default_manager.create(**values)
    fields = list(values) if audit_fields is None else list(audit_fields)
    record(obj, action=action, organisation=audit_organisation, changes=diff({}, snapshot(obj, fields)))
    return obj


def update(
    obj: M,
    *,
    action: AuditAction | None = None,
    audit_organisation: Any = _FROM_OBJECT,
    also_changed: Mapping[str, Any] | None = None,
    **values: Any,
) -> dict[str, list[Any]]:
    """Set fields, save only them and audit what changed; `also_changed` adds changes made elsewhere (e.g. a
    many-to-many set). Returns the changes."""
    before = snapshot(obj, values)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save(update_fields=[obj._meta.get_field(name).name for name in values])
    changed = diff(before, snapshot(obj, values))
    changed.pop("updated_at", None)  # the entry's own time says when
    changes = {**changed, **(also_changed or {})}
    record(obj, action=action, organisation=audit_organisation, changes=changes)
    return changes


def delete(
    obj: models.Model,
    *,
    action: AuditAction | None = None,
    audit_organisation: Any = _FROM_OBJECT,
    changes: Mapping[str, Any] | None = None,
) -> None:
    """Audit a row's removal, then remove it."""
    record(obj, action=action, organisation=audit_organisation, changes=changes)
    obj.delete()
