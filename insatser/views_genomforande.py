"""The day of the operation: mark each control done or not done, record and correct findings.

With htmx a post swaps just that control's part of the page; without JavaScript the form posts
and the operation's page comes back at the control. A finding is corrected on a page of its own.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from insatser import access, selectors, services
from insatser.forms import (
    FyndForm,
    KontrollForm,
    RattaFyndForm,
    VersionForm,
    kategorival,
    kontroller_med_formular,
)
from insatser.views import insats_eller_404
from karna.vyer import (
    TJANSTEFEL,
    formular_med_verb,
    htmx_svar,
    sektionsformular,
    visa_fel,
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
    if svar := sektionsformular(request, form, verb, lyckat, _vid_kontrollen(insats, kontroll)):
        return svar
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
            forvantad_status=d["status_fore"],
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
            kategori=vald_kategori(d),
            delad=d["delad"],
            hot=d["hot"],
        ),
    )


def vald_kategori(data: dict) -> Problemkategori | None:
    return Problemkategori.objects.filter(pk=data["kategori"]).first() if data["kategori"] else None


def _eget_fynd(request, pk: int, kontroll_pk: int, fynd_pk: int):
    """The operation, control and finding; 404 for a finding the user may not read, 403 for one
    of another organisation."""
    insats, kontroll = _registrerbar(request, pk, kontroll_pk)
    fynd = get_object_or_404(
        access.synliga_fynd(request.user).filter(kontroll=kontroll), pk=fynd_pk
    )
    if not access.kan_ratta_fynd(request.user, fynd):
        raise PermissionDenied
    return insats, kontroll, fynd


def _vid_kontrollen(insats, kontroll) -> str:
    return f"{reverse('insats', args=[insats.pk])}#kontroll-{kontroll.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def ratta_fynd(request, pk: int, kontroll_pk: int, fynd_pk: int):
    """Correct a finding of one's own organisation, share it or take the sharing back."""
    insats, kontroll, fynd = _eget_fynd(request, pk, kontroll_pk, fynd_pk)
    form = RattaFyndForm(
        request.POST or None,
        kategorier=kategorival(),
        initial={
            "text": fynd.text,
            "kategori": fynd.kategori_id,
            "delad": fynd.delad,
            "version": fynd.version,
        },
    )
    svar = formular_med_verb(
        request,
        form,
        lambda d: services.ratta_fynd(
            request.user,
            fynd,
            d["text"],
            kategori=vald_kategori(d),
            delad=d["delad"],
            version=d["version"],
        ),
        _("Fyndet är ändrat."),
        _vid_kontrollen(insats, kontroll),
    )
    return svar or render(
        request,
        "insatser/ratta_fynd.html",
        {"insats": insats, "kontroll": kontroll, "fynd": fynd, "form": form},
    )


@login_required
@require_POST
def ta_bort_fynd(request, pk: int, kontroll_pk: int, fynd_pk: int):
    insats, kontroll, fynd = _eget_fynd(request, pk, kontroll_pk, fynd_pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Formuläret är inaktuellt. Ladda om sidan och försök igen."))
    else:
        try:
            services.ta_bort_fynd(request.user, fynd, version=form.cleaned_data["version"])
        except TJANSTEFEL as fel:
            visa_fel(request, None, fel)
        else:
            messages.success(request, _("Fyndet är borttaget."))
            return redirect(_vid_kontrollen(insats, kontroll))
    return redirect("ratta_fynd", pk=insats.pk, kontroll_pk=kontroll.pk, fynd_pk=fynd.pk)
