"""Who calls the API: a bearer token of a service account, or the browser's session; what the
token's scope allows; and how often it may call."""

from __future__ import annotations

import functools
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import BaseAuthentication, SessionAuthentication

from api.models import ApiToken
from karna.hemligheter import tokenhash
from karna.mellanlager import rakna
from myndigheter.aktorer import aktor_av_rad, aktorens_sql

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
        token = _giltig_token(tokenhash(hemlighet), nu) if hemlighet else None
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


class PerToken(throttling.BaseThrottle):
    """``API_RATE`` calls per token (per user for the session) in each period, counted in the
    cache with one increment a call: a fixed window, whose cost does not grow with the rate as a
    list of call times would. When the cache does not answer, calls are let through (and
    logged): the limit protects the service, it is not an access rule."""

    def allow_request(self, request, view):
        antal, period = _takt(settings.API_RATE)
        nu = time.time()
        fonster = int(nu // period)
        self.vanta = period - (nu - fonster * period)
        raknat = rakna(f"api-takt:{_vem(request)}:{period}:{fonster}", period)
        return raknat is None or raknat <= antal

    def wait(self):
        return self.vanta


def _takt(takt: str) -> tuple[int, int]:
    """``"600/min"``: 600 calls a period of 60 seconds (s, min, h, day, as DRF reads it)."""
    antal, period = takt.split("/")
    return int(antal), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]


def _vem(request) -> str:
    if isinstance(request.auth, ApiToken):
        return f"t{request.auth.pk}"
    if request.user and request.user.is_authenticated:
        return f"u{request.user.pk}"
    return request.META.get("REMOTE_ADDR", "")


@functools.cache
def _tokens_sql() -> str:
    anvandare = get_user_model()
    aktorens_kolumner, aktorens_fogar = aktorens_sql("u")
    kolumner = [f't."{f.column}"' for f in ApiToken._meta.concrete_fields] + [
        f'u."{f.column}"' for f in anvandare._meta.concrete_fields
    ]
    return (
        f"SELECT {', '.join(kolumner)}, {aktorens_kolumner} FROM {ApiToken._meta.db_table} t"
        f" JOIN {anvandare._meta.db_table} u ON u.id = t.anvandare_id {aktorens_fogar}"
        " WHERE t.hash = %s AND t.aterkallad IS NULL AND t.giltig_till > %s AND u.is_active"
    )


def _giltig_token(hash_: str, nu) -> ApiToken | None:
    """The valid token of ``hash_`` with its user and the user's actor, in one statement
    written out: every call reads them, and building them with the ORM cost more than the
    query."""
    with connection.cursor() as markor:
        markor.execute(_tokens_sql(), [hash_, nu])
        rad = markor.fetchone()
    if rad is None:
        return None
    tokenfalt = [f.attname for f in ApiToken._meta.concrete_fields]
    anvandarfalt = [f.attname for f in get_user_model()._meta.concrete_fields]
    slut = len(tokenfalt) + len(anvandarfalt)
    token = ApiToken.from_db(connection.alias, tokenfalt, rad[: len(tokenfalt)])
    token.anvandare = get_user_model().from_db(
        connection.alias, anvandarfalt, rad[len(tokenfalt) : slut]
    )
    aktor_av_rad(token.anvandare, rad[slut:]).galler_for_begaran()
    return token
