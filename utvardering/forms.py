"""Forms of the evaluation pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from karna.formular import Formular, engangsfalt, versionsfalt
from myndigheter.models import (
    Anvandarprofil,
    Lokalpolisomrade,
    Myndighet,
    Samverkansform,
    Stadsomrade,
    UtsattOmrade,
)
from objekt.models import Objekt
from utvardering.models import Betyg, Informationshinder, Myndighetsutvardering


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
    ansvarig_person = forms.ModelChoiceField(
        label=_("Ansvarig person"),
        queryset=None,
        required=False,
        empty_label=_("Ingen särskild"),
        help_text=_("En person i den ansvariga organisationen."),
    )
    startdatum = forms.DateField(
        label=_("Startdatum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    slutdatum = forms.DateField(
        label=_("Klart senast"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Den ansvariga organisationen påminns en vecka före och på dagen."),
    )
    objekt = forms.ModelChoiceField(
        label=_("Gäller objekt"), queryset=None, required=False, empty_label=_("Hela insatsen")
    )
    stadsomrade = forms.ModelChoiceField(
        label=_("Gäller stadsområde"), queryset=None, required=False, empty_label=_("Inget")
    )
    utsatt_omrade = forms.ModelChoiceField(
        label=_("Gäller utsatt område"), queryset=None, required=False, empty_label=_("Inget")
    )
    samverkansform = forms.ModelChoiceField(
        label=_("Gäller samverkansform"), queryset=None, required=False, empty_label=_("Ingen")
    )
    myndigheter = forms.ModelMultipleChoiceField(
        label=_("Gäller myndigheter"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, insats, **kwargs):
        super().__init__(*args, **kwargs)
        organisationer = Myndighet.objects.filter(
            pk__in=insats.deltaganden.values("organisation")
        ).order_by("namn")
        self.fields["ansvarig_organisation"].queryset = organisationer
        self.fields["myndigheter"].queryset = organisationer
        self.fields["ansvarig_person"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                pk__in=Anvandarprofil.objects.filter(organisation__in=organisationer).values(
                    "user"
                ),
            )
            .order_by("first_name", "last_name", "username")
        )
        self.fields["ansvarig_person"].label_from_instance = _personnamn
        self.fields["objekt"].queryset = Objekt.objects.filter(
            pk__in=insats.kontroller.values("objekt")
        ).order_by("namn")
        self.fields["stadsomrade"].queryset = Stadsomrade.objects.order_by("namn")
        self.fields["utsatt_omrade"].queryset = UtsattOmrade.objects.order_by("namn")
        self.fields["samverkansform"].queryset = Samverkansform.objects.order_by("namn")
        self.fields["samverkansform"].initial = insats.samverkansform_id


def _personnamn(user) -> str:
    return user.get_full_name() or user.username


def _timfalt(label, **kwargs) -> forms.DecimalField:
    """Hours as a decimal with one place, zero or more."""
    falt = forms.DecimalField(
        label=label, min_value=0, max_value=99999, max_digits=7, decimal_places=1, **kwargs
    )
    falt.widget.attrs.update({"step": "0.5"})
    return falt


class MyndighetsutvarderingForm(Formular):
    """An agency's evaluation; "Lämna in" submits it, "Spara utkast" keeps it as a draft."""

    version = versionsfalt()
    betyg_objektval = forms.ChoiceField(label=_("Urval av objekt"))
    betyg_information_fore = forms.ChoiceField(label=_("Information före insatsen"))
    betyg_genomgang = forms.ChoiceField(label=_("Genomgång före insatsen"))
    betyg_polisbemanning = forms.ChoiceField(label=_("Polisbemanning"))
    betyg_samordning = forms.ChoiceField(label=_("Samordning under dagen"))
    betyg_informationsdelning = forms.ChoiceField(label=_("Informationsdelning"))
    timmar_fore = _timfalt(_("Timmar före insatsen"))
    timmar_under = _timfalt(_("Timmar under insatsen"))
    timmar_efter = _timfalt(_("Timmar efter insatsen"))
    polistimmar = _timfalt(
        _("Polistimmar"), help_text=_("Alla polisers timmar i insatsen sammanlagt.")
    )
    lanande_lpoer = forms.MultipleChoiceField(
        label=_("Lokalpolisområden som lånade ut poliser"),
        widget=forms.CheckboxSelectMultiple,
    )
    informationshinder = forms.MultipleChoiceField(
        label=_("Informationshinder ni mötte"),
        choices=Informationshinder.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Uppgifter ni behövde men inte fick eller inte kunde lämna."),
    )
    informationshinder_annat = forms.CharField(label=_("Annat informationshinder"), max_length=500)
    fritext = forms.CharField(
        label=_("Övriga synpunkter"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Skriv inga uppgifter om enskilda personer."),
    )

    def __init__(self, *args, rad: Myndighetsutvardering, **kwargs):
        initial = {falt: getattr(rad, falt) for falt in Myndighetsutvardering.IFYLLBARA}
        initial["version"] = rad.version
        super().__init__(*args, initial=initial, **kwargs)
        for namn, falt in self.fields.items():
            if namn == "version":
                continue
            # A draft may be saved half filled in; submitting checks completeness (the verb).
            falt.required = False
            if namn.startswith("betyg_"):
                falt.choices = Betyg.choices
                falt.widget = forms.RadioSelect(choices=Betyg.choices)
        if rad.lpo_id is None:
            del self.fields["polistimmar"]
            del self.fields["lanande_lpoer"]
        else:
            self.fields["lanande_lpoer"].choices = list(
                Lokalpolisomrade.objects.order_by("namn").values_list("kod", "namn")
            )


class AvslutaForm(Formular):
    engangsnyckel = engangsfalt()
    version = versionsfalt()
    sammanfattning = forms.CharField(
        label=_("Sammanfattning"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vad insatsen gav och vad myndigheternas utvärderingar säger."),
    )
    styrkor = forms.CharField(
        label=_("Styrkor"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Det som fungerade och bör göras likadant nästa gång."),
    )
    skal_for_saknade = forms.CharField(
        label=_("Skäl för saknade utvärderingar"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Krävs om någon myndighet inte har lämnat in sin utvärdering."),
    )
