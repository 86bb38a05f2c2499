from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "hyte.national"
    label = "national"
    verbose_name = _("The national view: the resources survey and all of Finland side by side")
