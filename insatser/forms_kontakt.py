"""Forms for the contact functions of the operation's day: a participant's contact function and
function phone, and the police commander on site."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from insatser import selectors_kontakt
from insatser.models import Insats
from insatser.models.telefon import TELEFON_HJALP, TELEFON_MAXLANGD
from insatser.workflow import OPPNA_FOR_PLANERING
from karna.formular import Formular, kontrollfalt, versionsfalt


def _telefon() -> forms.CharField:
    # The verb validates the number, so that every caller gets the same Swedish message.
    return forms.CharField(
        label=_("Funktionstelefon"),
        max_length=TELEFON_MAXLANGD,
        help_text=TELEFON_HJALP,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "inputmode": "tel"}),
    )


class KontaktfunktionForm(Formular):
    """One participation's contact function; ``deltagande`` names which of the user's own."""

    deltagande = kontrollfalt(forms.IntegerField(min_value=1))
    kontaktfunktion = forms.CharField(
        label=_("Kontaktfunktion"),
        max_length=200,
        help_text=_(
            "Funktionen på plats, inte en persons namn, till exempel ”Skatteverkets insatsledare”."
        ),
    )
    kontakttelefon = _telefon()
    version = versionsfalt()


class PolisbefalForm(Formular):
    """The police commander on site for the officers of one LPO (``lpo``)."""

    lpo = kontrollfalt(forms.IntegerField(min_value=1))
    funktion = forms.CharField(
        label=_("Befälsfunktion"),
        max_length=200,
        help_text=_("Funktionen, inte en persons namn, till exempel ”Yttre befäl LPO City”."),
    )
    telefon = _telefon()
    version = versionsfalt()


def kontaktsektion(user, insats: Insats, bundet=None) -> dict:
    """What the section shows: each participant's and the police's contact, and a form for each
    contact ``user`` may name (``bundet``: a posted form to show again with its errors)."""
    oppen = insats.status in OPPNA_FOR_PLANERING
    deltagare = selectors_kontakt.deltagarkontakter(user, insats)
    befal = selectors_kontakt.polisbefal(user, insats)
    for d in deltagare:
        d.formular = (
            _bundet_eller(bundet, "deltagande", d.pk)
            or KontaktfunktionForm(
                prefix=f"d{d.pk}",
                initial={
                    "deltagande": d.pk,
                    "kontaktfunktion": d.kontaktfunktion,
                    "kontakttelefon": d.kontakttelefon,
                    "version": d.version,
                },
            )
            if oppen and d.kan_anges
            else None
        )
    befalsrader = []
    for rad in befal:
        formular = None
        if oppen and rad.kan_anges:
            formular = _bundet_eller(bundet, "lpo", rad.lpo.pk) or PolisbefalForm(
                prefix=f"b{rad.lpo.pk}",
                initial={
                    "lpo": rad.lpo.pk,
                    "funktion": rad.befal.funktion if rad.befal else "",
                    "telefon": rad.befal.telefon if rad.befal else "",
                    "version": rad.befal.version if rad.befal else 0,
                },
            )
        befalsrader.append((rad, formular))
    return {"kontakt_deltagare": deltagare, "kontakt_befal": befalsrader}


def _bundet_eller(bundet, falt: str, pk: int):
    if (
        bundet is not None
        and bundet.is_bound
        and bundet.data.get(bundet.add_prefix(falt)) == str(pk)
    ):
        return bundet
    return None
