"""Writes about indicators: polarity, indicator sets and imports. Keyword-only, atomic, audited, checked."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import permissions_for, require
from hyte.accounts.roles import Perm
from hyte.audit.services import record
from hyte.indicators.imports import create_batch, mapping_to_parameters
from hyte.indicators.models import ImportBatch, Indicator, IndicatorSet, IndicatorSetItem, IndicatorSource, Polarity
from hyte.indicators.parsing import Mapping, detect_format

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def can_edit_indicator(actor: Any, indicator: Indicator) -> bool:
    """Shared indicators are the site's (staff); an organisation's own are its coordinators'."""
    if actor is None:
        return True
    if indicator.organisation_id is None:
        return bool(actor.is_staff)
    return permissions_for(actor).has(Perm.EDIT_ALL, indicator.organisation)


def _require_set_editor(actor: Any, indicator_set: IndicatorSet) -> None:
    if actor is None:
        return
    if indicator_set.organisation_id is None:
        if not actor.is_staff:
            raise PermissionDenied
    else:
        require(actor, Perm.EDIT_ALL, indicator_set.organisation)


@transaction.atomic
def create_own_indicator(
    *,
    actor: Any,
    organisation: Organisation,
    title_fi: str,
    source_id: str = "",
    title_sv: str = "",
    value_type: str = "other",
    polarity: str = Polarity.NO_JUDGEMENT,
    source: str = IndicatorSource.OWN,
) -> Indicator:
    """An organisation's own indicator (its survey, its own register), visible to its members."""
    require(actor, Perm.EDIT_ALL, organisation)
    title_fi = " ".join(title_fi.split())
    if not title_fi:
        raise ValidationError(_("Give the indicator a title."))
    source_id = (source_id or slugify(title_fi))[:64]
    if Indicator.objects.filter(organisation=organisation, source=source, source_id=source_id).exists():
        raise ValidationError(_("The organisation already has an indicator with this id."))
    indicator = Indicator.objects.create(
        organisation=organisation,
        source=source,
        source_id=source_id,
        title_fi=title_fi[:500],
        title_sv=title_sv[:500],
        value_type=value_type,
        polarity=polarity,
        polarity_set_by_user=True,
    )
    record(
        actor=actor,
        action="indicator.create",
        obj=indicator,
        organisation=organisation,
        changes={"title_fi": [None, indicator.title_fi]},
    )
    return indicator


@transaction.atomic
def set_polarity(*, actor: Any, indicator: Indicator, polarity: str) -> Indicator:
    if not can_edit_indicator(actor, indicator):
        raise PermissionDenied
    new = Polarity(polarity)
    old = indicator.polarity
    indicator.polarity = new
    indicator.polarity_set_by_user = True
    indicator.save(update_fields=["polarity", "polarity_set_by_user", "updated_at"])
    record(
        actor=actor,
        action="indicator.set_polarity",
        obj=indicator,
        organisation=indicator.organisation,
        changes={"polarity": [old, new.value]},
    )
    return indicator


@transaction.atomic
def create_indicator_set(
    *, actor: Any, organisation: Organisation | None, name: str, description: str = ""
) -> IndicatorSet:
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the set a name."))
    indicator_set = IndicatorSet(organisation=organisation, name=name[:200], description=description.strip())
    _require_set_editor(actor, indicator_set)
    indicator_set.save()
    record(
        actor=actor,
        action="indicator_set.create",
        obj=indicator_set,
        organisation=organisation,
        changes={"name": [None, indicator_set.name]},
    )
    return indicator_set


@transaction.atomic
def add_to_set(*, actor: Any, indicator_set: IndicatorSet, indicator: Indicator) -> IndicatorSetItem:
    _require_set_editor(actor, indicator_set)
    if indicator.organisation_id not in (None, indicator_set.organisation_id):
        raise ValidationError(_("Another organisation's own indicator cannot be added."))
    if indicator_set.items.filter(indicator=indicator).exists():
        raise ValidationError(_("The indicator is already in the set."))
    position = (indicator_set.items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = IndicatorSetItem.objects.create(indicator_set=indicator_set, indicator=indicator, position=position)
    record(
        actor=actor,
        action="indicator_set.add",
        obj=indicator_set,
        organisation=indicator_set.organisation,
        changes={"indicator": [None, indicator.title_fi]},
    )
    return item


@transaction.atomic
def remove_from_set(*, actor: Any, indicator_set: IndicatorSet, indicator: Indicator) -> None:
    _require_set_editor(actor, indicator_set)
    deleted, _rows = indicator_set.items.filter(indicator=indicator).delete()
    if deleted:
        record(
            actor=actor,
            action="indicator_set.remove",
            obj=indicator_set,
            organisation=indicator_set.organisation,
            changes={"indicator": [indicator.title_fi, None]},
        )


@transaction.atomic
def move_in_set(*, actor: Any, indicator_set: IndicatorSet, indicator: Indicator, offset: int) -> None:
    """Move an indicator up (offset -1) or down (+1); positions are renumbered 1…n."""
    _require_set_editor(actor, indicator_set)
    items = list(indicator_set.items.select_for_update().order_by("position", "id"))
    index = next((i for i, item in enumerate(items) if item.indicator_id == indicator.pk), None)
    if index is None:
        raise ValidationError(_("The indicator is not in the set."))
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    for position, item in enumerate(items, start=1):
        item.position = position
    IndicatorSetItem.objects.bulk_update(items, ["position"])
    record(
        actor=actor,
        action="indicator_set.reorder",
        obj=indicator_set,
        organisation=indicator_set.organisation,
        changes={"indicator": [index + 1, target + 1]},
    )


@transaction.atomic
def upload_import(*, actor: Any, organisation: Organisation, filename: str, data: bytes) -> ImportBatch:
    """Store an uploaded file as a batch. Sotkanet formats start at once; tables wait for their mapping."""
    if not permissions_for(actor).has(Perm.EDIT_ALL, organisation):
        raise PermissionDenied
    if not data.strip():
        raise ValidationError(_("The file is empty."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 50 MB."))
    file_format = detect_format(data)
    shared = bool(actor.is_staff)
    batch = create_batch(
        actor=actor,
        organisation=organisation,
        source="upload",
        filename=filename,
        upload=data,
        parameters={"format": file_format, "shared": shared},
    )
    if file_format not in ("table", "xlsx"):
        _enqueue(batch)
    return batch


@transaction.atomic
def confirm_mapping(*, actor: Any, batch: ImportBatch, mapping: Mapping, create_missing: bool) -> ImportBatch:
    if batch.organisation is None or not permissions_for(actor).has(Perm.EDIT_ALL, batch.organisation):
        raise PermissionDenied
    if batch.status != "queued" or batch.parameters.get("mapping"):
        raise ValidationError(_("This import has already started."))
    batch.parameters = {
        **batch.parameters,
        "mapping": mapping_to_parameters(mapping),
        "create_missing": create_missing,
    }
    batch.save(update_fields=["parameters"])
    record(
        actor=actor,
        action="import.map",
        obj=batch,
        organisation=batch.organisation,
        changes={"mapping": [None, batch.parameters["mapping"]]},
    )
    _enqueue(batch)
    return batch


def _enqueue(batch: ImportBatch) -> None:
    from hyte.indicators.tasks import run_import

    transaction.on_commit(lambda: run_import.enqueue(batch.pk))
