"""The follow-up page, its exports and the start page's headline figures."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from karna.middleware import aktuellt_request_id
from karna.policy import Aktor
from karna.tillagg import Avsnitt
from karna.vyer import formularfel_som_meddelanden, kor_verb, kraver, pdf_som_bilaga
from objekt.views_import import CSV_TYP, XLSX_TYP
from uppfoljning import access, export, selectors, services
from uppfoljning.access import UPPFOLJNING, egna_exporter
from uppfoljning.diagram import uppfoljningens_diagram
from uppfoljning.forms import Arsrapportbestallning, Uppfoljningsfilter
from uppfoljning.models import Exportjobb
from uppfoljning.services import paket
from uppfoljning.siffror import TABELLER, Urval

logger = logging.getLogger(__name__)

SYFTE = "Uppföljning: årsrapport"
SYFTE_PAKET = "Uppföljning: uppföljningspaket inför ett möte"


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
    data = selectors.siffror(request.user, urval)
    tabeller = data["tabeller"]
    diagram = uppfoljningens_diagram(tabeller)
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
            "arsrapport": selectors.arsrapportlage(request.user, urval.ar),
            "uppfoljningspaket": selectors.uppfoljningspaket(request.user),
        },
    )


@login_required
@require_GET
@kraver(UPPFOLJNING)
def exportera(request, tabell: str, format: str):
    """One table of the page as the reader sees it, as CSV or Excel. A view that reads many
    operations is exported by Celery (the reader follows it on its own page); each export is
    logged."""
    if tabell not in TABELLER or format not in ("csv", "xlsx"):
        raise Http404
    form, urval = _filter(request)
    fraga = request.GET.urlencode()
    if selectors.antal_lasta_insatser(request.user, urval.ar) > services.EXPORTJOBB_FRAN:
        jobb = services.bestall_export(request.user, tabell, format, fraga)
        return redirect("uppfoljning_exportjobb", jobb.pk)
    vald = selectors.siffror(request.user, urval)["tabeller"][tabell]
    services.exportera_direkt(request.user, tabell, format, fraga)
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
        svar = HttpResponse(export.som_xlsx(vald, form.urvalstext()), content_type=XLSX_TYP)
    svar["Content-Disposition"] = f'attachment; filename="{filnamn}"'
    return svar


@login_required
@require_GET
@kraver(UPPFOLJNING)
def exportjobb(request, pk: int):
    """How far the reader's export has come; a link on the page asks again until the file is
    ready."""
    jobb = get_object_or_404(egna_exporter(request.user), pk=pk)
    return render(request, "uppfoljning/exportjobb.html", {"jobb": jobb})


@login_required
@require_GET
@kraver(UPPFOLJNING)
def exportjobbets_fil(request, pk: int):
    jobb = get_object_or_404(egna_exporter(request.user), pk=pk, status=Exportjobb.Status.KLAR)
    try:
        fil = jobb.fil.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(fil, as_attachment=True, filename=jobb.filnamn)


def startsidans_siffror(request) -> Avsnitt | None:
    """The start page's headline figures of the year, for those who follow up."""
    if not UPPFOLJNING.tillater(request.user):
        return None
    ar = timezone.localdate().year
    return Avsnitt(
        "uppfoljning/_startsida.html",
        {"nyckeltal": selectors.startsidans_nyckeltal(request.user, ar), "ar": ar},
    )


def motets_uppfoljningspaket(user, handelse) -> Avsnitt | None:
    """On a meeting's page: the versions of its follow-up pack the reader's scope may download."""
    if not UPPFOLJNING.tillater(user):
        return None
    versioner = list(access.uppfoljningspaket(user).filter(mote=handelse).order_by("-version"))
    if not versioner:
        return None
    return Avsnitt("uppfoljning/_mote.html", {"versioner": versioner})


def _till_arsrapporten(ar: int | None):
    fraga = f"?ar={ar}" if ar else ""
    return redirect(reverse("uppfoljning") + fraga + "#arsrapport")


@login_required
@require_POST
@kraver(UPPFOLJNING)
def bestall_arsrapport(request):
    """Build the year's report for the reader's audience (again); the page shows how far it
    got."""
    form = Arsrapportbestallning(request.POST)
    if not form.is_valid():
        formularfel_som_meddelanden(request, form)
        return _till_arsrapporten(None)
    ar = form.cleaned_data["ar"]
    kor_verb(
        request,
        lambda: services.bestall_arsrapport(request.user, ar),
        _("Årsrapporten skapas; det tar en liten stund."),
    )
    return _till_arsrapporten(ar)


@login_required
@require_GET
@kraver(UPPFOLJNING)
def ladda_ned_arsrapport(request, pk: int):
    """A version of the yearly report written for the reader's audience; each download is
    logged."""
    rapport = services.ladda_ned_arsrapport(request.user, pk, SYFTE)
    namn = f"Arsrapport-{rapport.ar}-v{rapport.version}.pdf"
    return pdf_som_bilaga(request, rapport.fil, namn, _till_arsrapporten(rapport.ar))


@login_required
@require_GET
@kraver(UPPFOLJNING)
def ladda_ned_uppfoljningspaket(request, pk: int):
    """A version of a follow-up pack written for the reader's management group; each download
    is logged."""
    valt = paket.ladda_ned_uppfoljningspaket(request.user, pk, SYFTE_PAKET)
    namn = f"Uppfoljningspaket-{valt.byggd:%Y%m%d}-v{valt.version}.pdf"
    return pdf_som_bilaga(
        request, valt.fil, namn, redirect(reverse("uppfoljning") + "#uppfoljningspaket")
    )
