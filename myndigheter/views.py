"""The start page: who you are, in which organisation and role, and what is coming up."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from insatser.access import synliga_insatser
from myndigheter.models import Anvandarprofil
from myndigheter.roles import roller_for

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
        {"profil": profil, "roller": roller_for(request.user), "kommande": kommande},
    )
