from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The bundled demo: Kemi, Tornio and Lappi with people, real indicator data, reports and assessments.

    The top floor: it uses every app's services, and no app uses it."""

    name = "hyte.demo"
    verbose_name = "Demo"
