"""What a service is given for a support path or one of its steps: typed, whole (an update replaces every field)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hyte.actors.models import Activity, SupportPath, SupportPathStep
    from hyte.regions.models import Area


@dataclass(frozen=True)
class PathDetails:
    title: str
    area: Area
    title_sv: str = ""
    title_en: str = ""
    introduction: str = ""
    introduction_sv: str = ""
    introduction_en: str = ""
    age_groups: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, path: SupportPath) -> PathDetails:
        return cls(**{f.name: getattr(path, f.name) for f in fields(cls)})

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class StepDetails:
    """A step is an activity of the register (`activity`) or a service described in words (`service_name` with
    a phone or a link), never both."""

    heading: str
    heading_sv: str = ""
    heading_en: str = ""
    guidance: str = ""
    guidance_sv: str = ""
    guidance_en: str = ""
    activity: Activity | None = None
    service_name: str = ""
    service_name_sv: str = ""
    service_name_en: str = ""
    service_phone: str = ""
    service_url: str = ""

    @classmethod
    def of(cls, step: SupportPathStep) -> StepDetails:
        return cls(**{f.name: getattr(step, f.name) for f in fields(cls)})

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
