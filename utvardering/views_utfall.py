"""The outcomes and feedback of a carried-out operation, and the parts of other pages that show
them (the operation's page, the object's history)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from insatser.views import insats_eller_404
from karna.tillagg import Avsnitt
from karna.vyer import formular_med_verb, postat_verb
from utvardering import access, selectors_utfall, services_utfall
from utvardering.forms_utfall import AndraUtfallForm, AterkopplingForm, TaBortUtfallForm, UtfallForm


def insatsens_utfall(user, insats) -> Avsnitt | None:
    """The operation page's link to its outcomes and feedback, once it has been carried out."""
    if not insats.visa_detaljer or not services_utfall.utfall_mojliga(insats):
        return None
    return Avsnitt("utvardering/_insatsens_utfall.html", {"insats": insats})


def objektets_utfall(user, objekt) -> Avsnitt:
    """The object page's history: the outcomes of its controls the user may read."""
    return Avsnitt(
        "utvardering/_objektets_utfall.html",
        {"utfall": selectors_utfall.objektets_utfall(user, objekt)},
    )


def _insats_med_utfall(user, pk: int):
    insats = insats_eller_404(user, pk)
    if not insats.visa_detaljer:
        # What an operation led to is a detail: to those without the details it is not there.
        raise Http404
    mojligt = services_utfall.utfall_mojliga(insats)
    insats.kan_registrera_utfall = mojligt and access.kan_registrera_utfall(user, insats)
    insats.kan_ge_aterkoppling = mojligt and access.deltog(user, insats)
    return insats


def _sida(request, insats, utfall_form=None, aterkoppling_form=None):
    egen = access.egen_aterkoppling(request.user, insats)
    if insats.kan_ge_aterkoppling and aterkoppling_form is None:
        initial = {"version": 0}
        if egen is not None:
            initial = {
                "betyg": egen.betyg,
                "kommentar": egen.kommentar,
                "anonym": egen.anonym,
                "version": egen.version,
            }
        aterkoppling_form = AterkopplingForm(initial=initial)
    if insats.kan_registrera_utfall and utfall_form is None:
        utfall_form = UtfallForm(insats=insats)
    return render(
        request,
        "utvardering/utfall.html",
        {
            "insats": insats,
            "utfall": selectors_utfall.utfall_for_insats(request.user, insats),
            "aterkopplingar": selectors_utfall.aterkopplingar_for_insats(request.user, insats),
            "egen_aterkoppling": egen,
            "utfall_form": utfall_form if insats.kan_registrera_utfall else None,
            "aterkoppling_form": aterkoppling_form if insats.kan_ge_aterkoppling else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def utfall(request, pk: int):
    insats = _insats_med_utfall(request.user, pk)
    if request.method == "POST" and not insats.kan_registrera_utfall:
        raise PermissionDenied
    form = UtfallForm(request.POST or None, insats=insats)
    svar = formular_med_verb(
        request,
        form,
        lambda d: services_utfall.registrera_utfall(request.user, insats, **d),
        _("Utfallet är registrerat."),
        reverse("utfall", args=[pk]),
    )
    return svar or _sida(request, insats, utfall_form=form)


@login_required
@require_POST
def aterkoppling(request, pk: int):
    insats = _insats_med_utfall(request.user, pk)
    if not insats.kan_ge_aterkoppling:
        raise PermissionDenied
    form = AterkopplingForm(request.POST)
    svar = formular_med_verb(
        request,
        form,
        lambda d: services_utfall.ge_aterkoppling(request.user, insats, **d),
        _("Tack för din återkoppling."),
        reverse("utfall", args=[pk]),
    )
    return svar or _sida(request, insats, aterkoppling_form=form)


def _eget_utfall(user, pk: int):
    """An outcome the user reads (404 otherwise) and may change (403 otherwise)."""
    rad = get_object_or_404(access.synliga_utfall(user).select_related("insats", "typ"), pk=pk)
    if not access.kan_andra_utfall(user, rad):
        raise PermissionDenied
    return rad


@login_required
@require_http_methods(["GET", "POST"])
def andra_utfall(request, pk: int):
    rad = _eget_utfall(request.user, pk)
    insats = rad.insats
    initial = {
        falt: getattr(rad, falt)
        for falt in (
            "typ",
            "kontroll",
            "belopp",
            "antal",
            "enhet",
            "uppskattning",
            "beslutsdatum",
            "synlighet",
            "version",
        )
    }
    form = AndraUtfallForm(request.POST or None, insats=insats, initial=initial)
    svar = formular_med_verb(
        request,
        form,
        lambda d: services_utfall.andra_utfall(request.user, rad, **d),
        _("Utfallet är ändrat."),
        reverse("utfall", args=[insats.pk]),
    )
    return svar or render(
        request,
        "utvardering/utfall_andra.html",
        {
            "insats": insats,
            "rad": rad,
            "form": form,
            "ta_bort_form": TaBortUtfallForm(initial={"version": rad.version}),
        },
    )


@login_required
@require_POST
def ta_bort_utfall(request, pk: int):
    rad = _eget_utfall(request.user, pk)
    return postat_verb(
        request,
        TaBortUtfallForm(request.POST),
        lambda d: services_utfall.ta_bort_utfall(request.user, rad, **d),
        _("Utfallet är borttaget."),
        reverse("utfall", args=[rad.insats_id]),
    )
