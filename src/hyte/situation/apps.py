from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "hyte.situation"
    label = "situation"
    verbose_name = _("Situation picture")

    def ready(self) -> None:
        from hyte.indicators.events import listen

        listen(_evaluate_rules)  # after every import, the rules of the indicators it touched


def _evaluate_rules(indicator_ids: set[int]) -> None:
    from hyte.core.actors import RULE_EVALUATION
    from hyte.situation.queries import active_rules_for
    from hyte.situation.services import evaluate

    rules = active_rules_for(indicator_ids)
    if rules:
        evaluate(actor=RULE_EVALUATION, rules=rules)
