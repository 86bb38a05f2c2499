"""What a service is given for an actor's entry or an activity: typed, whole (an update replaces every field)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hyte.actors.models import Activity, Actor
    from hyte.regions.models import Area


@dataclass(frozen=True)
class ActorDetails:
    kind: str
    name: str
    area: Area
    name_sv: str = ""
    business_id: str = ""
    register_number: str = ""
    contact: str = ""
    website: str = ""

    @classmethod
    def of(cls, entry: Actor) -> ActorDetails:
        return cls(**{f.name: getattr(entry, f.name) for f in fields(cls)})

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class ActivityDetails:
    title: str
    area: Area
    title_sv: str = ""
    title_en: str = ""
    description: str = ""
    description_sv: str = ""
    description_en: str = ""
    age_groups: list[str] = field(default_factory=list)
    place: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    online: bool = False
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    recurring: bool = False
    schedule: str = ""
    is_free: bool = True
    fee: str = ""
    languages: list[str] = field(default_factory=list)
    accessibility: str = ""
    join_url: str = ""
    join_phone: str = ""
    is_published: bool = False

    @classmethod
    def of(cls, activity: Activity) -> ActivityDetails:
        return cls(**{f.name: getattr(activity, f.name) for f in fields(cls)})

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class ImageUpload:
    """An activity's picture as given: the file (None keeps the current picture, changing only its text
    alternatives) and what it shows, in Finnish and in Swedish (both required)."""

    data: bytes | None
    filename: str = ""
    alt_text: str = ""
    alt_text_sv: str = ""
