"""A support path on top of the register of `tests/actors_world.py`: Kemi's "managing at home as an older
person", published, with an activity step, a service step and a second activity step. Built through the services."""

from __future__ import annotations

from typing import Any

from hyte.actors.models import TargetGroup
from hyte.actors.support_paths import services
from hyte.actors.support_paths.details import PathDetails, StepDetails
from tests.actors_world import kemi_area
from tests.conftest import SYSTEM

INTRODUCTION = "Kun arki kotona alkaa tuntua raskaalta, näistä saat apua ja seuraa."
INTRODUCTION_SV = "När vardagen hemma börjar kännas tung får du hjälp och sällskap här."


def add_path(actor: Any = SYSTEM, **fields: Any) -> Any:
    values = {"title": "Kotona pärjääminen", "area": kemi_area(), **fields}
    return services.create_path(actor=actor, details=PathDetails(**values))


def add_step(path: Any, actor: Any = SYSTEM, **fields: Any) -> Any:
    return services.add_step(actor=actor, path=path, details=StepDetails(**fields))


def build_path(register: dict[str, Any], *, publish: bool = True) -> dict[str, Any]:
    path = add_path(
        title="Kotona pärjääminen ikääntyneenä",
        title_sv="Att klara sig hemma som äldre",
        introduction=INTRODUCTION,
        introduction_sv=INTRODUCTION_SV,
        age_groups=["older"],
    )
    services.update_path(
        actor=SYSTEM,
        path=path,
        details=PathDetails.of(path),
        target_groups=TargetGroup.objects.filter(code="living-alone"),
    )
    walking = add_step(
        path,
        heading="Lähde liikkeelle",
        heading_sv="Kom i rörelse",
        guidance="Kävely porukalla pitää kunnossa ja tuo seuraa.",
        guidance_sv="En promenad i grupp håller dig i form.",
        activity=register["walking"],
    )
    advice = add_step(
        path,
        heading="Kysy neuvoa",
        heading_sv="Fråga om råd",
        guidance="Seniorineuvonnasta kerrotaan tuista ja palveluista.",
        service_name="Seniorineuvonta",
        service_name_sv="Seniorrådgivningen",
        service_phone="040 000 0001",
        service_url="https://example.fi/seniorineuvonta",
    )
    reading = add_step(
        path,
        heading="Tuo lapsenlapset mukaan",
        heading_sv="Ta med barnbarnen",
        activity=register["reading"],
    )
    if publish:
        services.publish_path(actor=SYSTEM, path=path)
    return {"path": path, "walking": walking, "advice": advice, "reading": reading}
