"""Forms for the operation pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from insatser.workflow import InsatsStatus


class Insatsfilter(forms.Form):
    q = forms.CharField(label=_("Sök titel eller referens"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla")), *InsatsStatus.choices]
    )
    fran = forms.DateField(label=_("Från och med"), required=False)
    till = forms.DateField(label=_("Till och med"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("fran") and data.get("till") and data["till"] < data["fran"]:
            raise forms.ValidationError(
                _("Slutdatumet måste vara samma som eller efter startdatumet.")
            )
        return data

    def filtrera(self, queryset):
        data = self.cleaned_data
        if data.get("q"):
            queryset = queryset.filter(titel__icontains=data["q"]) | queryset.filter(
                referens__icontains=data["q"]
            )
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("fran"):
            queryset = queryset.filter(start__date__gte=data["fran"])
        if data.get("till"):
            queryset = queryset.filter(start__date__lte=data["till"])
        return queryset


class BemanningssvarForm(forms.Form):
    bekraftat_antal = forms.IntegerField(
        label=_("Antal poliser ni kan ställa"),
        min_value=0,
        help_text=_("0 avböjer begäran; färre än begärt är en delvis bekräftelse."),
    )
    poliser = forms.ModelMultipleChoiceField(
        label=_("Namngivna insatspoliser"), queryset=None, required=False
    )
    intern_anteckning = forms.CharField(
        label=_("Intern anteckning (syns bara för polisen)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, poliser, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["poliser"].queryset = poliser
        self.fields["poliser"].label_from_instance = self._polisetikett

    @staticmethod
    def _polisetikett(user):
        namn = user.get_full_name() or user.get_username()
        return _("%(namn)s (%(antal)s tidigare insatser)") % {
            "namn": namn,
            "antal": user.tidigare_insatser,
        }


class OrsakForm(forms.Form):
    orsak = forms.ModelChoiceField(label=_("Orsak"), queryset=None, empty_label=None)
    kommentar = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, orsaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orsak"].queryset = orsaker


class OmplaneringForm(OrsakForm):
    ny_start = forms.DateTimeField(
        label=_("Ny start"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ny_slut = forms.DateTimeField(
        label=_("Nytt slut"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def clean(self):
        data = super().clean()
        if data.get("ny_start") and data.get("ny_slut") and data["ny_slut"] <= data["ny_start"]:
            raise forms.ValidationError(_("Sluttiden måste vara efter starttiden."))
        return data
