"""Notification pages: what waits for the user, the list of notifications (mark one or all read)
and the e-mail preferences.

With htmx a mark swaps just the notification (or the list) and the header counter; without
JavaScript the form posts and the page comes back.
"""

from __future__ import annotations

from contextlib import suppress
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from insatser.selectors_uppgifter import antal_uppgifter
from insatser.selectors_uppgifter import mina_uppgifter as uppgifter_for
from karna.sidor import TakadPaginator
from karna.tillagg import Avsnitt
from karna.vyer import delvis, formular_med_verb, htmx_svar, sida_eller_del
from notiser import selectors, services
from notiser.access import synliga_notiser
from notiser.forms import InstallningarForm

SIDSTORLEK = 50
# Rows of each kind of task on "Mina uppgifter"; each kind pages on its own (?atgarder=2).
UPPGIFTER_PER_SIDA = 25
# The newest unread notifications on "Mina uppgifter"; the header counts them all.
OLASTA_ANTAL = 10


@login_required
@require_GET
def mina_uppgifter(request):
    """What waits for the user: invitations, staffing requests, operations needing action, the
    day's registration, and the newest unread notifications; each kind a page at a time."""

    def sida(namn, lista):
        sida = TakadPaginator(lista, UPPGIFTER_PER_SIDA).get_page(request.GET.get(namn))
        sida.foregaende = sida.has_previous() and _med_sida(request, namn, sida.number - 1)
        sida.nasta = sida.has_next() and _med_sida(request, namn, sida.number + 1)
        return sida

    return render(
        request,
        "notiser/mina_uppgifter.html",
        {
            "uppgifter": uppgifter_for(request.user, sida),
            "olasta": list(selectors.olasta(request.user)[:OLASTA_ANTAL]),
            "idag": timezone.localdate(),
        },
    )


def _med_sida(request, namn: str, nummer: int) -> str:
    """The address of page ``nummer`` of one kind of task, the other kinds' pages kept."""
    fraga = request.GET.copy()
    fraga[namn] = str(nummer)
    return f"?{fraga.urlencode()}"


def mina_uppgifter_kort(request) -> Avsnitt:
    """The start page's summary of what waits for the user (the unread count is the header's)."""
    return Avsnitt("notiser/_mina_uppgifter_kort.html", {"antal": antal_uppgifter(request.user)})


def _sida(request, varde):
    return Paginator(selectors.notiser_for(request.user), SIDSTORLEK).get_page(varde)


def _tillbaka(request):
    """Back to the page of the list the form was posted from (no JavaScript)."""
    sida = request.POST.get("sida", "")
    fraga = f"?{urlencode({'sida': sida})}" if sida.isdigit() else ""
    return redirect(f"{reverse('notiser')}{fraga}")


@login_required
@require_GET
def lista(request):
    sida = _sida(request, request.GET.get("sida"))
    return sida_eller_del(request, "notiser/lista.html", "notiser/_lista.html", {"sida": sida})


@login_required
@require_POST
def markera(request, pk: int):
    notis = get_object_or_404(synliga_notiser(request.user).select_related("insats"), pk=pk)
    services.markera_last(request.user, notis)
    if delvis(request):
        notis.refresh_from_db(fields=["last"])
        return htmx_svar(request, "notiser/_notis.html", {"notis": notis, "oob": True})
    return _tillbaka(request)


@login_required
@require_GET
def oppna(request, pk: int):
    """Follow a notification to its operation; following it is reading it."""
    notis = get_object_or_404(synliga_notiser(request.user), pk=pk)
    with suppress(PermissionDenied):  # one who reads another's notification leaves it unread
        services.markera_last(request.user, notis)
    if not url_has_allowed_host_and_scheme(notis.lank, allowed_hosts=None):
        return redirect("notiser")
    return redirect(notis.lank)


@login_required
@require_POST
def markera_alla(request):
    antal = services.markera_alla_lasta(request.user)
    if delvis(request):
        sida = _sida(request, request.POST.get("sida"))
        return htmx_svar(request, "notiser/_lista.html", {"sida": sida, "oob": True})
    text = ngettext(
        "%(antal)s notis markerades som läst.", "%(antal)s notiser markerades som lästa.", antal
    )
    messages.success(request, text % {"antal": antal})
    return _tillbaka(request)


@login_required
@require_http_methods(["GET", "POST"])
def installningar(request):
    # Every box unticked posts nothing, and is a choice too: no e-mail at all.
    form = InstallningarForm(
        request.POST if request.method == "POST" else None,
        initial={"epost_kategorier": selectors.epostkategorier(request.user)},
    )
    svar = formular_med_verb(
        request,
        form,
        lambda d: services.spara_installningar(request.user, d["epost_kategorier"]),
        _("Dina val för e-post är sparade."),
        reverse("notisinstallningar"),
    )
    return svar or render(request, "notiser/installningar.html", {"form": form})
