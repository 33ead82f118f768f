"""The operation page's section "Kontaktfunktioner under insatsen": who to call on the day.

With htmx a post swaps just the section, with the form's errors or the outcome; without
JavaScript the form posts and the operation's page comes back at the section, with messages.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from insatser import access, services
from insatser.forms_kontakt import KontaktfunktionForm, PolisbefalForm, kontaktsektion
from insatser.models import Insats
from insatser.views import insats_eller_404
from karna.vyer import htmx_svar, sektionsformular
from myndigheter.models import Lokalpolisomrade


def _svar(request, insats: Insats, form, lyckat: str, verb):
    """Run the verb for a valid form. htmx gets the section back, with the form's errors or the
    outcome; a plain post gets the operation's page at the section, with messages."""
    adress = reverse("insats", args=[insats.pk]) + "#kontaktfunktioner"
    if svar := sektionsformular(request, form, verb, lyckat, adress):
        return svar
    context = {
        "insats": insats,
        "meddelande": None if form.errors else lyckat,
        **kontaktsektion(request.user, insats, form if form.errors else None),
    }
    return htmx_svar(request, "insatser/_kontaktfunktioner.html", context)


def _prefix(request, falt: str, bokstav: str) -> str:
    """The posted form's prefix: the row it names (``d<id>`` or ``b<id>``)."""
    for nyckel, varde in request.POST.items():
        if nyckel.startswith(bokstav) and nyckel.endswith(f"-{falt}") and varde.isdigit():
            return nyckel.removesuffix(f"-{falt}")
    return bokstav


@login_required
@require_POST
def kontaktfunktion(request, pk: int):
    """A participant names its contact function and function phone."""
    insats = insats_eller_404(request.user, pk)
    egna = access.egna_deltaganden(request.user, insats)
    if not insats.visa_detaljer or not egna.exists():
        raise PermissionDenied
    form = KontaktfunktionForm(request.POST, prefix=_prefix(request, "deltagande", "d"))

    def verb(data):
        deltagande = get_object_or_404(egna, pk=data["deltagande"])
        services.ange_kontaktfunktion(
            request.user,
            deltagande,
            data["kontaktfunktion"],
            data["kontakttelefon"],
            version=data["version"],
        )

    return _svar(request, insats, form, _("Kontaktfunktionen är sparad."), verb)


@login_required
@require_POST
def polisbefal(request, pk: int):
    """The operational coordinator names the police commander on site for its LPO."""
    insats = insats_eller_404(request.user, pk)
    begaranden = access.befalsbegaranden(request.user, insats)
    if not insats.visa_detaljer or not begaranden.exists():
        raise PermissionDenied
    form = PolisbefalForm(request.POST, prefix=_prefix(request, "lpo", "b"))

    def verb(data):
        lpo = get_object_or_404(Lokalpolisomrade, pk=data["lpo"], pk__in=begaranden.values("lpo"))
        services.ange_polisbefal(
            request.user, insats, lpo, data["funktion"], data["telefon"], version=data["version"]
        )

    return _svar(request, insats, form, _("Polisens befäl är sparat."), verb)
