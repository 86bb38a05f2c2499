"""Cooperation structures: groups, networks and forums kept by a county's or a municipality's coordinators, with
members from several organisations, each person on behalf of one of them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.services._common import line, text
from hyte.cooperation.structure_models import Structure, StructureKind, StructureMember
from hyte.core import clock
from hyte.core.actors import Actor


def _clean(*, name: str, name_sv: str, kind: str) -> dict[str, Any]:
    name = line(name, 300)
    if not name:
        raise ValidationError(_("Give the structure a name in Finnish."))
    if kind not in StructureKind.values:
        raise ValidationError(_("Choose the kind of structure: group, network or forum."))
    return {"name": name, "name_sv": line(name_sv, 300), "kind": kind}


@audit.service(AuditAction.STRUCTURE_CREATE)
def create_structure(
    *, actor: Actor, keeper: Organisation, name: str, kind: str, name_sv: str = "", description: str = ""
) -> Structure:
    require(actor, Action.EDIT, Structure(keeper=keeper))
    values = _clean(name=name, name_sv=name_sv, kind=kind)
    return audit.create(Structure, keeper=keeper, description=text(description), created_at=clock.now(), **values)


@audit.service(AuditAction.STRUCTURE_UPDATE)
def update_structure(
    *, actor: Actor, structure: Structure, name: str, kind: str, name_sv: str = "", description: str = ""
) -> Structure:
    require(actor, Action.EDIT, structure)
    values = _clean(name=name, name_sv=name_sv, kind=kind)
    audit.update(structure, description=text(description), **values)
    return structure


@audit.service(AuditAction.STRUCTURE_MEMBER_ADD)
def add_structure_member(
    *, actor: Actor, structure: Structure, organisation: Organisation | None, name: str, job_title: str = ""
) -> StructureMember:
    """A person in the structure on behalf of an organisation (any active organisation in Hyte)."""
    require(actor, Action.EDIT, structure)
    if organisation is None or not organisation.is_active:
        raise ValidationError(_("Choose the organisation the person represents."))
    name = line(name, 200)
    if not name:
        raise ValidationError(_("Give the member's name."))
    if structure.members.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError(_("%(name)s is a member already.") % {"name": name})
    return audit.create(
        StructureMember, structure=structure, organisation=organisation, name=name, job_title=line(job_title, 200)
    )


@audit.service(AuditAction.STRUCTURE_MEMBER_REMOVE)
def remove_structure_member(*, actor: Actor, member: StructureMember) -> None:
    require(actor, Action.EDIT, member.structure)
    audit.delete(member)
