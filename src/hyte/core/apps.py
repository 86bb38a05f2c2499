from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hyte.core"
    label = "core"
    verbose_name = "Hyte"
