"""The follow-up page's choice of year, period and filters (a GET form)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from arshjul.models import Prioritering
from karna.formular import Formular
from karna.tid import SENAST, TIDIGAST
from myndigheter.models import (
    Kommun,
    Lokalpolisomrade,
    Myndighet,
    Omradesbedomning,
    Samverkansform,
)
from objekt.models import Problemkategori
from uppfoljning.siffror import Urval


def perioder() -> list[tuple[str, str]]:
    """The year, its quarters and its months, in the language of the request."""
    return [
        ("", _("Hela året")),
        *[(f"K{k}", _("Kvartal %(k)s") % {"k": k}) for k in range(1, 5)],
        *[(str(m), str(namn).capitalize()) for m, namn in MONTHS.items()],
    ]


class Uppfoljningsfilter(Formular):
    ar = forms.IntegerField(label=_("År"), min_value=TIDIGAST.year, max_value=SENAST.year)
    period = forms.ChoiceField(label=_("Period"), choices=perioder, required=False)
    samverkansform = forms.ModelChoiceField(
        label=_("Samverkansform"),
        queryset=Samverkansform.objects.order_by("namn"),
        required=False,
        empty_label=_("Alla"),
    )
    lpo = forms.ModelChoiceField(
        label=_("Lokalpolisområde"),
        queryset=Lokalpolisomrade.objects.order_by("namn"),
        required=False,
        empty_label=_("Alla"),
    )
    kommun = forms.ModelChoiceField(
        label=_("Kommun"),
        queryset=Kommun.objects.order_by("namn"),
        required=False,
        empty_label=_("Alla"),
    )
    klass = forms.ChoiceField(
        label=_("Utsatt område, klassning vid insatsen"),
        choices=[("", _("Alla")), *Omradesbedomning.Klass.choices],
        required=False,
    )
    kategori = forms.ModelChoiceField(
        label=_("Problemkategori"),
        queryset=Problemkategori.objects.order_by("namn"),
        required=False,
        empty_label=_("Alla"),
    )
    myndighet = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Myndighet.objects.filter(aktiv=True).order_by("namn"),
        required=False,
        empty_label=_("Alla"),
    )
    prioritering = forms.ModelChoiceField(
        label=_("Prioritering i lägesbilden"),
        queryset=Prioritering.objects.select_related("period").order_by(
            "-period__fran", "ordning", "namn"
        ),
        required=False,
        empty_label=_("Alla"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prioritering"].label_from_instance = Prioritering.med_period

    @classmethod
    def fran(cls, data) -> Uppfoljningsfilter:
        """The form of a query string, this year unless another is asked for."""
        data = data.copy()
        if not data.get("ar"):
            data["ar"] = str(timezone.localdate().year)
        return cls(data)

    def urvalstext(self) -> str:
        """The view in words, for the head of an Excel export."""
        if not self.is_valid():
            return ""
        return " · ".join(
            f"{self.fields[n].label}: {self[n].value()}" for n in self.fields if self[n].value()
        )

    def urval(self) -> Urval:
        d = self.cleaned_data
        period = d.get("period") or ""
        return Urval(
            ar=d["ar"],
            kvartal=int(period[1]) if period.startswith("K") else None,
            manad=int(period) if period.isdigit() else None,
            samverkansform=d["samverkansform"].pk if d.get("samverkansform") else None,
            lpo=d["lpo"].pk if d.get("lpo") else None,
            kommun=d["kommun"].pk if d.get("kommun") else None,
            klass=d.get("klass") or None,
            kategori=d["kategori"].pk if d.get("kategori") else None,
            myndighet=d["myndighet"].pk if d.get("myndighet") else None,
            prioritering=d["prioritering"].pk if d.get("prioritering") else None,
        )


class Arsrapportbestallning(Formular):
    """The year whose report is ordered: a year that has begun."""

    ar = forms.IntegerField(label=_("År"), min_value=TIDIGAST.year)

    def clean_ar(self) -> int:
        ar = self.cleaned_data["ar"]
        if ar > timezone.localdate().year:
            raise forms.ValidationError(_("Året har inte börjat än."))
        return ar
