"""Technical pages: liveness and readiness, the metrics scrape and the operations status page."""

from __future__ import annotations

import hmac
import shutil
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from kombu.exceptions import OperationalError as KombuOperationalError

from config import matvarden
from config.tasks import BEAT_HEARTBEAT_CACHE_KEY, HEARTBEAT_CACHE_KEY, halsokontroll
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


def _broker_svarar() -> bool:
    try:
        return bool(matvarden._redis().ping())
    except Exception:  # any connection error means "not ready"
        return False


def _farsk(nyckel: str) -> bool:
    senast = cache.get(nyckel)
    if not senast:
        return False
    alder = timezone.now() - parse_datetime(senast)
    return alder <= timedelta(seconds=settings.READY_HEARTBEAT_SECONDS)


def _disk_racker() -> bool:
    # The folder for generated files is made at the first file: until then, its parent's disk.
    mapp = Path(settings.MEDIA_ROOT)
    while not mapp.exists() and mapp != mapp.parent:
        mapp = mapp.parent
    try:
        ledigt = shutil.disk_usage(mapp).free
    except OSError:
        return False
    return ledigt >= settings.READY_MIN_FREE_MB * 1024 * 1024


@require_GET
def ready(request):
    """Readiness: database, broker, a worker and beat heard from lately, free disk for the
    generated files. 200 when all are ok, else 503; the body names only the checks. No login."""
    broker = _broker_svarar()
    kontroller = {
        "database": _databas_svarar(),
        "broker": broker,
        # The heartbeats are kept in Redis: without it, nothing can be said of them.
        "worker": broker and _farsk(HEARTBEAT_CACHE_KEY),
        "beat": broker and _farsk(BEAT_HEARTBEAT_CACHE_KEY),
        "disk": _disk_racker(),
    }
    ok = all(kontroller.values())
    return JsonResponse(
        {
            "status": "ok" if ok else "fail",
            "checks": {namn: "ok" if bra else "fail" for namn, bra in kontroller.items()},
        },
        status=200 if ok else 503,
    )


def _far_skrapa(request) -> bool:
    """A scrape is let in with the configured bearer token or from a configured address. This
    is a gate for a machine, not a user's access: no user is involved."""
    token = settings.METRICS_TOKEN
    angiven = request.headers.get("Authorization", "").removeprefix("Bearer ")
    if token and hmac.compare_digest(angiven.encode(), token.encode()):
        return True
    return request.META.get("REMOTE_ADDR") in settings.METRICS_ALLOWED_IPS


@require_GET
def metrics(request):
    """Prometheus metrics, for a scraper with the token or from an allowed address; 404 for
    anyone else, as if the page did not exist."""
    if not _far_skrapa(request):
        raise Http404
    return HttpResponse(matvarden.exportera(), content_type="text/plain; version=0.0.4")


def _broker_typ() -> str:
    return _("inbyggd Redis") if settings.EMBEDDED_REDIS else "Redis"


@login_required
@require_http_methods(["GET"])
@kraver(DRIFTSTATUS)
def status(request):
    broker_ok = _broker_svarar()
    senast = cache.get(HEARTBEAT_CACHE_KEY) if broker_ok else None
    context = {
        "databas_ok": _databas_svarar(),
        "databas_typ": _("inbyggd PostgreSQL")
        if settings.EMBEDDED_DATABASE
        else _("extern PostgreSQL"),
        "broker": _broker_typ(),
        "broker_ok": broker_ok,
        "senaste_halsokontroll": parse_datetime(senast) if senast else None,
    }
    return render(request, "status.html", context)


@login_required
@require_POST
@kraver(DRIFTSTATUS)
def kor_halsokontroll(request):
    try:
        halsokontroll.delay()
    except KombuOperationalError:
        messages.error(request, _("Meddelandekön svarar inte: hälsokontrollen kunde inte köas."))
    else:
        messages.info(request, _("Hälsokontrollen är köad. Ladda om sidan om några sekunder."))
    return redirect("status")
