"""Reads of service chains, scoped to what the reader may see: the chains an organisation keeps or takes part in,
one chain with its steps (each with its organisation, activity and support path), and the published chains of
the public site. A fixed number of queries however many steps and organisations."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, permissions_for
from hyte.cooperation.chain_models import ChainStep, ServiceChain
from hyte.core.actors import Viewer


def _chains() -> QuerySet[ServiceChain]:
    steps = ChainStep.objects.select_related("organisation", "activity", "support_path")
    return ServiceChain.objects.select_related("keeper").prefetch_related(
        "participants", "indicators", Prefetch("steps", queryset=steps)
    )


def _involving(organisation: Organisation) -> Q:
    return Q(keeper=organisation) | Q(participants=organisation)


def chains_of(user: Viewer, organisation: Organisation) -> list[ServiceChain]:
    """The chains the organisation keeps or takes part in, that the reader may see."""
    perms = permissions_for(user)
    found = _chains().filter(pk__in=ServiceChain.objects.filter(_involving(organisation)).values("pk"))
    return [chain for chain in found if perms.can(Action.VIEW, chain)]


def chain_for(user: Viewer, organisation: Organisation, chain_id: int, action: Action = Action.VIEW) -> ServiceChain:
    """One chain the organisation keeps or takes part in, if the reader may do `action`; 404 otherwise."""
    involved = ServiceChain.objects.filter(_involving(organisation), pk=chain_id)
    chain = _chains().filter(pk__in=involved.values("pk")).first()
    if chain is None or not permissions_for(user).can(action, chain):
        raise Http404
    return chain


def step_of(chain: ServiceChain, step_id: int) -> ChainStep:
    """A step of the chain (from its prefetched steps), or 404."""
    for step in chain.steps.all():
        if step.pk == step_id:
            step.chain = chain
            return step
    raise Http404


def published_chains(keeper: Organisation) -> QuerySet[ServiceChain]:
    return _chains().filter(keeper=keeper, is_published=True)


def published_chain(keeper: Organisation, chain_id: int) -> ServiceChain | None:
    return published_chains(keeper).filter(pk=chain_id).first()
