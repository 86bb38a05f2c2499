"""What an import would do, row by row, decided without writing: create, update, leave unchanged, or reject with
every reason. The preview shows this plan; confirming carries it out through the register's services, which
check everything again."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, permissions_for
from hyte.actors.businessid import normalise
from hyte.actors.details import ActivityDetails, ActorDetails
from hyte.actors.imports.rows import ProviderIn, RowIn
from hyte.actors.imports.terms import Terms, lookup, model_limit, norm
from hyte.actors.models import Activity, Actor, ActorAlias, TargetGroup, Theme
from hyte.actors.validation import clean_activity, clean_actor
from hyte.core.actors import Actor as Who
from hyte.regions.models import Area

CREATE, UPDATE, UNCHANGED, REJECT = "create", "update", "unchanged", "reject"


@dataclass
class Options:
    source: str  # with each row's id, the key that makes importing again update instead of duplicate
    municipality: Area  # where rows that name none take place
    provider: Actor | None = None  # every row's provider (Linked Events; an NGO's own entry)
    publish: bool = False  # new activities go to the finder at once (a row's own "published" decides first)
    own_only: bool = False  # an NGO: rows may name no other provider than its own entry


@dataclass
class NewProvider:
    key: str
    details: ActorDetails
    external_id: str


@dataclass
class Planned:
    line: int
    key: str
    title: str
    action: str = REJECT
    reasons: list[str] = field(default_factory=list)
    activity: Activity | None = None  # the entry it updates
    details: ActivityDetails | None = None
    themes: list[Theme] | None = None  # None: left as they are
    target_groups: list[TargetGroup] | None = None
    provider: Actor | None = None
    new_provider: NewProvider | None = None
    provider_update: ActorDetails | None = None  # the source's newer details of an entry it made


class Planner:
    def __init__(self, *, actor: Who, organisation: Organisation, options: Options, rows: list[RowIn]) -> None:
        self.perms = permissions_for(actor)
        self.organisation = organisation
        self.options = options
        self.terms = Terms()
        source = options.source
        keys = [row.key for row in rows]
        self.existing = {
            activity.external_id: activity
            for activity in Activity.objects.filter(source=source, external_id__in=keys)
            .select_related("area")
            .prefetch_related("providers", "themes", "target_groups")
        }
        given = [row.provider for row in rows if row.provider is not None]
        names = {norm(p.name) for p in given if p.name}
        self.actors = list(
            Actor.objects.annotate(lower=Lower("name")).filter(
                Q(source=source, external_id__in=[p.external_id for p in given if p.external_id])
                | Q(business_id__in=_business_ids(given))
                | Q(lower__in=names)
            )
        )
        # Entries merged away by a coordinator: their source ids name the entry that stayed (queries.find_by_source).
        self.aliases = {
            alias.external_id: alias.actor
            for alias in ActorAlias.objects.filter(
                source=source, external_id__in=[p.external_id for p in given if p.external_id]
            ).select_related("actor")
        }
        self.new_providers: dict[str, NewProvider] = {}

    def plan(self, rows: list[RowIn]) -> list[Planned]:
        return [self._row(row) for row in rows]

    # One row ------------------------------------------------------------------------------------------------

    def _row(self, row: RowIn) -> Planned:
        planned = Planned(line=row.line, key=row.key, title=row.title, reasons=list(row.problems))
        reasons = planned.reasons
        existing = self.existing.get(row.key)
        planned.activity = existing
        area = self.terms.municipality(row.municipality) if row.municipality else self.options.municipality
        if area is None:
            reasons.append(_("Unknown municipality %(name)s.") % {"name": row.municipality})
        else:
            reasons += self._area_problems(area, row)
        if existing is not None and not self.perms.can(Action.EDIT, existing):
            reasons.append(_("The activity is kept by someone else: you may not change it."))
        planned.themes = self._terms(self.terms.themes, row.themes, _("Unknown theme %(name)s."), reasons)
        planned.target_groups = self._terms(
            self.terms.target_groups, row.target_groups, _("Unknown target group %(name)s."), reasons
        )
        age_groups = self._terms(self.terms.age_groups, row.age_groups, _("Unknown age group %(name)s."), reasons)
        if row.terms is not None:
            planned.themes, planned.target_groups, age_groups = self._taxonomy(row.terms, planned, age_groups)
        languages = self._terms(self.terms.languages, row.languages, _("Unknown language %(name)s."), reasons)
        if area is not None:
            self._provider(planned, row, area)
            values = self._values(
                row=row, existing=existing, area=area, age_groups=age_groups, languages=languages, reasons=reasons
            )
            if values is not None and not reasons:
                planned.details = ActivityDetails(**values)
        if reasons:
            planned.action = REJECT
            return planned
        planned.action = CREATE if existing is None else (UNCHANGED if self._unchanged(planned) else UPDATE)
        return planned

    def _area_problems(self, area: Area, row: RowIn) -> list[str]:
        problems = []
        if row.located_in:
            place = self.terms.municipality(row.located_in)
            if place is not None and place != area:
                problems.append(
                    _("Its place is in %(place)s, not in %(area)s.") % {"place": place.name, "area": area.name}
                )
        keeps_area = self.organisation.kind != OrganisationKind.MUNICIPALITY or (
            area.pk == self.organisation.area_id and self.perms.can(Action.EDIT, Actor(area=area, name="?"))
        )
        if not keeps_area:
            problems.append(
                _("%(municipality)s is outside %(area)s: import only into your own area.")
                % {"municipality": area.name, "area": self.organisation.display_name}
            )
        return problems

    @staticmethod
    def _terms(table: dict[str, Any], values: list[str] | None, message: str, reasons: list[str]) -> list[Any] | None:
        if values is None:
            return None
        found, unknown = lookup(table, values)
        reasons += [message % {"name": value} for value in unknown]
        return found

    def _taxonomy(
        self, terms: list[tuple[str, ...]], planned: Planned, age_groups: list[str] | None
    ) -> tuple[list[Theme], list[TargetGroup], list[str] | None]:
        """Each term is a theme, a target group or an age group, by its code or its name; any other is unknown."""
        themes: list[Any] = list(planned.themes or [])
        groups: list[Any] = list(planned.target_groups or [])
        ages: list[Any] = list(age_groups or [])
        tables: list[tuple[dict[str, Any], list[Any]]] = [
            (self.terms.themes, themes),
            (self.terms.target_groups, groups),
            (self.terms.age_groups, ages),
        ]
        for spellings in terms:
            for table, found in tables:
                hit = next((table[norm(s)] for s in spellings if norm(s) in table), None)
                if hit is not None:
                    if hit not in found:
                        found.append(hit)
                    break
            else:
                shown = next((s for s in reversed(spellings) if s), "?")
                planned.reasons.append(_("Unknown taxonomy term %(name)s.") % {"name": shown})
        return themes, groups, ages if ages or age_groups is not None else None

    def _values(
        self,
        *,
        row: RowIn,
        existing: Activity | None,
        area: Area,
        age_groups: list[str] | None,
        languages: list[str] | None,
        reasons: list[str],
    ) -> dict[str, Any] | None:
        values = ActivityDetails.of(existing).values() if existing is not None else {"title": ""}
        if existing is None:
            values["is_published"] = self.options.publish
        values.update(row.activity, area=area)
        if age_groups is not None:
            values["age_groups"] = age_groups
        if languages is not None:
            values["languages"] = languages
        for name, value in row.activity.items():
            limit = model_limit(Activity, name) if isinstance(value, str) else 0
            if limit and len(value) > limit:
                label = str(getattr(Activity._meta.get_field(name), "verbose_name", name))
                reasons.append(_("%(field)s is longer than %(limit)d characters.") % {"field": label, "limit": limit})
        latitude, longitude = values.get("latitude"), values.get("longitude")
        if latitude is not None and longitude is not None and not (59 <= latitude <= 71 and 19 <= longitude <= 32):
            reasons.append(_("The map point %(lat)s, %(lon)s is not in Finland.") % {"lat": latitude, "lon": longitude})
        try:
            return clean_activity(values)
        except ValidationError as exc:
            reasons += exc.messages
            return None

    def _unchanged(self, planned: Planned) -> bool:
        activity = planned.activity
        if activity is None or planned.details is None:
            return False
        if ActivityDetails.of(activity) != planned.details or planned.provider_update is not None:
            return False
        if planned.provider is None or planned.provider not in activity.providers.all():
            return False
        for name in ("themes", "target_groups"):
            wanted = getattr(planned, name)
            if wanted is not None and {t.pk for t in wanted} != {t.pk for t in getattr(activity, name).all()}:
                return False
        return True

    # The provider --------------------------------------------------------------------------------------------

    def _provider(self, planned: Planned, row: RowIn, area: Area) -> None:
        given, fixed, reasons = row.provider, self.options.provider, planned.reasons
        if fixed is not None:
            if given is not None and self.options.own_only and not _names(fixed, given):
                reasons.append(
                    _("An NGO imports only its own activities: %(name)s is another actor.")
                    % {"name": given.name or given.business_id}
                )
            planned.provider = fixed
            return
        if given is None or not (given.name or given.business_id or given.external_id):
            reasons.append(_("Name the provider."))
            return
        try:
            details = self._provider_details(given, area)
        except ValidationError as exc:
            reasons += exc.messages
            return
        known = len(reasons)
        found = self._find(given, details, reasons)
        if found is None and len(reasons) == known:  # not found, and not two of one name either
            planned.new_provider = self._new(given, details, reasons)
        elif found is not None:
            planned.provider = found
            if not self.perms.can(Action.EDIT, found):
                reasons.append(_("You may not add activities for %(name)s.") % {"name": found.name})
            elif given.external_id and found.external_id == given.external_id and found.source == self.options.source:
                newer = replace(ActorDetails.of(found), **_given_fields(details, given))
                planned.provider_update = newer if newer != ActorDetails.of(found) else None

    def _provider_details(self, given: ProviderIn, area: Area) -> ActorDetails:
        provider_area = self.terms.municipality(given.municipality) if given.municipality else area
        if provider_area is None:
            raise ValidationError(_("Unknown municipality %(name)s.") % {"name": given.municipality})
        kind = self.terms.kinds.get(norm(given.kind)) if given.kind else "ngo"
        if kind is None:
            raise ValidationError(_("Unknown kind of actor %(name)s.") % {"name": given.kind})
        details = ActorDetails(
            kind=kind,
            name=given.name[:200] or given.business_id,
            area=provider_area,
            name_sv=given.name_sv[:200],
            business_id=given.business_id,
            register_number=given.register_number[:20],
            contact=given.contact,
            website=given.website[:200],
        )
        return ActorDetails(**clean_actor(details.values()))

    def _find(self, given: ProviderIn, details: ActorDetails, reasons: list[str]) -> Actor | None:
        """The register's entry: by the source's id, then the business id, then the name in the municipality."""
        source, area = self.options.source, details.area
        for actor in self.actors:
            if given.external_id and actor.source == source and actor.external_id == given.external_id:
                return actor
        if given.external_id in self.aliases:
            return self.aliases[given.external_id]
        for actor in self.actors:
            if details.business_id and actor.business_id == details.business_id:
                return actor
        named = [a for a in self.actors if norm(a.name) == norm(given.name) and a.area_id == area.pk]
        if len(named) > 1:
            reasons.append(
                _("Several actors are called %(name)s in %(area)s: give the provider's business id.")
                % {"name": given.name, "area": area.name}
            )
        return named[0] if len(named) == 1 else None

    def _new(self, given: ProviderIn, details: ActorDetails, reasons: list[str]) -> NewProvider | None:
        """One new entry for every row that names the same new provider (by id, business id or name)."""
        keys = [k for k in (given.external_id, details.business_id, f"{norm(details.name)}@{details.area.pk}") if k]
        known = next((self.new_providers[key] for key in keys if key in self.new_providers), None)
        if known is not None:
            return known
        if not self.perms.can(Action.EDIT, Actor(area=details.area, name=details.name)):
            reasons.append(
                _("You may not add %(name)s to the register in %(area)s.")
                % {"name": details.name, "area": details.area.name}
            )
            return None
        new = NewProvider(key=keys[0], details=details, external_id=given.external_id)
        for key in keys:
            self.new_providers[key] = new
        return new


def _business_ids(given: list[ProviderIn]) -> list[str]:
    found = []
    for provider in given:
        try:
            found.append(normalise(provider.business_id))
        except ValidationError:
            continue  # the row is rejected with the reason
    return [business_id for business_id in found if business_id]


def _names(own: Actor, given: ProviderIn) -> bool:
    """Does the row name this very actor (by name or business id)?"""
    if given.business_id:
        return _business_ids([given]) == [own.business_id]
    return norm(given.name) in (norm(own.name), norm(own.name_sv))


def _given_fields(details: ActorDetails, given: ProviderIn) -> dict[str, Any]:
    """The fields of an actor's entry that the source states (the others stay as they are)."""
    stated = {
        name
        for name in ("name", "name_sv", "business_id", "register_number", "contact", "website")
        if getattr(given, name)
    }
    if given.kind:
        stated.add("kind")
    return {f.name: getattr(details, f.name) for f in fields(details) if f.name in stated}
