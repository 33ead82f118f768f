"""Briefings in the browser: the operation's section, the logged download, the week's batch."""

from __future__ import annotations

import tempfile
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insatser import selectors, services
from insatser.access import VECKANS_UNDERLAG
from insatser.models import Informationsunderlag
from insatser.services import underlag as underlagstjanster
from insatser.views import insats_eller_404, underlagssektion
from karna.vyer import kor_verb, kraver, pdf_som_bilaga

SYFTE = "Förberedelse inför insatsen: informationsunderlag"
SYFTE_VECKA = "Förberedelse inför veckans insatser: informationsunderlag (ZIP)"


def _filnamn(underlag: Informationsunderlag) -> str:
    """A safe ASCII name: reference, audience and version, nothing from free text."""
    malgrupp = slugify(underlag.malgruppsnamn) or underlag.malgrupp.lower()
    return f"Informationsunderlag-{underlag.insats.referens}-{malgrupp}-v{underlag.version}.pdf"


def _till_sektionen(pk: int):
    return redirect(reverse("insats", args=[pk]) + "#underlag")


@login_required
@require_GET
def sektion(request, pk: int):
    """The operation's briefings; htmx polls it while a build runs, without htmx a whole page."""
    insats = insats_eller_404(request.user, pk)
    if not insats.visa_detaljer:
        # Which briefings an operation has is a detail: to those without them, none exist.
        raise Http404
    context = {"insats": insats, **underlagssektion(request.user, insats)}
    mall = "insatser/_underlag.html" if request.htmx else "insatser/underlag.html"
    return render(request, mall, context)


@login_required
@require_GET
def ladda_ned(request, pk: int):
    """The current version of one briefing, as an attachment; every download is logged."""
    try:
        underlag = underlagstjanster.ladda_ned_underlag(request.user, pk, SYFTE)
    except underlagstjanster.InaktuelltUnderlag as fel:
        messages.error(request, " ".join(fel.messages))
        return _till_sektionen(fel.insats_id)
    return pdf_som_bilaga(
        request, underlag.fil, _filnamn(underlag), _till_sektionen(underlag.insats_id)
    )


@login_required
@require_POST
def begar(request, pk: int):
    """The coordinator asks for the briefings to be built again (e.g. after a failed build)."""
    insats = insats_eller_404(request.user, pk)
    if not insats.kan_samordna:
        raise PermissionDenied
    kor_verb(
        request,
        lambda: services.begar_nya_underlag(request.user, insats),
        _("Underlagen byggs på nytt; det tar en liten stund."),
    )
    return _till_sektionen(pk)


@login_required
@require_GET
@kraver(VECKANS_UNDERLAG)
def nasta_vecka(request):
    """The briefings of the operations the coordinator's organisation leads in the next 7 days."""
    insatser = list(selectors.nasta_veckas_insatser(request.user))
    aktuella = [u for i in insatser for u in i.underlagen if u.status == u.Status.AKTUELL]
    return render(
        request,
        "insatser/underlag_nasta_vecka.html",
        {"insatser": insatser, "antal_aktuella": len(aktuella)},
    )


@login_required
@require_GET
@kraver(VECKANS_UNDERLAG)
def nasta_vecka_zip(request):
    """Every current briefing of the coming week in one ZIP file; each file is logged."""
    aktuella = [
        u
        for insats in selectors.nasta_veckas_insatser(request.user)
        for u in insats.underlagen
        if u.status == u.Status.AKTUELL
    ]
    if not aktuella:
        messages.info(request, _("Det finns inga aktuella underlag att ladda ned just nu."))
        return redirect("underlag_nasta_vecka")
    underlagstjanster.ladda_ned_flera(request.user, aktuella, SYFTE_VECKA)
    # FileResponse closes the file when the response is done.
    arkiv = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115
    with zipfile.ZipFile(arkiv, "w", compression=zipfile.ZIP_STORED) as zip_:
        for underlag in aktuella:
            with underlag.fil.open("rb") as fil:
                zip_.writestr(f"{underlag.insats.referens}/{_filnamn(underlag)}", fil.read())
    arkiv.seek(0)
    namn = f"Informationsunderlag-{timezone.localdate():%Y-%m-%d}.zip"
    svar = FileResponse(arkiv, as_attachment=True, filename=namn, content_type="application/zip")
    return svar
