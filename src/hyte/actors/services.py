"""Writes of the register: actors and activities. Keyword-only, typed, atomic, audited, resolver-checked; each
write of an activity keeps its search document (and SQLite's FTS row) current."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, require
from hyte.actors import search
from hyte.actors.details import ActivityDetails, ActorDetails, ImageUpload
from hyte.actors.images import clean_activity_image
from hyte.actors.models import Activity, ActivityImage, Actor, TargetGroup, Theme
from hyte.actors.validation import clean_activity, clean_actor
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor as Who
from hyte.core.actors import person
from hyte.reports.models import Measure


@audit.service(AuditAction.ACTOR_CREATE)
def create_actor(
    *,
    actor: Who,
    details: ActorDetails,
    organisation: Organisation | None = None,
    source: str = "",
    external_id: str = "",
) -> Actor:
    """Add an actor to the register. `organisation` makes it an NGO's own entry, kept by its members; `source` and
    `external_id` say where an imported entry came from (importing it again updates it)."""
    values = clean_actor(details.values())
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
        audit_fields=[*values, "organisation", *(("source", "external_id") if external_id else ())],
        organisation=organisation,
        last_checked_at=clock.now(),
        last_checked_by=person(actor),
        source=source[:200] if external_id else "",
        external_id=external_id[:200],
        **values,
    )


@audit.service(AuditAction.ACTOR_UPDATE)
def update_actor(*, actor: Who, entry: Actor, details: ActorDetails) -> Actor:
    """Change an actor's entry; saving it marks it checked. Moving it to another municipality needs the right to
    edit there too."""
    require(actor, Action.EDIT, entry)
    values = clean_actor(details.values())
    if values["area"] != entry.area:
        require(actor, Action.EDIT, Actor(organisation=entry.organisation, **values))
    duplicate = Actor.objects.filter(business_id=values["business_id"]).exclude(pk=entry.pk)
    if values["business_id"] and duplicate.exists():
        raise ValidationError(_("An actor with this business id is in the register already."))
    provenance = _provenance_still_true(entry, values)
    audit.update(entry, **values, last_checked_at=clock.now(), last_checked_by=person(actor))
    if provenance != entry.provenance:
        Actor.objects.filter(pk=entry.pk).update(provenance=provenance)
        entry.provenance = provenance
    return entry


def _provenance_still_true(entry: Actor, values: dict[str, Any]) -> dict[str, Any]:
    """A value changed by hand no longer comes from a merged entry: its record of origin goes (merge_services.py)."""
    fields = (entry.provenance or {}).get("fields", {})
    kept = {name: came for name, came in fields.items() if name not in values or values[name] == getattr(entry, name)}
    return {**entry.provenance, "fields": kept} if kept != fields else entry.provenance


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
    source: str = "",
    external_id: str = "",
    image: ImageUpload | None = None,
) -> Activity:
    """Add an activity of actors the actor may edit (all `providers`); a draft unless published; with its
    picture when one is given. `source` and `external_id` say where an imported activity came from (importing it
    again updates it)."""
    providers = list(providers)
    if not providers:
        raise ValidationError(_("Name at least one provider."))
    _check_providers(actor, providers)
    values = clean_activity(details.values())
    activity = audit.create(
        Activity,
        audit_fields=["title", "area", "is_published", *(("source", "external_id") if external_id else ())],
        last_checked_at=clock.now(),
        last_checked_by=person(actor),
        source=source[:200] if external_id else "",
        external_id=external_id[:200],
        **values,
    )
    _links(activity, providers=providers, themes=themes, target_groups=target_groups, measures=measures)
    search.reindex(activity)
    if image is not None:
        set_activity_image(actor=actor, activity=activity, image=image)
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
    image: ImageUpload | None = None,
    remove_image: bool = False,
) -> Activity:
    """Change an activity and the links given; saving it marks it checked. Adding a provider needs the right to
    edit that actor. `image` sets its picture (or only the picture's text alternatives), `remove_image` removes
    it; a new picture wins over removing the old one."""
    require(actor, Action.EDIT, activity)
    values = clean_activity(details.values())
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
    if image is not None:
        set_activity_image(actor=actor, activity=activity, image=image)
    elif remove_image and ActivityImage.objects.filter(activity=activity).exists():
        remove_activity_image(actor=actor, activity=activity)
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


def _alt(text: str) -> str:
    return " ".join(text.split())[:300]


@audit.service(AuditAction.ACTIVITY_IMAGE_SET)
def set_activity_image(*, actor: Who, activity: Activity, image: ImageUpload) -> ActivityImage:
    """Give the activity its picture (replacing any earlier one), or with `image.data` None change only the text
    alternatives of the one it has. The picture is checked and re-encoded (`images.py`); what it shows must be
    said in Finnish and in Swedish: a screen reader reads that instead of the picture (WCAG 1.1.1)."""
    require(actor, Action.EDIT, activity)
    alt_text, alt_text_sv = _alt(image.alt_text), _alt(image.alt_text_sv)
    if not alt_text or not alt_text_sv:
        raise ValidationError(
            _("Say what the image shows in Finnish and in Swedish: the text alternatives are required.")
        )
    current = ActivityImage.objects.filter(activity=activity).defer("data").first()
    if image.data is None:
        if current is None:
            raise ValidationError(_("Choose an image file."))
        audit.update(current, alt_text=alt_text, alt_text_sv=alt_text_sv)
        return current
    clean = clean_activity_image(image.data, image.filename)
    if current is not None:
        audit.delete(current, changes={"sha256": [current.sha256, clean.sha256]})
    return audit.create(
        ActivityImage,
        audit_fields=["content_type", "width", "height", "sha256", "alt_text", "alt_text_sv"],
        activity=activity,
        data=clean.data,
        content_type=clean.content_type,
        width=clean.width,
        height=clean.height,
        sha256=clean.sha256,
        alt_text=alt_text,
        alt_text_sv=alt_text_sv,
        uploaded_at=clock.now(),
    )


@audit.service(AuditAction.ACTIVITY_IMAGE_REMOVE)
def remove_activity_image(*, actor: Who, activity: Activity) -> None:
    require(actor, Action.EDIT, activity)
    current = ActivityImage.objects.filter(activity=activity).defer("data").first()
    if current is None:
        raise ValidationError(_("The activity has no image."))
    audit.delete(current)
