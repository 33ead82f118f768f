"""Import pages: upload a file, follow its progress, read and download the row-by-row report."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from karna.vyer import visa_fel
from objekt import access, services
from objekt.forms import ImportForm
from objekt.importfil import KOLUMNER
from objekt.models import Importrad, Objektimport

RAPPORT_SIDSTORLEK = 100
SENASTE_IMPORTER = 20
CSV_TYP = "text/csv; charset=utf-8"
XLSX_TYP = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _kraver_poolanvandare(user) -> None:
    if not access.ar_poolanvandare(user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def importera(request):
    _kraver_poolanvandare(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            objektimport = services.skapa_import(
                request.user, form.cleaned_data["fil"], form.cleaned_data["importera_dubbletter"]
            )
        except ValidationError as fel:
            visa_fel(request, form, fel)
        else:
            messages.success(request, _("Filen är uppladdad. Raderna importeras nu."))
            return redirect("objektimport_status", pk=objektimport.pk)
    importer = access.OBJEKTIMPORT_POLICY.filtrera(request.user, access.Handling.SE).order_by(
        "-skapad", "-pk"
    )[:SENASTE_IMPORTER]
    return render(
        request,
        "objekt/import.html",
        {"form": form, "kolumner": KOLUMNER, "importer": importer},
    )


def _import_eller_404(user, pk: int) -> Objektimport:
    return get_object_or_404(access.OBJEKTIMPORT_POLICY.filtrera(user, access.Handling.SE), pk=pk)


@login_required
@require_GET
def status(request, pk: int):
    """Progress while the rows are created (htmx polls the part), then the report."""
    objektimport = _import_eller_404(request.user, pk)
    rapport = Paginator(
        objektimport.rader.exclude(utfall=Importrad.Utfall.SKAPAD).order_by("radnummer"),
        RAPPORT_SIDSTORLEK,
    ).get_page(request.GET.get("sida"))
    context = {
        "objektimport": objektimport,
        "rapport": rapport,
        "pagar": objektimport.status in {Objektimport.Status.VANTAR, Objektimport.Status.PAGAR},
    }
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "objekt/_importforlopp.html", context)
    return render(request, "objekt/importstatus.html", context)


@login_required
@require_GET
def rapport(request, pk: int):
    """The rows that were not imported, with column and message, as CSV for Excel."""
    objektimport = _import_eller_404(request.user, pk)
    utdata = io.StringIO()
    utdata.write("\ufeff")
    skrivare = csv.writer(utdata, delimiter=";")
    skrivare.writerow([_("Rad"), _("Utfall"), _("Kolumn"), _("Meddelande")])
    for rad in objektimport.rader.exclude(utfall=Importrad.Utfall.SKAPAD).order_by("radnummer"):
        for fel in rad.fel:
            skrivare.writerow(
                [rad.radnummer, rad.get_utfall_display(), fel["kolumn"], fel["meddelande"]]
            )
    svar = HttpResponse(utdata.getvalue(), content_type=CSV_TYP)
    svar["Content-Disposition"] = f'attachment; filename="importrapport-{objektimport.pk}.csv"'
    return svar


@login_required
@require_GET
def mall(request, format: str):
    """An empty file with the columns and one example row, as CSV or Excel."""
    _kraver_poolanvandare(request.user)
    rubriker = [str(k.rubrik) for k in KOLUMNER]
    exempel = [k.exempel for k in KOLUMNER]
    if format == "csv":
        utdata = io.StringIO()
        utdata.write("\ufeff")
        skrivare = csv.writer(utdata, delimiter=";")
        skrivare.writerows([rubriker, exempel])
        svar = HttpResponse(utdata.getvalue(), content_type=CSV_TYP)
    elif format == "xlsx":
        svar = HttpResponse(_xlsx([rubriker, exempel]), content_type=XLSX_TYP)
    else:
        raise Http404
    svar["Content-Disposition"] = f'attachment; filename="objektimport-mall.{format}"'
    return svar


def _xlsx(rader: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    bok = Workbook(write_only=True)
    blad = bok.create_sheet(_("Objekt"))
    for rad in rader:
        blad.append(rad)
    utdata = io.BytesIO()
    bok.save(utdata)
    return utdata.getvalue()
