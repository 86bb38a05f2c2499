"""Writes of the register: actors and activities. Keyword-only, typed, atomic, audited, resolver-checked; each
write of an activity keeps its search document (and SQLite's FTS row) current."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, require
from hyte.actors import search
from hyte.actors.businessid import normalise
from hyte.actors.details import ActivityDetails, ActorDetails
from hyte.actors.models import Activity, Actor, ActorKind, AgeGroup, Language, TargetGroup, Theme
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor as Who
from hyte.core.actors import person
from hyte.regions.models import AreaKind
from hyte.reports.models import Measure


def _clean_actor(values: dict[str, Any]) -> dict[str, Any]:
    values["kind"] = ActorKind(values["kind"]).value
    values["name"] = values["name"].strip()
    if not values["name"]:
        raise ValidationError(_("Give the actor's name."))
    values["business_id"] = normalise(values.get("business_id") or "")
    area = values["area"]
    if area.kind != AreaKind.MUNICIPALITY:
        raise ValidationError(_("An actor works in a municipality: choose one."))
    return values


@audit.service(AuditAction.ACTOR_CREATE)
def create_actor(*, actor: Who, details: ActorDetails, organisation: Organisation | None = None) -> Actor:
    """Add an actor to the register. `organisation` makes it an NGO's own entry, kept by its members."""
    values = _clean_actor(details.values())
    if organisation is not None:
        if organisation.kind != OrganisationKind.NGO:
            raise ValidationError(_("Only an NGO's organisation can keep its own entry."))
        if Actor.objects.filter(organisation=organisation).exists():
            raise ValidationError(_("This organisation has its entry in the register already."))
    require(actor, Action.EDIT, Actor(organisation=organisation, **values))
    if values["business_id"] and Actor.objects.filter(business_id=values["business_id"]).exists():
        raise ValidationError(_("An actor with this business id is in the register already."))
    return audit.create(
        Actor,
        audit_fields=[*values, "organisation"],
        organisation=organisation,
        last_checked_at=clock.now(),
        last_checked_by=person(actor),
        **values,
    )


@audit.service(AuditAction.ACTOR_UPDATE)
def update_actor(*, actor: Who, entry: Actor, details: ActorDetails) -> Actor:
    """Change an actor's entry; saving it marks it checked. Moving it to another municipality needs the right to
    edit there too."""
    require(actor, Action.EDIT, entry)
    values = _clean_actor(details.values())
    if values["area"] != entry.area:
        require(actor, Action.EDIT, Actor(organisation=entry.organisation, **values))
    duplicate = Actor.objects.filter(business_id=values["business_id"]).exclude(pk=entry.pk)
    if values["business_id"] and duplicate.exists():
        raise ValidationError(_("An actor with this business id is in the register already."))
    audit.update(entry, **values, last_checked_at=clock.now(), last_checked_by=person(actor))
    return entry


def _clean_activity(values: dict[str, Any]) -> dict[str, Any]:
    values["title"] = values["title"].strip()
    if not values["title"]:
        raise ValidationError(_("Give the activity a title."))
    values["place"] = " ".join((values.get("place") or "").split())  # the gap view compares places so too
    if values["area"].kind != AreaKind.MUNICIPALITY:
        raise ValidationError(_("An activity takes place in a municipality: choose one."))
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if isinstance(starts, dt.date) and isinstance(ends, dt.date) and ends < starts:
        raise ValidationError(_("The activity cannot end before it starts."))
    if values.get("recurring") and not (values.get("schedule") or "").strip():
        raise ValidationError(_("Say when a recurring activity meets, e.g. Tuesdays 10–12."))
    if not values.get("is_free", True) and not (values.get("fee") or "").strip():
        raise ValidationError(_("Say what the activity costs, or mark it free of charge."))
    if (values.get("latitude") is None) != (values.get("longitude") is None):
        raise ValidationError(_("A map point needs both its latitude and its longitude."))
    values["age_groups"] = [AgeGroup(group).value for group in values.get("age_groups") or []]
    values["languages"] = [Language(code).value for code in values.get("languages") or []]
    return values


def _links(
    activity: Activity,
    *,
    providers: Iterable[Actor] | None,
    themes: Iterable[Theme] | None,
    target_groups: Iterable[TargetGroup] | None,
    measures: Iterable[Measure] | None,
) -> dict[str, list[Any]]:
    """Set the activity's many-to-many links that were given; return the changes for its audit row."""
    changes: dict[str, list[Any]] = {}
    for name, given in (
        ("providers", providers),
        ("themes", themes),
        ("target_groups", target_groups),
        ("measures", measures),
    ):
        if given is None:
            continue
        manager = getattr(activity, name)
        before = sorted(manager.values_list("pk", flat=True))
        wanted = list(given)
        manager.set(wanted)
        after = sorted(obj.pk for obj in wanted)
        if before != after:
            changes[name] = [before, after]
    return changes


def _check_providers(actor: Who, providers: list[Actor]) -> None:
    """Only those who may edit an actor add activities in its name."""
    for provider in providers:
        require(actor, Action.EDIT, provider)


@audit.service(AuditAction.ACTIVITY_CREATE)
def create_activity(
    *,
    actor: Who,
    details: ActivityDetails,
    providers: Iterable[Actor],
    themes: Iterable[Theme] = (),
    target_groups: Iterable[TargetGroup] = (),
    measures: Iterable[Measure] = (),
) -> Activity:
    """Add an activity of actors the actor may edit (all `providers`); a draft unless published."""
    providers = list(providers)
    if not providers:
        raise ValidationError(_("Name at least one provider."))
    _check_providers(actor, providers)
    values = _clean_activity(details.values())
    activity = audit.create(
        Activity,
        audit_fields=["title", "area", "is_published"],
        last_checked_at=clock.now(),
        last_checked_by=person(actor),
        **values,
    )
    _links(activity, providers=providers, themes=themes, target_groups=target_groups, measures=measures)
    search.reindex(activity)
    return activity


@audit.service(AuditAction.ACTIVITY_UPDATE)
def update_activity(
    *,
    actor: Who,
    activity: Activity,
    details: ActivityDetails,
    providers: Iterable[Actor] | None = None,
    themes: Iterable[Theme] | None = None,
    target_groups: Iterable[TargetGroup] | None = None,
    measures: Iterable[Measure] | None = None,
) -> Activity:
    """Change an activity and the links given; saving it marks it checked. Adding a provider needs the right to
    edit that actor."""
    require(actor, Action.EDIT, activity)
    values = _clean_activity(details.values())
    if providers is not None:
        providers = list(providers)
        if not providers:
            raise ValidationError(_("Name at least one provider."))
        current = set(activity.providers.all())
        _check_providers(actor, [provider for provider in providers if provider not in current])
    links = _links(activity, providers=providers, themes=themes, target_groups=target_groups, measures=measures)
    changed = {name: value for name, value in values.items() if getattr(activity, name) != value}
    audit.update(activity, also_changed=links, last_checked_at=clock.now(), last_checked_by=person(actor), **changed)
    search.reindex(activity)
    return activity


@audit.service(AuditAction.ACTIVITY_CHECK)
def mark_checked(*, actor: Who, activity: Activity) -> None:
    """The activity was checked and is still current."""
    require(actor, Action.EDIT, activity)
    audit.update(activity, last_checked_at=clock.now(), last_checked_by=person(actor))


@audit.service(AuditAction.ACTIVITY_HIDE)
def hide_activity(*, actor: Who, activity: Activity, reason: str) -> None:
    """Hide an activity from the public finder; the reason is kept on it and in the audit log."""
    require(actor, Action.HIDE, activity)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for hiding the activity."))
    audit.update(activity, is_hidden=True, hidden_reason=reason[:300])


@audit.service(AuditAction.ACTIVITY_UNHIDE)
def unhide_activity(*, actor: Who, activity: Activity) -> None:
    require(actor, Action.HIDE, activity)
    audit.update(activity, is_hidden=False, hidden_reason="")
