"""Forms of the operation's persons page and of the load view."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatser.models import Utsandperson
from karna.formular import Formular, engangsfalt, kontrollfalt, versionsfalt

# The load view looks at most a year at a time: one query per kind of booking, but a year's rows.
LANGSTA_PERIOD = timedelta(days=366)


class PersonForm(Formular):
    """Name a person the organisation sends (``deltagande`` says which of the user's own)."""

    deltagande = kontrollfalt(forms.IntegerField(min_value=1))
    anvandare = forms.ModelChoiceField(
        label=_("Person"), queryset=None, empty_label=_("Välj person")
    )
    forberedelse_timmar = forms.DecimalField(
        label=_("Förberedelse (timmar)"),
        min_value=Decimal("0"),
        max_value=Utsandperson.HOGSTA_FORBEREDELSE,
        decimal_places=1,
        initial=Decimal("0"),
        help_text=_("Timmar personen lägger på att förbereda insatsen, utöver själva insatsen."),
    )
    version = versionsfalt()
    engangsnyckel = engangsfalt()

    def __init__(self, *args, personer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anvandare"].queryset = personer
        self.fields["anvandare"].label_from_instance = lambda u: u.get_full_name() or u.username


class TaBortPersonForm(Formular):
    version = versionsfalt()


class PeriodForm(Formular):
    """The load view's period: from today and four weeks on unless another is chosen."""

    fran = forms.DateField(label=_("Från"), widget=forms.DateInput(attrs={"type": "date"}))
    till = forms.DateField(label=_("Till och med"), widget=forms.DateInput(attrs={"type": "date"}))

    @classmethod
    def standard(cls) -> dict:
        idag = timezone.localdate()
        return {"fran": idag, "till": idag + timedelta(days=27)}

    def clean(self):
        data = super().clean()
        fran, till = data.get("fran"), data.get("till")
        if fran and till and till < fran:
            self.add_error(
                "till", _("Slutdatumet måste vara samma dag som startdatumet eller senare.")
            )
        elif fran and till and till - fran > LANGSTA_PERIOD:
            self.add_error("till", _("Välj en period på högst ett år."))
        return data
