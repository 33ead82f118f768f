"""The police operational coordinator's inbox: answer and withdraw staffing requests."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from insatser import access, selectors, services, varningar
from insatser.forms import BemanningssvarForm, OrsakForm
from insatser.models import Installningsorsak
from karna.vyer import formular_med_verb, formularfel_som_meddelanden, kor_verb


def _kraver_operativ_samordnare(user) -> None:
    if not access.ser_bemanningsinkorgen(user):
        raise PermissionDenied


def _polisorsaker():
    return Installningsorsak.objects.filter(polisorsakad=True).order_by("namn")


@login_required
@require_http_methods(["GET"])
def inkorg(request):
    _kraver_operativ_samordnare(request.user)
    return render(
        request,
        "insatser/bemanning_inkorg.html",
        {"begaranden": selectors.bemanningsinkorg(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def besvara(request, pk: int):
    begaran = get_object_or_404(selectors.bemanningsinkorg(request.user), pk=pk)
    form = BemanningssvarForm(
        request.POST or None,
        poliser=selectors.insatspoliser(request.user),
        initial={"bekraftat_antal": begaran.begart_antal, "version": begaran.version},
    )
    svar = formular_med_verb(
        request,
        form,
        lambda d: services.besvara_bemanning(
            request.user,
            begaran,
            d["bekraftat_antal"],
            poliser=d["poliser"],
            intern_anteckning=d["intern_anteckning"],
            version=d["version"],
        ),
        _("Svaret är registrerat och syns för samordnaren på insatsens sida."),
        reverse("bemanning_inkorg"),
    )
    return svar or render(
        request,
        "insatser/bemanning_svar.html",
        {
            "begaran": begaran,
            "form": form,
            "aterkalla": OrsakForm(orsaker=_polisorsaker(), initial={"version": begaran.version}),
            "onskade": begaran.onskade_insatspoliser.order_by("last_name", "first_name"),
            "upptagna": varningar.polisvarningar(
                request.user, begaran.insats, selectors.insatspoliser(request.user)
            ),
        },
    )


@login_required
@require_POST
def aterkalla(request, pk: int):
    begaran = get_object_or_404(selectors.bemanningsinkorg(request.user), pk=pk)
    form = OrsakForm(request.POST, orsaker=_polisorsaker())
    if not form.is_valid():
        formularfel_som_meddelanden(request, form)
        return redirect("besvara_bemanning", pk=pk)
    aterkallad = kor_verb(
        request,
        lambda: services.aterkalla_bemanning(
            request.user,
            begaran,
            form.cleaned_data["orsak"],
            intern_anteckning=form.cleaned_data["kommentar"],
            version=form.cleaned_data["version"],
        ),
        _("Bemanningen är återkallad; insatsen väntar på ny bemanning."),
    )
    return redirect("bemanning_inkorg") if aterkallad else redirect("besvara_bemanning", pk=pk)
