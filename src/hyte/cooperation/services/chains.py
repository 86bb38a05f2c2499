"""Service chains: kept by a county or a municipality with the organisations taking part; steps added, changed,
moved (up and down) and removed; published on the public site."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.actors.models import Activity, AgeGroup
from hyte.actors.path_models import SupportPath
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.cooperation.chain_models import ChainStep, Phase, ServiceChain
from hyte.cooperation.services._common import line, next_position, text
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.indicators.models import Indicator


@dataclass
class ChainDetails:
    name: str
    name_sv: str = ""
    description: str = ""
    description_sv: str = ""
    participants: list[Organisation] = field(default_factory=list)
    indicators: list[Indicator] | None = None  # None: left as they are
    indicators_text: str = ""
    is_published: bool = False


@dataclass
class StepDetails:
    title: str
    organisation: Organisation
    phase: str = Phase.COUNSELLING
    title_sv: str = ""
    age_group: str = ""
    description: str = ""
    description_sv: str = ""
    unit: str = ""
    unit_sv: str = ""
    handoff: str = ""
    handoff_sv: str = ""
    contact: str = ""
    activity: Activity | None = None
    support_path: SupportPath | None = None


def _chain_values(keeper: Organisation, details: ChainDetails) -> dict[str, Any]:
    name = line(details.name, 200)
    if not name:
        raise ValidationError(_("Give the service chain a name."))
    if any(each.pk == keeper.pk for each in details.participants):
        raise ValidationError(_("The keeper of the chain takes part in it already: do not add it as a participant."))
    if any(not each.is_active for each in details.participants):
        raise ValidationError(_("An organisation that is no longer active cannot take part."))
    return {
        "name": name,
        "name_sv": line(details.name_sv, 200),
        "description": text(details.description),
        "description_sv": text(details.description_sv),
        "indicators_text": text(details.indicators_text),
        "is_published": bool(details.is_published),
    }


def _links(chain: ServiceChain, details: ChainDetails) -> dict[str, list[list[int]]]:
    changes: dict[str, list[list[int]]] = {}
    for name, chosen in (("participants", details.participants), ("indicators", details.indicators)):
        if chosen is None:
            continue
        manager = getattr(chain, name)
        before = sorted(manager.values_list("pk", flat=True))
        after = sorted(each.pk for each in chosen)
        if before != after:
            manager.set(chosen)
            changes[name] = [before, after]
    return changes


@audit.service(AuditAction.CHAIN_CREATE)
def create_chain(*, actor: Actor, keeper: Organisation, details: ChainDetails) -> ServiceChain:
    """A new chain kept by a county or a municipality."""
    require(actor, Action.EDIT, ServiceChain(keeper=keeper))
    values = _chain_values(keeper, details)
    now = clock.now()
    chain = ServiceChain.objects.create(keeper=keeper, created_at=now, updated_at=now, **values)
    links = _links(chain, details)
    audit.record(chain, changes={name: [None, value] for name, value in values.items() if value} | links)
    return chain


@audit.service(AuditAction.CHAIN_UPDATE)
def update_chain(*, actor: Actor, chain: ServiceChain, details: ChainDetails) -> ServiceChain:
    require(actor, Action.EDIT, chain)
    values = _chain_values(chain.keeper, details)
    steps_outside = chain.steps.exclude(organisation__in=[chain.keeper, *details.participants]).values_list(
        "title", flat=True
    )
    if steps_outside:
        raise ValidationError(
            _("An organisation responsible for a step must take part: %(steps)s.") % {"steps": ", ".join(steps_outside)}
        )
    links = _links(chain, details)
    changed = {name: value for name, value in values.items() if getattr(chain, name) != value}
    audit.update(chain, also_changed=links, updated_at=clock.now(), **changed)
    return chain


def _step_values(actor: Actor, chain: ServiceChain, details: StepDetails) -> dict[str, Any]:
    title = line(details.title, 200)
    if not title:
        raise ValidationError(_("Give the step a name."))
    if details.phase not in Phase.values:
        raise ValidationError(_("Choose the step's phase."))
    if details.age_group and details.age_group not in AgeGroup.values:
        raise ValidationError(_("Choose one of the age groups, or none for all."))
    allowed = {chain.keeper_id, *chain.participants.values_list("pk", flat=True)}
    if details.organisation.pk not in allowed:
        raise ValidationError(
            _("The responsible organisation must be the chain's keeper or one of the organisations taking part.")
        )
    for linked in (details.activity, details.support_path):
        if linked is not None:
            require(actor, Action.VIEW, linked)
    return {
        "title": title,
        "title_sv": line(details.title_sv, 200),
        "phase": details.phase,
        "age_group": details.age_group,
        "description": text(details.description),
        "description_sv": text(details.description_sv),
        "organisation": details.organisation,
        "unit": line(details.unit, 200),
        "unit_sv": line(details.unit_sv, 200),
        "handoff": text(details.handoff),
        "handoff_sv": text(details.handoff_sv),
        "contact": line(details.contact, 300),
        "activity": details.activity,
        "support_path": details.support_path,
    }


def _touch(chain: ServiceChain) -> None:
    chain.updated_at = clock.now()
    chain.save(update_fields=["updated_at"])


@audit.service(AuditAction.CHAIN_STEP_ADD)
def add_step(*, actor: Actor, chain: ServiceChain, details: StepDetails) -> ChainStep:
    """A step at the end of the chain."""
    require(actor, Action.EDIT, chain)
    values = _step_values(actor, chain, details)
    step = audit.create(
        ChainStep,
        audit_fields=["title", "phase", "organisation", "unit"],
        chain=chain,
        position=next_position(chain.steps),
        **values,
    )
    _touch(chain)
    return step


@audit.service(AuditAction.CHAIN_STEP_UPDATE)
def update_step(*, actor: Actor, step: ChainStep, details: StepDetails) -> ChainStep:
    require(actor, Action.EDIT, step)
    values = _step_values(actor, step.chain, details)
    audit.update(step, **{name: value for name, value in values.items() if getattr(step, name) != value})
    _touch(step.chain)
    return step


@audit.service(AuditAction.CHAIN_STEP_MOVE)
def move_step(*, actor: Actor, step: ChainStep, offset: int) -> ChainStep:
    """One place up (-1) or down (+1)."""
    require(actor, Action.EDIT, step)
    siblings = list(step.chain.steps.order_by("position", "id"))
    index = next(i for i, each in enumerate(siblings) if each.pk == step.pk)
    other = index + (1 if offset > 0 else -1)
    if not 0 <= other < len(siblings):
        raise ValidationError(_("The step is already first or last in the chain."))
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, each in enumerate(siblings, start=1):
        if each.position != position:
            audit.update(each, position=position)
    _touch(step.chain)
    return step


@audit.service(AuditAction.CHAIN_STEP_REMOVE)
def remove_step(*, actor: Actor, step: ChainStep) -> None:
    require(actor, Action.EDIT, step)
    chain = step.chain
    audit.delete(step, changes={"title": [step.title, None]})
    _touch(chain)
