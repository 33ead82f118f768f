"""The operation's day on a phone ("Insatsen idag"): each control with its object, its status and
the findings the user may read, a compact form to record one, and the findings refreshed while
recording is open.

The findings refresh by polling a partial (htmx, ``hx-trigger="every 10s"``) that swaps each
control's list out of band, so a half-written form is never replaced. The partial answers 286
once recording has closed, which stops the polling. Without JavaScript the page is reloaded by
hand and the form posts and comes back to the page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insatser import selectors, services
from insatser.forms import FyndForm, kategorival, kontroller_med_formular
from insatser.models import Insats
from insatser.views import insats_med_detaljer_eller_404
from insatser.views_genomforande import vald_kategori
from karna.vyer import TJANSTEFEL, delvis, fel_till_formular, htmx_svar

# htmx stops polling on this status: the operation is no longer open for recording.
SLUTA_UPPDATERA = 286


def dagen_har_kommit(insats: Insats) -> bool:
    return timezone.localdate(insats.start) <= timezone.localdate()


@login_required
@require_GET
def dagen(request, pk: int):
    insats = insats_med_detaljer_eller_404(request.user, pk)
    oppen = services.registrering_mojlig(insats)
    registrerar = oppen and insats.kan_registrera
    context = {
        "insats": insats,
        "dagen_har_kommit": dagen_har_kommit(insats),
        "registrering_oppen": oppen,
        "registrerar": registrerar,
    }
    if context["dagen_har_kommit"]:
        context["kontroller"] = kontroller_med_formular(
            selectors.kontroller_for_insats(request.user, insats),
            kategorival() if registrerar else None,
        )
    return htmx_svar(request, "insatser/dagen.html", context)


@login_required
@require_GET
def dagens_fynd(request, pk: int):
    """Every control's findings, each list swapped out of band: a constant number of queries."""
    insats = insats_med_detaljer_eller_404(request.user, pk)
    if not dagen_har_kommit(insats):
        raise Http404
    svar = htmx_svar(
        request,
        "insatser/_dagens_fynd_alla.html",
        {"insats": insats, "kontroller": selectors.kontroller_for_insats(request.user, insats)},
    )
    if not services.registrering_mojlig(insats):
        svar.status_code = SLUTA_UPPDATERA
    return svar


@login_required
@require_POST
def registrera_fynd(request, pk: int, kontroll_pk: int):
    """Record a finding from the day page; htmx gets the form back and the control's list out
    of band, a plain post the day page at the control."""
    insats = insats_med_detaljer_eller_404(request.user, pk)
    kontroll = get_object_or_404(insats.kontroller, pk=kontroll_pk)
    if not insats.kan_registrera:
        raise PermissionDenied
    form = FyndForm(request.POST, prefix=f"k{kontroll.pk}f", kategorier=kategorival())
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.registrera_fynd(
                request.user,
                kontroll,
                data["text"],
                kategori=vald_kategori(data),
                delad=data["delad"],
                hot=data["hot"],
            )
        except TJANSTEFEL as fel:
            fel_till_formular(form, fel)
    lyckat = _("Fyndet är registrerat.")
    if not delvis(request):
        for fel_lista in form.errors.values():
            messages.error(request, " ".join(fel_lista))
        if not form.errors:
            messages.success(request, lyckat)
        return redirect(f"{reverse('insatsen_idag', args=[insats.pk])}#kontroll-{kontroll.pk}")
    kontroll = selectors.kontroller_for_insats(request.user, insats).get(pk=kontroll.pk)
    kontroll.fynd_form = (
        form if form.errors else FyndForm(prefix=f"k{kontroll.pk}f", kategorier=kategorival())
    )
    context = {
        "insats": insats,
        "kontroll": kontroll,
        "meddelande": None if form.errors else lyckat,
        "oob": True,
    }
    return htmx_svar(request, "insatser/_dagens_fyndform.html", context)
