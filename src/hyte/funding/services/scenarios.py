"""What-if scenarios: saved by an organisation's editors and up, private to it unless shared. Saving one freezes
the model version it was computed under (a scenario must stay reproducible)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.funding.models import CoefficientModel, Scenario
from hyte.funding.queries.results import clean_changes, what_if
from hyte.funding.services._common import freeze_used
from hyte.regions.models import Area


@audit.service(AuditAction.SCENARIO_SAVE)
def save_scenario(
    *,
    actor: Actor,
    organisation: Organisation,
    model: CoefficientModel,
    area: Area,
    title: str,
    changes: Mapping[str, object],
    shared: bool = False,
) -> Scenario:
    require(actor, Action.CONTRIBUTE, Scenario(organisation=organisation))
    title = " ".join(title.split())[:300]
    if not title:
        raise ValidationError(_("Give the scenario a title."))
    cleaned = clean_changes(model, changes)
    if not cleaned:
        raise ValidationError(_("Change at least one value."))
    result = what_if(model, area, cleaned)
    if result is None:
        raise ValidationError(_("The model does not cover this area."))
    freeze_used(model)
    user = getattr(actor, "pk", None)
    return audit.create(
        Scenario,
        model_id=model.pk,  # `model` is audit.create's own first argument
        organisation=organisation,
        area=area,
        title=title,
        changes=cleaned,
        shared=shared,
        result={
            "before": {"score": result.before.score, "rank": result.before.rank, "euros": result.before.euros},
            "after": {"score": result.after.score, "rank": result.after.rank, "euros": result.after.euros},
            "count": result.count,
            "provisional": model.is_provisional,
        },
        created_by_id=user if isinstance(user, int) else None,
        created_at=clock.now(),
        audit_fields=["title", "changes", "shared"],
    )


@audit.service(AuditAction.SCENARIO_SHARE)
def set_scenario_shared(*, actor: Actor, scenario: Scenario, shared: bool) -> None:
    require(actor, Action.EDIT, scenario)
    if scenario.shared != shared:
        audit.update(scenario, shared=shared)


@audit.service(AuditAction.SCENARIO_DELETE)
def delete_scenario(*, actor: Actor, scenario: Scenario) -> None:
    require(actor, Action.EDIT, scenario)
    audit.delete(scenario)
