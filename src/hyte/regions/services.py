"""Writes of Finland's areas: the municipality key loaded as a whole, audited."""

from __future__ import annotations

from pathlib import Path

from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core.actors import SystemActor
from hyte.regions.loader import COUNTIES, DEFAULT_KEY, MERGERS, SOTKANET_REGIONS, LoadResult, write_areas


@audit.service(AuditAction.AREAS_LOAD)
def load_areas(
    *,
    actor: SystemActor,
    path: Path = DEFAULT_KEY,
    year: int | None = None,
    sotkanet_regions_path: Path = SOTKANET_REGIONS,
    counties_path: Path = COUNTIES,
    mergers_path: Path = MERGERS,
) -> LoadResult:
    """Load (or update) the areas from a municipality key; a bad key is refused whole and nothing changes.

    Finland's areas are national master data: only the system loads them (`hyte load_areas`, `hyte demo`), so
    the actor is typed as the system and there is no one else to ask about.
    """
    result = write_areas(
        path=path,
        year=year,
        sotkanet_regions_path=sotkanet_regions_path,
        counties_path=counties_path,
        mergers_path=mergers_path,
    )
    audit.record(
        object_type="regions.area",
        object_repr=path.name,
        changes={"year": result.year, "created": result.created, "updated": result.updated, "retired": result.retired},
    )
    return result
