"""The support paths' API: the published paths for everyone (a draft also for those who keep it), and the writes
of those who keep them (a municipality's coordinators and admins): a path, its steps, their order, publishing.

Every write calls the same service as the pages; a refusal answers 400 with the reason, a missing permission 404
(both mapped in one place, `hyte.api.root`)."""

import datetime as dt
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from hyte.accounts.permissions import Action, get_for, permissions_for
from hyte.actors.models import Activity, AgeGroup, SupportPath, SupportPathStep, TargetGroup
from hyte.actors.support_paths import queries, services
from hyte.actors.support_paths.details import PathDetails, StepDetails
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest
from hyte.core.pagination import Bounded
from hyte.regions.models import Area, AreaKind

router = Router(tags=["support paths"])

MAX_TEXT = 20_000


class ActivityEssentialsOut(Schema):
    id: int
    title: str
    title_sv: str
    title_en: str
    municipality: str = Field(description="the official code of the municipality where it takes place")
    place: str = Field(description="village or district")
    address: str
    online: bool
    schedule: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    is_free: bool
    fee: str
    join_phone: str
    join_url: str


class StepOut(Schema):
    id: int
    position: int = Field(description="1 for the first step")
    heading: str
    heading_sv: str
    heading_en: str
    guidance: str
    guidance_sv: str
    guidance_en: str
    activity_id: int | None = Field(description="the activity it names: for readers, only a published one")
    activity: ActivityEssentialsOut | None = Field(description="the activity's essentials, when it is published")
    service_name: str = Field(description="a service described in words, when the step names no activity")
    service_name_sv: str
    service_name_en: str
    service_phone: str
    service_url: str


class _PathFieldsOut(Schema):
    id: int
    municipality: str = Field(description="the official code of the municipality whose path it is")
    title: str
    title_sv: str
    title_en: str
    age_groups: list[str] = Field(description="children, young, working_age, older")
    target_groups: list[str] = Field(description="target group codes (GET /activity-target-groups)")
    is_published: bool
    last_checked_at: dt.datetime | None


class PathSummaryOut(_PathFieldsOut):
    @staticmethod
    def resolve_municipality(obj: SupportPath) -> str:
        return obj.area.code

    @staticmethod
    def resolve_target_groups(obj: SupportPath) -> list[str]:
        return [group.code for group in obj.target_groups.all()]


class PathOut(_PathFieldsOut):
    introduction: str
    introduction_sv: str
    introduction_en: str
    leaflet: str = Field(description="the printable leaflet (PDF) in Finnish; /sv/ and /en/ in its address for others")
    steps: list[StepOut]


class PathFieldsIn(Schema):
    title: str = Field(max_length=200)
    title_sv: str = Field("", max_length=200)
    title_en: str = Field("", max_length=200)
    introduction: str = Field("", max_length=MAX_TEXT)
    introduction_sv: str = Field("", max_length=MAX_TEXT)
    introduction_en: str = Field("", max_length=MAX_TEXT)
    age_groups: list[AgeGroup] = Field(default_factory=list, max_length=4)
    target_groups: list[str] = Field(default_factory=list, max_length=50, description="target group codes")


class PathIn(PathFieldsIn):
    municipality: str = Field(max_length=10, description="the official code of the municipality, e.g. 240")


class StepIn(Schema):
    heading: str = Field(max_length=200)
    heading_sv: str = Field("", max_length=200)
    heading_en: str = Field("", max_length=200)
    guidance: str = Field("", max_length=MAX_TEXT)
    guidance_sv: str = Field("", max_length=MAX_TEXT)
    guidance_en: str = Field("", max_length=MAX_TEXT)
    activity: int | None = Field(None, ge=1, le=2**62, description="an activity of the path's municipality")
    service_name: str = Field("", max_length=200, description="a service described in words, instead of an activity")
    service_name_sv: str = Field("", max_length=200)
    service_name_en: str = Field("", max_length=200)
    service_phone: str = Field("", max_length=40)
    service_url: str = Field("", max_length=200)


class MoveIn(Schema):
    direction: Literal["up", "down"]


class PathFilterIn(Schema):
    municipality: str | None = Field(None, max_length=10, description="a municipality's official code")


def _activity(activity: Activity) -> dict[str, Any]:
    fields = ActivityEssentialsOut.model_fields
    return {
        **{name: getattr(activity, name) for name in fields if name != "municipality"},
        "municipality": activity.area.code,
    }


def _step(step: SupportPathStep, *, keeper: bool) -> dict[str, Any]:
    shown = step.public_activity
    values = {name: getattr(step, name) for name in StepOut.model_fields if name not in ("activity", "activity_id")}
    values["activity_id"] = step.activity_id if keeper else (shown.pk if shown else None)
    values["activity"] = _activity(shown) if shown is not None else None
    return values


def _path(path: SupportPath, *, keeper: bool) -> dict[str, Any]:
    computed = ("municipality", "target_groups", "leaflet", "steps")
    values = {name: getattr(path, name) for name in PathOut.model_fields if name not in computed}
    values["municipality"] = path.area.code
    values["target_groups"] = [group.code for group in path.target_groups.all()]
    values["leaflet"] = f"/public/fi/activities/paths/{path.pk}/leaflet.pdf"
    values["steps"] = [_step(step, keeper=keeper) for step in path.steps.all()]
    return values


def _detail(request: HttpRequest, path_id: int) -> dict[str, Any]:
    perms = permissions_for(request.user)
    found = queries.readable_path(perms, path_id)
    if found is None:
        raise Http404
    return _path(found, keeper=perms.can(Action.EDIT, found))


def _kept(request: AuthenticatedRequest, path_id: int) -> SupportPath:
    found: SupportPath = get_for(request.user, Action.EDIT, SupportPath.objects.select_related("area"), pk=path_id)
    return found


def _target_groups(codes: list[str]) -> list[TargetGroup] | None:
    found = list(TargetGroup.objects.filter(code__in=codes))
    return found if len(found) == len(set(codes)) else None


def _details(path_area: Area, data: PathFieldsIn) -> PathDetails:
    values = data.dict(exclude={"target_groups", "municipality"})
    values["age_groups"] = [str(group) for group in values["age_groups"]]
    return PathDetails(area=path_area, **values)


def _step_details(path: SupportPath, data: StepIn) -> StepDetails | None:
    values = data.dict()
    activity_id = values.pop("activity")
    activity = None
    if activity_id is not None:
        activity = Activity.objects.filter(pk=activity_id, area_id=path.area_id).first()
        if activity is None:
            return None
    return StepDetails(activity=activity, **values)


def _no_activity() -> Status[Any]:
    return Status(400, {"detail": _("There is no such activity in the path's municipality.")})


@router.get("/support-paths", response=list[PathSummaryOut], auth=None, summary="Published support paths")
@paginate(Bounded)
def list_support_paths(request: HttpRequest, filters: Query[PathFilterIn]) -> QuerySet[SupportPath]:
    return queries.public_paths(filters.municipality or "").prefetch_related("target_groups")


@router.get(
    "/support-paths/{path_id}",
    response=PathOut,
    auth=None,
    summary="A support path with its steps (a draft only for those who keep it)",
)
def get_support_path(request: HttpRequest, path_id: int) -> dict[str, Any]:
    return _detail(request, path_id)


@router.post("/support-paths", response={201: PathOut, 400: Problem}, summary="Start a support path (a draft)")
def post_support_path(request: AuthenticatedRequest, data: PathIn) -> Any:
    area = Area.objects.filter(kind=AreaKind.MUNICIPALITY, code=data.municipality).first()
    if area is None:
        return Status(400, {"detail": _("There is no municipality with this code.")})
    groups = _target_groups(data.target_groups)
    if groups is None:
        return Status(400, {"detail": _("Some target group codes are unknown.")})
    created = services.create_path(actor=request.user, details=_details(area, data), target_groups=groups)
    return Status(201, _detail(request, created.pk))


@router.put("/support-paths/{path_id}", response={200: PathOut, 400: Problem}, summary="Change a path's details")
def put_support_path(request: AuthenticatedRequest, path_id: int, data: PathFieldsIn) -> Any:
    path = _kept(request, path_id)
    groups = _target_groups(data.target_groups)
    if groups is None:
        return Status(400, {"detail": _("Some target group codes are unknown.")})
    services.update_path(actor=request.user, path=path, details=_details(path.area, data), target_groups=groups)
    return _detail(request, path_id)


@router.delete("/support-paths/{path_id}", response={204: None, 400: Problem}, summary="Delete a path and its steps")
def delete_support_path(request: AuthenticatedRequest, path_id: int) -> Any:
    services.delete_path(actor=request.user, path=_kept(request, path_id))
    return Status(204, None)


@router.post("/support-paths/{path_id}/publish", response={200: PathOut, 400: Problem}, summary="Publish a path")
def publish_support_path(request: AuthenticatedRequest, path_id: int) -> Any:
    services.publish_path(actor=request.user, path=_kept(request, path_id))
    return _detail(request, path_id)


@router.post(
    "/support-paths/{path_id}/unpublish",
    response={200: PathOut, 400: Problem},
    summary="Take a path off the public site",
)
def unpublish_support_path(request: AuthenticatedRequest, path_id: int) -> Any:
    services.unpublish_path(actor=request.user, path=_kept(request, path_id))
    return _detail(request, path_id)


@router.post(
    "/support-paths/{path_id}/steps",
    response={201: StepOut, 400: Problem},
    summary="Add a step at the end of a path",
)
def post_support_path_step(request: AuthenticatedRequest, path_id: int, data: StepIn) -> Any:
    path = _kept(request, path_id)
    details = _step_details(path, data)
    if details is None:
        return _no_activity()
    step = services.add_step(actor=request.user, path=path, details=details)
    return Status(201, _step(step, keeper=True))


def _kept_step(request: AuthenticatedRequest, path_id: int, step_id: int) -> tuple[SupportPath, SupportPathStep]:
    path = _kept(request, path_id)
    step = path.steps.select_related("activity__area").filter(pk=step_id).first()
    if step is None:
        raise Http404
    step.path = path
    return path, step


@router.put(
    "/support-paths/{path_id}/steps/{step_id}",
    response={200: StepOut, 400: Problem},
    summary="Change a step",
)
def put_support_path_step(request: AuthenticatedRequest, path_id: int, step_id: int, data: StepIn) -> Any:
    path, step = _kept_step(request, path_id, step_id)
    details = _step_details(path, data)
    if details is None:
        return _no_activity()
    return _step(services.update_step(actor=request.user, step=step, details=details), keeper=True)


@router.delete(
    "/support-paths/{path_id}/steps/{step_id}",
    response={204: None, 400: Problem},
    summary="Remove a step (those after it move up)",
)
def delete_support_path_step(request: AuthenticatedRequest, path_id: int, step_id: int) -> Any:
    _found, step = _kept_step(request, path_id, step_id)
    services.remove_step(actor=request.user, step=step)
    return Status(204, None)


@router.post(
    "/support-paths/{path_id}/steps/{step_id}/move",
    response={200: PathOut, 400: Problem},
    summary="Move a step one place up or down",
)
def move_support_path_step(request: AuthenticatedRequest, path_id: int, step_id: int, data: MoveIn) -> Any:
    _found, step = _kept_step(request, path_id, step_id)
    services.move_step(actor=request.user, step=step, offset=-1 if data.direction == "up" else 1)
    return _detail(request, path_id)
