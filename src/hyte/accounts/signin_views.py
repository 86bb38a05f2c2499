"""The sign-in pages: user name and password (then a TOTP code for those who turned it on), and single sign-on
through an organisation's identity provider."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hyte.accounts import signin, sso, two_factor
from hyte.accounts.models import SingleSignOn
from hyte.accounts.services.two_factor import disable_two_factor, enable_two_factor
from hyte.core.http import AuthenticatedRequest, require_GET_or_POST

NEXT_SESSION_KEY = "hyte_sso_next"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignInForm(AuthenticationForm):
    """The password form; it refuses a right password where the person's organisation has turned passwords off."""

    sso_only: SingleSignOn | None = None

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        self.sso_only = sso.passwords_refused(user)
        if self.sso_only is not None:
            raise ValidationError(
                _("%(organisation)s signs in through its identity provider: use its button below.")
                % {"organisation": self.sso_only.organisation.display_name},
                code="single_sign_on_only",
            )


class LoginView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        context["providers"] = sso.choices()
        context["sso_only"] = getattr(form, "sso_only", None)
        return context

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if two_factor.device_for(user) is None:
            return super().form_valid(form)
        self.request.session[two_factor.PENDING_SESSION_KEY] = {
            "user": user.pk,
            "backend": getattr(user, "backend", MODEL_BACKEND),
            "at": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("login-code")


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(two_factor.PENDING_SESSION_KEY)
    if not pending or time.time() - pending["at"] > two_factor.PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user is not None else None


@require_GET_or_POST
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: the code from the authenticator app, within five minutes of the password."""
    found = _pending(request)
    if found is None:
        request.session.pop(two_factor.PENDING_SESSION_KEY, None)
        messages.error(request, _("Please sign in again."))
        return redirect("login")
    user, pending = found
    device = two_factor.device_for(user)
    if device is None:  # turned off meanwhile (by an administrator): the password was enough
        return redirect("login")
    error = ""
    if request.method == "POST":
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            error = _("Too many wrong codes. Wait a moment and try again.")
        elif device.verify_token(request.POST.get("code", "").strip().replace(" ", "")):
            del request.session[two_factor.PENDING_SESSION_KEY]
            auth_login(request, user, backend=pending["backend"])
            return redirect(pending["next"])
        else:
            signin.record_failure(request, user, step="two-factor code")
            error = _("The code did not match. Check the time on your phone and try again.")
    return render(request, "accounts/login_code.html", {"error": error}, status=400 if error else 200)


def _single_sign_on(slug: str) -> SingleSignOn:
    return get_object_or_404(
        SingleSignOn.objects.select_related("organisation"),
        organisation__slug=slug,
        organisation__is_active=True,
        enabled=True,
    )


@require_GET
def sso_start(request: HttpRequest, slug: str) -> HttpResponse:
    single_sign_on = _single_sign_on(slug)
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure())
    request.session[NEXT_SESSION_KEY] = wanted if wanted and safe else ""
    callback = request.build_absolute_uri(reverse("sso-callback", args=[slug]))
    return sso.start(request, single_sign_on, redirect_uri=callback)


@require_GET
def sso_callback(request: HttpRequest, slug: str) -> HttpResponse:
    single_sign_on = _single_sign_on(slug)
    try:
        user = sso.finish(request, single_sign_on)
    except sso.SignInRefused as refused:
        signin.record_failure(request, None, step="single sign-on", organisation=single_sign_on.organisation)
        context = {"organisation": single_sign_on.organisation, "reason": str(refused)}
        return render(request, "accounts/sso_refused.html", context, status=403)
    wanted = request.session.pop(NEXT_SESSION_KEY, "")
    auth_login(request, user, backend=MODEL_BACKEND)
    return redirect(wanted or "home")


@require_GET_or_POST
@login_required
def two_factor_settings(request: AuthenticatedRequest) -> HttpResponse:
    """Turn two-factor sign-in on (scan the code, type the first code) or off (type a code)."""
    device = two_factor.device_for(request.user)
    if request.method == "POST":
        try:
            if device is None:
                key = request.session.get(two_factor.SETUP_SESSION_KEY)
                if not key:
                    raise ValidationError(_("Please start again: scan the code on this page."))
                enable_two_factor(actor=request.user, key=key, code=request.POST.get("code", ""))
                request.session.pop(two_factor.SETUP_SESSION_KEY, None)
                messages.success(request, _("Two-factor authentication is on."))
            else:
                disable_two_factor(actor=request.user, code=request.POST.get("code", ""))
                messages.success(request, _("Two-factor authentication is off."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("two-factor")
    context: dict[str, Any] = {"device": device}
    if device is None:
        key = request.session.get(two_factor.SETUP_SESSION_KEY) or two_factor.new_key()
        request.session[two_factor.SETUP_SESSION_KEY] = key
        uri = two_factor.otpauth_uri(request.user, key)
        context.update(secret=two_factor.secret_text(key), qr=two_factor.qr_svg(uri), uri=uri)
    return render(request, "accounts/two_factor.html", context)
