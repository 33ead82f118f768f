"""Improvement areas of a carried-out operation: the list, and the coordinator's forms."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from insatser.views import insats_eller_404
from karna.tillagg import Avsnitt
from karna.vyer import formular_med_verb, kor_verb
from utvardering import access, selectors, services
from utvardering.forms import ForbattringsomradeForm


def objektets_forbattringsomraden(user, objekt) -> Avsnitt:
    """The object page's history: the open improvement areas of the object the user may see."""
    return Avsnitt(
        "utvardering/_objektets_forbattringsomraden.html",
        {"forbattringsomraden": selectors.oppna_forbattringsomraden(user, [objekt.pk])},
    )


@login_required
@require_http_methods(["GET", "POST"])
def forbattringsomraden(request, pk: int):
    insats = insats_eller_404(request.user, pk)
    if not insats.visa_detaljer:
        # Whether an operation was evaluated, and what it found, is a detail: to those
        # without the details there is nothing here.
        raise Http404
    kan_registrera = insats.kan_samordna and services.registrering_mojlig(insats)
    if request.method == "POST" and not kan_registrera:
        raise PermissionDenied
    form = ForbattringsomradeForm(request.POST or None, insats=insats)
    svar = formular_med_verb(
        request,
        form,
        lambda d: services.registrera_forbattringsomrade(request.user, insats, **d),
        _("Förbättringsområdet är registrerat."),
        reverse("forbattringsomraden", args=[pk]),
    )
    if svar:
        return svar
    omraden = (
        access.FORBATTRINGSOMRADE_POLICY.markera(
            access.synliga_forbattringsomraden(request.user).filter(insats=insats),
            request.user,
            kan_atgarda=access.Handling.ATGARDA,
        )
        .select_related("objekt", "ansvarig_organisation", "ansvarig_person")
        .order_by("status", "-skapad", "pk")
    )
    return render(
        request,
        "utvardering/forbattringsomraden.html",
        {"insats": insats, "omraden": omraden, "form": form if kan_registrera else None},
    )


@login_required
@require_POST
def atgarda(request, pk: int):
    omrade = get_object_or_404(access.synliga_forbattringsomraden(request.user), pk=pk)
    if not access.kan_atgarda(request.user, omrade):
        raise PermissionDenied
    kor_verb(
        request,
        lambda: services.atgarda_forbattringsomrade(request.user, omrade),
        _("Området är markerat som åtgärdat."),
    )
    return redirect("forbattringsomraden", pk=omrade.insats_id)
