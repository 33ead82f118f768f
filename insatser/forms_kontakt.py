"""Forms for the contact functions of the operation's day: a participant's contact function and
function phone, and the police commander on site."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from insatser.models.telefon import TELEFON_HJALP, TELEFON_MAXLANGD
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
