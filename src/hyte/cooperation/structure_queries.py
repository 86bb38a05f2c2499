"""Reads of cooperation structures: those an organisation keeps or has members in, as the reader may see them
(two queries however many structures and members)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation.structure_models import Structure, StructureMember
from hyte.core.actors import Viewer


def _structures() -> QuerySet[Structure]:
    return Structure.objects.select_related("keeper").prefetch_related(
        Prefetch("members", queryset=StructureMember.objects.select_related("organisation"))
    )


def structures_of(user: Viewer, organisation: Organisation) -> list[Structure]:
    """The structures the organisation keeps or has a member in, that the reader may see."""
    perms = permissions_for(user)
    found = _structures().filter(Q(keeper=organisation) | Q(members__organisation=organisation)).distinct()
    return [structure for structure in found if perms.can(Action.VIEW, structure)]


def structure_for(user: Viewer, organisation: Organisation, structure_id: int) -> Structure:
    """One structure the organisation keeps or has a member in, if the reader may see it; 404 otherwise."""
    found = [s for s in structures_of(user, organisation) if s.pk == structure_id]
    if not found:
        raise Http404
    return found[0]
