from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hyte.audit.admin import AuditedModelAdmin
from hyte.indicators.models import ImportBatch, Indicator, IndicatorSet, RejectedRow


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    list_display = ["title_fi", "source", "source_id", "organisation", "value_type", "polarity", "age_group"]
    list_filter = ["source", "value_type", "polarity", "age_group", "kind"]
    search_fields = ["title_fi", "title_sv", "title_en", "source_id"]
    raw_id_fields = ["organisation"]

    def save_model(self, request: HttpRequest, obj: Indicator, form: Any, change: bool) -> None:
        if "polarity" in form.changed_data:
            obj.polarity_set_by_user = True  # a later catalogue sync keeps a person's choice
        super().save_model(request, obj, form, change)


@admin.register(IndicatorSet)
class IndicatorSetAdmin(AuditedModelAdmin):
    list_display = ["name", "organisation", "created_at"]
    raw_id_fields = ["organisation"]


class RejectedRowInline(admin.TabularInline):
    model = RejectedRow
    extra = 0
    can_delete = False
    readonly_fields = ["line", "reason", "content"]
    max_num = 0


@admin.register(ImportBatch)
class ImportBatchAdmin(AuditedModelAdmin):
    """Import reports, including those of the command line and Sotkanet sync; read-only but for deletion."""

    list_display = [
        "created_at",
        "source",
        "filename",
        "organisation",
        "status",
        "rows_read",
        "rows_created",
        "rows_updated",
        "rows_rejected",
    ]
    list_filter = ["status", "source"]
    search_fields = ["filename"]
    exclude = ["upload"]
    inlines = [RejectedRowInline]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
