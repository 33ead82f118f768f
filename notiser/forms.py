"""Forms for the notification pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from insatser.handelser import Notiskategori


class InstallningarForm(forms.Form):
    epost_kategorier = forms.MultipleChoiceField(
        label=_("Skicka också e-post om"),
        choices=Notiskategori.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
