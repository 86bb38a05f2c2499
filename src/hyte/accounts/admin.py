from django import forms
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from hyte.accounts.models import ApiToken, DraftSharing, ExternalIdentity, Membership, Organisation, SingleSignOn
from hyte.audit.actions import AuditAction
from hyte.audit.admin import AuditedAdminMixin, AuditedModelAdmin
from hyte.audit.log import record


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
class ApiTokenAdmin(AuditedModelAdmin):
    list_display = ["name", "user", "hint", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "hint", "created_at", "last_used_at"]

    def has_add_permission(self, request, obj=None):
        return False


class SingleSignOnForm(forms.ModelForm):
    """The client secret is never shown again; left empty, the stored one stays."""

    issuer = forms.URLField(label=_("issuer"), max_length=300, assume_scheme="https")
    client_secret = forms.CharField(
        label=_("client secret"), required=False, widget=forms.PasswordInput(render_value=False)
    )

    class Meta:
        model = SingleSignOn
        fields = ["organisation", "issuer", "client_id", "client_secret", "enabled", "passwords_allowed"]

    def clean_client_secret(self) -> str:
        return self.cleaned_data["client_secret"] or (self.instance.client_secret if self.instance.pk else "")


@admin.register(SingleSignOn)
class SingleSignOnAdmin(AuditedModelAdmin):
    """An organisation's identity provider: set by the site's administrators, who vouch for the provider (it may
    sign in any member of the organisation by e-mail address)."""

    form = SingleSignOnForm
    list_display = ["organisation", "issuer", "enabled", "passwords_allowed", "updated_at"]
    raw_id_fields = ["organisation"]


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(AuditedModelAdmin):
    list_display = ["user", "issuer", "subject", "created_at"]
    search_fields = ["user__username", "user__email", "subject"]
    raw_id_fields = ["user"]


class AuditedUserAdmin(AuditedAdminMixin, UserAdmin):
    """Users in the admin: granting staff or superuser rights, a new password, a deletion, all in the log."""

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = User.objects.get(pk=id)
                record(user, actor=request.user, action=AuditAction.USER_PASSWORD)  # type: ignore[arg-type]
        return response


class AuditedGroupAdmin(AuditedAdminMixin, GroupAdmin):
    pass


admin.site.unregister(User)
admin.site.register(User, AuditedUserAdmin)
admin.site.unregister(Group)
admin.site.register(Group, AuditedGroupAdmin)


# django-axes' records of failed sign-ins: deleting one unlocks an account, so it is audited like any admin write.
def _audited_axes_admin() -> None:
    from axes import admin as axes_admin  # type: ignore[import-untyped]
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog  # type: ignore[import-untyped]

    for model, base in (
        (AccessAttempt, axes_admin.AccessAttemptAdmin),
        (AccessLog, axes_admin.AccessLogAdmin),
        (AccessFailureLog, axes_admin.AccessFailureLogAdmin),
    ):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, type(f"Audited{base.__name__}", (AuditedAdminMixin, base), {}))


_audited_axes_admin()


# django-otp's TOTP devices: deleting one turns a person's two-factor sign-in off (when they lost their phone).
def _audited_otp_admin() -> None:
    from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin  # type: ignore[import-untyped]
    from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)
    admin.site.register(TOTPDevice, type("AuditedTOTPDeviceAdmin", (AuditedAdminMixin, TOTPDeviceAdmin), {}))


_audited_otp_admin()
