from django.contrib import admin

from hyte.audit.admin import AuditedModelAdmin
from hyte.regions.models import Area


@admin.register(Area)
class AreaAdmin(AuditedModelAdmin):
    list_display = [
        "name_fi",
        "name_sv",
        "kind",
        "code",
        "county",
        "language_status",
        "sotkanet_id",
        "valid_until",
    ]
    list_filter = ["kind", "language_status", "municipality_group", "outside_reform", "county"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]
    raw_id_fields = ["county", "region", "merged_into"]
