from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.decorators.http import require_POST

from hyte.accounts import signin_views, views
from hyte.core.http import require_GET_or_POST

urlpatterns = [
    path("accounts/login/", require_GET_or_POST(signin_views.LoginView.as_view()), name="login"),
    path("accounts/login/code/", signin_views.login_code, name="login-code"),
    path("accounts/sso/<slug:slug>/", signin_views.sso_start, name="sso-start"),
    path("accounts/sso/<slug:slug>/callback/", signin_views.sso_callback, name="sso-callback"),
    path("accounts/two-factor/", signin_views.two_factor_settings, name="two-factor"),
    path("accounts/logout/", require_POST(auth_views.LogoutView.as_view()), name="logout"),
    path("accounts/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html", http_method_names=["get"]
        ),
        name="password-change-done",
    ),
    path("accounts/password/forgotten/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "accounts/password/forgotten/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/reset/sent.html", http_method_names=["get"]),
        name="password-reset-sent",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        require_GET_or_POST(views.PasswordResetConfirmView.as_view()),
        name="password-reset-confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/reset/done.html", http_method_names=["get"]
        ),
        name="password-reset-done",
    ),
    path(
        "accounts/invitation/<uidb64>/<token>/",
        require_GET_or_POST(views.InvitationAcceptView.as_view()),
        name="invitation-accept",
    ),
    path("accounts/tokens/", views.api_tokens, name="api-tokens"),
    path("accounts/tokens/<int:token_id>/revoke/", views.revoke_api_token, name="api-token-revoke"),
    path("organisations/switch/", views.switch_organisation, name="organisation-switch"),
    path("o/<slug:slug>/members/", views.members, name="organisation-members"),
    path("o/<slug:slug>/members/<int:membership_id>/role/", views.change_role, name="organisation-member-role"),
    path(
        "o/<slug:slug>/members/<int:membership_id>/remove/",
        views.remove_member,
        name="organisation-member-remove",
    ),
    path("o/<slug:slug>/settings/", views.organisation_settings, name="organisation-settings"),
    path("o/<slug:slug>/audit/", views.audit_log, name="organisation-audit-log"),
]
