"""Co-planned operations: the groups, the group page, inviting, joining and leaving."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from insatser import access, selectors, services
from insatser.forms import AnslutningForm, GruppinbjudanForm, InsatsgruppForm, VersionForm
from insatser.models import Insatsgrupp
from insatser.views import SERVICEFEL, insats_eller_404, kor_verb, visa_fel


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
    if request.method == "POST" and form.is_valid():
        try:
            grupp = services.skapa_insatsgrupp(request.user, **form.cleaned_data)
        except SERVICEFEL as fel:
            visa_fel(request, form, fel)
        else:
            messages.success(request, _("Samplaneringen är skapad."))
            return redirect("insatsgrupp", pk=grupp.pk)
    return render(request, "insatser/grupp_ny.html", {"form": form})


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
    form = GruppinbjudanForm(request.POST, grupp=grupp)
    if form.is_valid():
        kor_verb(
            request,
            lambda: services.bjud_in_till_grupp(
                request.user, grupp, form.cleaned_data["organisation"]
            ),
            _("Organisationen samplanerar nu i gruppen."),
        )
    else:
        messages.error(request, _("Välj en organisation."))
    return redirect("insatsgrupp", pk=pk)


@login_required
@require_POST
def anslut(request, pk: int):
    grupp = _grupp_eller_404(request.user, pk)
    if not access.kan_ansluta_till_grupp(request.user, grupp):
        raise PermissionDenied
    form = AnslutningForm(request.POST, insatser=selectors.egna_insatser_att_ansluta(request.user))
    if form.is_valid():
        kor_verb(
            request,
            lambda: services.anslut_till_grupp(request.user, grupp, form.cleaned_data["insats"]),
            _("Insatsen ingår nu i gruppen."),
        )
    else:
        messages.error(request, _("Välj en av er organisations öppna insatser."))
    return redirect("insatsgrupp", pk=pk)


@login_required
@require_POST
def lamna(request, pk: int):
    """The coordinator takes their operation out of its group (from the operation's page)."""
    insats = insats_eller_404(request.user, pk)
    if not insats.kan_samordna:
        raise PermissionDenied
    form = VersionForm(request.POST)
    if form.is_valid():
        kor_verb(
            request,
            lambda: services.lamna_grupp(request.user, insats, form.cleaned_data["version"]),
            _("Insatsen ingår inte längre i gruppen."),
        )
    return redirect("insats", pk=pk)
