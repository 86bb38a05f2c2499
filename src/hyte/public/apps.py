from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "hyte.public"
    label = "public"
    verbose_name = "Public web"
