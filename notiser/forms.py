"""Forms for the notification pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from karna.formular import Formular
from notiser.notistyper import Notiskategori


class InstallningarForm(Formular):
    epost_kategorier = forms.MultipleChoiceField(
        label=_("Skicka också e-post om"),
        choices=Notiskategori.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
