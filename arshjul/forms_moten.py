"""Forms of a held meeting: attendees and minutes, a new action, closing an action."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from karna.formular import Formular, engangsfalt, versionsfalt
from myndigheter.models import Myndighet


class Personval(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _namn_och_organisation(obj)


class Ansvarigval(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _namn_och_organisation(obj)


def _namn_och_organisation(user) -> str:
    profil = getattr(user, "profil", None)
    namn = user.get_full_name() or user.get_username()
    return f"{namn} ({profil.organisation.namn})" if profil else namn


class ProtokollForm(Formular):
    """Who attended and the minutes; a change sends back the version it showed."""

    narvarande = Personval(
        label=_("Närvarande personer"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    narvarande_organisationer = forms.ModelMultipleChoiceField(
        label=_("Närvarande organisationer"),
        queryset=Myndighet.objects.filter(aktiv=True).order_by("namn"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    text = forms.CharField(label=_("Protokoll"), widget=forms.Textarea, required=False)
    delas = forms.BooleanField(
        label=_("Dela protokollet med alla som ser mötet"),
        required=False,
        help_text=_("Annars läses det bara av de närvarande organisationerna och organisatören."),
    )
    version = versionsfalt()

    def __init__(self, *args, personer, nytt: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["narvarande"].queryset = personer
        if nytt:
            del self.fields["version"]


class AtgardForm(Formular):
    text = forms.CharField(label=_("Åtgärd"), max_length=500)
    ansvarig = Ansvarigval(label=_("Ansvarig"), queryset=get_user_model().objects.none())
    senast = forms.DateField(label=_("Klar senast"), widget=forms.DateInput(attrs={"type": "date"}))
    engangsnyckel = engangsfalt()

    def __init__(self, *args, ansvariga, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ansvarig"].queryset = ansvariga


class StangForm(Formular):
    """Close an action; ``fran`` says where it was closed from (the start page or the meeting)."""

    version = versionsfalt(min_value=1)
    fran = forms.CharField(required=False, widget=forms.HiddenInput)
