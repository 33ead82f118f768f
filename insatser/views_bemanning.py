"""The police operational coordinator's inbox: answer staffing requests, raise or lower a
confirmation, withdraw it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from insatser import access, selectors, services, varningar
from insatser.forms import BemanningsandringForm, BemanningssvarForm, OrsakForm
from insatser.models import Bemanningsbegaran, Installningsorsak
from karna.vyer import (
    TJANSTEFEL,
    delvis,
    fel_till_formular,
    formular_med_verb,
    formularfel_som_meddelanden,
    htmx_svar,
    kor_verb,
)


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
    return svar or _svarssida(request, begaran, form=form)


def _svarssida(request, begaran: Bemanningsbegaran, form=None, andring=None):
    """The request's page: the answer form while unanswered, else what the LPO confirmed with
    the forms to change or withdraw it."""
    return render(
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
            **_andringsdel(request, begaran, andring),
        },
    )


def _andringsformular(request, begaran: Bemanningsbegaran, data=None) -> BemanningsandringForm:
    return BemanningsandringForm(
        data,
        prefix="andra",
        poliser=selectors.insatspoliser(request.user),
        orsaker=_polisorsaker(),
        initial={
            "bekraftat_antal": begaran.bekraftat_antal,
            "poliser": [p.anvandare_id for p in begaran.poliser.all()],
            "version": begaran.version,
        },
    )


def _andringsdel(request, begaran: Bemanningsbegaran, andring=None, meddelande=None) -> dict:
    """The context of the confirmation section (``_bemanning_andring.html``)."""
    return {
        "begaran": begaran,
        "andring": andring or _andringsformular(request, begaran),
        "namngivna": begaran.poliser.select_related("anvandare").order_by(
            "anvandare__last_name", "anvandare__first_name"
        ),
        "meddelande": meddelande,
    }


@login_required
@require_POST
def andra(request, pk: int):
    """Raise or lower the confirmation. htmx gets the section back, with the form's errors or
    the outcome; a plain post goes back to the page (or shows it again with the errors)."""
    begaran = get_object_or_404(selectors.bemanningsinkorg(request.user), pk=pk)
    form = _andringsformular(request, begaran, request.POST)
    lyckat = _("Bemanningen är ändrad och samordnaren har fått en notis.")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.andra_bemanning(
                request.user,
                begaran,
                data["bekraftat_antal"],
                poliser=data["poliser"],
                motivering=data["motivering"],
                orsak=data["orsak"],
                intern_anteckning=data["intern_anteckning"],
                version=data["version"],
            )
        except TJANSTEFEL as fel:
            fel_till_formular(form, fel)
    if not delvis(request):
        if form.errors:
            return _svarssida(request, begaran, andring=form)
        messages.success(request, lyckat)
        return redirect("besvara_bemanning", pk=pk)
    begaran = selectors.bemanningsinkorg(request.user).get(pk=pk)
    context = (
        _andringsdel(request, begaran, andring=form)
        if form.errors
        else _andringsdel(request, begaran, meddelande=lyckat)
    )
    return htmx_svar(request, "insatser/_bemanning_andring.html", context)


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
