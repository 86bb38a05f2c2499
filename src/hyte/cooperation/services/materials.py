"""A meeting's materials: links, and uploaded files checked for their type and size (`files.py`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.files import check_upload
from hyte.cooperation.models import Material, Meeting
from hyte.cooperation.services._common import line
from hyte.core import clock
from hyte.core.actors import Actor


@audit.service(AuditAction.MATERIAL_ADD)
def add_material(
    *, actor: Actor, meeting: Meeting, title: str, url: str = "", data: bytes | None = None, filename: str = ""
) -> Material:
    """A link (`url`) or a file (`data` with its `filename`), one of the two."""
    require(actor, Action.EDIT, meeting)
    url = (url or "").strip()
    if bool(url) == (data is not None):
        raise ValidationError(_("Give either a link or a file."))
    title = line(title, 300) or line(filename, 300)
    if not title:
        raise ValidationError(_("Give the material a title."))
    if url:
        try:
            URLValidator(schemes=["https", "http"])(url)
        except ValidationError as exc:
            raise ValidationError(_("The link is not a web address (https://…).")) from exc
        if len(url) > 500:
            raise ValidationError(_("The link is longer than 500 characters."))
        return audit.create(
            Material, audit_fields=["title", "url"], meeting=meeting, title=title, url=url, added_at=clock.now()
        )
    assert data is not None  # noqa: S101 - one of the two, checked above
    checked = check_upload(data, filename)
    return audit.create(
        Material,
        audit_fields=["title", "filename", "content_type", "size", "sha256"],
        meeting=meeting,
        title=title,
        data=checked.data,
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        added_at=clock.now(),
    )


@audit.service(AuditAction.MATERIAL_REMOVE)
def remove_material(*, actor: Actor, material: Material) -> None:
    require(actor, Action.EDIT, material.meeting)
    audit.delete(material, changes={"title": [material.title, None]})
