"""The register's signed-in API, under an organisation (`/organisations/{slug}/…`): its actors and activities,
drafts and hidden ones for those who keep them, and every write the register's pages make, through the same
services (`actors/services.py`).

As on the pages, an organisation's register is a municipality's area or an NGO's own entry; an activity, actor,
provider, theme or measure that the caller may not reach there is "not found" (404) or, in a body, "no such"
(400), never told apart from one that does not exist. A refused write answers 400 with the reason.
"""

from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from hyte.accounts.models import Organisation, OrganisationKind
from hyte.accounts.permissions import Action, get_for, get_organisation_for, permissions_for
from hyte.actors import queries, services
from hyte.actors.api_schemas import (
    ActivityImageOut,
    ActivityIn,
    ActivityPatch,
    ActorIn,
    ActorPatch,
    HideIn,
    ImageIn,
    RegisterActivityFilters,
    RegisterActivityOut,
    RegisterActorOut,
    image_out,
)
from hyte.actors.details import ActivityDetails, ActorDetails, ImageUpload
from hyte.actors.images import MAX_BYTES as MAX_IMAGE_BYTES
from hyte.actors.models import Activity, Actor, TargetGroup, Theme
from hyte.core.api import Problem
from hyte.core.http import AuthenticatedRequest
from hyte.core.pagination import Bounded
from hyte.regions.models import Area, AreaKind

router = Router(tags=["register"])

ACTIVITIES = "/organisations/{slug}/activities"
ACTIVITY = ACTIVITIES + "/{activity_id}"
NULLABLE = {"latitude", "longitude", "starts_on", "ends_on"}
LINKS = ("providers", "themes", "target_groups", "measures")


def _organisation(request: AuthenticatedRequest, slug: str) -> Organisation:
    return get_organisation_for(request.user, slug, Action.VIEW)


def _keeper(request: AuthenticatedRequest, slug: str) -> Organisation:
    """The organisation, for one who keeps its register (may add to it); 404 for anyone else."""
    organisation = _organisation(request, slug)
    if not queries.edits_register(permissions_for(request.user), organisation):
        raise Http404
    return organisation


def _activity(request: AuthenticatedRequest, slug: str, activity_id: int, action: Action) -> Activity:
    organisation = _organisation(request, slug)
    scoped = queries.activities_of(permissions_for(request.user), organisation).prefetch_related("measures")
    found: Activity = get_for(request.user, action, scoped, pk=activity_id)
    return found


def _fresh(activity: Activity) -> Activity:
    """The activity read again with its relations, as the answer shows it."""
    return queries.with_relations(Activity.objects.filter(pk=activity.pk)).prefetch_related("measures").get()


def _municipality(code: str) -> Area:
    found = Area.objects.filter(kind=AreaKind.MUNICIPALITY, code=code, valid_until__isnull=True).first()
    if found is None:
        raise ValidationError(_("There is no municipality with the code %(code)s.") % {"code": code})
    return found


def _pick(found: QuerySet[Any], key: str, wanted: list[Any], message: str) -> list[Any]:
    """The objects named in `wanted` (ids or codes) from `found`, or a refusal naming the first unknown one."""
    wanted = list(dict.fromkeys(wanted))
    objects = {getattr(obj, key): obj for obj in found.filter(**{f"{key}__in": wanted})}
    for name in wanted:
        if name not in objects:
            raise ValidationError(message % {"name": name})
    return [objects[name] for name in wanted]


def _links(
    request: AuthenticatedRequest, organisation: Organisation, given: dict[str, Any], area_id: int, current: list[Actor]
) -> dict[str, Any]:
    """The activity's links named in the body, as objects: providers among the actors the caller may add activities
    for here (and the activity's current ones), themes and target groups by code, measures of the municipality's
    plans."""
    links: dict[str, Any] = {}
    if given.get("providers") is not None:
        editable = {a.pk for a in queries.editable_providers(permissions_for(request.user), organisation)}
        allowed = Actor.objects.filter(pk__in=editable | {a.pk for a in current})
        links["providers"] = _pick(allowed, "pk", given["providers"], _("There is no such actor here: %(name)s."))
    if given.get("themes") is not None:
        links["themes"] = _pick(Theme.objects.all(), "code", given["themes"], _("There is no theme %(name)s."))
    if given.get("target_groups") is not None:
        groups = TargetGroup.objects.all()
        links["target_groups"] = _pick(groups, "code", given["target_groups"], _("There is no target group %(name)s."))
    if given.get("measures") is not None:
        measures = queries.measures_for(area_id)
        links["measures"] = _pick(measures, "pk", given["measures"], _("There is no such measure here: %(name)s."))
    return links


# Actors


@router.get("/organisations/{slug}/actors", response=list[RegisterActorOut], summary="The register's actors")
@paginate(Bounded)
def list_register_actors(request: AuthenticatedRequest, slug: str) -> QuerySet[Actor]:
    return queries.actors_of(_organisation(request, slug))


@router.post("/organisations/{slug}/actors", response={201: RegisterActorOut, 400: Problem}, summary="Add an actor")
def post_actor(request: AuthenticatedRequest, slug: str, data: ActorIn) -> Any:
    organisation = _keeper(request, slug)
    fields = data.dict()
    details = ActorDetails(area=_municipality(fields.pop("municipality")), **fields)
    own = organisation if organisation.kind == OrganisationKind.NGO else None
    created = services.create_actor(actor=request.user, details=details, organisation=own)
    return Status(201, created)


@router.patch(
    "/organisations/{slug}/actors/{actor_id}",
    response={200: RegisterActorOut, 400: Problem},
    summary="Change an actor's entry",
)
def patch_actor(request: AuthenticatedRequest, slug: str, actor_id: int, data: ActorPatch) -> Any:
    entry: Actor = get_for(request.user, Action.EDIT, queries.actors_of(_organisation(request, slug)), pk=actor_id)
    changes = data.dict(exclude_unset=True)
    if any(value is None for value in changes.values()):
        return Status(400, {"detail": _("A field of an actor cannot be null: leave it out to keep it.")})
    if "municipality" in changes:
        changes["area"] = _municipality(changes.pop("municipality"))
    return services.update_actor(actor=request.user, entry=entry, details=replace(ActorDetails.of(entry), **changes))


# Activities


@router.get(ACTIVITIES, response=list[RegisterActivityOut], summary="The register's activities, drafts too")
@paginate(Bounded)
def list_register_activities(
    request: AuthenticatedRequest, slug: str, filters: Query[RegisterActivityFilters]
) -> QuerySet[Activity]:
    """All of them for those who keep the register (drafts and hidden ones too), the public ones for its other
    members."""
    chosen = queries.ActivityFilter(
        text=filters.q or "", theme=filters.theme or "", age_group=filters.age_group or "", status=filters.status or ""
    )
    activities = queries.activities_of(permissions_for(request.user), _organisation(request, slug), chosen)
    return activities.prefetch_related("measures")


@router.get(ACTIVITY, response=RegisterActivityOut, summary="One activity of the register, a draft too")
def get_register_activity(request: AuthenticatedRequest, slug: str, activity_id: int) -> Activity:
    return _activity(request, slug, activity_id, Action.VIEW)


@router.post(ACTIVITIES, response={201: RegisterActivityOut, 400: Problem}, summary="Add an activity")
def post_activity(request: AuthenticatedRequest, slug: str, data: ActivityIn) -> Any:
    organisation = _keeper(request, slug)
    fields = data.dict()
    area = _municipality(fields.pop("municipality"))
    links = _links(request, organisation, fields, area.pk, current=[])
    details = ActivityDetails(area=area, **{k: v for k, v in fields.items() if k not in LINKS})
    created = services.create_activity(actor=request.user, details=details, **links)
    return Status(201, _fresh(created))


@router.patch(ACTIVITY, response={200: RegisterActivityOut, 400: Problem}, summary="Change an activity")
def patch_activity(request: AuthenticatedRequest, slug: str, activity_id: int, data: ActivityPatch) -> Any:
    """Only the fields given change; saving marks the activity checked."""
    activity = _activity(request, slug, activity_id, Action.EDIT)
    changes = data.dict(exclude_unset=True)
    refused = sorted(name for name, value in changes.items() if value is None and name not in NULLABLE)
    if refused:
        return Status(
            400,
            {
                "detail": _("These cannot be null (leave them out to keep them): %(fields)s")
                % {"fields": ", ".join(refused)}
            },
        )
    if "municipality" in changes:
        changes["area"] = _municipality(changes.pop("municipality"))
    area_id = changes["area"].pk if "area" in changes else activity.area_id
    links = _links(request, _organisation(request, slug), changes, area_id, current=list(activity.providers.all()))
    details = replace(ActivityDetails.of(activity), **{k: v for k, v in changes.items() if k not in LINKS})
    services.update_activity(actor=request.user, activity=activity, details=details, **links)
    return _fresh(activity)


@router.post(
    ACTIVITY + "/checked", response={200: RegisterActivityOut, 400: Problem}, summary="Mark an activity checked"
)
def post_activity_checked(request: AuthenticatedRequest, slug: str, activity_id: int) -> Any:
    """The activity was checked and is still current (its "last checked" becomes now)."""
    activity = _activity(request, slug, activity_id, Action.EDIT)
    services.mark_checked(actor=request.user, activity=activity)
    return _fresh(activity)


@router.post(
    ACTIVITY + "/hide", response={200: RegisterActivityOut, 400: Problem}, summary="Hide an activity from the finder"
)
def post_activity_hide(request: AuthenticatedRequest, slug: str, activity_id: int, data: HideIn) -> Any:
    """For the coordinators of the municipality where it is; the reason is kept on it and in the audit log."""
    activity = _activity(request, slug, activity_id, Action.HIDE)
    services.hide_activity(actor=request.user, activity=activity, reason=data.reason)
    return _fresh(activity)


@router.post(
    ACTIVITY + "/unhide", response={200: RegisterActivityOut, 400: Problem}, summary="Show a hidden activity again"
)
def post_activity_unhide(request: AuthenticatedRequest, slug: str, activity_id: int) -> Any:
    activity = _activity(request, slug, activity_id, Action.HIDE)
    services.unhide_activity(actor=request.user, activity=activity)
    return _fresh(activity)


@router.post(ACTIVITY + "/image", response={200: ActivityImageOut, 400: Problem}, summary="Set an activity's picture")
def post_activity_image(
    request: AuthenticatedRequest, slug: str, activity_id: int, file: File[UploadedFile], data: Form[ImageIn]
) -> Any:
    """A form (multipart/form-data): `file` (JPEG, PNG or WebP, at most 5 MB, that is what its name says),
    `alt_text` and `alt_text_sv`, what it shows in Finnish and in Swedish (both required)."""
    activity = _activity(request, slug, activity_id, Action.EDIT)
    if file.size is not None and file.size > MAX_IMAGE_BYTES:
        return Status(400, {"detail": _("The image is larger than 5 MB.")})
    upload = ImageUpload(data=file.read(), filename=file.name or "", **data.dict())
    image = services.set_activity_image(actor=request.user, activity=activity, image=upload)
    return image_out(activity, image)


@router.delete(ACTIVITY + "/image", response={204: None, 400: Problem}, summary="Remove an activity's picture")
def delete_activity_image(request: AuthenticatedRequest, slug: str, activity_id: int) -> Any:
    activity = _activity(request, slug, activity_id, Action.EDIT)
    services.remove_activity_image(actor=request.user, activity=activity)
    return Status(204, None)
