"""Co-planned operations: the groups, the group page, inviting, joining and leaving."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from insatser import access, selectors, services
from insatser.forms import AnslutningForm, GruppinbjudanForm, InsatsgruppForm, VersionForm
from insatser.models import Insatsgrupp
from insatser.views import insats_eller_404
from karna.vyer import formular_med_verb, postat_verb


def _grupp_eller_404(user, pk: int) -> Insatsgrupp:
    grupp = (
        access.synliga_insatsgrupper(user)
        .select_related("agare", "samverkansform")
        .filter(pk=pk)
        .first()
    )
    if grupp is None:
        raise Http404
    return grupp


@login_required
@require_GET
def lista(request):
    grupper = (
        access.synliga_insatsgrupper(request.user)
        .select_related("agare", "samverkansform")
        .annotate(antal_insatser=Count("insatser", distinct=True))
        .order_by("-fonster_start", "pk")
    )
    return render(
        request,
        "insatser/grupper.html",
        {"grupper": grupper, "kan_skapa": access.kan_skapa_insats(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ny(request):
    if not access.kan_skapa_insats(request.user):
        raise PermissionDenied
    form = InsatsgruppForm(request.POST or None)
    svar = formular_med_verb(
        request,
        form,
        lambda d: services.skapa_insatsgrupp(request.user, **d),
        _("Samplaneringen är skapad."),
        lambda grupp: reverse("insatsgrupp", args=[grupp.pk]),
    )
    return svar or render(request, "insatser/grupp_ny.html", {"form": form})


@login_required
@require_GET
def detalj(request, pk: int):
    grupp = _grupp_eller_404(request.user, pk)
    insatser = list(selectors.gruppens_insatser(request.user, grupp))
    context = {
        "grupp": grupp,
        "insatser": insatser,
        "organisationer": grupp.organisationer.order_by("namn"),
        "kontroller_totalt": sum(i.kontroller_totalt for i in insatser),
        "kontroller_klara": sum(i.kontroller_klara for i in insatser),
    }
    if access.kan_hantera_grupp(request.user, grupp):
        context["inbjudan_form"] = GruppinbjudanForm(grupp=grupp)
    if access.kan_ansluta_till_grupp(request.user, grupp):
        context["anslutning_form"] = AnslutningForm(
            insatser=selectors.egna_insatser_att_ansluta(request.user)
        )
    return render(request, "insatser/grupp.html", context)


@login_required
@require_POST
def bjud_in(request, pk: int):
    grupp = _grupp_eller_404(request.user, pk)
    if not access.kan_hantera_grupp(request.user, grupp):
        raise PermissionDenied
    return postat_verb(
        request,
        GruppinbjudanForm(request.POST, grupp=grupp),
        lambda d: services.bjud_in_till_grupp(request.user, grupp, d["organisation"]),
        _("Organisationen samplanerar nu i gruppen."),
        reverse("insatsgrupp", args=[pk]),
    )


@login_required
@require_POST
def anslut(request, pk: int):
    grupp = _grupp_eller_404(request.user, pk)
    if not access.kan_ansluta_till_grupp(request.user, grupp):
        raise PermissionDenied
    return postat_verb(
        request,
        AnslutningForm(request.POST, insatser=selectors.egna_insatser_att_ansluta(request.user)),
        lambda d: services.anslut_till_grupp(request.user, grupp, d["insats"]),
        _("Insatsen ingår nu i gruppen."),
        reverse("insatsgrupp", args=[pk]),
    )


@login_required
@require_POST
def lamna(request, pk: int):
    """The coordinator takes their operation out of its group (from the operation's page)."""
    insats = insats_eller_404(request.user, pk)
    if not insats.kan_samordna:
        raise PermissionDenied
    return postat_verb(
        request,
        VersionForm(request.POST),
        lambda d: services.lamna_grupp(request.user, insats, d["version"]),
        _("Insatsen ingår inte längre i gruppen."),
        reverse("insats", args=[pk]),
    )
