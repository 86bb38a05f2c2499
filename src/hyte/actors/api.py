"""The register's public read API: published activities (not hidden by a coordinator), the actors that offer
them, and the themes and target groups; and an area's activities as HSDS 3.0 services (open data, CC BY 4.0).
Writes go through the signed-in pages for now."""

import datetime as dt
from typing import Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hyte.actors import opendata, queries
from hyte.actors.hsds.documents import ServicePage
from hyte.actors.models import Activity, Actor, AgeGroup, Language, TargetGroup, Theme, WelfareConcept
from hyte.core.pagination import Bounded

router = Router(tags=["activities"])


class NamedOut(Schema):
    code: str = Field(description="the theme's or target group's code")
    name_fi: str
    name_sv: str
    name_en: str


class ProviderOut(Schema):
    id: int
    name: str
    name_sv: str


class ActorOut(Schema):
    id: int
    kind: str = Field(description="municipal, county, ngo, parish, company, education or informal")
    name: str
    name_sv: str
    business_id: str = Field(description="the Finnish business id (Y-tunnus), or empty")
    register_number: str = Field(description="the association register number, or empty")
    municipality: str = Field(description="the official code of the municipality it works in")
    website: str
    contact: str

    @staticmethod
    def resolve_municipality(obj: Actor) -> str:
        return obj.area.code


class ActivityOut(Schema):
    id: int
    title: str
    title_sv: str
    title_en: str
    description: str
    description_sv: str
    description_en: str
    providers: list[ProviderOut]
    themes: list[str] = Field(description="theme codes (GET /activity-themes)")
    age_groups: list[str] = Field(description="children, young, working_age, older")
    target_groups: list[str] = Field(description="target group codes (GET /activity-target-groups)")
    municipality: str = Field(description="the official code of the municipality where it takes place")
    place: str = Field(description="village or district")
    address: str
    latitude: float | None
    longitude: float | None
    online: bool
    starts_on: dt.date | None
    ends_on: dt.date | None
    recurring: bool
    schedule: str
    is_free: bool
    fee: str
    languages: list[str] = Field(description="ISO 639 codes")
    accessibility: str
    join_url: str
    join_phone: str
    last_checked_at: dt.datetime | None

    @staticmethod
    def resolve_themes(obj: Activity) -> list[str]:
        return [theme.code for theme in obj.themes.all()]

    @staticmethod
    def resolve_target_groups(obj: Activity) -> list[str]:
        return [group.code for group in obj.target_groups.all()]

    @staticmethod
    def resolve_providers(obj: Activity) -> list[Actor]:
        return list(obj.providers.all())

    @staticmethod
    def resolve_municipality(obj: Activity) -> str:
        return obj.area.code


class ActivityFilterIn(Schema):
    q: str | None = Field(None, max_length=200, description="words to find (full-text search, Finnish stemming)")
    age_group: AgeGroup | None = Field(None, description="children, young, working_age or older")
    municipality: str | None = Field(None, max_length=10, description="a municipality's official code")
    place: str | None = Field(None, max_length=120, description="a village or district, as written")
    free: bool = Field(False, description="free of charge only")
    language: Language | None = Field(None, description="offered in this language")
    theme: str | None = Field(
        None,
        max_length=60,
        description="a theme's code in the municipality's welfare concept (without one, THL's hyte themes); "
        "activities tagged in another concept are found through its mapping",
    )


@router.get("/activities", response=list[ActivityOut], auth=None, summary="Published activities")
@paginate(Bounded)
def list_activities(request: HttpRequest, filters: Query[ActivityFilterIn]) -> QuerySet[Activity]:
    chosen = queries.ActivityFilter(
        text=filters.q or "",
        age_group=filters.age_group or "",
        area_code=filters.municipality or "",
        place=filters.place or "",
        free=filters.free,
        language=filters.language or "",
        theme=filters.theme or "",
    )
    return queries.public_activities(chosen)


class HsdsIn(Schema):
    area: str = Field(
        pattern=r"^[0-9]{2,3}$",
        description="the official code of a municipality (three digits) or a county (two digits: its municipalities)",
    )
    language: Literal["fi", "sv", "en"] = Field("fi", description="the language of the texts")
    page: int = Field(1, ge=1, le=100_000, description="the page, from 1")
    per_page: int = Field(100, ge=1, le=1000, description="services on a page (1–1000)")


@router.get(
    "/activities/hsds",
    response=ServicePage,
    auth=None,
    exclude_none=True,
    summary="An area's published activities as HSDS 3.0 services (CC BY 4.0)",
)
def activities_as_hsds(request: HttpRequest, filters: Query[HsdsIn]) -> ServicePage:
    area = queries.open_data_area(filters.area)
    if area is None:
        raise Http404
    register = opendata.register_of(area, page=filters.page, per_page=filters.per_page)
    return opendata.hsds_page(register, language=filters.language)


@router.get("/activities/{activity_id}", response=ActivityOut, auth=None, summary="One published activity")
def get_activity(request: HttpRequest, activity_id: int) -> Activity:
    found = queries.public_activity(activity_id)
    if found is None:
        raise Http404
    return found


@router.get("/actors", response=list[ActorOut], auth=None, summary="Actors with published activities")
@paginate(Bounded)
def list_actors(request: HttpRequest) -> QuerySet[Actor]:
    return queries.public_actors()


class ThemeFilterIn(Schema):
    concept: str | None = Field(
        None, max_length=60, description="a welfare concept's code (default: the default concept, THL's hyte themes)"
    )


@router.get("/activity-themes", response=list[NamedOut], auth=None, summary="The themes of a welfare concept")
def list_themes(request: HttpRequest, filters: Query[ThemeFilterIn]) -> QuerySet[Theme]:
    if not filters.concept:
        return queries.themes()
    concept = WelfareConcept.objects.filter(code=filters.concept).first()
    if concept is None:
        raise Http404
    return queries.themes(concept)


@router.get("/activity-target-groups", response=list[NamedOut], auth=None, summary="The target groups")
def list_target_groups(request: HttpRequest) -> QuerySet[TargetGroup]:
    return queries.target_groups()
