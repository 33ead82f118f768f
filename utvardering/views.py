"""Improvement areas of a carried-out operation: the list, and the coordinator's forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from insatser.views import SERVICEFEL, insats_eller_404, kor_verb, visa_fel
from utvardering import access, services
from utvardering.forms import ForbattringsomradeForm


@login_required
@require_http_methods(["GET", "POST"])
def forbattringsomraden(request, pk: int):
    insats = insats_eller_404(request.user, pk)
    if not insats.visa_detaljer:
        raise PermissionDenied
    kan_registrera = insats.kan_samordna and insats.status in services.UTFORDA
    if request.method == "POST" and not kan_registrera:
        raise PermissionDenied
    form = ForbattringsomradeForm(request.POST or None, insats=insats)
    if request.method == "POST" and form.is_valid():
        try:
            services.registrera_forbattringsomrade(request.user, insats, **form.cleaned_data)
        except SERVICEFEL as fel:
            visa_fel(request, form, fel)
        else:
            messages.success(request, _("Förbättringsområdet är registrerat."))
            return redirect("forbattringsomraden", pk=pk)
    omraden = (
        access.FORBATTRINGSOMRADE_POLICY.markera(
            access.synliga_forbattringsomraden(request.user).filter(insats=insats),
            request.user,
            kan_atgarda=access.Handling.ATGARDA,
        )
        .select_related("objekt", "ansvarig_organisation")
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
