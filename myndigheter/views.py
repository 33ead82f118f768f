"""The start page, and a focal point's page for the members of their organisation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from karna.tillagg import Avsnitt
from myndigheter import access, services
from myndigheter.models import Anvandarprofil
from myndigheter.roles import Roll, roller_for
from myndigheter.tillagg import STARTSIDA


@login_required
@require_GET
def start(request):
    """The start page: the sections the apps add (``STARTSIDA``), the user's role among them."""
    return render(request, "start.html", {"avsnitt": STARTSIDA.samla(request)})


def din_roll(request) -> Avsnitt:
    """The start page's section on the user's organisation, unit, roles and LPO scope."""
    profil = (
        Anvandarprofil.objects.select_related("organisation", "enhet")
        .prefetch_related("lpo_scope")
        .filter(user=request.user)
        .first()
    )
    return Avsnitt(
        "myndigheter/_din_roll.html", {"profil": profil, "roller": roller_for(request.user)}
    )


@login_required
@require_GET
def medlemmar(request):
    if not access.kan_hantera_medlemmar(request.user):
        raise PermissionDenied
    lista = (
        access.medlemmar(request.user)
        .select_related("profil__enhet")
        .prefetch_related("groups")
        .order_by("last_name", "first_name", "username")
    )
    return render(
        request,
        "myndigheter/medlemmar.html",
        {"medlemmar": lista, "hanterade_roller": access.ROLLER_SOM_KONTAKT_HANTERAR},
    )


@login_required
@require_POST
def andra_medlem(request, pk: int):
    medlem = get_object_or_404(access.medlemmar(request.user), pk=pk)
    roller = [Roll(v) for v in request.POST.getlist("roller") if v in Roll.values]
    try:
        services.andra_medlem(
            request.user,
            medlem,
            request.POST.get("aktiv") == "on",
            roller,
            sakerhetskontakt=request.POST.get("sakerhetskontakt") == "on",
        )
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, _("Ändringen för %(namn)s är sparad.") % {"namn": medlem})
    return redirect("medlemmar")
