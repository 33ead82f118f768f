"""Technical pages: liveness for load balancers and the operations status page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.tasks import HEARTBEAT_CACHE_KEY, halsokontroll
from karna.policy import Aktor
from myndigheter.access import kan_hantera_medlemmar
from myndigheter.roles import Roll
from objekt.access import ar_poolanvandare


def _databas_svarar() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any driver error means "not healthy"; the status says so
        return False


def inloggningsval(request) -> dict:
    """Template context: login with e-identification offered; which role pages to link."""
    try:
        reverse("oidc_authentication_init")
        oidc = True
    except NoReverseMatch:
        oidc = False
    roller = Aktor.for_user(request.user).roller if request.user.is_authenticated else set()
    return {
        "oidc_aktiverad": oidc,
        "kan_hantera_medlemmar": request.user.is_authenticated
        and kan_hantera_medlemmar(request.user),
        "ar_operativ_samordnare": Roll.OPERATIV_SAMORDNARE in roller,
        "ser_objektpoolen": request.user.is_authenticated and ar_poolanvandare(request.user),
    }


@require_GET
def health(request):
    """Liveness and readiness: 200 when the database answers, 503 otherwise. No login."""
    ok = _databas_svarar()
    return JsonResponse({"status": "ok" if ok else "fel", "databas": ok}, status=200 if ok else 503)


def _broker_typ() -> str:
    return _("inbyggd Redis") if settings.EMBEDDED_REDIS else "Redis"


@staff_member_required
@require_http_methods(["GET"])
def status(request):
    senast = cache.get(HEARTBEAT_CACHE_KEY)
    context = {
        "databas_ok": _databas_svarar(),
        "databas_typ": _("inbyggd PostgreSQL")
        if settings.EMBEDDED_DATABASE
        else _("extern PostgreSQL"),
        "broker": _broker_typ(),
        "senaste_halsokontroll": parse_datetime(senast) if senast else None,
    }
    return render(request, "status.html", context)


@staff_member_required
@require_POST
def kor_halsokontroll(request):
    halsokontroll.delay()
    messages.info(request, _("Hälsokontrollen är köad. Ladda om sidan om några sekunder."))
    return redirect("status")
