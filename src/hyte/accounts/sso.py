"""Single sign-on through an organisation's OpenID Connect provider (authorization code flow with PKCE and a
nonce; authlib checks the ID token's signature against the provider's keys, its issuer, audience and nonce).

A person who signs in is matched to a member of the organisation: first by a linked provider account (issuer and
subject), else by the verified e-mail address the provider gives, which links the accounts for next time. A
member who was invited but never chose a password signs in this way too. Nobody else gets in: single sign-on does
not create accounts, the organisation's admins invite people."""

from __future__ import annotations

import logging
from typing import Any

from authlib.integrations.django_client import OAuth  # type: ignore[import-untyped]
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from hyte.accounts.models import ExternalIdentity, Membership, SingleSignOn
from hyte.accounts.services.sso import link_identity
from hyte.core.actors import SystemActor

log = logging.getLogger(__name__)
SIGN_IN = SystemActor("sign-in")
SCOPE = "openid email profile"
TIMEOUT_SECONDS = 10


class SignInRefused(Exception):
    """Why a person who came back from the identity provider is not signed in (shown to them)."""


def _client(sso: SingleSignOn) -> Any:
    registry = OAuth()
    return registry.register(
        f"org-{sso.organisation_id}",
        client_id=sso.client_id,
        client_secret=sso.client_secret or None,
        server_metadata_url=sso.issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": SCOPE, "code_challenge_method": "S256", "timeout": TIMEOUT_SECONDS},
    )


def start(request: HttpRequest, sso: SingleSignOn, *, redirect_uri: str) -> HttpResponse:
    """The redirect to the provider's sign-in; the state, nonce and PKCE verifier wait in the session."""
    response: HttpResponse = _client(sso).authorize_redirect(request, redirect_uri)
    return response


def finish(request: HttpRequest, sso: SingleSignOn) -> User:
    """The member the provider vouches for, after checking its answer; raises SignInRefused with the reason."""
    client = _client(sso)
    try:
        token = client.authorize_access_token(request)
        claims = token.get("userinfo")  # the ID token's claims, checked
        if (
            claims
            and claims.get("sub")
            and "email" not in claims
            and client.load_server_metadata().get("userinfo_endpoint")
        ):
            # Providers that keep the ID token lean give the e-mail address at the userinfo endpoint.
            more = client.userinfo(token=token)
            if more.get("sub") != claims["sub"]:
                raise SignInRefused(_("The identity provider did not say who signed in."))
            claims = {**more, **claims}
    except SignInRefused:
        raise
    except Exception as exc:  # authlib's, joserfc's and requests' errors: the reason goes to the log
        log.warning("single sign-on for %s failed: %r", sso.organisation.slug, exc)
        raise SignInRefused(_("The identity provider's answer could not be checked. Please try again.")) from exc
    if not claims or not claims.get("sub"):
        raise SignInRefused(_("The identity provider did not say who signed in."))
    return match(sso, dict(claims))


def match(sso: SingleSignOn, claims: dict[str, Any]) -> User:
    issuer, subject = str(claims.get("iss") or sso.issuer), str(claims["sub"])
    members = Membership.objects.filter(organisation=sso.organisation, user__is_active=True).select_related("user")
    identity = ExternalIdentity.objects.filter(issuer=issuer, subject=subject).select_related("user").first()
    if identity is not None:
        if not members.filter(user=identity.user).exists():
            raise SignInRefused(
                _("Your account is no longer a member of %(organisation)s.") % {"organisation": sso.organisation}
            )
        return identity.user
    email = str(claims.get("email") or "").strip()
    if not email:
        raise SignInRefused(_("The identity provider did not give your e-mail address."))
    if claims.get("email_verified") is False:
        raise SignInRefused(
            _("The identity provider has not verified your e-mail address %(email)s.") % {"email": email}
        )
    membership = members.filter(user__email__iexact=email).first()
    if membership is None:
        raise SignInRefused(
            _(
                "%(organisation)s has no member with the address %(email)s. Ask its coordinator to invite you "
                "with this address."
            )
            % {"organisation": sso.organisation, "email": email}
        )
    try:
        link_identity(actor=SIGN_IN, single_sign_on=sso, user=membership.user, issuer=issuer, subject=subject)
    except ValidationError as exc:
        raise SignInRefused(" ".join(exc.messages)) from exc
    return membership.user


def passwords_refused(user: User) -> SingleSignOn | None:
    """The identity provider `user` must sign in through, when one of their organisations has turned local
    passwords off."""
    return (
        SingleSignOn.objects.filter(organisation__memberships__user=user, enabled=True, passwords_allowed=False)
        .select_related("organisation")
        .first()
    )


def choices() -> list[SingleSignOn]:
    """The organisations whose members can sign in through their identity provider (for the sign-in page)."""
    return list(SingleSignOn.objects.filter(enabled=True, organisation__is_active=True).select_related("organisation"))
