"""The start page, and a focal point's page for the members of their organisation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insatser.access import synliga_insatser
from insatser.selectors_uppgifter import mina_uppgifter
from myndigheter import access, services
from myndigheter.models import Anvandarprofil
from myndigheter.roles import Roll, roller_for

KOMMANDE_ANTAL = 10


@login_required
@require_GET
def start(request):
    profil = (
        Anvandarprofil.objects.select_related("organisation", "enhet")
        .prefetch_related("lpo_scope")
        .filter(user=request.user)
        .first()
    )
    kommande = (
        synliga_insatser(request.user)
        .filter(slut__gte=timezone.now())
        .select_related("samordnande_organisation", "samverkansform")
        .order_by("start")[:KOMMANDE_ANTAL]
    )
    return render(
        request,
        "start.html",
        {
            "profil": profil,
            "roller": roller_for(request.user),
            "kommande": kommande,
            "uppgifter": mina_uppgifter(request.user, med_notiser=False),
        },
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
        services.andra_medlem(request.user, medlem, request.POST.get("aktiv") == "on", roller)
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, _("Ändringen för %(namn)s är sparad.") % {"namn": medlem})
    return redirect("medlemmar")
