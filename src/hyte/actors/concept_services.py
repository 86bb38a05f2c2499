"""Writes of welfare concepts: an area's choice of concept (its coordinators and admins) and loading a concept from
a file (the site's staff, `hyte load_welfare_concept`). Keyword-only, typed, atomic, audited, resolver-checked.

Activities keep their themes whatever the concept; what changes is how the area's views count and find them
(concepts.py), so a change rebuilds the search documents of the activities it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from hyte.accounts.permissions import SITE, Action, require
from hyte.actors import search
from hyte.actors.concept_file import ConceptSpec
from hyte.actors.models import Activity, AreaConcept, Theme, WelfareConcept
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor as Who
from hyte.core.actors import person
from hyte.regions.models import Area, AreaKind


def _reindex(activities: Q) -> int:
    return search.rebuild(Activity.objects.filter(pk__in=Activity.objects.filter(activities).values("pk")))


@audit.service(AuditAction.WELFARE_CONCEPT_CHOOSE)
def choose_concept(*, actor: Who, area: Area, concept: WelfareConcept | None) -> AreaConcept | None:
    """Choose the welfare concept used in a county's or a municipality's area, or (None) drop the area's own choice:
    a municipality then uses its county's, a county the default. Its coordinators and admins choose."""
    if area.kind not in (AreaKind.MUNICIPALITY, AreaKind.COUNTY):
        raise ValidationError(_("A welfare concept is chosen for a county or a municipality."))
    require(actor, Action.MANAGE_SETTINGS, AreaConcept(area=area))
    existing = AreaConcept.objects.filter(area=area).first()
    result: AreaConcept | None = existing
    if concept is None:
        if existing is None:
            return None
        audit.delete(existing, changes={"concept": [existing.concept.code, None]})
        result = None
    elif existing is None:
        result = audit.create(
            AreaConcept,
            audit_fields=["area", "concept"],
            area=area,
            concept=concept,
            chosen_at=clock.now(),
            chosen_by=person(actor),
        )
    elif existing.concept_id != concept.pk:
        audit.update(existing, concept=concept, chosen_at=clock.now(), chosen_by=person(actor))
    else:
        return existing
    concerned = Q(area=area)
    if area.kind == AreaKind.COUNTY:  # its municipalities that follow its choice
        concerned |= Q(area__county=area, area__welfare_concept__isnull=True)
    _reindex(concerned)
    return result


@dataclass(frozen=True)
class LoadResult:
    concept: WelfareConcept
    created: bool
    themes_created: int
    themes_updated: int
    themes_removed: int


def _check_removals(concept: WelfareConcept | None, spec: ConceptSpec) -> list[Theme]:
    """The concept's themes the file leaves out; refused while an activity has one."""
    if concept is None:
        return []
    kept = {theme.code for theme in spec.themes}
    removed = list(concept.themes.exclude(code__in=kept))
    in_use = sorted(theme.code for theme in removed if theme.activities.exists())
    if in_use:
        raise ValidationError(
            _("The file leaves out themes that activities have: %(codes)s. Keep them in the file.")
            % {"codes": ", ".join(in_use)}
        )
    return removed


@audit.service(AuditAction.WELFARE_CONCEPT_LOAD)
def load_welfare_concept(*, actor: Who, spec: ConceptSpec) -> LoadResult:
    """Create or update a welfare concept and its themes from a checked file (concept_file.py); loading the same
    file again changes nothing. For the site's staff: concepts are shared by the whole instance."""
    require(actor, Action.EDIT_SHARED_DATA, SITE)
    default = WelfareConcept.objects.get(is_default=True)
    if spec.code == default.code:
        raise ValidationError(_("The default concept is not loaded from a file."))
    targets = {theme.code: theme for theme in default.themes.all()}
    unknown = sorted({code for theme in spec.themes for code in theme.maps_to} - set(targets))
    if unknown:
        raise ValidationError(
            _("maps_to names themes the default concept does not have: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    concept = WelfareConcept.objects.filter(code=spec.code).first()
    removed = _check_removals(concept, spec)
    values: dict[str, Any] = {
        "name_fi": spec.name_fi,
        "name_sv": spec.name_sv,
        "name_en": spec.name_en,
        "source": spec.source,
        "description": spec.description,
    }
    created = concept is None
    if concept is None:
        concept = audit.create(WelfareConcept, audit_fields=["code", "name_fi"], code=spec.code, **values)
    else:
        changed = {k: v for k, v in values.items() if getattr(concept, k) != v}
        if changed:
            audit.update(concept, **changed)
    existing = {theme.code: theme for theme in concept.themes.prefetch_related("maps_to")}
    made = updated = 0
    for position, item in enumerate(spec.themes):
        names = {"name_fi": item.name_fi, "name_sv": item.name_sv, "name_en": item.name_en, "position": position}
        theme = existing.get(item.code)
        if theme is None:
            theme = Theme.objects.create(concept=concept, code=item.code, **names)
            made += 1
        elif any(getattr(theme, k) != v for k, v in names.items()) or {t.code for t in theme.maps_to.all()} != set(
            item.maps_to
        ):
            Theme.objects.filter(pk=theme.pk).update(**names)
            updated += 1
        else:
            continue
        theme.maps_to.set([targets[code] for code in item.maps_to])
    for theme in removed:
        theme.delete()
    result = LoadResult(concept, created, made, updated, len(removed))
    if made or updated or removed:
        audit.record(
            concept,
            changes={"themes_created": made, "themes_updated": updated, "themes_removed": [t.code for t in removed]},
        )
        users = Q(area__welfare_concept__concept=concept) | Q(
            area__welfare_concept__isnull=True, area__county__welfare_concept__concept=concept
        )
        _reindex(Q(themes__concept=concept) | users)
    return result
