from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from hyte.accounts import invitations, queries, services, sso
from hyte.accounts.forms import ApiTokenForm, ChangeRoleForm, InviteMemberForm
from hyte.accounts.middleware import SESSION_KEY
from hyte.accounts.models import ApiToken, Membership
from hyte.accounts.permissions import Action, get_for, get_organisation_for, permissions_for
from hyte.audit.actions import AuditAction
from hyte.audit.queries import organisation_log
from hyte.core import clock
from hyte.core.http import AuthenticatedRequest, client_address, require_GET_or_POST
from hyte.regions.queries import area_counts


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The front page: signed-in people go to their organisation; others see what Hyte holds."""
    organisation = getattr(request, "organisation", None)
    if request.user.is_authenticated and organisation is not None:
        return redirect("organisation-home", slug=organisation.slug)
    return render(request, "core/home.html", {"area_counts": area_counts()})


RESET_REQUESTS_PER_HOUR = 5


def allow_reset_request(request: HttpRequest) -> bool:
    """At most RESET_REQUESTS_PER_HOUR reset requests an hour from one client address (no mail bombing)."""
    from django.core.cache import cache

    key = f"password-reset:{client_address(request)}"
    cache.add(key, 0, 3600)
    return cache.incr(key) <= RESET_REQUESTS_PER_HOUR


class ResetForm(PasswordResetForm):
    """No reset link for someone whose organisation signs in only through its identity provider."""

    def get_users(self, email: str) -> Any:
        return (user for user in super().get_users(email) if sso.passwords_refused(user) is None)


class PasswordResetView(auth_views.PasswordResetView):
    """ "Forgot your password": a link by e-mail to the account's address. The answer is the same whether or not
    the address has an account (nobody learns who has one), and one address may ask a few times an hour."""

    http_method_names = ["get", "post"]
    form_class = ResetForm
    template_name = "accounts/reset/form.html"
    email_template_name = "accounts/reset/email.txt"
    subject_template_name = "accounts/reset/subject.txt"
    success_url = reverse_lazy("password-reset-sent")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if not allow_reset_request(self.request):
            form.add_error(None, _("Too many requests from your address: try again in an hour."))
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    http_method_names = ["get", "post"]
    template_name = "accounts/reset/confirm.html"
    success_url = reverse_lazy("password-reset-done")

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_reset(actor=form.user)
        return response


class InvitationAcceptView(PasswordResetConfirmView):
    """The invitation link: the new member chooses a password (the link works for a week, once)."""

    token_generator = invitations.invitation_tokens
    template_name = "accounts/invitation/accept.html"
    reset_url_token = "choose-password"  # noqa: S105 - the URL's placeholder, not a secret


class PasswordChangeView(auth_views.PasswordChangeView):
    http_method_names = ["get", "post"]
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("password-change-done")

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_change(actor=form.user)
        return response


@require_POST
@login_required
def switch_organisation(request: AuthenticatedRequest) -> HttpResponse:
    memberships = permissions_for(request.user).memberships
    wanted = request.POST.get("organisation", "")
    membership = next((m for m in memberships if str(m.organisation_id) == wanted), None)
    if membership is None:
        raise Http404
    request.session[SESSION_KEY] = membership.organisation_id
    return redirect("organisation-home", slug=membership.organisation.slug)


@require_GET_or_POST
@login_required
def members(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    can_manage = permissions_for(request.user).can(Action.MANAGE_MEMBERS, organisation)
    form = InviteMemberForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            single_sign_on_only = queries.single_sign_on_only(organisation)
            by_mail = invitations.mail_enabled() or single_sign_on_only
            try:
                membership, password = services.invite_member(
                    actor=request.user, organisation=organisation, by_mail=by_mail, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if single_sign_on_only:
                    messages.success(
                        request,
                        _("%(user)s added; they sign in through the organisation's identity provider as %(email)s.")
                        % {"user": membership.user.get_username(), "email": membership.user.email},
                    )
                elif by_mail and not membership.user.has_usable_password():  # new, or an invitation not yet taken
                    invitations.send_invitation(
                        user=membership.user,
                        organisation=organisation,
                        invited_by=request.user.get_full_name() or request.user.get_username(),
                        base_url=request.build_absolute_uri("/").rstrip("/"),
                        language=translation.get_language() or "fi",
                    )
                    messages.success(
                        request,
                        _("%(user)s added; an invitation to choose a password was sent to %(email)s.")
                        % {"user": membership.user.get_username(), "email": membership.user.email},
                    )
                elif password:
                    messages.success(
                        request,
                        _("Account %(user)s created. Give them this one-time password: %(password)s")
                        % {"user": membership.user.get_username(), "password": password},
                    )
                else:
                    messages.success(request, _("%(user)s added.") % {"user": membership.user.get_username()})
                return redirect("organisation-members", slug=organisation.slug)
    return render(
        request,
        "accounts/members.html",
        {
            "organisation": organisation,
            "memberships": queries.members(organisation),
            "can_manage": can_manage,
            "form": form,
            "role_form": ChangeRoleForm(),
        },
    )


def _membership_for_manager(request: HttpRequest, slug: str, membership_id: int) -> Membership:
    organisation = get_organisation_for(request.user, slug, Action.VIEW)
    memberships = Membership.objects.select_related("user", "organisation").filter(organisation=organisation)
    return get_for(request.user, Action.EDIT, memberships, pk=membership_id)


@require_POST
@login_required
def change_role(request: AuthenticatedRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = _membership_for_manager(request, slug, membership_id)
    form = ChangeRoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_role(actor=request.user, membership=membership, role=form.cleaned_data["role"])
            messages.success(request, _("Role changed."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("organisation-members", slug=slug)


@require_POST
@login_required
def remove_member(request: AuthenticatedRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = _membership_for_manager(request, slug, membership_id)
    try:
        services.remove_member(actor=request.user, membership=membership)
        messages.success(request, _("Member removed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("organisation-members", slug=slug)


@require_GET_or_POST
@login_required
def organisation_settings(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    organisation = get_organisation_for(request.user, slug, Action.MANAGE_SETTINGS)
    counties = queries.county_organisations_for(organisation)
    if request.method == "POST":
        target = next((c for c in counties if str(c.pk) == request.POST.get("county")), None)
        if target is None:
            raise Http404
        if request.POST.get("share") == "1":
            services.share_drafts(actor=request.user, organisation=organisation, with_organisation=target)
            messages.success(request, _("Drafts are now shared with %(county)s.") % {"county": target.name})
        else:
            services.unshare_drafts(actor=request.user, organisation=organisation, with_organisation=target)
            messages.success(request, _("Drafts are no longer shared with %(county)s.") % {"county": target.name})
        return redirect("organisation-settings", slug=organisation.slug)
    shared = {o.pk for o in queries.shared_with(organisation)}
    return render(
        request,
        "accounts/settings.html",
        {
            "organisation": organisation,
            "counties": [(c, c.pk in shared) for c in counties],
            "single_sign_on": queries.single_sign_on_of(organisation),
        },
    )


@require_GET_or_POST
@login_required
def api_tokens(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.create_api_token(
            actor=request.user,
            name=form.cleaned_data["name"],
            valid_days=form.cleaned_data["valid_for"] or None,
            read_only=form.cleaned_data["read_only"],
        )
        form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": queries.api_tokens(request.user), "new_token": new_token, "now": clock.now()},
    )


@require_POST
@login_required
def revoke_api_token(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    token = get_for(request.user, Action.REVOKE, ApiToken.objects.all(), pk=token_id)
    services.revoke_api_token(actor=request.user, token=token)
    messages.success(request, _("Token revoked."))
    return redirect("api-tokens")


@require_GET
@login_required
def audit_log(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The organisation's audit log: who changed what and when, newest first, filtered by action."""
    organisation = get_organisation_for(request.user, slug, Action.VIEW_AUDIT_LOG)
    action = request.GET.get("action", "")
    page = Paginator(organisation_log(organisation, action=action), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"organisation": organisation, "page": page, "action": action, "actions": AuditAction.choices},
    )
