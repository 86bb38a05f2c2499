"""Reads of the register, scoped to what the reader may see, with their relations fetched in a fixed number of
queries: the signed-in register of an organisation, the stale entries, and the public finder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet, Window
from django.utils.functional import cached_property

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, Permissions
from hyte.actors import search
from hyte.actors.concepts import ThemeMap, concept_for, concept_for_area, default_concept
from hyte.actors.models import Activity, ActivityImage, Actor, ActorAlias, TargetGroup, Theme, WelfareConcept
from hyte.core import clock
from hyte.regions.models import Area, AreaKind
from hyte.reports.models import Measure

STALE_AFTER = dt.timedelta(days=365)


def _actor_scope(organisation: Organisation) -> Q:
    """The actors an organisation's register holds: a municipality's area, a county's municipalities, an NGO's
    own entry."""
    if organisation.kind == OrganisationKind.NGO:
        return Q(organisation=organisation)
    if organisation.kind == OrganisationKind.COUNTY:
        return Q(area__county_id=organisation.area_id)
    return Q(area_id=organisation.area_id)


def edits_register(perms: Permissions, organisation: Organisation) -> bool:
    """Does the reader keep this organisation's register (and so see its drafts and hidden activities)?"""
    if organisation.kind == OrganisationKind.NGO:
        return perms.can(Action.CONTRIBUTE, organisation)
    return organisation.kind == OrganisationKind.MUNICIPALITY and perms.can(Action.EDIT, organisation)


def actors_of(organisation: Organisation, *, text: str = "", kind: str = "") -> QuerySet[Actor]:
    found = Actor.objects.filter(_actor_scope(organisation)).select_related("area", "organisation")
    if text:
        found = found.filter(Q(name__icontains=text) | Q(name_sv__icontains=text) | Q(business_id=text))
    if kind:
        found = found.filter(kind=kind)
    return found.order_by("name")


def with_relations(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """Each activity with its municipality, providers, themes, target groups and its picture's details (not the
    picture itself: its bytes are read only where it is served)."""
    return (
        activities.select_related("area", "image")
        .defer("image__data")
        .prefetch_related("providers", "themes", "target_groups")
    )


def find_by_source(source: str, external_id: str) -> Actor | None:
    """The entry that an import's (source, id) names: the entry with that source id, or the one an entry with it
    was merged into (so re-importing a merged entry updates the entry that stayed instead of adding the duplicate
    back). None for an empty id or an entry not in the register."""
    if not external_id:
        return None
    found = Actor.objects.filter(source=source, external_id=external_id).first()
    if found is not None:
        return found
    alias = ActorAlias.objects.filter(source=source, external_id=external_id).select_related("actor").first()
    return alias.actor if alias is not None else None


@dataclass(frozen=True)
class ActivityFilter:
    text: str = ""
    theme: str = ""  # a theme's code in the welfare concept of the list (see _theme_ids)
    age_group: str = ""
    area_code: str = ""  # a municipality's official code
    place: str = ""  # a village or district, compared without regard to case or spacing
    where: str = ""  # "online", or "none": no village or district given and not online
    free: bool = False
    language: str = ""
    status: str = ""  # the register only: published, draft, hidden, stale
    measure: int | None = None  # the register only: activities carrying out this plan measure (its id)


def _has(field: str, code: str) -> Q:
    """The JSON list `field` holds `code`. PostgreSQL: containment (`@>`), which the planner estimates from the
    column's statistics (a LIKE over the JSON text it guessed at one row, and joined the areas row by row: 90 ms
    over 20,000 activities instead of 15); SQLite has no containment, so there the JSON text is searched."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [code]})
    return Q(**{f"{field}__icontains": f'"{code}"'})


def place_key(place: str) -> str:
    """A place as compared: spacing collapsed, case folded (done here, not by the database: SQLite folds only
    ASCII letters)."""
    return " ".join(place.split()).casefold()


def _theme_ids(concept: WelfareConcept, code: str) -> set[int]:
    """The themes whose activities a theme of the concept finds: itself and those mapped to it (concepts.py)."""
    theme_map = ThemeMap.load()
    theme = theme_map.by_code(concept.pk, code)
    return theme_map.matching(concept.pk, theme.pk) if theme is not None else set()


def _filtered(
    activities: QuerySet[Activity], chosen: ActivityFilter, concept: WelfareConcept | None = None
) -> QuerySet[Activity]:
    activities = search.narrow(activities, chosen.text)
    if chosen.theme:  # a subquery, not a join: no duplicate rows, so no DISTINCT over every column
        ids = _theme_ids(concept or default_concept(), chosen.theme)
        themed = Activity.themes.through.objects.filter(theme_id__in=ids).values("activity_id")
        activities = activities.filter(pk__in=themed)
    if chosen.age_group:
        activities = activities.filter(_has("age_groups", chosen.age_group))
    if chosen.area_code:
        activities = activities.filter(area__code=chosen.area_code, area__kind="municipality")
    if chosen.place:
        key = place_key(chosen.place)
        spellings = activities.exclude(place="").order_by().values_list("place", flat=True).distinct()
        activities = activities.filter(place__in=[p for p in spellings if place_key(p) == key])
    if chosen.where == "online":
        activities = activities.filter(online=True)
    elif chosen.where == "none":
        activities = activities.filter(place__regex=r"^\s*$", online=False)
    if chosen.free:
        activities = activities.filter(is_free=True)
    if chosen.language:
        activities = activities.filter(_has("languages", chosen.language))
    if chosen.measure is not None:
        carrying = Activity.measures.through.objects.filter(measure_id=chosen.measure).values("activity_id")
        activities = activities.filter(pk__in=carrying)
    return activities


def activities_of(
    perms: Permissions,
    organisation: Organisation,
    chosen: ActivityFilter = ActivityFilter(),
    concept: WelfareConcept | None = None,
) -> QuerySet[Activity]:
    """The register's activities: all of them for those who keep it, the public ones for its other readers. A
    theme chosen is one of `concept`'s (by default the organisation's area's)."""
    if organisation.kind == OrganisationKind.NGO:
        activities = Activity.objects.filter(providers__organisation=organisation)
    else:
        activities = Activity.objects.filter(area_id__in=Area.objects.filter(area_scope(organisation)).values("pk"))
    if not edits_register(perms, organisation):
        activities = activities.filter(is_published=True, is_hidden=False)
    if chosen.theme and concept is None:
        concept = concept_for(organisation)
    activities = _filtered(activities, chosen, concept)
    if chosen.status == "published":
        activities = activities.filter(is_published=True, is_hidden=False)
    elif chosen.status == "draft":
        activities = activities.filter(is_published=False)
    elif chosen.status == "hidden":
        activities = activities.filter(is_hidden=True)
    elif chosen.status == "stale":
        activities = activities.filter(stale_q())
    # No DISTINCT: an NGO has one entry (one-to-one), so the join through providers gives each activity once.
    return with_relations(activities).order_by("title", "pk")


def area_scope(organisation: Organisation) -> Q:
    """The areas an organisation's register covers: a municipality's own, a county's municipalities."""
    if organisation.kind == OrganisationKind.COUNTY:
        return Q(county_id=organisation.area_id)
    return Q(pk=organisation.area_id)


def stale_q() -> Q:
    """Not checked in twelve months (or never)."""
    cutoff = clock.now() - STALE_AFTER
    return Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=cutoff)


def stale_actors_of(organisation: Organisation) -> QuerySet[Actor]:
    return actors_of(organisation).filter(stale_q())


def editable_providers(perms: Permissions, organisation: Organisation) -> list[Actor]:
    """The actors in whose name the reader may add activities here."""
    return [actor for actor in actors_of(organisation) if perms.can(Action.EDIT, actor)]


def measures_for(area_id: int | None) -> QuerySet[Measure]:
    """The measures of the plans of the municipality whose area this is, for linking activities to them."""
    if area_id is None:
        return Measure.objects.none()
    return (
        Measure.objects.filter(
            goal__report__organisation__area_id=area_id,
            goal__report__organisation__kind=OrganisationKind.MUNICIPALITY,
            goal__report__kind="broad",
        )
        .select_related("goal__report")
        .order_by("goal__report__term_start", "goal__position", "position")
    )


def image_of(activity: Activity | None) -> ActivityImage | None:
    """The picture of an activity read with `with_relations` (its details, not its bytes), or None."""
    if activity is None:
        return None
    try:
        return activity.image
    except ActivityImage.DoesNotExist:
        return None


def themes(concept: WelfareConcept | None = None) -> QuerySet[Theme]:
    """The themes of a welfare concept (by default the default concept's)."""
    if concept is None:
        return Theme.objects.filter(concept__is_default=True).order_by("position", "code")
    return Theme.objects.filter(concept=concept).order_by("position", "code")


def target_groups() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.order_by("position", "code")


# The public finder ------------------------------------------------------------------------------------------


def finder_concept(area_code: str) -> WelfareConcept:
    """The welfare concept of the finder's theme filter: the chosen municipality's, else the default."""
    area = Area.objects.filter(kind="municipality", code=area_code).first() if area_code else None
    return concept_for_area(area) if area is not None else default_concept()


def public_activities(chosen: ActivityFilter = ActivityFilter()) -> QuerySet[Activity]:
    """Published activities not hidden by a coordinator, filtered as the resident chose."""
    concept = finder_concept(chosen.area_code) if chosen.theme else None
    found = _filtered(Activity.objects.filter(is_published=True, is_hidden=False), chosen, concept)
    return with_relations(found).order_by("title", "pk")


class _Counted(Paginator):  # type: ignore[type-arg]
    """A paginator over one page's activities that is told how many there are in all."""

    def __init__(self, page: list[Activity], per_page: int, count: int) -> None:
        super().__init__(page, per_page)
        self.known = count

    @cached_property
    def count(self) -> int:
        return self.known


def public_page(chosen: ActivityFilter, number: str | int | None, per_page: int) -> Page:  # type: ignore[type-arg]
    """One page of the finder's results (as `Paginator.get_page` would choose it) and their count, reading the
    activities once: the page's ids and the count of all matches come from one query (a window count over the
    matching rows' ids and titles), then the page's rows with their relations. A count and a page read the
    table twice, and scanning 20,000 activities' search vectors is what a common word costs."""
    concept = finder_concept(chosen.area_code) if chosen.theme else None
    public = Activity.objects.filter(is_published=True, is_hidden=False)
    matching = _filtered(public, chosen, concept).order_by("title", "pk")
    try:
        wanted = max(int(number or 1), 1)
    except (TypeError, ValueError):
        wanted = 1
    head = _head(matching, wanted, per_page)
    if not head and wanted > 1:  # beyond the last page: the last one, as get_page does
        total = matching.count()
        wanted = max(-(-total // per_page), 1)
        head = _head(matching, wanted, per_page)
    ids = [pk for pk, _total in head]
    rows = {activity.pk: activity for activity in with_relations(Activity.objects.filter(pk__in=ids))} if ids else {}
    activities = [rows[pk] for pk in ids]
    paginator = _Counted(activities, per_page, head[0][1] if head else 0)
    return Page(activities, wanted, paginator)


def _head(matching: QuerySet[Activity], number: int, per_page: int) -> list[tuple[int, int]]:
    start = (number - 1) * per_page
    counted = matching.annotate(total=Window(Count("pk"))).values_list("pk", "total")
    return list(counted[start : start + per_page])


def public_activity(activity_id: int) -> Activity | None:
    """A public activity with its picture's details (not its bytes), or None."""
    found = Activity.objects.filter(pk=activity_id, is_published=True, is_hidden=False)
    return with_relations(found).first()


def public_image(activity_id: int, name: str) -> ActivityImage | None:
    """A public activity's picture by the name it is served under."""
    found = ActivityImage.objects.filter(
        activity_id=activity_id, activity__is_published=True, activity__is_hidden=False
    )
    image = found.select_related("activity").first()
    return image if image is not None and image.file_name == name else None


def finder_municipalities() -> QuerySet[Area]:
    """The municipalities that have public activities, for the finder's choice."""
    public = Activity.objects.filter(is_published=True, is_hidden=False).values("area_id")
    return Area.objects.filter(pk__in=public).order_by("name_fi")


def public_actors() -> QuerySet[Actor]:
    """Actors with at least one public activity: the API's public list."""
    public = Activity.objects.filter(is_published=True, is_hidden=False).values("providers")
    return Actor.objects.filter(pk__in=public).select_related("area").order_by("name", "pk")


# Open data ----------------------------------------------------------------------------------------------------


def open_data_area(code: str) -> Area | None:
    """A municipality or a county by its official code (three digits or two): whose register to export."""
    kinds = (AreaKind.MUNICIPALITY, AreaKind.COUNTY)
    return Area.objects.filter(code=code, kind__in=kinds).order_by("kind").first()


def public_register(area: Area) -> QuerySet[Activity]:
    """The public activities of a municipality, or of a county's municipalities, with everything the open data
    files write fetched in four queries whatever their number."""
    where = Q(area__county=area) if area.kind == AreaKind.COUNTY else Q(area=area)
    return (
        Activity.objects.filter(where, is_published=True, is_hidden=False)
        .select_related("area__county", "area__region")
        .prefetch_related(
            Prefetch("providers", queryset=Actor.objects.select_related("area").order_by("name", "pk")),
            "themes",
            "target_groups",
        )
        .order_by("area__name_fi", "title", "pk")
    )


def publisher_of(area: Area) -> Organisation | None:
    """The organisation in Hyte of a municipality or county, named as the open data's publisher."""
    kind = OrganisationKind.COUNTY if area.kind == AreaKind.COUNTY else OrganisationKind.MUNICIPALITY
    return Organisation.objects.filter(area=area, kind=kind, is_active=True).order_by("pk").first()


def open_data_areas() -> list[tuple[Area, list[Area]]]:
    """The counties with the municipalities of theirs that have public activities, in name order."""
    public = Activity.objects.filter(is_published=True, is_hidden=False).values("area_id")
    municipalities = Area.objects.filter(pk__in=public, county__isnull=False).select_related("county")
    counties: dict[int, tuple[Area, list[Area]]] = {}
    for municipality in municipalities.order_by("county__name_fi", "name_fi"):
        county = municipality.county
        assert county is not None  # noqa: S101 - filtered above
        counties.setdefault(county.pk, (county, []))[1].append(municipality)
    return list(counties.values())
