from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "hyte.funding"
    label = "funding"
    verbose_name = _("The HYTE coefficient and funding")

    def ready(self) -> None:
        from hyte.funding.queries.inputs import bump_generation
        from hyte.indicators.events import listen

        listen(bump_generation)
