"""Object pool pages: list with search and filters, one object, propose, edit, mark relevance."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from karna.lasning import Konflikt
from karna.policy import Aktor
from karna.vyer import TJANSTEFEL, formular_med_verb, postat_verb, visa_fel
from myndigheter.forms import med_kartkommun
from myndigheter.karta import Placering, omradeskarta
from myndigheter.models import Kommun, Stadsomrade, UtsattOmrade
from objekt import access, selectors, services
from objekt.forms import (
    AndraObjektForm,
    Kartfilter,
    NyttObjektForm,
    Objektfilter,
    ObjekttypForm,
    RelevansForm,
    ReservForm,
    StatusForm,
)
from objekt.mallar import MallForm
from objekt.models import Myndighetsintresse, Objekt
from objekt.tillagg import OBJEKTETS_HISTORIK
from objekt.workflow import manuella_overgangar

SIDSTORLEK = 50


def _htmx_mal(request, mal: str) -> bool:
    """An htmx request for one part of the page (not a history restore, which wants it whole)."""
    htmx = request.htmx
    return bool(htmx) and not htmx.history_restore_request and htmx.target == mal


@login_required
@require_GET
def lista(request):
    if not access.ser_objekt(request.user):
        raise PermissionDenied
    filter_form = Objektfilter(
        request.GET or None,
        organisation_id=Aktor.for_user(request.user).organisation_id,
        samordnare=access.ser_alla_organisationers_relevans(request.user),
    )
    objekt = selectors.objektlista(request.user)
    if filter_form.is_bound and filter_form.is_valid():
        objekt = filter_form.filtrera(objekt)
    sida = Paginator(objekt, SIDSTORLEK).get_page(request.GET.get("sida"))
    oversikt = selectors.relevansoversikt(request.user, [o.pk for o in sida])
    for o in sida:
        o.relevans = oversikt[o.pk]
    parametrar = request.GET.copy()
    parametrar.pop("sida", None)
    context = {
        "filter": filter_form,
        "sida": sida,
        "parametrar": parametrar.urlencode(),
        "samordnare": access.ser_alla_organisationers_relevans(request.user),
        "visa_relevans": access.ser_relevans(request.user),
        "kan_foresla": access.ar_poolanvandare(request.user),
        "tillbaka": request.get_full_path(),
        "relevansval": Myndighetsintresse.Relevans.choices,
    }
    if _htmx_mal(request, "objekttabell"):
        return render(request, "objekt/_tabell.html", context)
    return render(request, "objekt/lista.html", context)


@login_required
@require_GET
def karta(request):
    """The pool on a map of one municipality, by area, with the same content as a list."""
    if not access.ser_objekt(request.user):
        raise PermissionDenied
    filter_form = Kartfilter(
        med_kartkommun(request.GET),
        organisation_id=Aktor.for_user(request.user).organisation_id,
        samordnare=access.ser_alla_organisationers_relevans(request.user),
    )
    objekt = selectors.objektlista(request.user).prefetch_related(None)
    if filter_form.is_valid():
        kommun = filter_form.cleaned_data["kommun"]
        objekt = filter_form.filtrera(objekt)
    else:
        kommun = Kommun.for_kartan()
        objekt = objekt.filter(kommun=kommun)
    karta = omradeskarta(
        Stadsomrade.objects.filter(kommun=kommun).order_by("namn"),
        UtsattOmrade.objects.filter(kommun=kommun).order_by("namn"),
        (
            Placering(o, o.stadsomrade_id, o.utsatt_omrade_id, o.latitud, o.longitud, o.namn)
            for o in objekt
        ),
        punktslag="objekt",
    )
    context = {"filter": filter_form, "kommun": kommun, "omradeskarta": karta}
    if _htmx_mal(request, "kartyta"):
        return render(request, "objekt/_karta.html", context)
    return render(request, "objekt/karta.html", context)


def objekt_eller_404(user, pk: int) -> Objekt:
    try:
        return selectors.objekt_for_detalj(user, pk)
    except Objekt.DoesNotExist:
        raise Http404 from None


def _relevansform(oversikt, data=None) -> RelevansForm:
    egen = oversikt.egen
    return RelevansForm(
        data,
        initial={
            "relevans": egen.relevans if egen else Myndighetsintresse.Relevans.OKANT,
            "grund": egen.grund if egen else "",
            "lagstod": egen.lagstod if egen else "",
            "version": egen.version if egen else 0,
        },
    )


def _detaljkontext(request, objekt: Objekt, relevans_form: RelevansForm | None = None) -> dict:
    user = request.user
    oversikt = selectors.relevansoversikt(user, [objekt.pk])[objekt.pk]
    return {
        "objekt": objekt,
        "oversikt": oversikt,
        "relevans_form": relevans_form or _relevansform(oversikt),
        "samordnare": access.ser_alla_organisationers_relevans(user),
        "visa_relevans": access.ser_relevans(user),
        "poolanvandare": access.ar_poolanvandare(user),
        "uppgifter": services.las_egna_objektuppgifter(user, objekt, "Objektets sida"),
        "historik": OBJEKTETS_HISTORIK.samla(user, objekt),
        "overgangar": manuella_overgangar(objekt.status) if objekt.kan_hantera else [],
    }


@login_required
@require_GET
def detalj(request, pk: int):
    objekt = objekt_eller_404(request.user, pk)
    return render(request, "objekt/detalj.html", _detaljkontext(request, objekt))


def _steg_tva(request, objekttyp: str):
    """The proposal form for a chosen type, with the organisation's template for it."""
    mall = selectors.aktiv_mall(Aktor.for_user(request.user).organisation_id, objekttyp)
    data = request.POST if request.method == "POST" else None
    form = NyttObjektForm(data, initial={"objekttyp": objekttyp})
    form.fields["objekttyp"].widget.attrs.update(
        {
            "hx-get": reverse("nytt_objekt"),
            "hx-target": "#mallfalt",
            "hx-swap": "outerHTML",
            "hx-push-url": "true",
        }
    )
    return form, (MallForm(data, mall=mall) if mall else None)


@login_required
@require_http_methods(["GET", "POST"])
def nytt(request):
    """Propose an object. Without JavaScript the type is chosen first (GET ?objekttyp=)."""
    if not access.ar_poolanvandare(request.user):
        raise PermissionDenied
    typform = ObjekttypForm(request.POST if request.method == "POST" else request.GET or None)
    if not typform.is_bound or not typform.is_valid():
        return render(request, "objekt/nytt.html", {"typform": typform, "steg": 1})
    form, mallform = _steg_tva(request, typform.cleaned_data["objekttyp"])
    if _htmx_mal(request, "mallfalt"):
        return render(request, "objekt/_mallfalt.html", {"mallform": mallform})
    dubbletter = []
    svar = formular_med_verb(
        request,
        form,
        lambda _data: services.foresla_objekt(
            request.user,
            **form.verbdata(),
            mall=mallform.mall if mallform else None,
            uppgifter=mallform.innehall() if mallform else None,
        ),
        lambda objekt: _("Objektet %(ref)s är föreslaget.") % {"ref": objekt.referens},
        lambda objekt: reverse("objekt", args=[objekt.pk]),
        vid_fel=_samla_dubbletter(dubbletter),
        giltig=mallform is None or mallform.is_valid(),
    )
    if svar:
        return svar
    if not dubbletter:
        form.dolj_spara_anda()
    return render(
        request,
        "objekt/nytt.html",
        {"form": form, "mallform": mallform, "dubblett": _forsta(dubbletter), "steg": 2},
    )


def _samla_dubbletter(dubbletter: list):
    """A refusal hook keeping a possible duplicate, which the page shows with its objects."""
    return lambda fel: dubbletter.append(fel) if isinstance(fel, services.MojligDubblett) else None


def _forsta(lista: list):
    return lista[0] if lista else None


@login_required
@require_http_methods(["GET", "POST"])
def andra(request, pk: int):
    objekt = objekt_eller_404(request.user, pk)
    if not objekt.kan_andra:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = AndraObjektForm(data, instance=objekt, initial={"version": objekt.version})
    dubbletter = []
    svar = formular_med_verb(
        request,
        form,
        lambda _data: services.andra_objekt(request.user, objekt, **form.verbdata()),
        _("Ändringarna är sparade."),
        reverse("objekt", args=[pk]),
        vid_fel=_samla_dubbletter(dubbletter),
    )
    if svar:
        return svar
    if not dubbletter:
        form.dolj_spara_anda()
    return render(
        request,
        "objekt/andra.html",
        {"objekt": objekt, "form": form, "dubblett": _forsta(dubbletter)},
    )


def _nasta(request, pk: int) -> str:
    """Back to where the form was (the list with its filters), else to the object."""
    nasta = request.POST.get("nasta", "")
    if url_has_allowed_host_and_scheme(nasta, {request.get_host()}, request.is_secure()):
        return nasta
    return reverse("objekt", args=[pk])


@login_required
@require_POST
def markera_relevans(request, pk: int):
    """Mark relevance for one's organisation: from the object page or a row of the list."""
    objekt = objekt_eller_404(request.user, pk)
    if not objekt.kan_markera_relevans:
        raise PermissionDenied
    form = RelevansForm(request.POST)
    if form.is_valid():
        try:
            services.markera_relevans(
                request.user,
                objekt,
                form.cleaned_data["relevans"],
                form.cleaned_data["grund"],
                form.cleaned_data["lagstod"],
                version=form.cleaned_data["version"],
            )
        except Konflikt as fel:
            form.add_error(None, str(fel))
        except TJANSTEFEL as fel:
            visa_fel(request, form, fel)
        else:
            if not request.htmx:
                messages.success(request, _("Er bedömning är sparad."))
                return redirect(_nasta(request, pk))
            form = None
    return _svara_relevans(request, objekt, form)


def _svara_relevans(request, objekt: Objekt, form: RelevansForm | None):
    """The part of the page the form was in; without htmx the object page with the form's errors.

    A refused form is shown again against the mark as it now is (its version too), so that the
    user sees a colleague's newer judgement before saving over it.
    """
    oversikt = selectors.relevansoversikt(request.user, [objekt.pk])[objekt.pk]
    if form is not None:
        form.data = form.data.copy()
        form.data["version"] = oversikt.egen.version if oversikt.egen else 0
    if request.htmx and request.htmx.target == f"relevans-{objekt.pk}":
        objekt.relevans = oversikt
        return render(
            request,
            "objekt/_relevanscell.html",
            {
                "o": objekt,
                "relevans_form": form,
                "samordnare": access.ser_alla_organisationers_relevans(request.user),
                "tillbaka": _nasta(request, objekt.pk),
                "relevansval": Myndighetsintresse.Relevans.choices,
            },
        )
    kontext = _detaljkontext(request, objekt, relevans_form=form)
    if request.htmx and request.htmx.target == "relevanssektion":
        return render(request, "objekt/_relevans.html", kontext)
    return render(request, "objekt/detalj.html", kontext)


@login_required
@require_POST
def andra_status(request, pk: int):
    objekt = objekt_eller_404(request.user, pk)
    if not objekt.kan_hantera:
        raise PermissionDenied
    return postat_verb(
        request,
        StatusForm(request.POST),
        lambda d: services.andra_objektstatus(request.user, objekt, d["overgang"], d["version"]),
        _("Objektets status är ändrad."),
        reverse("objekt", args=[pk]),
    )


@login_required
@require_POST
def andra_reserv(request, pk: int):
    objekt = objekt_eller_404(request.user, pk)
    if not objekt.kan_hantera:
        raise PermissionDenied
    return postat_verb(
        request,
        ReservForm(request.POST),
        lambda d: services.andra_reserv(request.user, objekt, d["reserv"], d["version"]),
        _("Reservmarkeringen är sparad."),
        reverse("objekt", args=[pk]),
    )
