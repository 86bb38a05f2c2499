"""The register of actors and activities in an organisation's archive.

The register is an area's, not one organisation's, so the archive carries the part of it that is the
organisation's: the actors whose municipality it is (for a municipality) or whose own entry it keeps (an NGO),
the activities in its municipality or offered by those actors, and the other providers of those activities, with
their themes and target groups (by code), their providers, and their links to the plan's measures where the
archive carries the plan (otherwise the export names those links as left out).

On import an entry that is in this instance already is not made again, so importing an archive twice, or into an
instance that has the area's register, never duplicates it. An entry is the same when it has the same source and
id there (`source`, `external_id`: an entry imported from elsewhere keeps its own), or, for an entry made by hand,
the same archive origin and id (an entry imported from an archive is given `source` = the exporting instance's
origin and `external_id` = its id there), or it came from this very instance (its id here), or, for an actor,
when it has the same business id. An entry found is kept as it is here, with its own links.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.crypto import salted_hmac

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.actors import search
from hyte.actors.models import Activity, Actor

REGISTER = (Actor, Activity)


def origin() -> str:
    """This instance as the source of the register entries its archives carry: its public address, else a
    fingerprint derived from its secret key (stable while the key is, and revealing nothing of it)."""
    if settings.PUBLIC_BASE_URL:
        return f"hyte:{urlsplit(settings.PUBLIC_BASE_URL).netloc}"
    return f"hyte:{salted_hmac('hyte.transfer.origin', 'instance').hexdigest()[:16]}"


def _own_actors(organisation: Organisation) -> Q:
    own = Q(organisation_id=organisation.pk)
    if organisation.kind == OrganisationKind.MUNICIPALITY and organisation.area_id is not None:
        own |= Q(area_id=organisation.area_id)
    return own


def activity_ids(organisation: Organisation) -> QuerySet[Activity, Any]:
    """The activities in the organisation's municipality or offered by its own actors."""
    where = Q(providers__in=Actor.objects.filter(_own_actors(organisation)).values("pk"))
    if organisation.kind == OrganisationKind.MUNICIPALITY and organisation.area_id is not None:
        where |= Q(area_id=organisation.area_id)
    return Activity.objects.filter(where).values("pk")


def actors_of(organisation: Organisation) -> Q:
    """The organisation's own actors and every provider of its activities."""
    ids = Actor.objects.filter(_own_actors(organisation) | Q(activities__in=activity_ids(organisation))).values("pk")
    return Q(pk__in=ids)


def activities_of(organisation: Organisation) -> Q:
    return Q(pk__in=activity_ids(organisation))


def links_of(organisation: Organisation) -> Q:
    """The many-to-many links (providers, themes, target groups, measures) of the organisation's activities."""
    return Q(activity_id__in=activity_ids(organisation))


Batch = list[tuple[Any, models.Model, dict[str, Any]]]


class Matcher:
    """Finds the archive's register entries that this instance has already, and keys the new ones."""

    def __init__(self, archive_origin: str) -> None:
        self.archive_origin = archive_origin
        self.here = origin()
        self.matched: dict[type[models.Model], set[Any]] = {model: set() for model in REGISTER}
        self.inserted: list[int] = []  # activities made here, for the search index
        self.warnings: list[str] = []

    def key(self, old: Any, entry: Actor | Activity) -> tuple[str, str]:
        if entry.external_id:
            return entry.source, entry.external_id
        return self.archive_origin, str(old)

    def split(self, model: type[models.Model], batch: Batch) -> tuple[Batch, dict[Any, int]]:
        """The rows to insert (keyed by their origin) and the old ids of those found here → their ids here."""
        entries: list[tuple[Any, Any]] = [(old, obj) for old, obj, _later in batch]
        keys = {old: self.key(old, entry) for old, entry in entries}
        manager: Any = model._default_manager
        home = {int(ext) for src, ext in keys.values() if src == self.here and ext.isdigit()}
        at_home = set(manager.filter(pk__in=home).values_list("pk", flat=True))
        sources, ids = {src for src, _ext in keys.values()}, {ext for _src, ext in keys.values()}
        rows = manager.filter(source__in=sources, external_id__in=ids).values_list("pk", "source", "external_id")
        known = {(src, ext): pk for pk, src, ext in rows}
        business = {}
        if model is Actor:
            numbers = {entry.business_id for _old, entry in entries if entry.business_id}
            business = dict(manager.filter(business_id__in=numbers).values_list("business_id", "pk"))
        found: dict[Any, int] = {}
        kept: Batch = []
        for old, entry, later in batch:
            src, ext = keys[old]
            here = int(ext) if src == self.here and ext.isdigit() and int(ext) in at_home else None
            pk = here or known.get((src, ext)) or business.get(getattr(entry, "business_id", "") or None)
            if pk is not None:
                found[old] = pk
                self.matched[model].add(old)
            else:
                entry.source, entry.external_id = src, ext  # type: ignore[attr-defined]
                kept.append((old, entry, later))
        if model is Actor:
            self._free_organisations([entry for _old, entry, _later in kept])
        return kept, found

    def _free_organisations(self, actors: Iterable[Any]) -> None:
        """An organisation keeps one entry: a new actor whose organisation has its entry here already is
        imported without that link."""
        wanted = {actor.organisation_id for actor in actors if actor.organisation_id is not None}
        taken = set(Actor.objects.filter(organisation_id__in=wanted).values_list("organisation_id", flat=True))
        for actor in actors:
            if actor.organisation_id in taken:
                self.warnings.append(
                    f"actors.actor: {actor.name} was imported without its link to its organisation, whose entry is "
                    "in this instance already"
                )
                actor.organisation_id = None

    def reindex(self) -> None:
        """The activities made here into the text search (on SQLite its own table), their links being in."""
        made = Activity.objects.filter(pk__in=self.inserted).prefetch_related("providers", "themes", "target_groups")
        for activity in made:
            search.reindex(activity)
