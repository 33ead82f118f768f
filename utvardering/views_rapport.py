"""The evaluation report in the browser: ordering a build and the logged download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from insatser.views import insats_eller_404
from karna.vyer import kor_verb, pdf_som_bilaga
from utvardering import access
from utvardering.services import rapport as rapporttjanster

SYFTE = "Uppföljning av insatsen: utvärderingsrapport"


def _till_sidan(insats_id: int):
    return redirect(reverse("insats_utvardering", args=[insats_id]) + "#rapport")


@login_required
@require_POST
def bestall(request, pk: int):
    """Build the operation's evaluation reports (again); the page shows how far it got."""
    insats = insats_eller_404(request.user, pk)
    utvardering = get_object_or_404(access.synliga_utvarderingar(request.user), insats=insats)
    kor_verb(
        request,
        lambda: rapporttjanster.bestall_utvarderingsrapport(request.user, utvardering),
        _("Utvärderingsrapporten skapas; det tar en liten stund."),
    )
    return _till_sidan(pk)


@login_required
@require_GET
def ladda_ned(request, pk: int):
    """The current version of the report for the user's organisation; every download is logged."""
    try:
        rapport = rapporttjanster.ladda_ned_utvarderingsrapport(request.user, pk, SYFTE)
    except rapporttjanster.InaktuellRapport as fel:
        messages.error(request, " ".join(fel.messages))
        return _till_sidan(fel.insats_id)
    namn = (
        f"Utvarderingsrapport-{rapport.utvardering.insats.referens}-"
        f"{slugify(rapport.organisation.namn) or rapport.organisation_id}-v{rapport.version}.pdf"
    )
    return pdf_som_bilaga(request, rapport.fil, namn, _till_sidan(rapport.utvardering.insats_id))
