"""The demo's two support paths, written for the demo on top of its register (demo/actors.py): Kemi's for older
people managing at home and Tornio's for families with a new baby. Each step names a demo activity or the county's
service (invented, with the demo's 040 000 … numbers). Tornio's last step names a draft activity, so the public
page shows how such a step keeps only its own words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hyte.actors.models import Activity, SupportPath, TargetGroup
from hyte.actors.support_paths import services
from hyte.actors.support_paths.details import PathDetails, StepDetails
from hyte.core.actors import DEMO
from hyte.regions.models import Area, AreaKind

DATA = Path(__file__).with_name("support_paths.json")  # Kemi's and Tornio's, in Finnish and Swedish


def _path(data: dict[str, Any]) -> SupportPath:
    area = Area.objects.get(kind=AreaKind.MUNICIPALITY, code=data["area"])
    texts = {name: data[name] for name in ("title", "title_sv", "introduction", "introduction_sv", "age_groups")}
    path = services.create_path(
        actor=DEMO,
        details=PathDetails(area=area, **texts),
        target_groups=TargetGroup.objects.filter(code__in=data["target_groups"]),
    )
    for step in data["steps"]:
        values = dict(step)
        title = values.pop("activity", None)
        activity = Activity.objects.get(area=area, title=title) if title else None
        services.add_step(actor=DEMO, path=path, details=StepDetails(activity=activity, **values))
    return services.publish_path(actor=DEMO, path=path)


def load_demo_support_paths() -> int:
    """The two paths, once (after the register): how many were made."""
    made = 0
    for data in json.loads(DATA.read_text(encoding="utf-8")):
        if not SupportPath.objects.filter(title=data["title"], area__code=data["area"]).exists():
            _path(data)
            made += 1
    return made
