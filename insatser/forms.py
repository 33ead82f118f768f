"""Forms for the operation pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from arshjul.models import Arshjulshandelse, Atgardspunkt, Prioritering
from insatser.models import Bemanningsbegaran, Insats
from insatser.workflow import InsatsStatus
from karna.formular import Formular, engangsfalt, kontrollfalt, versionsfalt
from karna.tid import SENAST, TIDIGAST
from myndigheter.forms import Kartkommun
from myndigheter.models import Enhet, Kommun, Lokalpolisomrade, Myndighet, Samverkansform
from objekt.models import Problemkategori


class Insatsfilter(Formular):
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


class Nyckellista(forms.Field):
    """The keys of the warnings a page showed, sent back as repeated hidden inputs."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [str(nyckel)[:200] for nyckel in value or []]


class VersionForm(Formular):
    """The version of the row (an operation, a finding) the user saw; a stale one is refused
    with a conflict."""

    version = versionsfalt()


class VarningskvittensForm(VersionForm):
    """Going ahead past planning warnings needs a stated reason (recorded on the timeline)."""

    motivering = forms.CharField(
        label=_("Motivering för att gå vidare trots varningarna"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kvitterade = Nyckellista(required=False)

    def __init__(self, *args, varningar=None, **kwargs):
        """``varningar``: the unacknowledged warnings the page shows; without one that blocks
        going ahead the fields are hidden (a warning that only informs asks for no reason)."""
        super().__init__(*args, **kwargs)
        if varningar is None:
            return
        if any(v.sparrar for v in varningar):
            self.initial["kvitterade"] = [v.nyckel for v in varningar]
        else:
            del self.fields["motivering"], self.fields["kvitterade"]


class BemanningssvarForm(Formular):
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
    version = versionsfalt()

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


class BemanningsandringForm(BemanningssvarForm):
    """Raise or lower a confirmation the LPO gave; 0 withdraws it, with a reason."""

    motivering = forms.CharField(
        label=_("Motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Krävs när svarsfristen har gått ut. Syns på insatsens tidslinje och i samordnarens "
            "notis; skriv inga polisinterna uppgifter."
        ),
    )
    orsak = forms.ModelChoiceField(
        label=_("Orsak, om du sänker till 0"),
        queryset=None,
        required=False,
        empty_label=_("Välj orsak"),
    )
    field_order = ["bekraftat_antal", "poliser", "motivering", "orsak", "intern_anteckning"]

    def __init__(self, *args, orsaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bekraftat_antal"].label = _("Bekräftat antal poliser")
        self.fields["bekraftat_antal"].help_text = _(
            "Höj eller sänk; 0 återkallar bemanningen och kräver en orsak."
        )
        self.fields["orsak"].queryset = orsaker


class OrsakForm(Formular):
    orsak = forms.ModelChoiceField(label=_("Orsak"), queryset=None, empty_label=_("Välj orsak"))
    kommentar = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = versionsfalt()

    def __init__(self, *args, orsaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["orsak"].queryset = orsaker


def fonster_med_platser(fonster) -> str:
    """A window of the wheel as a coordinator picks it: where, when and how much room is left."""
    return _("%(lpo)s %(fran)s–%(till)s (%(ledigt)s av %(kapacitet)s platser lediga)") % {
        "lpo": fonster.lpo.namn,
        "fran": date_format(timezone.localtime(fonster.start).date(), "j F Y"),
        "till": date_format(timezone.localtime(fonster.slut).date(), "j F Y"),
        "ledigt": fonster.ledigt,
        "kapacitet": fonster.kapacitet,
    }


class FonsterForm(Formular):
    """An operation window of the årshjul the operation takes a place in (optional)."""

    insatsfonster = forms.ModelChoiceField(
        label=_("Insatsfönster på årshjulet"),
        queryset=Arshjulshandelse.objects.none(),
        required=False,
        empty_label=_("Inget insatsfönster"),
        help_text=_(
            "Valfritt. Insatsen tar en plats i fönstret och måste ligga inom fönstrets dagar och "
            "lokalpolisområde."
        ),
    )

    def __init__(self, *args, fonster=None, **kwargs):
        """``fonster``: the windows with room left the user may pick from."""
        super().__init__(*args, **kwargs)
        if fonster is not None:
            self.fields["insatsfonster"].queryset = fonster
        self.fields["insatsfonster"].label_from_instance = fonster_med_platser


class OmplaneringForm(OrsakForm, VarningskvittensForm, FonsterForm):
    field_order = ["orsak", "kommentar", "insatsfonster", "ny_start", "ny_slut", "motivering"]
    version = versionsfalt()
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


class InsatsuppgifterForm(Formular):
    """What a coordinator states about an operation: when, where, under which form, why."""

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
        self.fields["samordnande_enhet"].label_from_instance = enhet_med_mandat
        self.fields["samverkansform"].queryset = Samverkansform.objects.order_by("namn")
        self.fields["lpoer"].queryset = Lokalpolisomrade.objects.order_by("namn")
        self.fields["kommuner"].queryset = Kommun.objects.order_by("namn")


class NyInsatsForm(InsatsuppgifterForm, FonsterForm):
    engangsnyckel = engangsfalt()


class AndraInsatsForm(InsatsuppgifterForm, VersionForm):
    prioriteringar = forms.ModelMultipleChoiceField(
        label=_("Prioriteringar i lägesbilden"),
        queryset=Prioritering.objects.select_related("period").order_by(
            "-period__fran", "ordning", "namn"
        ),
        required=False,
        help_text=_("De prioriterade problemområden insatsen genomför, i perioden för dess datum."),
    )
    atgardspunkter = forms.ModelMultipleChoiceField(
        label=_("Åtgärdspunkter i åtgärdsplanen"),
        queryset=Atgardspunkt.objects.select_related("period").order_by(
            "-period__fran", "ordning", "namn"
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Every period's, named with its period: the verb refuses those of another period than
        # the operation's date, which may be changed in the same form.
        self.fields["prioriteringar"].label_from_instance = Prioritering.med_period
        self.fields["atgardspunkter"].label_from_instance = Atgardspunkt.med_period


def enhet_med_mandat(enhet: Enhet) -> str:
    """A unit with its mandate, so the police can tell the requester's roles apart."""
    return f"{enhet} – {enhet.mandat}"


class InbjudanForm(Formular):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Myndighet.objects.filter(aktiv=True).order_by("namn")
    )
    enhet = forms.ModelChoiceField(
        label=_("Enhet (valfri)"),
        queryset=Enhet.objects.select_related("organisation").order_by(
            "organisation__namn", "namn"
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].label_from_instance = enhet_med_mandat


class ObjektvalForm(Formular):
    objekt = forms.ModelChoiceField(label=_("Objekt"), queryset=None)
    tilltradesgrund = forms.CharField(label=_("Tillträdesgrund"), max_length=300, required=False)
    reserv = forms.BooleanField(label=_("Reservobjekt"), required=False)

    def __init__(self, *args, objekt, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objekt"].queryset = objekt


class BemanningsbegaranForm(VarningskvittensForm):
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

    onskade_insatspoliser = forms.ModelMultipleChoiceField(
        label=_("Önskade insatspoliser (valfritt)"),
        queryset=None,
        required=False,
        help_text=_("Poliser med erfarenhet av era insatser; polisen avgör bemanningen."),
    )

    def __init__(self, *args, lpoer, insatspoliser, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lpo"].queryset = lpoer
        self.fields["onskade_insatspoliser"].queryset = insatspoliser
        self.fields["onskade_insatspoliser"].label_from_instance = lambda u: (
            u.get_full_name() or u.get_username()
        )


class PlaneraForm(VarningskvittensForm):
    pass


class SvarForm(Formular):
    accepterad = forms.TypedChoiceField(
        label=_("Svar"),
        choices=[("ja", _("Vi deltar")), ("nej", _("Vi deltar inte"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
    )
    planerat_antal = forms.IntegerField(
        label=_("Antal personer från er"), min_value=0, max_value=100, required=False
    )
    version = versionsfalt()


class AvslagForm(VersionForm):
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 2}))


class InsatsgruppForm(Formular):
    engangsnyckel = engangsfalt()
    namn = forms.CharField(label=_("Namn"), max_length=200)
    samverkansform = forms.ModelChoiceField(
        label=_("Samverkansform"), queryset=Samverkansform.objects.order_by("namn"), required=False
    )
    fonster_start = forms.DateTimeField(
        label=_("Gemensamt fönster från"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    fonster_slut = forms.DateTimeField(
        label=_("Gemensamt fönster till"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class GruppinbjudanForm(Formular):
    organisation = forms.ModelChoiceField(
        label=_("Samordnande organisation"),
        queryset=None,
        error_messages={"required": _("Välj en organisation.")},
    )

    def __init__(self, *args, grupp, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Myndighet.objects.filter(aktiv=True, ar_polis=False)
            .exclude(pk__in=grupp.organisationer.values("pk"))
            .order_by("namn")
        )


class AnslutningForm(Formular):
    insats = forms.ModelChoiceField(
        label=_("Er insats"),
        queryset=None,
        error_messages={"required": _("Välj en av er organisations öppna insatser.")},
    )

    def __init__(self, *args, insatser, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["insats"].queryset = insatser


class KontrollForm(Formular):
    utfall = forms.TypedChoiceField(
        label=_("Utfall"),
        choices=[("ja", _("Genomförd")), ("nej", _("Ej genomförd"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Välj om kontrollen genomfördes eller inte.")},
    )
    orsak = forms.CharField(
        label=_("Orsak om den inte genomfördes"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    status_fore = kontrollfalt(forms.CharField())

    def clean(self):
        data = super().clean()
        if data.get("utfall") is False and not data.get("orsak", "").strip():
            self.add_error("orsak", _("Ange varför kontrollen inte genomfördes."))
        return data


class FyndForm(Formular):
    text = forms.CharField(
        label=_("Beskrivning av fyndet"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Beskriv fyndet.")},
    )
    kategori = forms.TypedChoiceField(label=_("Kategori"), coerce=int, required=False)
    delad = forms.BooleanField(
        label=_("Dela fyndet med de andra deltagarna"),
        required=False,
        help_text=_("Ett fynd som inte delas syns bara för din egen organisation."),
    )
    hot = forms.BooleanField(
        label=_("Hot eller otillåten påverkan mot tjänsteman"),
        required=False,
        help_text=_(
            "Din organisations säkerhetskontakt och polisens operativa samordnare underrättas "
            "genast. Samordnande organisation och insatsens polis ser fyndet även om det inte "
            "delas."
        ),
    )

    def __init__(self, *args, kategorier, **kwargs):
        """``kategorier``: (pk, name) pairs, read once for every control's form on the page."""
        super().__init__(*args, **kwargs)
        self.fields["kategori"].choices = [("", _("Ingen kategori")), *kategorier]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Beskriv fyndet."))
        return text


class RattaFyndForm(FyndForm):
    """The threat flag is not corrected: it alerted when recorded, and taking it back would hide
    the finding from those who answer for the officials' safety."""

    version = versionsfalt()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["hot"]


class Kartfilter(Formular):
    """The year and municipality of the operations' map; a status narrows it."""

    ar = forms.IntegerField(
        label=_("År"), required=False, min_value=TIDIGAST.year, max_value=SENAST.year
    )
    kommun = Kartkommun()
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla")), *InsatsStatus.choices]
    )


class Kalenderfilter(Formular):
    VYER = [("manad", _("Månad")), ("vecka", _("Vecka")), ("lista", _("Lista"))]

    vy = forms.ChoiceField(label=_("Visa"), choices=VYER, required=False)
    datum = forms.DateField(
        label=_("Datum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alla")), *InsatsStatus.choices]
    )
    lpo = forms.ModelChoiceField(
        label=_("Lokalpolisområde"),
        queryset=Lokalpolisomrade.objects.order_by("namn"),
        required=False,
        empty_label=_("Alla"),
    )


def kategorival() -> list[tuple[int, str]]:
    return list(Problemkategori.objects.order_by("namn").values_list("pk", "namn"))


def kontroller_med_formular(kontroller, kategorier=None, bundna: dict | None = None) -> list:
    """The controls, each with its own marking and finding forms (prefixed, so every field on the
    page has its own id) when ``kategorier`` is given, i.e. registration is open. ``bundna`` holds
    a posted form by control pk, shown again with its errors."""
    kontroller = list(kontroller)
    if kategorier is None:
        return kontroller
    bundna = bundna or {}
    for kontroll in kontroller:
        prefix = f"k{kontroll.pk}"
        kontroll.markera_form = bundna.get((kontroll.pk, "markera")) or KontrollForm(
            prefix=prefix, initial={"status_fore": kontroll.status}
        )
        kontroll.fynd_form = bundna.get((kontroll.pk, "fynd")) or FyndForm(
            prefix=f"{prefix}f", kategorier=kategorier
        )
    return kontroller


class SakerhetsanteckningForm(Formular):
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
    version = versionsfalt()
