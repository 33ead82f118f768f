"""Operation pages: the list of visible operations and one operation with its timeline."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from insatser import selectors
from insatser.forms import Insatsfilter
from insatser.models import Insats
from objekt.services import las_objektuppgifter

SIDSTORLEK = 50


@login_required
@require_GET
def lista(request):
    filter_form = Insatsfilter(request.GET or None)
    insatser = selectors.insatslista(request.user)
    if filter_form.is_bound and filter_form.is_valid():
        insatser = filter_form.filtrera(insatser)
    sida = Paginator(insatser, SIDSTORLEK).get_page(request.GET.get("sida"))
    return render(request, "insatser/lista.html", {"filter": filter_form, "sida": sida})


@login_required
@require_GET
def detalj(request, pk: int):
    try:
        insats = selectors.insats_for_detalj(request.user, pk)
    except Insats.DoesNotExist:
        raise Http404 from None
    context = {
        "insats": insats,
        "bemanning": selectors.bemanning_for_insats(request.user, insats),
    }
    if insats.visa_detaljer:
        context.update(
            kontroller=insats.kontroller.select_related("objekt").order_by("ordning"),
            deltaganden=insats.deltaganden.select_related("organisation", "enhet").order_by(
                "roll", "organisation__namn"
            ),
            handelser=insats.handelser.select_related("utford_av").order_by("tid", "pk"),
            objektuppgifter=las_objektuppgifter(
                request.user, insats, "Insatsens sida: förberedelse och genomförande"
            ),
        )
    return render(request, "insatser/detalj.html", context)
