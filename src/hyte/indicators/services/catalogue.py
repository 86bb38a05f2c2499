"""Writes of the indicator catalogue: the shared Sotkanet catalogue, an organisation's own indicators and
polarity."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import SITE, Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import Actor
from hyte.indicators.catalogue import CatalogueResult, write_catalogue
from hyte.indicators.models import Indicator, IndicatorSource, Polarity


@audit.service(AuditAction.CATALOGUE_LOAD)
def load_catalogue(
    *,
    actor: Actor,
    entries: Iterable[Mapping[str, Any]],
    metadata: Mapping[str, Mapping[str, Any]] | None = None,
) -> CatalogueResult:
    """Create or update the shared Sotkanet indicators from THL's catalogue (and fuller metadata). Idempotent."""
    require(actor, Action.EDIT_SHARED_DATA, SITE)
    result = write_catalogue(entries, metadata)
    audit.record(
        object_type="indicators.indicator",
        object_repr="Sotkanet",
        changes={"created": result.created, "updated": result.updated},
    )
    return result


@audit.service(AuditAction.INDICATOR_CREATE)
def create_own_indicator(
    *,
    actor: Actor,
    organisation: Organisation,
    title_fi: str,
    source_id: str = "",
    title_sv: str = "",
    value_type: str = "other",
    polarity: str = Polarity.NO_JUDGEMENT,
    source: str = IndicatorSource.OWN,
) -> Indicator:
    """An organisation's own indicator (its survey, its own register), visible to its members."""
    require(actor, Action.EDIT, organisation)
    title_fi = " ".join(title_fi.split())
    if not title_fi:
        raise ValidationError(_("Give the indicator a title."))
    source_id = (source_id or slugify(title_fi))[:64]
    if Indicator.objects.filter(organisation=organisation, source=source, source_id=source_id).exists():
        raise ValidationError(_("The organisation already has an indicator with this id."))
    return audit.create(
        Indicator,
        audit_fields=["title_fi"],
        organisation=organisation,
        source=source,
        source_id=source_id,
        title_fi=title_fi[:500],
        title_sv=title_sv[:500],
        value_type=value_type,
        polarity=polarity,
        polarity_set_by_user=True,
    )


@audit.service(AuditAction.INDICATOR_POLARITY)
def set_polarity(*, actor: Actor, indicator: Indicator, polarity: str) -> Indicator:
    """A person's judgement of which way is better; later catalogue loads keep it."""
    require(actor, Action.EDIT, indicator)
    audit.update(indicator, polarity=Polarity(polarity).value, polarity_set_by_user=True, updated_at=clock.now())
    return indicator
