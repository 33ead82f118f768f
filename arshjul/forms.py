"""Forms of the wheel's pages. They parse input; the verbs in ``services`` validate the rules."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import dates, timezone
from django.utils.translation import gettext_lazy as _

from arshjul.models import Arshjulshandelse, Aterkommanderegel, Begransningsperiod, Samverkansorgan
from arshjul.models.val import REGELTYP_VAL, Niva
from arshjul.services.redigering import HANDELSEFALT, PERIODFALT, REGELFALT
from karna.formular import Formular, versionsfalt
from karna.tid import SENAST, TIDIGAST
from myndigheter.models import Enhet, Lokalpolisomrade, Myndighet, Polisregion

FORSTA_AR, SISTA_AR = TIDIGAST.year, SENAST.year
VYER = [("cirkel", _("Hjul")), ("tidslinje", _("Tidslinje"))]
VECKODAGAR = [
    (0, _("Måndag")),
    (1, _("Tisdag")),
    (2, _("Onsdag")),
    (3, _("Torsdag")),
    (4, _("Fredag")),
]
MANADER = list(dates.MONTHS.items())


class VyForm(Formular):
    """Which wheels to show, for which year, as a circle or a timeline (a GET form)."""

    ar = forms.IntegerField(label=_("År"), min_value=FORSTA_AR, max_value=SISTA_AR)
    hjul = forms.ModelMultipleChoiceField(
        label=_("Årshjul"),
        queryset=None,
        to_field_name="kod",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst ett årshjul.")},
    )
    vy = forms.ChoiceField(
        label=_("Visning"), choices=VYER, required=False, widget=forms.RadioSelect
    )
    manad = forms.IntegerField(
        label=_("Månad"), min_value=1, max_value=12, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, arshjul, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hjul"].queryset = arshjul
        self.fields["ar"].initial = timezone.localdate().year
        self.fields["vy"].initial = "cirkel"


class Versionsfalt(Formular):
    """A form that makes a row or changes one; a change sends back the version it showed."""

    version = versionsfalt()

    def __init__(self, *args, andras: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not andras:
            del self.fields["version"]


def _datumtid():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RegelForm(Versionsfalt):
    """A recurrence rule; which fields matter depends on the rule type (the verb checks)."""

    def __init__(self, *args, arshjul, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Aterkommanderegel, fields=REGELFALT))
        self.fields["typ"] = forms.ChoiceField(label=_("Skapar"), choices=REGELTYP_VAL)
        self.fields["organ"].queryset = Samverkansorgan.objects.order_by("namn")
        self.fields["lpo"].queryset = Lokalpolisomrade.objects.order_by("namn")
        self.fields["lpo"].help_text = _(
            "För insatsfönster: fönstrets lokalpolisområde. För en begränsningsperiod: var den "
            "gäller (tomt betyder överallt)."
        )
        self.fields["polisregion"].queryset = Polisregion.objects.order_by("namn")
        self.fields["beroende_av"].queryset = arshjul.regler.order_by("namn")
        self.fields["foredragna_manader"] = forms.TypedMultipleChoiceField(
            label=_("Föredragna månader"),
            choices=MANADER,
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["veckodag"] = forms.TypedChoiceField(
            label=_("Veckodag"), choices=VECKODAGAR, coerce=int
        )
        self.fields["niva"] = forms.ChoiceField(
            label=_("Nivå"), choices=[("", "–"), *Niva.choices], required=False
        )
        self.fields["starttid"].widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class HandelseForm(Versionsfalt):
    """An event made or changed by hand."""

    def __init__(self, *args, arshjul, **kwargs):
        super().__init__(*args, **kwargs)
        falt = (*HANDELSEFALT, "deltagande_enheter", "deltagare")
        kryssrutor = {"deltagande_enheter": forms.CheckboxSelectMultiple}
        self.fields.update(
            forms.fields_for_model(Arshjulshandelse, fields=falt, widgets=kryssrutor)
        )
        for namn in ("start", "slut"):
            self.fields[namn] = forms.DateTimeField(
                label=self.fields[namn].label, widget=_datumtid()
            )
        self.fields["organ"].queryset = Samverkansorgan.objects.order_by("namn")
        self.fields["lpo"].queryset = arshjul.lpoer.order_by("namn")
        organisationer = Myndighet.objects.filter(aktiv=True).order_by("namn")
        self.fields["ordforande_org"].queryset = organisationer
        self.fields["antecknare_org"].queryset = organisationer
        self.fields["deltagande_enheter"].queryset = Enhet.objects.select_related(
            "organisation"
        ).order_by("organisation__namn", "namn")
        self.fields["deltagare"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, profil__organisation=arshjul.agare)
            .order_by("last_name", "first_name", "username")
        )
        self.fields["deltagare"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["deltagare"].help_text = _(
            "Personer i ägarorganisationen; används för kollisionskontrollen."
        )


class BegransningForm(Versionsfalt):
    """A blackout period made or changed by hand."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Begransningsperiod, fields=PERIODFALT))
        for namn in ("fran", "till"):
            self.fields[namn].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["lpo"].queryset = Lokalpolisomrade.objects.order_by("namn")
        self.fields["polisregion"].queryset = Polisregion.objects.order_by("namn")
