"""Writes of support paths and their steps. Keyword-only, typed, atomic, audited, resolver-checked: a path is its
municipality's, and only those who keep it (`Action.EDIT` on the path) change it or its steps."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Max
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.actors.models import AgeGroup, SupportPath, SupportPathStep, TargetGroup
from hyte.actors.support_paths.details import PathDetails, StepDetails
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor as Who
from hyte.core.actors import person
from hyte.regions.models import AreaKind

PATH_AUDITED = ["title", "title_sv", "area", "age_groups"]


def _clean_path(values: dict[str, Any]) -> dict[str, Any]:
    for name in ("title", "title_sv", "title_en"):
        values[name] = values[name].strip()
    if not values["title"]:
        raise ValidationError(_("Give the support path a title in Finnish."))
    if values["area"].kind != AreaKind.MUNICIPALITY:
        raise ValidationError(_("A support path is a municipality's: choose one."))
    try:
        values["age_groups"] = [AgeGroup(group).value for group in values.get("age_groups") or []]
    except ValueError as exc:
        raise ValidationError(_("Choose the age groups from the list.")) from exc
    return values


def _check_publishable(path: SupportPath, *, steps: int) -> None:
    """The public site shows a path in Finnish and Swedish, and a path without steps leads nowhere."""
    if not (path.title_sv.strip() and path.introduction.strip() and path.introduction_sv.strip()):
        raise ValidationError(
            _("Before publishing, give the path its Swedish title and its introduction in Finnish and Swedish.")
        )
    if steps == 0:
        raise ValidationError(_("Before publishing, add at least one step to the path."))


def _set_target_groups(path: SupportPath, target_groups: Iterable[TargetGroup] | None) -> dict[str, list[Any]]:
    if target_groups is None:
        return {}
    before = sorted(path.target_groups.values_list("pk", flat=True))
    wanted = list(target_groups)
    path.target_groups.set(wanted)
    after = sorted(group.pk for group in wanted)
    return {"target_groups": [before, after]} if before != after else {}


@audit.service(AuditAction.PATH_CREATE)
def create_path(*, actor: Who, details: PathDetails, target_groups: Iterable[TargetGroup] = ()) -> SupportPath:
    """Start a support path in a municipality the actor keeps the register of; it is a draft until published."""
    values = _clean_path(details.values())
    require(actor, Action.EDIT, SupportPath(**values))
    path = audit.create(
        SupportPath, audit_fields=PATH_AUDITED, last_checked_at=clock.now(), last_checked_by=person(actor), **values
    )
    _set_target_groups(path, target_groups)
    return path


@audit.service(AuditAction.PATH_UPDATE)
def update_path(
    *,
    actor: Who,
    path: SupportPath,
    details: PathDetails,
    target_groups: Iterable[TargetGroup] | None = None,
) -> SupportPath:
    """Change a path's details; saving it marks it checked. A path stays in its municipality."""
    require(actor, Action.EDIT, path)
    values = _clean_path(details.values())
    if values["area"] != path.area:
        raise ValidationError(_("A support path stays in its municipality: make a new one for another."))
    if path.is_published:
        _check_publishable(SupportPath(**values), steps=path.steps.count())
    links = _set_target_groups(path, target_groups)
    changed = {name: value for name, value in values.items() if getattr(path, name) != value}
    audit.update(path, also_changed=links, last_checked_at=clock.now(), last_checked_by=person(actor), **changed)
    return path


@audit.service(AuditAction.PATH_DELETE)
def delete_path(*, actor: Who, path: SupportPath) -> None:
    """Delete a path and its steps (the activities they name stay in the register)."""
    require(actor, Action.EDIT, path)
    audit.delete(path, changes={"title": [path.title, None], "steps": [path.steps.count(), None]})


@audit.service(AuditAction.PATH_PUBLISH)
def publish_path(*, actor: Who, path: SupportPath) -> SupportPath:
    require(actor, Action.EDIT, path)
    _check_publishable(path, steps=path.steps.count())
    audit.update(path, is_published=True)
    return path


@audit.service(AuditAction.PATH_UNPUBLISH)
def unpublish_path(*, actor: Who, path: SupportPath) -> SupportPath:
    """Take a path off the public site; it is kept as a draft."""
    require(actor, Action.EDIT, path)
    audit.update(path, is_published=False)
    return path


def _clean_step(actor: Who, path: SupportPath, values: dict[str, Any]) -> dict[str, Any]:
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = value.strip()
    if not values["heading"]:
        raise ValidationError(_("Give the step a heading in Finnish."))
    activity = values["activity"]
    if activity is None and not values["service_name"]:
        raise ValidationError(_("A step is an activity of the register or a service: choose one or describe one."))
    if activity is not None and values["service_name"]:
        raise ValidationError(_("A step is either an activity of the register or a service, not both."))
    if activity is not None:
        require(actor, Action.VIEW, activity)
        if activity.area_id != path.area_id:
            raise ValidationError(_("Choose an activity in the path's own municipality."))
        for name in ("service_name_sv", "service_name_en", "service_phone", "service_url"):
            values[name] = ""
    elif not (values["service_phone"] or values["service_url"]):
        raise ValidationError(_("Give the service's phone number or link, so that people can reach it."))
    if values["service_url"]:
        try:
            URLValidator(schemes=["http", "https"])(values["service_url"])
        except ValidationError as exc:
            raise ValidationError(_("Give the service's link as a web address, e.g. https://example.fi.")) from exc
    return values


def _steps(path: SupportPath) -> list[SupportPathStep]:
    return list(path.steps.order_by("position", "pk"))


@audit.service(AuditAction.PATH_STEP_ADD)
def add_step(*, actor: Who, path: SupportPath, details: StepDetails) -> SupportPathStep:
    """Add a step at the end of the path."""
    require(actor, Action.EDIT, path)
    values = _clean_step(actor, path, details.values())
    last = path.steps.aggregate(last=Max("position"))["last"] or 0
    return audit.create(
        SupportPathStep,
        audit_fields=["heading", "activity", "service_name", "position"],
        path=path,
        position=last + 1,
        **values,
    )


@audit.service(AuditAction.PATH_STEP_UPDATE)
def update_step(*, actor: Who, step: SupportPathStep, details: StepDetails) -> SupportPathStep:
    path = step.path
    require(actor, Action.EDIT, path)
    values = _clean_step(actor, path, details.values())
    changed = {name: value for name, value in values.items() if getattr(step, name) != value}
    audit.update(step, **changed)
    return step


@audit.service(AuditAction.PATH_STEP_REMOVE)
def remove_step(*, actor: Who, step: SupportPathStep) -> None:
    """Remove a step; those after it move up. A published path keeps at least one step."""
    path = step.path
    require(actor, Action.EDIT, path)
    rest = [each for each in _steps(path) if each.pk != step.pk]
    if path.is_published and not rest:
        raise ValidationError(_("A published path needs at least one step: take it off the public site first."))
    audit.delete(step, changes={"heading": [step.heading, None], "position": [step.position, None]})
    for position, each in enumerate(rest, start=1):
        if each.position != position:  # closing the gap follows from the removal recorded above
            SupportPathStep.objects.filter(pk=each.pk).update(position=position)


@audit.service(AuditAction.PATH_STEP_MOVE)
def move_step(*, actor: Who, step: SupportPathStep, offset: int) -> SupportPathStep:
    """One place up (-1) or down (+1) in the path."""
    path = step.path
    require(actor, Action.EDIT, path)
    steps = _steps(path)
    index = next(i for i, each in enumerate(steps) if each.pk == step.pk)
    other = index + (1 if offset > 0 else -1)
    if not 0 <= other < len(steps):
        raise ValidationError(_("The step is already first or last in the path."))
    steps[index], steps[other] = steps[other], steps[index]
    for position, each in enumerate(steps, start=1):
        if each.position != position:
            audit.update(each, position=position)
    step.refresh_from_db(fields=["position"])
    return step
