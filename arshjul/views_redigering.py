"""The coordinator's pages: rules, hand-made events and blackout periods, rebuild, publish."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from arshjul import access, selectors
from arshjul.access import BEGRANSNING_POLICY, HANDELSE_POLICY, Handling
from arshjul.forms import FORSTA_AR, SISTA_AR, BegransningForm, HandelseForm, RegelForm
from arshjul.models import Arshjulsversion
from arshjul.services import redigering
from arshjul.services.redigering import HANDELSEFALT, PERIODFALT, REGELFALT
from arshjul.views import arshjul_eller_404
from karna.vyer import formular_med_verb, kor_verb


def _redigerbart(request, kod: str):
    """A wheel the user may edit: 404 if not seen at all, 403 if seen but not theirs."""
    arshjul = arshjul_eller_404(request.user, kod)
    if not arshjul.kan_redigera:
        raise PermissionDenied
    return arshjul


def _kontrollera_ar(ar: int) -> None:
    if not FORSTA_AR <= ar <= SISTA_AR:
        raise Http404


def _spara(request, form, verb, lyckat: str, vidare):
    """Run a save verb with the form's data and its version (the row's, when one is changed);
    its refusals become the form's errors and the page shows the form again (None)."""

    def spara(data: dict):
        data = dict(data)
        return verb(data, data.pop("version", None))

    return formular_med_verb(request, form, spara, lyckat, vidare)


@login_required
@require_http_methods(["GET", "POST"])
def regler(request, kod: str):
    arshjul = _redigerbart(request, kod)
    form = RegelForm(request.POST or None, arshjul=arshjul)
    svar = _spara(
        request,
        form,
        lambda data, _version: redigering.spara_regel(request.user, arshjul, data),
        _("Regeln är sparad. Årshjulet byggs om."),
        reverse("arshjul_regler", kwargs={"kod": kod}),
    )
    if svar:
        return svar
    lista = arshjul.regler.select_related("organ", "lpo", "beroende_av").order_by("-aktiv", "namn")
    return render(
        request, "arshjul/regler.html", {"arshjul": arshjul, "regler": lista, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def regel(request, kod: str, pk: int):
    arshjul = _redigerbart(request, kod)
    regeln = get_object_or_404(arshjul.regler, pk=pk)
    initial = {**model_to_dict(regeln, fields=REGELFALT), "version": regeln.version}
    form = RegelForm(request.POST or None, arshjul=arshjul, initial=initial, andras=True)
    svar = _spara(
        request,
        form,
        lambda data, version: redigering.spara_regel(request.user, arshjul, data, regeln, version),
        _("Regeln är sparad. Årshjulet byggs om."),
        reverse("arshjul_regler", kwargs={"kod": kod}),
    )
    if svar:
        return svar
    return render(
        request, "arshjul/regel.html", {"arshjul": arshjul, "regel": regeln, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def handelser(request, kod: str, ar: int):
    _kontrollera_ar(ar)
    arshjul = _redigerbart(request, kod)
    form = HandelseForm(request.POST or None, arshjul=arshjul)
    svar = _spara(
        request,
        form,
        lambda data, _version: redigering.spara_handelse(request.user, arshjul, data),
        _("Händelsen är sparad. Årshjulet byggs om."),
        reverse("arshjul_handelser", kwargs={"kod": kod, "ar": ar}),
    )
    if svar:
        return svar
    lista = (
        access.synliga_handelser(request.user)
        .filter(arshjul=arshjul, ar=ar)
        .select_related("organ", "lpo")
        .order_by("start", "pk")
    )
    return render(
        request,
        "arshjul/handelser.html",
        {"arshjul": arshjul, "ar": ar, "handelser": lista, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def handelse(request, pk: int):
    handelsen = get_object_or_404(
        HANDELSE_POLICY.markera(
            access.synliga_handelser(request.user), request.user, kan_redigera=Handling.REDIGERA
        ).select_related("arshjul"),
        pk=pk,
    )
    if not handelsen.kan_redigera:
        raise PermissionDenied
    arshjul = handelsen.arshjul
    falt = (*HANDELSEFALT, "deltagande_enheter", "deltagare")
    initial = {**model_to_dict(handelsen, fields=falt), "version": handelsen.version}
    form = HandelseForm(request.POST or None, arshjul=arshjul, initial=initial, andras=True)
    svar = _spara(
        request,
        form,
        lambda data, version: redigering.spara_handelse(
            request.user, arshjul, data, handelsen, version
        ),
        _("Händelsen är sparad och byggs inte längre om från sin regel."),
        reverse("arshjul_handelser", kwargs={"kod": arshjul.kod, "ar": handelsen.ar}),
    )
    if svar:
        return svar
    return render(
        request,
        "arshjul/handelse.html",
        {"arshjul": arshjul, "handelse": handelsen, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def begransningar(request, kod: str, ar: int):
    _kontrollera_ar(ar)
    arshjul = _redigerbart(request, kod)
    form = BegransningForm(request.POST or None)
    svar = _spara(
        request,
        form,
        lambda data, _version: redigering.spara_begransning(request.user, arshjul, data),
        _("Perioden är sparad. Årshjulet byggs om."),
        reverse("arshjul_begransningar", kwargs={"kod": kod, "ar": ar}),
    )
    if svar:
        return svar
    lista = selectors.begransningar_for_ar(
        access.synliga_begransningar(request.user).filter(arshjul=arshjul), ar
    ).select_related("lpo", "polisregion")
    return render(
        request,
        "arshjul/begransningar.html",
        {"arshjul": arshjul, "ar": ar, "perioder": lista.order_by("fran", "pk"), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def begransning(request, pk: int):
    perioden = get_object_or_404(
        BEGRANSNING_POLICY.markera(
            access.synliga_begransningar(request.user),
            request.user,
            kan_redigera=Handling.REDIGERA,
        ).select_related("arshjul"),
        pk=pk,
    )
    if not perioden.kan_redigera:
        raise PermissionDenied
    initial = {**model_to_dict(perioden, fields=PERIODFALT), "version": perioden.version}
    form = BegransningForm(request.POST or None, initial=initial, andras=True)
    svar = _spara(
        request,
        form,
        lambda data, version: redigering.spara_begransning(
            request.user, perioden.arshjul, data, perioden, version
        ),
        _("Perioden är sparad och byggs inte längre om från sin regel."),
        reverse("arshjul_begransningar", kwargs={"kod": perioden.arshjul.kod, "ar": perioden.ar}),
    )
    if svar:
        return svar
    return render(
        request,
        "arshjul/begransning.html",
        {"arshjul": perioden.arshjul, "period": perioden, "form": form},
    )


@login_required
@require_POST
def bygg(request, kod: str, ar: int):
    _kontrollera_ar(ar)
    arshjul = _redigerbart(request, kod)
    kor_verb(
        request,
        lambda: redigering.bygg_om(request.user, arshjul, ar),
        _("Ombyggnad begärd. Förloppet visas på sidan."),
    )
    return redirect("arshjul_ar", kod=kod, ar=ar)


@login_required
@require_POST
def publicera(request, kod: str, ar: int, nummer: int):
    _kontrollera_ar(ar)
    arshjul = _redigerbart(request, kod)
    version = get_object_or_404(
        Arshjulsversion, arshjulsar__arshjul=arshjul, arshjulsar__ar=ar, nummer=nummer
    )
    kor_verb(
        request,
        lambda: redigering.publicera_version(request.user, version),
        _("Version %(nummer)s är publicerad.") % {"nummer": nummer},
    )
    return redirect("arshjul_ar", kod=kod, ar=ar)
