"""Forms of the object pool. ``ObjektForm`` holds the field rules for the browser and imports."""

from __future__ import annotations

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from karna.formular import ENGANGSFALT, Formular, Modellformular, engangsfalt, versionsfalt
from myndigheter.forms import Kartkommun
from myndigheter.models import (
    Kommun,
    Lokalpolisomrade,
    Myndighet,
    Omradesbedomning,
    Stadsomrade,
    UtsattOmrade,
)
from objekt.importfil import SOKTERM_RE, endast_siffror
from objekt.mallar import FRITEXTVARNING
from objekt.models import Myndighetsintresse, Objekt, Objekttyp, Problemkategori

R = Myndighetsintresse.Relevans
INTE_PERSONER = _(
    "Objekt är verksamheter, lokaler eller boenden – aldrig enskilda personer. Ange inga "
    "uppgifter om personer."
)


def _kodval(modell, **filter):
    """Reference rows chosen by their stable code, so imports can name them too."""
    return forms.ModelChoiceField(
        queryset=modell.objects.filter(**filter).order_by("namn"), to_field_name="kod"
    )


class Koordinatfalt(forms.DecimalField):
    """A latitude or longitude in decimal degrees, with a decimal comma or point; more decimals
    than the column keeps (a GPS gives many) are rounded rather than refused."""

    def __init__(self, **kwargs):
        super().__init__(
            max_digits=None,
            decimal_places=None,
            required=False,
            error_messages={"invalid": _("Ange ett tal i decimala grader, till exempel 57.7089.")},
            **kwargs,
        )
        self.widget.attrs.update({"inputmode": "decimal", "step": "any"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".").replace("\u2212", "-")
        varde = super().to_python(value)
        if varde is None or abs(varde) >= 1000:
            # Far outside Sweden either way; the model says so in words.
            return varde
        return round(varde, Objekt.POSITIONSDECIMALER)


class ObjektForm(Modellformular):
    """The object's fields, validated by the model's own rules (check digit, postal code)."""

    kommun = _kodval(Kommun)
    stadsomrade = _kodval(Stadsomrade)
    lpo = _kodval(Lokalpolisomrade)
    utsatt_omrade = _kodval(UtsattOmrade)
    latitud = Koordinatfalt(
        label=_("Latitud"),
        help_text=_("WGS84 i decimala grader, till exempel 57.7089. Lämnas tomt om den saknas."),
    )
    longitud = Koordinatfalt(
        label=_("Longitud"),
        help_text=_("WGS84 i decimala grader, till exempel 11.9746. Lämnas tomt om den saknas."),
    )
    problemkategorier = forms.ModelMultipleChoiceField(
        queryset=Problemkategori.objects.order_by("namn"),
        to_field_name="kod",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    spara_anda = forms.BooleanField(
        label=_("Spara ändå – det är inte samma objekt som det eller de som redan finns"),
        required=False,
    )

    class Meta:
        model = Objekt
        fields = [
            "namn",
            "objekttyp",
            "organisationsnummer",
            "adress",
            "postnummer",
            "postort",
            "kommun",
            "stadsomrade",
            "lpo",
            "utsatt_omrade",
            "latitud",
            "longitud",
            "problemkategorier",
            "reserv",
        ]
        help_texts = {
            "namn": INTE_PERSONER,
            "organisationsnummer": _(
                "Tio siffror, till exempel 556016-0680. Lämnas tomt om det saknas."
            ),
        }

    def __init__(self, *args, med_reserv: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        for namn in ("stadsomrade", "lpo", "utsatt_omrade"):
            self.fields[namn].required = False
            self.fields[namn].empty_label = _("Inget valt")
        self.fields["kommun"].label = _("Kommun")
        self.fields["stadsomrade"].label = _("Stadsområde")
        self.fields["lpo"].label = _("Lokalpolisområde")
        self.fields["lpo"].help_text = _("Lämnas tomt för att härledas från stadsområdet.")
        self.fields["utsatt_omrade"].label = _("Utsatt område")
        self.fields["problemkategorier"].label = _("Misstänkta problem")
        if not med_reserv:
            del self.fields["reserv"]

    def verbdata(self) -> dict:
        """The cleaned values as the verbs take them."""
        return {k: v for k, v in self.cleaned_data.items() if k != ENGANGSFALT}

    def dolj_spara_anda(self) -> None:
        """The confirmation is offered only next to a duplicate warning."""
        self.fields["spara_anda"].widget = forms.HiddenInput()


class NyttObjektForm(ObjektForm):
    engangsnyckel = engangsfalt()


class VersionForm(Formular):
    version = versionsfalt()


class AndraObjektForm(ObjektForm):
    version = versionsfalt(min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, med_reserv=False, **kwargs)


class ObjekttypForm(Formular):
    """The first step of a proposal without JavaScript: the type decides the template's fields."""

    objekttyp = forms.ChoiceField(label=_("Objekttyp"), choices=Objekttyp.choices)


class RelevansForm(Formular):
    relevans = forms.ChoiceField(
        label=_("Är objektet relevant för er?"), choices=R.choices, widget=forms.RadioSelect
    )
    grund = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Krävs när ni bedömt objektet. %(varning)s") % {"varning": FRITEXTVARNING},
    )
    lagstod = forms.CharField(
        label=_("Lagstöd eller uppdrag"),
        required=False,
        max_length=300,
        help_text=_("Till exempel skatteförfarandelagen eller arbetsmiljölagen."),
    )
    version = versionsfalt()


class ReservForm(VersionForm):
    reserv = forms.BooleanField(label=_("Reservobjekt"), required=False)


class StatusForm(VersionForm):
    overgang = forms.CharField(
        max_length=40,
        error_messages={"required": _("Välj en av statusändringarna som erbjuds för objektet.")},
    )


class ImportForm(Formular):
    fil = forms.FileField(
        label=_("Fil (CSV eller Excel .xlsx)"),
        help_text=_("Högst 5 MB, 5 000 rader och 50 kolumner."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    importera_dubbletter = forms.BooleanField(
        label=_("Importera även möjliga dubbletter"),
        required=False,
        help_text=_(
            "Annars hoppas rader över som har samma organisationsnummer eller adress som ett "
            "befintligt objekt eller en tidigare rad i filen."
        ),
    )


RELEVANS_FILTER = [
    ("", _("Alla")),
    ("relevant", _("Relevant för oss")),
    ("ej_relevant", _("Inte relevant för oss")),
    ("ej_bedomd", _("Inte bedömt av oss")),
]
JA_NEJ = [("", _("Alla")), ("ja", _("Ja")), ("nej", _("Nej"))]


class Objektfilter(Formular):
    """Search and filters of the pool list; every value is in the URL."""

    q = forms.CharField(
        label=_("Sök namn, adress, ort, referens eller organisationsnummer"),
        required=False,
        max_length=100,
    )
    stadsomrade = forms.ModelChoiceField(
        label=_("Stadsområde"),
        queryset=Stadsomrade.objects.order_by("namn"),
        required=False,
        empty_label=_("Alla"),
    )
    lpo = forms.ModelChoiceField(
        label=_("Lokalpolisområde"),
        queryset=Lokalpolisomrade.objects.order_by("namn"),
        required=False,
        empty_label=_("Alla"),
    )
    klass = forms.ChoiceField(
        label=_("Utsatt område, klassning i dag"),
        choices=[("", _("Alla")), *Omradesbedomning.Klass.choices],
        required=False,
    )
    kategori = forms.ModelChoiceField(
        label=_("Misstänkt problem"),
        queryset=Problemkategori.objects.order_by("namn"),
        required=False,
        empty_label=_("Alla"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alla")), *Objekt.Status.choices], required=False
    )
    reserv = forms.ChoiceField(label=_("Reservobjekt"), choices=JA_NEJ, required=False)
    relevans = forms.ChoiceField(label=_("Vår bedömning"), choices=RELEVANS_FILTER, required=False)
    relevant_for = forms.ModelChoiceField(
        label=_("Relevant för organisation"),
        queryset=Myndighet.objects.filter(aktiv=True).order_by("namn"),
        required=False,
        empty_label=_("Alla"),
    )

    def __init__(self, *args, organisation_id, samordnare: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        if not samordnare:
            del self.fields["relevant_for"]

    def filtrera(self, queryset):
        data = self.cleaned_data
        queryset = self._sok(queryset, data.get("q", ""))
        for falt in ("stadsomrade", "lpo", "status"):
            if data.get(falt):
                queryset = queryset.filter(**{falt: data[falt]})
        if data.get("klass"):
            queryset = queryset.filter(klass_idag=data["klass"])
        if data.get("kategori"):
            queryset = queryset.filter(problemkategorier=data["kategori"])
        if data.get("reserv"):
            queryset = queryset.filter(reserv=data["reserv"] == "ja")
        if data.get("relevans"):
            queryset = queryset.filter(self._egen_relevans(data["relevans"]))
        if data.get("relevant_for"):
            queryset = queryset.filter(
                Exists(
                    Myndighetsintresse.objects.filter(
                        objekt=OuterRef("pk"),
                        organisation=data["relevant_for"],
                        relevans=R.RELEVANT,
                    )
                )
            )
        return queryset

    def _egen_relevans(self, val: str) -> Q:
        egna = Myndighetsintresse.objects.filter(
            objekt=OuterRef("pk"), organisation_id=self.organisation_id
        )
        if val == "relevant":
            return Exists(egna.filter(relevans=R.RELEVANT))
        if val == "ej_relevant":
            return Exists(egna.filter(relevans=R.EJ_RELEVANT))
        return ~Exists(egna.exclude(relevans=R.OKANT))

    @staticmethod
    def _sok(queryset, text: str):
        """Swedish full-text search, every word also as a prefix, best match first.

        The reference and organisation number are matched whole as well, with or without the
        hyphen, since people paste them.
        """
        termer = SOKTERM_RE.findall(text)
        if not termer:
            return queryset
        fraga = SearchQuery(
            " & ".join(f"{term}:*" for term in termer), config="swedish", search_type="raw"
        )
        exakt = Q(referens__iexact=text.strip())
        siffror = endast_siffror(text)
        if len(siffror) >= 6:
            exakt |= Q(organisationsnummer__regex=r"-?".join(siffror))
        return (
            queryset.filter(Q(sokvektor=fraga) | exakt)
            .annotate(rang=SearchRank(F("sokvektor"), fraga))
            .order_by("-rang", "namn", "pk")
        )


class Kartfilter(Objektfilter):
    """The pool's filters on its map, which shows one municipality at a time."""

    kommun = Kartkommun()

    field_order = ["kommun"]

    def filtrera(self, queryset):
        return super().filtrera(queryset).filter(kommun=self.cleaned_data["kommun"])
