"""The follow-up page, its exports and the start page's headline figures."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from karna.middleware import aktuellt_request_id
from karna.policy import Aktor
from karna.tillagg import Avsnitt
from karna.vyer import kraver
from objekt.views_import import CSV_TYP, XLSX_TYP
from uppfoljning import export, selectors
from uppfoljning.access import UPPFOLJNING
from uppfoljning.diagram import stapeldiagram
from uppfoljning.forms import Uppfoljningsfilter
from uppfoljning.siffror import Urval, berakna, nyckeltal, per_manad, trender

logger = logging.getLogger(__name__)


def _siffror(user, urval: Urval) -> dict:
    """Every figure and table of one view, with the previous year's for the trends."""
    rader = list(selectors.insatsrader(user, [urval.ar, urval.ar - 1]).values())
    namn = selectors.namn()
    i_ar = berakna(rader, urval, namn)
    i_fjol = berakna(rader, urval.aret_fore(), namn)
    manader = per_manad(rader, urval)
    tabeller = {
        t.nyckel: t
        for t in (nyckeltal(i_ar), trender(i_ar, i_fjol), manader, *i_ar.tabeller.values())
    }
    return {"siffror": i_ar, "fjol": i_fjol, "tabeller": tabeller}


def _filter(request) -> tuple[Uppfoljningsfilter, Urval]:
    form = Uppfoljningsfilter.fran(request.GET)
    if form.is_valid():
        return form, form.urval()
    return form, Urval(ar=timezone.localdate().year)


@login_required
@require_GET
@kraver(UPPFOLJNING)
def uppfoljning(request):
    form, urval = _filter(request)
    data = _siffror(request.user, urval)
    tabeller = data["tabeller"]
    diagram = [
        stapeldiagram(
            tabeller["manader"],
            2,
            _("Antal genomförda insatser per månad under året, inom de valda filtren."),
        ),
        stapeldiagram(
            tabeller["myndigheter"],
            1,
            _("Antal insatser som varje organisation samordnade eller deltog i."),
        ),
    ]
    i_diagram = {d.tabell.nyckel for d in diagram}
    return render(
        request,
        "uppfoljning/sida.html",
        {
            **data,
            "filter": form,
            "urval": urval,
            "diagram": diagram,
            "ovriga_tabeller": [
                t for n, t in tabeller.items() if n not in i_diagram | {"nyckeltal"}
            ],
            "fraga": request.GET.urlencode(),
            "troskel": settings.UPPFOLJNING_TROSKEL,
        },
    )


@login_required
@require_GET
@kraver(UPPFOLJNING)
def exportera(request, tabell: str, format: str):
    """One table of the page as the reader sees it, as CSV or Excel; each export is logged."""
    form, urval = _filter(request)
    vald = _siffror(request.user, urval)["tabeller"].get(tabell)
    if vald is None or format not in ("csv", "xlsx"):
        raise Http404
    aktor = Aktor.for_user(request.user)
    logger.info(
        "follow-up export: user=%s organisation=%s table=%s format=%s view=%s request=%s",
        request.user.get_username(),
        aktor.organisation_kod,
        tabell,
        format,
        urval,
        aktuellt_request_id(),
    )
    filnamn = f"uppfoljning-{urval.ar}-{tabell}.{format}"
    if format == "csv":
        svar = HttpResponse(export.som_csv(vald), content_type=CSV_TYP)
    else:
        urvalstext = " · ".join(
            f"{form.fields[n].label}: {form[n].value()}"
            for n in form.fields
            if form.is_valid() and form[n].value()
        )
        svar = HttpResponse(export.som_xlsx(vald, urvalstext), content_type=XLSX_TYP)
    svar["Content-Disposition"] = f'attachment; filename="{filnamn}"'
    return svar


def startsidans_siffror(request) -> Avsnitt | None:
    """The start page's headline figures of the year, for those who follow up."""
    if not UPPFOLJNING.tillater(request.user):
        return None
    ar = timezone.localdate().year
    return Avsnitt(
        "uppfoljning/_startsida.html",
        {"nyckeltal": selectors.startsidans_nyckeltal(request.user, ar), "ar": ar},
    )
