from django.contrib import admin

from hyte.accounts.models import ApiToken, DraftSharing, Membership, Organisation
from hyte.core.admin import AuditedModelAdmin


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "area", "slug", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_sv", "slug", "business_id"]
    raw_id_fields = ["area"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    raw_id_fields = ["user", "organisation"]


@admin.register(DraftSharing)
class DraftSharingAdmin(AuditedModelAdmin):
    list_display = ["organisation", "shared_with", "created_at"]
    raw_id_fields = ["organisation", "shared_with"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "hint", "created_at", "last_used_at"]

    def has_add_permission(self, request, obj=None):
        return False
