"""Organisation profiles: what each agency does, may share with whom, needs, and how to reach it.

Read by everyone who plans or takes part in operations; kept by the organisation's focal point.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from karna.vyer import TJANSTEFEL, feltext, formular_med_verb
from myndigheter import access, services
from myndigheter.forms import DelningsgrundForm, ProfilForm
from myndigheter.models import Delningsgrund


def _aktiva_grunder():
    return Prefetch(
        "delningsgrunder",
        queryset=Delningsgrund.objects.filter(aktiv=True),
        to_attr="aktiva_grunder",
    )


@login_required
@require_GET
def organisationer(request):
    if not access.ser_profiler(request.user):
        raise PermissionDenied
    lista = access.synliga_profiler(request.user).prefetch_related(_aktiva_grunder())
    return render(request, "myndigheter/organisationer.html", {"organisationer": lista})


def _profil(user, pk: int):
    return get_object_or_404(
        access.synliga_profiler(user).prefetch_related(_aktiva_grunder()), pk=pk
    )


@login_required
@require_GET
def profil(request, pk: int):
    organisation = _profil(request.user, pk)
    return render(
        request,
        "myndigheter/profil.html",
        {
            "organisation": organisation,
            "far_andra": access.kan_andra_profil(request.user, organisation),
            "grundform": DelningsgrundForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def andra_profil(request, pk: int):
    organisation = _profil(request.user, pk)
    if not access.kan_andra_profil(request.user, organisation):
        raise PermissionDenied
    form = ProfilForm(
        request.POST if request.method == "POST" else None,
        initial={
            "mandat": organisation.mandat,
            "informationsbehov": organisation.informationsbehov,
            "kontaktvagar": organisation.kontaktvagar,
        },
    )
    svar = formular_med_verb(
        request,
        form,
        lambda data: services.andra_profil(request.user, organisation, **data),
        _("Profilen är sparad."),
        reverse("organisationsprofil", args=[organisation.pk]),
    )
    return svar or render(
        request, "myndigheter/profil_andra.html", {"organisation": organisation, "form": form}
    )


@login_required
@require_POST
def lagg_till_delningsgrund(request, pk: int):
    organisation = _profil(request.user, pk)
    if not access.kan_andra_profil(request.user, organisation):
        raise PermissionDenied
    form = DelningsgrundForm(request.POST)
    svar = formular_med_verb(
        request,
        form,
        lambda data: services.lagg_till_delningsgrund(request.user, organisation, **data),
        _("Delningsgrunden är tillagd."),
        reverse("organisationsprofil", args=[pk]),
    )
    if svar:
        return svar
    return render(
        request,
        "myndigheter/profil.html",
        {"organisation": organisation, "far_andra": True, "grundform": form},
        status=400,
    )


@login_required
@require_POST
def avveckla_delningsgrund(request, pk: int):
    grund = get_object_or_404(
        Delningsgrund.objects.filter(
            organisation__in=access.synliga_profiler(request.user), aktiv=True
        ),
        pk=pk,
    )
    try:
        services.avveckla_delningsgrund(request.user, grund)
    except TJANSTEFEL as fel:
        messages.error(request, feltext(fel))
    else:
        messages.success(request, _("Delningsgrunden används inte längre."))
    return redirect("organisationsprofil", grund.organisation_id)
