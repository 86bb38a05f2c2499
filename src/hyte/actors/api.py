"""The register's public read API: published activities (not hidden by a coordinator), the actors that offer
them, and the themes and target groups. The signed-in register with its writes is `register_api.py`."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from hyte.actors import queries
from hyte.actors.api_schemas import ActivityOut, ActorOut, NamedOut
from hyte.actors.models import Activity, Actor, AgeGroup, Language, TargetGroup, Theme
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
    theme: str | None = Field(None, max_length=60, description="a theme's code")


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


@router.get("/activity-themes", response=list[NamedOut], auth=None, summary="The themes of the welfare concept")
def list_themes(request: HttpRequest) -> QuerySet[Theme]:
    return queries.themes()


@router.get("/activity-target-groups", response=list[NamedOut], auth=None, summary="The target groups")
def list_target_groups(request: HttpRequest) -> QuerySet[TargetGroup]:
    return queries.target_groups()
