"""Setting up a negotiation series: the county convenes, with its municipalities and others as members."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.models import Arrangement, Series, SeriesKind
from hyte.cooperation.services._common import line, text
from hyte.core import clock
from hyte.core.actors import Actor


def _clean(
    *, kind: str, arrangement: str, title: str, convener: Organisation, members: list[Organisation]
) -> dict[str, Any]:
    if kind not in SeriesKind.values:
        raise ValidationError(_("Choose the kind of negotiation."))
    if arrangement not in Arrangement.values:
        raise ValidationError(_("Choose how the negotiations are arranged."))
    title = line(title, 300)
    if not title:
        raise ValidationError(_("Give the series a title."))
    if any(member.pk == convener.pk for member in members):
        raise ValidationError(_("The convening county takes part in every meeting: do not add it as a member."))
    if any(not member.is_active for member in members):
        raise ValidationError(_("An organisation that is no longer active cannot be a member."))
    return {"kind": kind, "arrangement": arrangement, "title": title}


def _set_members(series: Series, members: list[Organisation]) -> dict[str, list[list[int]]]:
    before = sorted(series.members.values_list("pk", flat=True))
    series.members.set(members)
    after = sorted(member.pk for member in members)
    return {"members": [before, after]} if before != after else {}


@audit.service(AuditAction.SERIES_CREATE)
def create_series(
    *,
    actor: Actor,
    convener: Organisation,
    kind: str,
    arrangement: str,
    title: str,
    members: Iterable[Organisation],
    description: str = "",
) -> Series:
    """A new series convened by a county; `members` are invited to each of its meetings."""
    members = list(members)
    require(actor, Action.EDIT, Series(convener=convener))
    values = _clean(kind=kind, arrangement=arrangement, title=title, convener=convener, members=members)
    series = audit.create(
        Series,
        audit_fields=[*values, "convener"],
        convener=convener,
        description=text(description),
        created_at=clock.now(),
        **values,
    )
    series.members.set(members)
    audit.record(series, changes={"members": [[], sorted(m.pk for m in members)]})
    return series


@audit.service(AuditAction.SERIES_UPDATE)
def update_series(
    *,
    actor: Actor,
    series: Series,
    kind: str,
    arrangement: str,
    title: str,
    members: Iterable[Organisation],
    description: str = "",
) -> Series:
    """Change a series; new members are invited to meetings created from now on."""
    require(actor, Action.EDIT, series)
    members = list(members)
    values = _clean(kind=kind, arrangement=arrangement, title=title, convener=series.convener, members=members)
    links = _set_members(series, members)
    audit.update(series, also_changed=links, description=text(description), **values)
    return series
