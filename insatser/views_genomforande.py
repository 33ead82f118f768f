"""The day of the operation: mark each control done or not done, record findings.

With htmx a post swaps just that control's part of the page; without JavaScript the form posts
and the operation's page comes back at the control.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insatser import selectors, services
from insatser.forms import FyndForm, KontrollForm, kategorival, kontroller_med_formular
from insatser.views import (
    SERVICEFEL,
    delvis,
    fel_till_formular,
    htmx_svar,
    insats_eller_404,
)
from objekt.models import Problemkategori


def _registrerbar(request, pk: int, kontroll_pk: int):
    """The operation (404 outside the user's scope) and its control; 403 without the right."""
    insats = insats_eller_404(request.user, pk)
    kontroll = get_object_or_404(insats.kontroller, pk=kontroll_pk)
    if not insats.kan_registrera:
        raise PermissionDenied
    return insats, kontroll


def _svar(request, insats, kontroll, form, namn: str, lyckat: str, verb):
    """Run the verb for a valid form. htmx gets the control back, with the form's errors or the
    outcome; a plain post gets the operation's page at the control, with messages."""
    if form.is_valid():
        try:
            verb(form.cleaned_data)
        except SERVICEFEL as fel:
            fel_till_formular(form, fel)
    if not delvis(request):
        if form.errors:
            for fel_lista in form.errors.values():
                messages.error(request, " ".join(fel_lista))
        else:
            messages.success(request, lyckat)
        return redirect(f"{reverse('insats', args=[insats.pk])}#kontroll-{kontroll.pk}")
    kontroll = selectors.kontroller_for_insats(request.user, insats).get(pk=kontroll.pk)
    oppen = services.registrering_mojlig(insats)
    bundna = {(kontroll.pk, namn): form} if form.errors else {}
    [kontroll] = kontroller_med_formular([kontroll], kategorival() if oppen else None, bundna)
    context = {
        "insats": insats,
        "kontroll": kontroll,
        "registrering_oppen": oppen,
        "meddelande": None if form.errors else lyckat,
    }
    return htmx_svar(request, "insatser/_kontroll.html", context)


@login_required
@require_POST
def markera_kontroll(request, pk: int, kontroll_pk: int):
    insats, kontroll = _registrerbar(request, pk, kontroll_pk)
    form = KontrollForm(request.POST, prefix=f"k{kontroll.pk}")
    return _svar(
        request,
        insats,
        kontroll,
        form,
        "markera",
        _("Kontrollen är markerad."),
        lambda d: services.markera_kontroll(
            request.user,
            kontroll,
            d["utfall"],
            orsak=d["orsak"],
            forvantad_status=d["status_fore"] or None,
        ),
    )


@login_required
@require_POST
def registrera_fynd(request, pk: int, kontroll_pk: int):
    insats, kontroll = _registrerbar(request, pk, kontroll_pk)
    form = FyndForm(request.POST, prefix=f"k{kontroll.pk}f", kategorier=kategorival())
    return _svar(
        request,
        insats,
        kontroll,
        form,
        "fynd",
        _("Fyndet är registrerat."),
        lambda d: services.registrera_fynd(
            request.user,
            kontroll,
            d["text"],
            kategori=Problemkategori.objects.filter(pk=d["kategori"]).first()
            if d["kategori"]
            else None,
            delad=d["delad"],
        ),
    )
