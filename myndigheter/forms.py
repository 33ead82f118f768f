"""Forms of an organisation's profile, and the municipality of a map."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from karna.formular import Formular, engangsfalt
from myndigheter.models import Kommun, Mottagarslag


class Kartkommun(forms.ModelChoiceField):
    """The municipality a map shows, by its code in the address (see ``med_kartkommun``)."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Kommun.objects.order_by("namn"),
            to_field_name="kod",
            required=False,
            empty_label=None,
            label=_("Kommun"),
            **kwargs,
        )


def med_kartkommun(data: QueryDict) -> QueryDict:
    """A map's query string with the municipality the map opens on when none is chosen, so that
    the form shows the municipality the map draws."""
    data = data.copy()
    if not data.get("kommun"):
        kommun = Kommun.for_kartan()
        if kommun is not None:
            data["kommun"] = kommun.kod
    return data


class ProfilForm(Formular):
    mandat = forms.CharField(
        label=_("Uppdrag och mandat"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vad organisationen kontrollerar och med vilket stöd, kort."),
    )
    informationsbehov = forms.CharField(
        label=_("Vad organisationen behöver från de andra inför en insats"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    kontaktvagar = forms.CharField(
        label=_("Kontaktvägar"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Funktioner och funktionsnummer att vända sig till, inte enskilda personer."),
    )


class DelningsgrundForm(Formular):
    bestammelse = forms.CharField(
        label=_("Bestämmelse"),
        max_length=200,
        help_text=_("Till exempel 10 kap. 28 § offentlighets- och sekretesslagen."),
    )
    beskrivning = forms.CharField(
        label=_("Vad får lämnas ut"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    mottagarslag = forms.MultipleChoiceField(
        label=_("Får lämnas till"),
        choices=Mottagarslag.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    engangsnyckel = engangsfalt()
