"""Forms of the outcomes and feedback page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from karna.formular import Formular, engangsfalt, versionsfalt
from utvardering.models import Resultattyp, Utfall
from utvardering.services_utfall import KOMMENTAR_MAX


class UtfallForm(Formular):
    """Record an outcome. Whether an amount or a quantity is given, and in which unit, is the
    verb's to check: its reasons land on these fields."""

    engangsnyckel = engangsfalt()
    typ = forms.ModelChoiceField(label=_("Typ av utfall"), queryset=Resultattyp.objects.none())
    kontroll = forms.ModelChoiceField(
        label=_("Gäller kontroll"),
        queryset=None,
        required=False,
        empty_label=_("Hela insatsen"),
    )
    belopp = forms.DecimalField(
        label=_("Belopp i kronor"),
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=_("Ange ett belopp eller ett antal, inte båda."),
    )
    antal = forms.DecimalField(label=_("Antal"), required=False, max_digits=12, decimal_places=2)
    enhet = forms.CharField(
        label=_("Enhet"),
        required=False,
        max_length=60,
        help_text=_("Till exempel liter eller stycken. Tomt: typens enhet, när den har en."),
    )
    uppskattning = forms.BooleanField(
        label=_("Beloppet eller antalet är en uppskattning"), required=False
    )
    beslutsdatum = forms.DateField(
        label=_("Beslutsdatum"), widget=forms.DateInput(attrs={"type": "date"})
    )
    synlighet = forms.ChoiceField(
        label=_("Vem ser utfallet"),
        choices=Utfall.Synlighet.choices,
        initial=Utfall.Synlighet.EGEN,
        widget=forms.RadioSelect,
        help_text=_(
            "Alla utfall räknas i sammanställningarna. Den egna organisationen ser alltid sina."
        ),
    )

    def __init__(self, *args, insats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["typ"].queryset = Resultattyp.objects.order_by("namn")
        self.fields["kontroll"].queryset = insats.kontroller.select_related("objekt").order_by(
            "ordning", "pk"
        )
        self.fields["kontroll"].label_from_instance = lambda kontroll: kontroll.objekt.namn


class AndraUtfallForm(UtfallForm):
    engangsnyckel = None
    version = versionsfalt(min_value=1)


class TaBortUtfallForm(Formular):
    version = versionsfalt(min_value=1)


BETYG = [(betyg, str(betyg)) for betyg in range(1, 6)]


class AterkopplingForm(Formular):
    engangsnyckel = engangsfalt()
    betyg = forms.TypedChoiceField(
        label=_("Betyg (1 = dåligt, 5 = mycket bra)"),
        choices=BETYG,
        coerce=int,
        widget=forms.RadioSelect,
    )
    kommentar = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=KOMMENTAR_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Vad fungerade, vad kan bli bättre? Skriv inga uppgifter om enskilda personer."
        ),
    )
    anonym = forms.BooleanField(
        label=_("Lämna återkopplingen anonymt"),
        required=False,
        help_text=_("Ingen annan än du ser att den kommer från dig, inte heller samordnaren."),
    )
    version = versionsfalt(min_value=0)
