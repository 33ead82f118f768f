"""Forms for the operation pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from insatser.models import Bemanningsbegaran, Insats
from insatser.workflow import InsatsStatus
from myndigheter.models import Enhet, Kommun, Lokalpolisomrade, Myndighet, Samverkansform


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
    orsak = forms.ModelChoiceField(label=_("Orsak"), queryset=None, empty_label=_("Välj orsak"))
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


class NyInsatsForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    start = forms.DateTimeField(
        label=_("Start"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    slut = forms.DateTimeField(
        label=_("Slut"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    samordnande_enhet = forms.ModelChoiceField(
        label=_("Samordnande enhet"), queryset=None, required=False
    )
    samverkansform = forms.ModelChoiceField(
        label=_("Samverkansform"), queryset=None, required=False
    )
    syfte = forms.ChoiceField(label=_("Syfte"), choices=Insats.Syfte.choices)
    samlingsplats = forms.CharField(label=_("Samlingsplats"), max_length=300, required=False)
    lpoer = forms.ModelMultipleChoiceField(label=_("Lokalpolisområden"), queryset=None)
    kommuner = forms.ModelMultipleChoiceField(label=_("Kommuner"), queryset=None, required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["samordnande_enhet"].queryset = Enhet.objects.filter(organisation=organisation)
        self.fields["samverkansform"].queryset = Samverkansform.objects.order_by("namn")
        self.fields["lpoer"].queryset = Lokalpolisomrade.objects.order_by("namn")
        self.fields["kommuner"].queryset = Kommun.objects.order_by("namn")


class InbjudanForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Myndighet.objects.filter(aktiv=True).order_by("namn")
    )
    enhet = forms.ModelChoiceField(
        label=_("Enhet (valfri)"), queryset=Enhet.objects.order_by("namn"), required=False
    )


class ObjektvalForm(forms.Form):
    objekt = forms.ModelChoiceField(label=_("Objekt"), queryset=None)
    tilltradesgrund = forms.CharField(label=_("Tillträdesgrund"), max_length=300, required=False)

    def __init__(self, *args, objekt, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objekt"].queryset = objekt


class BemanningsbegaranForm(forms.Form):
    lpo = forms.ModelChoiceField(label=_("Lokalpolisområde"), queryset=None)
    begart_antal = forms.IntegerField(label=_("Antal poliser"), min_value=1, max_value=200)
    kompetenser = forms.MultipleChoiceField(
        label=_("Kompetenser"),
        choices=Bemanningsbegaran.Kompetens.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    svarsfrist = forms.DateField(
        label=_("Svara senast"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, lpoer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lpo"].queryset = lpoer


class SvarForm(forms.Form):
    accepterad = forms.TypedChoiceField(
        label=_("Svar"),
        choices=[("ja", _("Vi deltar")), ("nej", _("Vi deltar inte"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    planerat_antal = forms.IntegerField(
        label=_("Antal personer från er"), min_value=0, max_value=100, required=False
    )


class AvslagForm(forms.Form):
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 2}))


class SakerhetsanteckningForm(forms.Form):
    sakerhetsanteckning = forms.CharField(
        label=_("Säkerhetsanteckning"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Kända hot- eller säkerhetsrisker, t.ex. hundar, tidigare hot mot inspektörer. "
            "Skriv inte underrättelseuppgifter, uppgifter om enskilda personer eller uppgifter "
            "som omfattas av bank- eller annan särskild sekretess."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
