"""Rules indicator → threshold → measure: writing them, and evaluating them after every import."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import require
from hyte.accounts.roles import Perm
from hyte.audit.services import record
from hyte.core import clock
from hyte.indicators.models import Indicator, Observation
from hyte.situation import stats
from hyte.situation.models import Alert, AlertStatus, Rule, RuleCondition


@transaction.atomic
def create_rule(
    *,
    actor: Any,
    organisation: Organisation,
    indicator: Indicator,
    condition: str,
    measure: str,
    threshold: float | None = None,
    years: int = 3,
) -> Rule:
    require(actor, Perm.EDIT_ALL, organisation)
    condition = RuleCondition(condition)
    if condition in (RuleCondition.ABOVE, RuleCondition.BELOW) and threshold is None:
        raise ValidationError(_("This condition needs a threshold."))
    if condition == RuleCondition.WORSENING and not 2 <= years <= 20:
        raise ValidationError(_("Give between 2 and 20 years."))
    if condition in (RuleCondition.WORSE_THAN_COUNTY, RuleCondition.WORSENING) and indicator.polarity == "none":
        raise ValidationError(_("Set the indicator's polarity first: without it nothing is better or worse."))
    if indicator.organisation_id not in (None, organisation.pk):
        raise ValidationError(_("Another organisation's own indicator cannot be used."))
    if not measure.strip():
        raise ValidationError(_("Propose a measure."))
    rule = Rule.objects.create(
        organisation=organisation,
        indicator=indicator,
        condition=condition,
        threshold=threshold,
        years=years,
        measure=measure.strip(),
        created_by=actor if actor is not None else None,
        created_at=clock.now(),
    )
    record(
        actor=actor,
        action="rule.create",
        obj=rule,
        organisation=organisation,
        changes={"condition": [None, condition.value], "threshold": [None, threshold]},
    )
    evaluate(rules=[rule])
    return rule


@transaction.atomic
def deactivate_rule(*, actor: Any, rule: Rule) -> None:
    require(actor, Perm.EDIT_ALL, rule.organisation)
    rule.is_active = False
    rule.save(update_fields=["is_active"])
    record(actor=actor, action="rule.deactivate", obj=rule, organisation=rule.organisation)


@transaction.atomic
def dismiss_alert(*, actor: Any, alert: Alert) -> None:
    require(actor, Perm.EDIT_ALL, alert.rule.organisation)
    alert.status = AlertStatus.DISMISSED
    alert.save(update_fields=["status"])
    record(actor=actor, action="alert.dismiss", obj=alert, organisation=alert.rule.organisation)


def evaluate_for_indicators(indicator_ids: Iterable[int]) -> int:
    """After an import: evaluate the active rules of the indicators it touched."""
    ids = list(indicator_ids)
    if not ids:
        return 0
    return evaluate(rules=Rule.objects.filter(indicator_id__in=ids, is_active=True))


def evaluate(*, rules: Iterable[Rule]) -> int:
    """Raise an alert for every rule whose organisation's area meets it in the latest year; return how many new."""
    raised = 0
    for given in rules:
        rule = Rule.objects.select_related("organisation__area__county", "indicator").get(pk=given.pk)
        area = rule.organisation.area
        if area is None or not rule.is_active:
            continue
        series = list(
            Observation.objects.filter(
                indicator=rule.indicator, area=area, gender="total", age_group="", period="", value__isnull=False
            )
            .order_by("year")
            .values_list("year", "value", "absolute_value", "ci_low", "ci_high")
        )
        if not series:
            continue
        year, value, _count, _low, _high = series[-1]
        evidence = _check(rule, area, series)
        if evidence is None:
            continue
        _alert, created = Alert.objects.get_or_create(
            rule=rule,
            area=area,
            year=year,
            defaults={"value": value, "evidence": evidence, "created_at": clock.now()},
        )
        if created:
            raised += 1
            record(
                actor=None,
                action="alert.raise",
                obj=_alert,
                organisation=rule.organisation,
                changes={"value": [None, value], "year": [None, year]},
            )
    return raised


def _check(rule: Rule, area: Any, series: list[tuple[int, float, Any, Any, Any]]) -> dict[str, Any] | None:
    """The values that meet the rule, or None."""
    year, value, count, low, high = series[-1]
    if rule.condition == RuleCondition.ABOVE:
        return {"year": year, "value": value, "threshold": rule.threshold} if value > rule.threshold else None
    if rule.condition == RuleCondition.BELOW:
        return {"year": year, "value": value, "threshold": rule.threshold} if value < rule.threshold else None
    if rule.condition == RuleCondition.WORSE_THAN_COUNTY:
        for comparator in (area.county, area.region):
            if comparator is None:
                continue
            benchmark = (
                Observation.objects.filter(
                    indicator=rule.indicator, area=comparator, year=year, gender="total", age_group="", period=""
                )
                .values_list("value", flat=True)
                .first()
            )
            if benchmark is None:
                continue
            interval = stats.value_interval(
                value=value, count=count, value_type=rule.indicator.value_type, ci_low=low, ci_high=high
            )
            result = stats.compare(
                value=value, interval=interval, benchmark=benchmark, polarity=rule.indicator.polarity
            )
            if result.judgement == "worse":
                return {
                    "year": year,
                    "value": value,
                    "comparator": comparator.name_fi,
                    "benchmark": benchmark,
                    "significance_tested": result.significance_tested,
                }
            return None
        return None
    if rule.condition == RuleCondition.WORSENING:
        recent = series[-(rule.years + 1) :]
        if len(recent) < rule.years + 1 or any(b[0] - a[0] != 1 for a, b in itertools.pairwise(recent)):
            return None
        steps = [b[1] - a[1] for a, b in itertools.pairwise(recent)]
        worse = all(s > 0 for s in steps) if rule.indicator.polarity == "low_good" else all(s < 0 for s in steps)
        return {"values": [[y, v] for y, v, *_rest in recent]} if worse else None
    return None
