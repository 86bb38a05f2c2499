"""The bodies of the register's API (`hyte.actors.api`): what it answers and what it reads, each typed so that its
OpenAPI document describes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from hyte.actors.models import Activity, ActivityImage, Actor, ActorKind, AgeGroup, Language

# What it answers


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


class RegisterActorOut(ActorOut):
    own_organisation: str | None = Field(description="the slug of the NGO's organisation in Hyte that keeps it")
    last_checked_at: dt.datetime | None

    @staticmethod
    def resolve_own_organisation(obj: Actor) -> str | None:
        return obj.organisation.slug if obj.organisation is not None else None


class ActivityImageOut(Schema):
    url: str | None = Field(description="its address while the activity is in the public finder, else null")
    content_type: str = Field(description="image/jpeg, image/png or image/webp")
    width: int
    height: int
    alt_text: str = Field(description="what it shows, in Finnish (its text alternative)")
    alt_text_sv: str = Field(description="what it shows, in Swedish")


def image_out(activity: Activity, image: ActivityImage | None) -> dict[str, Any] | None:
    if image is None:
        return None
    public = activity.is_published and not activity.is_hidden
    return {
        "url": reverse("public-activity-image", args=[activity.pk, image.file_name]) if public else None,
        "content_type": image.content_type,
        "width": image.width,
        "height": image.height,
        "alt_text": image.alt_text,
        "alt_text_sv": image.alt_text_sv,
    }


def _image(activity: Activity) -> ActivityImage | None:
    try:
        return activity.image
    except ActivityImage.DoesNotExist:
        return None


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
    image: ActivityImageOut | None = Field(description="its picture with the text alternatives, or null")
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

    @staticmethod
    def resolve_image(obj: Activity) -> dict[str, Any] | None:
        return image_out(obj, _image(obj))


class RegisterActivityOut(ActivityOut):
    """An activity as those who keep the register see it: drafts and hidden ones too."""

    is_published: bool = Field(description="in the public finder (unless hidden); false for a draft")
    is_hidden: bool = Field(description="hidden from the public finder by the municipality's coordinator")
    hidden_reason: str
    measures: list[int] = Field(description="ids of the plan's measures it carries out")

    @staticmethod
    def resolve_measures(obj: Activity) -> list[int]:
        return [measure.pk for measure in obj.measures.all()]


# What it reads


class RegisterActivityFilters(Schema):
    q: str | None = Field(None, max_length=200, description="words to find (full-text search)")
    theme: str | None = Field(None, max_length=60, description="a theme's code")
    age_group: AgeGroup | None = None
    status: str | None = Field(
        None, pattern="^(published|draft|hidden|stale)$", description="published, draft, hidden or stale"
    )


class ActorIn(Schema):
    kind: ActorKind
    name: str = Field(min_length=1, max_length=200)
    name_sv: str = Field("", max_length=200)
    business_id: str = Field("", max_length=12, description="checked by its check digit, e.g. 0201256-6")
    register_number: str = Field("", max_length=20)
    municipality: str = Field(max_length=10, description="the official code of the municipality it works in")
    contact: str = Field("", max_length=2000)
    website: str = Field("", max_length=200, description="an http(s) address")


class ActorPatch(Schema):
    kind: ActorKind | None = None
    name: str | None = Field(None, min_length=1, max_length=200)
    name_sv: str | None = Field(None, max_length=200)
    business_id: str | None = Field(None, max_length=12)
    register_number: str | None = Field(None, max_length=20)
    municipality: str | None = Field(None, max_length=10)
    contact: str | None = Field(None, max_length=2000)
    website: str | None = Field(None, max_length=200)


class _ActivityFields(Schema):
    title_sv: str = Field("", max_length=200)
    title_en: str = Field("", max_length=200)
    description: str = Field("", max_length=10_000)
    description_sv: str = Field("", max_length=10_000)
    description_en: str = Field("", max_length=10_000)
    themes: list[str] = Field([], max_length=50, description="theme codes (GET /activity-themes)")
    age_groups: list[AgeGroup] = Field([], max_length=4)
    target_groups: list[str] = Field([], max_length=50, description="target group codes")
    measures: list[int] = Field([], max_length=100, description="ids of the municipality's plan's measures")
    place: str = Field("", max_length=120, description="village or district")
    address: str = Field("", max_length=200)
    latitude: float | None = Field(None, ge=-90, le=90, description="the map point: in the activity's municipality")
    longitude: float | None = Field(None, ge=-180, le=180)
    online: bool = False
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    recurring: bool = False
    schedule: str = Field("", max_length=200, description="required for a recurring activity, e.g. Tuesdays 10–12")
    is_free: bool = True
    fee: str = Field("", max_length=200, description="required unless free of charge")
    languages: list[Language] = Field([], max_length=10)
    accessibility: str = Field("", max_length=2000)
    join_url: str = Field("", max_length=200, description="an http(s) address")
    join_phone: str = Field("", max_length=40)
    is_published: bool = Field(False, description="true to show it in the public finder; false keeps a draft")


class ActivityIn(_ActivityFields):
    title: str = Field(min_length=1, max_length=200)
    providers: list[int] = Field(min_length=1, max_length=20, description="ids of the actors that offer it")
    municipality: str = Field(max_length=10, description="the official code of the municipality where it is")


class ActivityPatch(Schema):
    """Any of the fields of `ActivityIn`; those left out keep their values."""

    title: str | None = Field(None, min_length=1, max_length=200)
    title_sv: str | None = Field(None, max_length=200)
    title_en: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=10_000)
    description_sv: str | None = Field(None, max_length=10_000)
    description_en: str | None = Field(None, max_length=10_000)
    providers: list[int] | None = Field(None, min_length=1, max_length=20)
    themes: list[str] | None = Field(None, max_length=50)
    age_groups: list[AgeGroup] | None = Field(None, max_length=4)
    target_groups: list[str] | None = Field(None, max_length=50)
    measures: list[int] | None = Field(None, max_length=100)
    municipality: str | None = Field(None, max_length=10)
    place: str | None = Field(None, max_length=120)
    address: str | None = Field(None, max_length=200)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    online: bool | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    recurring: bool | None = None
    schedule: str | None = Field(None, max_length=200)
    is_free: bool | None = None
    fee: str | None = Field(None, max_length=200)
    languages: list[Language] | None = Field(None, max_length=10)
    accessibility: str | None = Field(None, max_length=2000)
    join_url: str | None = Field(None, max_length=200)
    join_phone: str | None = Field(None, max_length=40)
    is_published: bool | None = None


class HideIn(Schema):
    reason: str = Field(min_length=1, max_length=300, description="why: kept on the activity and in the audit log")


class ImageIn(Schema):
    alt_text: str = Field(max_length=300, description="what the picture shows, in Finnish (required)")
    alt_text_sv: str = Field(max_length=300, description="what it shows, in Swedish (required)")
