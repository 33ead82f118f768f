"""Forms of the agencies' information in an operation: release a block, withdraw a release,
ask another agency for information and answer or decline such a request."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from insatser.models import Mottagarkrets
from karna.formular import Formular, engangsfalt, versionsfalt


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


class BegaranForm(Formular):
    """Ask another participating organisation for information. The question and the asked
    organisation are checked by the verb, so every caller gets the same Swedish message."""

    tillfragad = forms.ModelChoiceField(
        label=_("Vilken organisation frågar ni?"), queryset=None, required=False
    )
    objekt = forms.ModelChoiceField(
        label=_("Om vilket objekt?"),
        queryset=None,
        required=False,
        empty_label=_("Insatsen i allmänhet"),
    )
    fraga = forms.CharField(
        label=_("Vad vill ni veta?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    engangsnyckel = engangsfalt()

    def __init__(self, *args, deltagare, objekt, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tillfragad"].queryset = deltagare
        self.fields["objekt"].queryset = objekt


class SvarForm(Formular):
    """The asked organisation's answer: a note and, optionally, the release that answers."""

    svar = forms.CharField(label=_("Svar"), max_length=2000, required=False)
    frislappning = forms.ModelChoiceField(
        label=_("Frisläppning som besvarar frågan"), queryset=None, required=False
    )
    version = versionsfalt()
    engangsnyckel = engangsfalt()

    def __init__(self, *args, frislappningar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["frislappning"].queryset = frislappningar


class AvbojBegaranForm(Formular):
    orsak = forms.CharField(
        label=_("Varför kan ni inte lämna uppgifterna?"), max_length=2000, required=False
    )
    version = versionsfalt()
    engangsnyckel = engangsfalt()
