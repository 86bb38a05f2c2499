"""The register's public read API: published activities (not hidden by a coordinator), the actors that offer
them, and the themes and target groups; and an area's activities as HSDS 3.0 services (open data, CC BY 4.0).
The signed-in register with its writes is `register_api.py`."""

from typing import Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hyte.actors import opendata, queries
from hyte.actors.api_schemas import ActivityOut, ActorOut, NamedOut
from hyte.actors.hsds.documents import ServicePage
from hyte.actors.models import Activity, Actor, AgeGroup, Language, TargetGroup, Theme, WelfareConcept
from hyte.actors.register_api import router as register_router
from hyte.core.pagination import Bounded

router = Router(tags=["activities"])
router.add_router("", register_router)


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
