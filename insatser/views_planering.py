"""Planning in the browser: create an operation, invite, add objects, request staffing, answer."""

from __future__ import annotations

from datetime import time, timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from arshjul.services.bygge import forbered_planeringsar
from insatser import access, rangordning, selectors, services
from insatser.forms import (
    AndraInsatsForm,
    AvslagForm,
    BemanningsbegaranForm,
    InbjudanForm,
    NyInsatsForm,
    ObjektvalForm,
    PlaneraForm,
    SakerhetsanteckningForm,
    SvarForm,
    VersionForm,
)
from insatser.views import insats_eller_404
from insatser.workflow import OPPNA_FOR_PLANERING
from karna.policy import Aktor
from karna.vyer import formular_med_verb, postat_verb, sida_eller_del
from objekt import access as objekt_access
from objekt.forms import Objektfilter
from objekt.selectors import objektpool

VALJARENS_SIDSTORLEK = 20


@login_required
@require_http_methods(["GET", "POST"])
def ny(request):
    if not access.kan_skapa_insats(request.user):
        raise PermissionDenied
    organisation = request.user.profil.organisation
    forbered_planeringsar()
    fonster = selectors.insatsfonster_att_valja(request.user)
    form = NyInsatsForm(
        request.POST or None,
        organisation=organisation,
        fonster=fonster,
        initial=_forslag_fran_fonster(fonster, request.GET.get("fonster")),
    )
    svar = formular_med_verb(
        request,
        form,
        lambda d: services.skapa_insats(user=request.user, **d),
        lambda insats: _("Insatsen %(ref)s är skapad.") % {"ref": insats.referens},
        lambda insats: reverse("insats", args=[insats.pk]),
    )
    return svar or render(request, "insatser/ny.html", {"form": form})


def _forslag_fran_fonster(fonster, vald: str | None) -> dict:
    """A new operation in the window the coordinator came from on the wheel: its first day, its
    LPO; the time of day is a starting point to adjust."""
    valt = selectors.valt_fonster(fonster, vald)
    if valt is None:
        return {}
    start = selectors.forsta_dag_kl(valt, time(9))
    return {
        "insatsfonster": valt,
        "start": start,
        "slut": start + timedelta(hours=4),
        "lpoer": [valt.lpo_id],
    }


@login_required
@require_http_methods(["GET", "POST"])
def andra(request, pk: int):
    """Change the operation's details; a form someone else's change made stale is refused."""
    insats = _samordnad(request, pk)
    form = AndraInsatsForm(
        request.POST or None,
        organisation=insats.samordnande_organisation,
        initial={
            **{f: getattr(insats, f) for f in services.ANDRINGSBARA},
            "lpoer": insats.lpoer.all(),
            "kommuner": insats.kommuner.all(),
            "prioriteringar": insats.prioriteringar.all(),
            "atgardspunkter": insats.atgardspunkter.all(),
            "version": insats.version,
        },
    )
    svar = formular_med_verb(
        request,
        form,
        lambda d: services.andra_insats(request.user, insats, **d),
        _("Ändringarna är sparade."),
        reverse("insats", args=[pk]),
    )
    return svar or render(request, "insatser/andra.html", {"insats": insats, "form": form})


def _samordnad(request, pk: int):
    insats = insats_eller_404(request.user, pk)
    if not insats.kan_samordna:
        raise PermissionDenied
    return insats


@login_required
@require_POST
def bjud_in(request, pk: int):
    insats = _samordnad(request, pk)
    return postat_verb(
        request,
        InbjudanForm(request.POST),
        lambda d: services.bjud_in(request.user, insats, d["organisation"], d["enhet"]),
        _("Organisationen är inbjuden och ser nu insatsen."),
        reverse("insats", args=[insats.pk]),
    )


@login_required
@require_POST
def lagg_till_objekt(request, pk: int):
    insats = _samordnad(request, pk)
    return postat_verb(
        request,
        ObjektvalForm(request.POST, objekt=objektpool(request.user)),
        lambda d: services.lagg_till_kontroll(
            request.user, insats, d["objekt"], d["tilltradesgrund"], d["reserv"]
        ),
        _("Objektet är tillagt."),
        _nasta(request, reverse("insats", args=[insats.pk])),
    )


def _nasta(request, standard: str) -> str:
    """Back to where the form was (the picker with its filters and page), else ``standard``."""
    nasta = request.POST.get("nasta", "")
    if url_has_allowed_host_and_scheme(nasta, {request.get_host()}, request.is_secure()):
        return nasta
    return standard


@login_required
@require_GET
def valj_objekt(request, pk: int):
    """The add-object picker: the pool ranked for this operation, searched and filtered as the
    pool's list, each row with why it ranks where it does and buttons to add it."""
    insats = _samordnad(request, pk)
    filter_form = Objektfilter(
        request.GET or None,
        organisation_id=Aktor.for_user(request.user).organisation_id,
        samordnare=objekt_access.ser_alla_organisationers_relevans(request.user),
    )
    objekt = rangordning.rangordnad_objektpool(request.user, insats)
    if filter_form.is_bound and filter_form.is_valid():
        # The search narrows the list; the ranking still decides the order.
        objekt = filter_form.filtrera(objekt).order_by("-poang", "namn", "pk")
    oppen = insats.status in OPPNA_FOR_PLANERING
    sida = Paginator(objekt if oppen else objekt.none(), VALJARENS_SIDSTORLEK).get_page(
        request.GET.get("sida")
    )
    antal_inbjudna = rangordning.inbjudna_organisationer(insats).count()
    for o in sida:
        o.skal = rangordning.skal(o, antal_inbjudna)
    parametrar = request.GET.copy()
    parametrar.pop("sida", None)
    context = {
        "insats": insats,
        "oppen_for_planering": oppen,
        "filter": filter_form,
        "sida": sida,
        "parametrar": parametrar.urlencode(),
        "tillbaka": request.get_full_path(),
    }
    return sida_eller_del(
        request, "insatser/valj_objekt.html", "insatser/_rangordning.html", context
    )


@login_required
@require_POST
def begar_bemanning(request, pk: int):
    insats = _samordnad(request, pk)
    return postat_verb(
        request,
        BemanningsbegaranForm(
            request.POST,
            lpoer=insats.lpoer.all(),
            insatspoliser=selectors.onskbara_insatspoliser(request.user),
        ),
        lambda d: services.begar_bemanning(
            request.user,
            insats,
            d["lpo"],
            d["begart_antal"],
            d["kompetenser"],
            d["svarsfrist"],
            motivering=d["motivering"],
            kvitterade=d["kvitterade"],
            onskade_insatspoliser=d["onskade_insatspoliser"],
            version=d["version"],
        ),
        _("Bemanningsbegäran är skickad till lokalpolisområdet."),
        reverse("insats", args=[insats.pk]),
    )


@login_required
@require_POST
def planera(request, pk: int):
    insats = _samordnad(request, pk)
    return postat_verb(
        request,
        PlaneraForm(request.POST),
        lambda d: services.planera_insats(
            request.user,
            insats,
            version=d["version"],
            motivering=d["motivering"],
            kvitterade=d["kvitterade"],
        ),
        _("Insatsen är planerad."),
        reverse("insats", args=[insats.pk]),
    )


@login_required
@require_POST
def avsla(request, pk: int):
    insats = _samordnad(request, pk)
    return postat_verb(
        request,
        AvslagForm(request.POST),
        lambda d: services.avsla_insats(
            request.user, insats, d["motivering"], version=d["version"]
        ),
        _("Förslaget är avslaget."),
        reverse("insats", args=[insats.pk]),
    )


@login_required
@require_POST
def genomfor(request, pk: int):
    insats = _samordnad(request, pk)
    return postat_verb(
        request,
        VersionForm(request.POST),
        lambda d: services.genomfor_insats(request.user, insats, version=d["version"]),
        _("Insatsen är markerad som genomförd."),
        reverse("insats", args=[insats.pk]),
    )


@login_required
@require_POST
def svara(request, pk: int):
    """An invited organisation accepts or declines, with how many it will send."""
    insats = insats_eller_404(request.user, pk)
    deltagande = access.besvarbar_inbjudan(request.user, insats)
    if deltagande is None:
        raise PermissionDenied
    return postat_verb(
        request,
        SvarForm(request.POST),
        lambda d: services.besvara_inbjudan(
            request.user,
            deltagande,
            d["accepterad"],
            d["planerat_antal"] or 0,
            version=d["version"],
        ),
        _("Ert svar är registrerat."),
        reverse("insats", args=[insats.pk]),
    )


@login_required
@require_POST
def sakerhet(request, pk: int):
    """The coordinator records known threats or safety risks for those taking part."""
    insats = _samordnad(request, pk)
    return postat_verb(
        request,
        SakerhetsanteckningForm(request.POST),
        lambda d: services.andra_sakerhetsanteckning(
            request.user, insats, d["sakerhetsanteckning"], version=d["version"]
        ),
        _("Säkerhetsanteckningen är sparad."),
        reverse("insats", args=[insats.pk]),
    )
