"""Forms of the agencies' information in an operation: release a block, withdraw a release."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from insatser.models import Mottagarkrets
from karna.formular import Formular, engangsfalt


class FrislappForm(Formular):
    """Release one of the organisation's information blocks to a circle of the operation."""

    delningsgrund = forms.ModelChoiceField(
        label=_("Delningsgrund"),
        queryset=None,
        empty_label=_("Välj bestämmelse"),
        help_text=_("Din organisations delningsgrunder, enligt profilen."),
    )
    krets = forms.ChoiceField(
        label=_("Till vem"), choices=Mottagarkrets.choices, widget=forms.RadioSelect
    )
    namngivna = forms.ModelMultipleChoiceField(
        label=_("Namngivna organisationer"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bara när uppgiften frisläpps till namngivna organisationer."),
    )
    engangsnyckel = engangsfalt()

    def __init__(self, *args, grunder, deltagare, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delningsgrund"].queryset = grunder
        self.fields["namngivna"].queryset = deltagare


class AterkallaForm(Formular):
    orsak = forms.CharField(label=_("Varför återkallas uppgiften?"), max_length=500)
