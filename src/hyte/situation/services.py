"""Writes of the situation picture: rules, and the alerts they raise. Keyword-only, atomic, audited."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from hyte.accounts.models import Organisation
from hyte.accounts.permissions import Action, require
from hyte.audit import log as audit
from hyte.audit.actions import AuditAction
from hyte.core import clock
from hyte.core.actors import RULE_EVALUATION, Actor, person
from hyte.indicators.models import Indicator, Observation
from hyte.notifications.models import Kind
from hyte.notifications.recipients import coordinators
from hyte.notifications.services import notify
from hyte.situation.models import Alert, AlertStatus, Rule, RuleCondition
from hyte.situation.rules import Series, check


@audit.service(AuditAction.RULE_CREATE)
def create_rule(
    *,
    actor: Actor,
    organisation: Organisation,
    indicator: Indicator,
    condition: str,
    measure: str,
    threshold: float | None = None,
    years: int = 3,
) -> Rule:
    require(actor, Action.EDIT, organisation)
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
    rule = audit.create(
        Rule,
        audit_fields=["condition", "threshold"],
        organisation=organisation,
        indicator=indicator,
        condition=condition,
        threshold=threshold,
        years=years,
        measure=measure.strip(),
        created_by=person(actor),
        created_at=clock.now(),
    )
    evaluate(actor=RULE_EVALUATION, rules=[rule])
    return rule


@audit.service(AuditAction.RULE_DEACTIVATE)
def deactivate_rule(*, actor: Actor, rule: Rule) -> None:
    require(actor, Action.EDIT, rule)
    audit.update(rule, is_active=False)


@audit.service(AuditAction.ALERT_DISMISS)
def dismiss_alert(*, actor: Actor, alert: Alert) -> None:
    require(actor, Action.EDIT, alert)
    audit.update(alert, status=AlertStatus.DISMISSED.value)


@audit.service(AuditAction.ALERT_RAISE)
def evaluate(*, actor: Actor, rules: Iterable[Rule]) -> int:
    """Raise an alert for every rule whose organisation's area meets it in the latest year; return how many new."""
    raised = 0
    for given in rules:
        rule = Rule.objects.select_related("organisation__area__county", "indicator").get(pk=given.pk)
        area = rule.organisation.area
        if area is None or not rule.is_active:
            continue
        series: Series = list(
            Observation.objects.filter(
                indicator=rule.indicator, area=area, gender="total", age_group="", period="", value__isnull=False
            )
            .order_by("year")
            .values_list("year", "value", "absolute_value", "ci_low", "ci_high")  # type: ignore[arg-type]
        )  # values only: value__isnull=False
        if not series:
            continue
        year, value, _count, _low, _high = series[-1]
        evidence = check(rule, area, series)
        if evidence is None or Alert.objects.filter(rule=rule, area=area, year=year).exists():
            continue
        audit.create(
            Alert,
            audit_fields=["value", "year"],
            rule=rule,
            area=area,
            year=year,
            value=value,
            evidence=evidence,
            created_at=clock.now(),
        )
        notify(
            actor=actor,
            users=coordinators(rule.organisation),
            kind=Kind.ALERT,
            message=gettext_noop("Alert: %(indicator)s in %(area)s %(year)s met the rule you set"),
            params={"indicator": rule.indicator.title_fi, "area": area.name_fi, "year": year},
            url=reverse("situation", args=[rule.organisation.slug]),
            organisation=rule.organisation,
        )
        raised += 1
    return raised
