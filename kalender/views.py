"""The page to keep one's calendar feeds, and the feed itself.

The feed answers without login: calendar apps cannot log in, so the secret address is the
credential. A new address is shown once, right after it is made; only its hash is kept.
"""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kalender import access, ics, selectors, services
from kalender.forms import ATERKALLA, MYNDIGHET, PERSONLIGT, Flodeshandling
from kalender.models import Kalenderflode
from karna.policy import Aktor
from karna.tillagg import Avsnitt
from karna.vyer import formularfel_som_meddelanden
from myndigheter.models import Myndighet

# Calendar apps fetch again after a while anyway; a proxy or the app may reuse the answer this
# long, and only for the one holder of the address.
CACHE_CONTROL = "private, max-age=300"


def kalendersidans_lank(user) -> Avsnitt:
    return Avsnitt("kalender/_lank.html")


def _adress(request, token: str) -> str:
    return request.build_absolute_uri(reverse("kalenderflode", args=[token]))


def _utfor(request, form: Flodeshandling) -> str:
    """Run the button's verb; returns the new secret, or "" when the feed was revoked."""
    slag = form.cleaned_data["flode"]
    flode = selectors.egna_floden(request.user)[slag]
    if form.cleaned_data["handling"] == ATERKALLA:
        if flode is None:
            raise Http404
        services.aterkalla_kalenderflode(request.user, flode)
        return ""
    if flode is None:
        return services.skapa_kalenderflode(request.user, myndighet=slag == MYNDIGHET)
    try:
        return services.rotera_kalenderflode(request.user, flode)
    except Kalenderflode.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def prenumeration(request):
    """Your feed and, for those who keep it, the organisation's: make, rotate or revoke. Never
    cached: the answer to a post shows a secret address."""
    adresser = {}
    if request.method == "POST":
        form = Flodeshandling(request.POST)
        if not form.is_valid():
            formularfel_som_meddelanden(request, form)
            return redirect("kalenderprenumeration")
        token = _utfor(request, form)
        if not token:
            messages.success(request, _("Flödet är återkallat. Adressen fungerar inte längre."))
            return redirect("kalenderprenumeration")
        adresser[form.cleaned_data["flode"]] = _adress(request, token)
        messages.success(
            request, _("En ny adress är skapad. En tidigare adress fungerar inte längre.")
        )
    floden = selectors.egna_floden(request.user)
    kan_myndighet = access.MYNDIGHETENS_FLODE.tillater(request.user)
    organisation = (
        Myndighet.objects.filter(pk=Aktor.for_user(request.user).organisation_id).first()
        if kan_myndighet
        else None
    )

    def avsnitt(slag: str, rubrik: str) -> dict:
        return {
            "slag": slag,
            "id": f"flode-{slag}",
            "rubrik": rubrik,
            "flode": floden[slag],
            "adress": adresser.get(slag, ""),
        }

    return render(
        request,
        "kalender/prenumeration.html",
        {
            "kan_personligt": access.PERSONLIGT_FLODE.tillater(request.user),
            "kan_myndighet": kan_myndighet,
            "personligt": avsnitt(PERSONLIGT, _("Ditt eget flöde")),
            "myndighet": avsnitt(
                MYNDIGHET,
                _("Flödet för %(organisation)s") % {"organisation": organisation},
            ),
        },
    )


@require_GET
def flode(request, token: str):
    """The feed: what the feed's reader may see of the operations, as iCalendar."""
    flode = selectors.flode_for_token(token)
    if flode is None:
        raise Http404
    innehall = ics.flodets_innehall(flode)
    etag = hashlib.sha256(innehall).hexdigest()[:32]
    andrat = services.notera_hamtning(flode, etag)
    svar = HttpResponse(innehall, content_type="text/calendar; charset=utf-8")
    svar["ETag"] = quote_etag(etag)
    svar["Last-Modified"] = http_date(andrat.timestamp())
    svar["Cache-Control"] = CACHE_CONTROL
    svar["X-Robots-Tag"] = "noindex"
    return get_conditional_response(
        request, etag=svar["ETag"], last_modified=int(andrat.timestamp()), response=svar
    )
