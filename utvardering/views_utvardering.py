"""The evaluation pages: an operation's joint evaluation, an agency's evaluation form, the
improvement plan overview, and the sections they add to the operation's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from insatser.views import insats_eller_404
from insatser.workflow import OPPNA_FOR_PLANERING
from karna.tillagg import Avsnitt
from karna.vyer import formular_med_verb, kor_verb
from utvardering import access, selectors, services
from utvardering.forms import AvslutaForm, MyndighetsutvarderingForm
from utvardering.models import Gemensamutvardering, Myndighetsutvardering, Rapportbygge
from utvardering.services import rapport


def insatsens_utvardering(user, insats) -> Avsnitt | None:
    """The operation page's evaluation section: state, due date and the way to the pages."""
    if not insats.visa_detaljer or insats.status not in services.UTFORDA:
        return None
    return Avsnitt(
        "utvardering/_insatsens_utvardering.html",
        {
            "insats": insats,
            "utvardering": access.synliga_utvarderingar(user).filter(insats=insats).first(),
        },
    )


def insatsens_forbattringar(user, insats) -> Avsnitt | None:
    """For the coordinator planning an operation: the open improvement items of earlier
    operations that concern its objects, areas, collaboration form or invited organisations."""
    if not insats.kan_samordna or insats.status not in OPPNA_FOR_PLANERING:
        return None
    return Avsnitt(
        "utvardering/_forbattringar_vid_planering.html",
        {"forbattringar": list(selectors.forbattringar_som_beror(user, insats))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def utvardering(request, pk: int):
    insats = insats_eller_404(request.user, pk)
    utvardering = get_object_or_404(
        access.synliga_utvarderingar(request.user).select_related("avslutad_av"), insats=insats
    )
    kan_avsluta = (
        access.kan_avsluta(request.user, utvardering)
        and utvardering.status == Gemensamutvardering.Status.OPPEN
    )
    if request.method == "POST" and not kan_avsluta:
        raise PermissionDenied
    form = AvslutaForm(request.POST or None, initial={"version": utvardering.version})
    svar = formular_med_verb(
        request,
        form,
        lambda d: services.avsluta_utvardering(request.user, utvardering, **d),
        _("Utvärderingen är avslutad och insatsen är utvärderad."),
        reverse("insats_utvardering", args=[pk]),
    )
    if svar:
        return svar
    rader = list(selectors.myndighetsutvarderingar(request.user, utvardering))
    return render(
        request,
        "utvardering/utvardering.html",
        {
            "insats": insats,
            "utvardering": utvardering,
            "rader": rader,
            "antal_saknade": sum(r.status != Myndighetsutvardering.Status.INLAMNAD for r in rader),
            "forbattringar": access.synliga_forbattringsomraden(request.user)
            .filter(insats=insats)
            .select_related("ansvarig_organisation", "objekt")
            .order_by("status", "-skapad", "pk"),
            "form": form if kan_avsluta else None,
            "rapport": rapport.aktuell_rapport(request.user, utvardering),
            "rapportbygge": Rapportbygge.objects.filter(utvardering=utvardering).first(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def myndighetsutvardering(request, pk: int):
    rad = get_object_or_404(
        access.lasbara_myndighetsutvarderingar(request.user).select_related(
            "utvardering__insats", "organisation", "lpo", "andrad_av"
        ),
        pk=pk,
    )
    kan_fylla_i = (
        access.ifyllbara_myndighetsutvarderingar(request.user).filter(pk=rad.pk).exists()
        and rad.utvardering.status == Gemensamutvardering.Status.OPPEN
    )
    if request.method == "POST" and not kan_fylla_i:
        raise PermissionDenied
    form = MyndighetsutvarderingForm(request.POST or None, rad=rad) if kan_fylla_i else None
    lamna_in = "lamna_in" in request.POST
    if form is not None:
        svar = formular_med_verb(
            request,
            form,
            lambda d: services.spara_myndighetsutvardering(
                request.user, rad, d, version=d.pop("version"), lamna_in=lamna_in
            ),
            _("Utvärderingen är inlämnad.") if lamna_in else _("Utvärderingen är sparad."),
            reverse("myndighetsutvardering", args=[pk]),
        )
        if svar:
            return svar
    return render(
        request,
        "utvardering/myndighetsutvardering.html",
        {
            "rad": rad,
            "insats": rad.utvardering.insats,
            "form": form,
            "varden": [
                (Myndighetsutvardering._meta.get_field(falt).verbose_name, _visat(rad, falt))
                for falt in Myndighetsutvardering.IFYLLBARA
                if rad.lpo_id is not None or falt not in Myndighetsutvardering.POLISFALT
            ],
            "andringar": selectors.andringar_efter_inlamning(rad)
            if rad.status == Myndighetsutvardering.Status.INLAMNAD
            else [],
        },
    )


def _visat(rad: Myndighetsutvardering, falt: str) -> str:
    return selectors.visning(falt, getattr(rad, falt))


@login_required
@require_GET
def forbattringar(request):
    return render(
        request,
        "utvardering/forbattringar.html",
        selectors.organisationens_forbattringar(request.user),
    )


@login_required
@require_POST
def paborja(request, pk: int):
    omrade = get_object_or_404(access.synliga_forbattringsomraden(request.user), pk=pk)
    if not access.kan_atgarda(request.user, omrade):
        raise PermissionDenied
    kor_verb(
        request,
        lambda: services.paborja_forbattringsomrade(request.user, omrade),
        _("Arbetet med området är markerat som påbörjat."),
    )
    return redirect("forbattringar")
