from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "hyte.transfer"
    label = "transfer"
    verbose_name = "Organisation export and import"
