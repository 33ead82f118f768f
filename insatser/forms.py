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
