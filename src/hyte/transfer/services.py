"""The organisation's export and import as audited services (the commands `hyte export_organisation` and
`hyte import_organisation` call them as the command-line system actor)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import SITE, Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core.actors import Actor
from hyte.transfer import writer
from hyte.transfer.loader import Loaded, load
from hyte.transfer.reader import Archive, ArchiveRefused


@dataclass(frozen=True)
class Exported:
    path: Path
    rows: int
    size: int
    left_out: dict[str, int]


@audit.service(AuditAction.ORGANISATION_EXPORTED)
def export_organisation(*, actor: Actor, organisation: Organisation, target: Path) -> Exported:
    """Write the organisation's archive to `target`, which must not exist; a failed export leaves no file."""
    require(actor, Action.MANAGE_MEMBERS, organisation)
    if target.exists():
        raise FileExistsError(f"{target} exists already; choose a new file name")
    handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:
            written = writer.write(organisation, out)
        Path(partial).replace(target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    size = target.stat().st_size
    audit.record(
        organisation,
        changes={"file": target.name, "rows": written.rows, "bytes": size, "left out": dict(written.left_out)},
    )
    return Exported(path=target, rows=written.rows, size=size, left_out=dict(written.left_out))


@audit.service(AuditAction.ORGANISATION_IMPORTED, AuditAction.USER_CREATE)
def import_organisation(*, actor: Actor, source: Path, slug: str = "") -> Loaded:
    """Import an archive as a new organisation (under `slug`, or the archive's own short name), all or nothing.
    Raises `ArchiveRefused`, with nothing written, when the archive is damaged, changed, of a newer format or
    schema, refers to shared data this instance lacks, or its organisation exists here already."""
    require(actor, Action.CREATE_ORGANISATION, SITE)
    if not source.is_file():
        raise ArchiveRefused(f"{source} is not a file")
    archive = Archive(source)
    try:
        archive.verify()
        try:
            loaded = load(archive, slug=slug or archive.manifest["organisation"])
        except DatabaseError as exc:
            raise ArchiveRefused(f"the archive's rows break a rule of this database ({exc})") from exc
    finally:
        archive.close()
    for person in loaded.people_created:
        audit.record(
            person,
            action=AuditAction.USER_CREATE,
            organisation=loaded.organisation,
            changes={"username": [None, person.username], "email": [None, person.email]},
        )
    audit.record(
        loaded.organisation,
        changes={
            "file": source.name,
            "from": archive.manifest["organisation"],
            "written": archive.manifest.get("created_at", ""),
            "rows": loaded.rows,
            "people created": len(loaded.people_created),
            "people matched": loaded.people_matched,
            "register entries found here": dict(loaded.matched),
        },
    )
    return loaded
