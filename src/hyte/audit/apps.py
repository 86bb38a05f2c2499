from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "hyte.audit"
    label = "audit"
    verbose_name = "Audit log"
