"""Technical pages: liveness for load balancers and the operations status page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.tasks import HEARTBEAT_CACHE_KEY, halsokontroll
from insatser.access import ser_bemanningsinkorgen
from karna.vyer import kraver
from myndigheter.access import ADMINISTRATION, DRIFTSTATUS, kan_hantera_medlemmar, ser_profiler
from objekt.access import ar_poolanvandare
from uppfoljning.access import UPPFOLJNING


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
    if not request.user.is_authenticated:
        return {"oidc_aktiverad": oidc}
    return {
        "oidc_aktiverad": oidc,
        "kan_hantera_medlemmar": kan_hantera_medlemmar(request.user),
        "ser_bemanningsinkorgen": ser_bemanningsinkorgen(request.user),
        "ser_objektpoolen": ar_poolanvandare(request.user),
        "ser_uppfoljningen": UPPFOLJNING.tillater(request.user),
        "ser_profiler": ser_profiler(request.user),
        "ser_driftstatus": DRIFTSTATUS.tillater(request.user),
        "ser_administrationen": ADMINISTRATION.tillater(request.user),
    }


@require_GET
def health(request):
    """Liveness and readiness: 200 when the database answers, 503 otherwise. No login."""
    ok = _databas_svarar()
    return JsonResponse({"status": "ok" if ok else "fel", "databas": ok}, status=200 if ok else 503)


def _broker_typ() -> str:
    return _("inbyggd Redis") if settings.EMBEDDED_REDIS else "Redis"


@login_required
@require_http_methods(["GET"])
@kraver(DRIFTSTATUS)
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


@login_required
@require_POST
@kraver(DRIFTSTATUS)
def kor_halsokontroll(request):
    halsokontroll.delay()
    messages.info(request, _("Hälsokontrollen är köad. Ladda om sidan om några sekunder."))
    return redirect("status")
