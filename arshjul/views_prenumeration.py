"""Calendar subscription: the user's secret address, and the feed calendar apps fetch."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from arshjul import access, lagring, rendering, selectors
from arshjul.models import Kalenderprenumeration
from arshjul.services.prenumeration import (
    aterkalla_prenumeration,
    prenumerant,
    skapa_prenumeration,
)
from karna import kalender as kal
from karna.atkomstlogg import logga
from karna.models import Atkomstlogg
from karna.policy import Aktor


def _ar() -> list[int]:
    """The years a subscription carries: this one and the next."""
    i_ar = timezone.localdate().year
    return [i_ar, i_ar + 1]


@login_required
@require_http_methods(["GET", "POST"])
def prenumeration(request):
    """Make, renew or revoke one's calendar address; a new address is shown only once."""
    adress = ""
    if request.method == "POST":
        if request.POST.get("handling") == "skapa":
            token = skapa_prenumeration(request.user)
            adress = request.build_absolute_uri(reverse("arshjul_kalender", args=[token]))
            messages.success(request, _("En ny kalenderadress är skapad. Den gamla slutar gälla."))
        elif request.POST.get("handling") == "aterkalla":
            if aterkalla_prenumeration(request.user):
                messages.success(request, _("Kalenderadressen är återkallad."))
            return redirect("arshjul_prenumeration")
        else:
            messages.error(request, _("Välj att skapa eller återkalla adressen."))
            return redirect("arshjul_prenumeration")
    return render(
        request,
        "arshjul/prenumeration.html",
        {
            "adress": adress,
            "prenumeration": Kalenderprenumeration.objects.filter(user=request.user).first(),
            "arshjul": access.hela_arshjul(request.user).order_by("namn"),
            "ar": _ar(),
        },
    )


@require_GET
def kalender(request, token: str):
    """The published ICS of every wheel the token's owner may see in full; each fetch logged."""
    from icalendar import Calendar

    user = prenumerant(token)
    if user is None or not Aktor.for_user(user).roller:
        raise Http404
    versioner = [
        v for v in selectors.publicerade_versioner(user, _ar()) if v.ics and lagring.finns(v, "ics")
    ]
    kalender = kal.kalender(_("Saminsats: årshjul"), rendering.PRODUKT)
    for version in versioner:
        for handelse in Calendar.from_ical(lagring.las(version, "ics")).walk("VEVENT"):
            kalender.add_component(handelse)
    # The published files hold counts only; the operations come from what this reader may see.
    for ar in sorted({v.arshjulsar.ar for v in versioner}):
        hjul = [v.arshjulsar.arshjul for v in versioner if v.arshjulsar.ar == ar]
        for handelse in rendering.insatshandelser(selectors.innehall_for_anvandare(user, hjul, ar)):
            kalender.add_component(handelse)
    logga(user, Atkomstlogg.Handling.LADDA_NED, versioner, _("Kalenderprenumeration"))
    svar = HttpResponse(kalender.to_ical(), content_type=lagring.INNEHALLSTYP["ics"])
    svar["Cache-Control"] = "private, no-store"
    svar["X-Robots-Tag"] = "noindex"
    return svar
