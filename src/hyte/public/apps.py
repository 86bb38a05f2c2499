from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "hyte.public"
    label = "public"
    verbose_name = "Public web"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from hyte.accounts.models import Organisation
        from hyte.cooperation.chain_models import ServiceChain
        from hyte.cooperation.models import AgreedAction, Meeting
        from hyte.grants.models import Call
        from hyte.public import signals
        from hyte.regions.models import Area
        from hyte.reports.models import ReportVersion

        for signal in (post_save, post_delete):
            signal.connect(signals.version_changed, sender=ReportVersion, dispatch_uid=f"public-version-{signal}")
            signal.connect(signals.organisation_changed, sender=Organisation, dispatch_uid=f"public-org-{signal}")
        post_save.connect(signals.area_changed, sender=Area, dispatch_uid="public-area")
        post_save.connect(signals.call_changed, sender=Call, dispatch_uid="public-grant-call")
        for model in (Meeting, AgreedAction, ServiceChain):
            post_save.connect(signals.cooperation_changed, sender=model, dispatch_uid=f"public-{model.__name__}")
