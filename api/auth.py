"""Who calls the API: a bearer token of a service account, or the browser's session; what the
token's scope allows; and how often it may call."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import BaseAuthentication, SessionAuthentication

from api.models import ApiToken
from karna.hemligheter import tokenhash

# last_used is written at most once a minute per token: a call is not a write.
ANVANDNING_UPPLOSNING = timedelta(minutes=1)


class BearerAuthentication(BaseAuthentication):
    """``Authorization: Bearer <token>``: a token neither revoked nor expired, of an active
    user. A wrong token is refused (401) rather than ignored."""

    def authenticate(self, request):
        typ, _sep, hemlighet = request.headers.get("Authorization", "").partition(" ")
        if typ.lower() != "bearer":
            return None
        hemlighet = hemlighet.strip()
        nu = timezone.now()
        token = (
            ApiToken.objects.select_related("anvandare")
            .filter(
                hash=tokenhash(hemlighet),
                aterkallad__isnull=True,
                giltig_till__gt=nu,
                anvandare__is_active=True,
            )
            .first()
            if hemlighet
            else None
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Ogiltig, utgången eller återkallad token."))
        if token.senast_anvand is None or token.senast_anvand < nu - ANVANDNING_UPPLOSNING:
            ApiToken.objects.filter(pk=token.pk).update(senast_anvand=nu)
        return token.anvandare, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class Sessionsinloggning(SessionAuthentication):
    """The browser's session, CSRF-checked on writes as every form is."""


class TokensOmfang(permissions.BasePermission):
    """A logged-in user; a token of scope read only reads."""

    message = _("Token har bara läsrätt.")

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        token = request.auth if isinstance(request.auth, ApiToken) else None
        return request.method in permissions.SAFE_METHODS or token is None or token.kan_skriva


class PerToken(throttling.SimpleRateThrottle):
    """``API_RATE`` calls per token (per user for the session), counted in the cache."""

    scope = "api"

    def get_rate(self):
        return settings.API_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"t{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"u{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
