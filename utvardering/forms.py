"""Forms of the evaluation pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from karna.formular import Formular, engangsfalt
from myndigheter.models import Myndighet
from objekt.models import Objekt


class ForbattringsomradeForm(Formular):
    engangsnyckel = engangsfalt()
    text = forms.CharField(
        label=_("Förbättringsområde"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vad ska göras bättre nästa gång? Skriv inga uppgifter om enskilda personer."),
    )
    ansvarig_organisation = forms.ModelChoiceField(
        label=_("Ansvarig organisation"),
        queryset=None,
        required=False,
        empty_label=_("Ingen särskild"),
    )
    objekt = forms.ModelChoiceField(
        label=_("Gäller objekt"), queryset=None, required=False, empty_label=_("Hela insatsen")
    )

    def __init__(self, *args, insats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ansvarig_organisation"].queryset = Myndighet.objects.filter(
            pk__in=insats.deltaganden.values("organisation")
        ).order_by("namn")
        self.fields["objekt"].queryset = Objekt.objects.filter(
            pk__in=insats.kontroller.values("objekt")
        ).order_by("namn")
