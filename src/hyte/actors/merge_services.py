"""Writes about duplicate actors: merging two entries of one actor, with a record of where each value came from,
and saying that two entries are different actors. Keyword-only, typed, atomic, audited, resolver-checked."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, permissions_for, require
from hyte.actors import search
from hyte.actors.models import Activity, Actor, ActorAlias, NotDuplicate
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor as Who
from hyte.core.actors import SystemActor, person

# The values a coordinator chooses between, field by field. The business id is not a choice: the entry that stays
# keeps the one there is (two different ones are two actors); the organisation in Hyte and the source ids stay
# with their entry (the merged entry's source id becomes an alias of the one that stays).
MERGE_FIELDS = ("kind", "name", "name_sv", "register_number", "area", "contact", "website")
SNAPSHOT = ("kind", "name", "name_sv", "business_id", "register_number", "area", "contact", "website", "source")


def _who(actor: Who) -> str:
    return actor.audit_name if isinstance(actor, SystemActor) else actor.get_username()


def _locked(survivor: Actor, merged: Actor) -> tuple[Actor, Actor]:
    """Both entries read again under a lock, so that two coordinators merging at once cannot lose one."""
    if survivor.pk == merged.pk:
        raise ValidationError(_("An entry cannot be merged with itself."))
    found = {a.pk: a for a in Actor.objects.select_for_update().filter(pk__in=[survivor.pk, merged.pk])}
    if len(found) != 2:
        raise ValidationError(_("One of the entries is no longer in the register: it may have been merged already."))
    return found[survivor.pk], found[merged.pk]


def _check(survivor: Actor, merged: Actor, take: Collection[str]) -> None:
    if merged.organisation_id is not None:
        if survivor.organisation_id is not None:
            raise ValidationError(_("Two NGOs' own entries are not merged: each is kept by its organisation in Hyte."))
        raise ValidationError(_("An NGO's own entry is the one that stays: merge the other entry into it."))
    if survivor.business_id and merged.business_id and survivor.business_id != merged.business_id:
        raise ValidationError(_("The entries have different business ids: they are different actors."))
    unknown = sorted(set(take) - set(MERGE_FIELDS))
    if unknown:
        raise ValidationError(_("These cannot be taken from the other entry: %(fields)s") % {"fields": unknown})


def _move_activities(survivor: Actor, merged: Actor) -> list[int]:
    """The merged entry's activities become the survivor's; returns their ids."""
    through = Activity.providers.through
    moved = sorted(through.objects.filter(actor_id=merged.pk).values_list("activity_id", flat=True))
    already = set(through.objects.filter(actor_id=survivor.pk).values_list("activity_id", flat=True))
    through.objects.bulk_create([through(activity_id=pk, actor_id=survivor.pk) for pk in moved if pk not in already])
    through.objects.filter(actor_id=merged.pk).delete()
    return moved


def _move_keys(survivor: Actor, merged: Actor, now: Any) -> None:
    """Re-importing the merged entry's source finds the survivor; its "not a duplicate" answers carry over."""
    ActorAlias.objects.filter(actor=merged).update(actor=survivor)
    if merged.external_id:
        ActorAlias.objects.update_or_create(
            source=merged.source, external_id=merged.external_id, defaults={"actor": survivor, "merged_at": now}
        )
    for row in NotDuplicate.objects.filter(first=merged) | NotDuplicate.objects.filter(second=merged):
        other = row.second_id if row.first_id == merged.pk else row.first_id
        if other != survivor.pk:
            first, second = sorted((other, survivor.pk))
            NotDuplicate.objects.get_or_create(
                first_id=first, second_id=second, defaults={"decided_at": row.decided_at, "decided_by": row.decided_by}
            )


@audit.service(AuditAction.ACTOR_MERGE)
def merge_actors(*, actor: Who, survivor: Actor, merged: Actor, take: Collection[str] = ()) -> Actor:
    """Merge `merged` into `survivor` and delete it. The fields named in `take` get the merged entry's values, and
    the survivor's `provenance` records where each came from; the survivor keeps the business id there is, gets
    the merged entry's activities, and its source id as an alias. Needs the right to edit both entries; an NGO's
    own entry is never the one merged away, and two NGOs' own entries are not merged."""
    survivor, merged = _locked(survivor, merged)
    require(actor, Action.EDIT, survivor)
    require(actor, Action.EDIT, merged)
    _check(survivor, merged, take)
    now = clock.now()
    origin: dict[str, Any] = {
        "from": {"id": merged.pk, "name": merged.name},
        "source": merged.source,
        "external_id": merged.external_id,
        "at": now.isoformat(),
        "by": _who(actor),
    }
    wanted = [name for name in MERGE_FIELDS if name in take]
    if merged.business_id and not survivor.business_id:
        wanted.append("business_id")
    earlier = (merged.provenance or {}).get("fields", {})
    fields = dict((survivor.provenance or {}).get("fields", {}))
    values: dict[str, Any] = {}
    for name in wanted:
        if getattr(merged, name) != getattr(survivor, name):
            values[name] = getattr(merged, name)
            fields[name] = {**origin, "earlier": earlier[name]} if name in earlier else origin
    merged_entries = [
        *(survivor.provenance or {}).get("merged", []),
        {**origin["from"], **{k: v for k, v in origin.items() if k != "from"}, "business_id": merged.business_id},
        *(merged.provenance or {}).get("merged", []),
    ]
    moved = _move_activities(survivor, merged)
    _move_keys(survivor, merged, now)
    gone = audit.snapshot(merged, SNAPSHOT)
    audit.delete(merged, changes={"merged_into": [None, survivor.pk], **audit.diff({}, gone)})
    survivor.provenance = {"fields": fields, "merged": merged_entries}
    audit.update(
        survivor,
        also_changed={"merged": [None, f"{merged.name} ({origin['from']['id']})"], "activities": [None, moved]},
        **values,
        last_checked_at=now,
        last_checked_by=person(actor),
    )
    Actor.objects.filter(pk=survivor.pk).update(provenance=survivor.provenance)
    relations = ("providers", "themes", "target_groups")
    for activity in Activity.objects.filter(providers=survivor).prefetch_related(*relations):
        search.reindex(activity)  # the providers' names are part of what search reads
    return survivor


@audit.service(AuditAction.ACTOR_NOT_DUPLICATE)
def mark_not_duplicate(*, actor: Who, first: Actor, second: Actor) -> NotDuplicate:
    """Two entries are different actors: stop suggesting them as a pair. The keeper of either entry may say so
    (a pair across municipalities is kept by two coordinators)."""
    if first.pk == second.pk:
        raise ValidationError(_("An entry cannot be merged with itself."))
    keeper = first if permissions_for(actor).can(Action.EDIT, first) else second
    require(actor, Action.EDIT, keeper)
    low, high = sorted((first, second), key=lambda a: a.pk)
    found = NotDuplicate.objects.filter(first=low, second=high).first()
    if found is not None:
        return found
    return audit.create(
        NotDuplicate,
        audit_fields=["first", "second"],
        first=low,
        second=high,
        decided_at=clock.now(),
        decided_by=person(actor),
    )
