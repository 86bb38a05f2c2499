"""Writes of indicator sets: a national set (site staff) or an organisation's own (its coordinators)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core.actors import Actor
from hyte.indicators.models import Indicator, IndicatorSet, IndicatorSetItem


@audit.service(AuditAction.SET_CREATE)
def create_indicator_set(
    *, actor: Actor, organisation: Organisation | None, name: str, description: str = ""
) -> IndicatorSet:
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the set a name."))
    indicator_set = IndicatorSet(organisation=organisation, name=name[:200], description=description.strip())
    require(actor, Action.EDIT, indicator_set)
    indicator_set.save()
    audit.record(indicator_set, changes={"name": [None, indicator_set.name]})
    return indicator_set


@audit.service(AuditAction.SET_ADD)
def add_to_set(*, actor: Actor, indicator_set: IndicatorSet, indicator: Indicator) -> IndicatorSetItem:
    require(actor, Action.EDIT, indicator_set)
    if indicator.organisation_id not in (None, indicator_set.organisation_id):
        raise ValidationError(_("Another organisation's own indicator cannot be added."))
    if indicator_set.items.filter(indicator=indicator).exists():
        raise ValidationError(_("The indicator is already in the set."))
    position = (indicator_set.items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = IndicatorSetItem.objects.create(indicator_set=indicator_set, indicator=indicator, position=position)
    audit.record(indicator_set, changes={"indicator": [None, indicator.title_fi]})
    return item


@audit.service(AuditAction.SET_REMOVE)
def remove_from_set(*, actor: Actor, indicator_set: IndicatorSet, indicator: Indicator) -> None:
    require(actor, Action.EDIT, indicator_set)
    deleted, _rows = indicator_set.items.filter(indicator=indicator).delete()
    if deleted:
        audit.record(indicator_set, changes={"indicator": [indicator.title_fi, None]})


@audit.service(AuditAction.SET_REORDER)
def move_in_set(*, actor: Actor, indicator_set: IndicatorSet, indicator: Indicator, offset: int) -> None:
    """Move an indicator up (offset -1) or down (+1); positions are renumbered 1…n."""
    require(actor, Action.EDIT, indicator_set)
    items = list(indicator_set.items.select_for_update().order_by("position", "id"))
    index = next((i for i, item in enumerate(items) if item.indicator_id == indicator.pk), None)
    if index is None:
        raise ValidationError(_("The indicator is not in the set."))
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    for position, item in enumerate(items, start=1):
        item.position = position
    IndicatorSetItem.objects.bulk_update(items, ["position"])
    audit.record(indicator_set, changes={"indicator": [index + 1, target + 1]})
