"""Inspection objects (businesses, premises, housing; never persons) and agency information."""

from __future__ import annotations

from contextlib import suppress

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from myndigheter.karta import LATITUD_MAX, LATITUD_MIN, LONGITUD_MAX, LONGITUD_MIN
from myndigheter.models import (
    Enhet,
    KodModell,
    Kommun,
    Lokalpolisomrade,
    Myndighet,
    Stadsomrade,
    UtsattOmrade,
)
from objekt.mallar import validera_faltdefinition, visningsrader
from objekt.validators import (
    normalisera_organisationsnummer,
    normalisera_postnummer,
    validera_organisationsnummer,
    validera_postnummer,
)


@pghistory.track()
class Problemkategori(KodModell):
    """A crime or issue category used to tag objects, controls and findings."""

    class Meta(KodModell.Meta):
        verbose_name = _("problemkategori")
        verbose_name_plural = _("problemkategorier")


class Objekttyp(models.TextChoices):
    FORETAG = "FORETAG", _("Företag eller verksamhet")
    LOKAL = "LOKAL", _("Lokal")
    BOENDE = "BOENDE", _("Boende")
    FESTVANING_KLUBB = "FESTVANING_KLUBB", _("Festvåning eller klubb")
    VAXLINGSKONTOR = "VAXLINGSKONTOR", _("Växlingskontor")
    ANNAT = "ANNAT", _("Annat")


def normaliserad_adress(uttryck):
    """An address reduced to lower-case letters and digits: "Storgatan 1 A" = "storgatan 1a".

    One expression for the stored column and for the values compared with it, so that the
    duplicate check and the database always agree.
    """
    bara_bokstaver_och_siffror = Func(
        uttryck, Value("[^[:alnum:]]+"), Value(""), Value("g"), function="REGEXP_REPLACE"
    )
    return Lower(bara_bokstaver_och_siffror)


def _endast_siffror(falt: str):
    return Func(F(falt), Value("[^0-9]+"), Value(""), Value("g"), function="REGEXP_REPLACE")


# Swedish full-text search over what people search objects by; the organisation number also as
# bare digits, since it is written both with and without the hyphen.
SOKVEKTOR = (
    SearchVector("namn", weight="A", config="swedish")
    + SearchVector("referens", _endast_siffror("organisationsnummer"), weight="A", config="simple")
    + SearchVector("adress", "postort", weight="B", config="swedish")
)


# The generated columns are kept by the database itself; copying them into the history would
# only repeat what the tracked columns already hold.
@pghistory.track(exclude=["adress_normaliserad", "sokvektor"])
class Objekt(models.Model):
    class Status(models.TextChoices):
        FORESLAGET = "FORESLAGET", _("Föreslaget")
        UNDER_BEREDNING = "UNDER_BEREDNING", _("Under beredning")
        REDO = "REDO", _("Redo")
        PLANERAT = "PLANERAT", _("Planerat")
        KONTROLLERAT = "KONTROLLERAT", _("Kontrollerat")
        AVSLUTAT = "AVSLUTAT", _("Avslutat")
        AVFORT = "AVFORT", _("Avfört")

    class Kanslighet(models.TextChoices):
        NORMAL = "NORMAL", _("Normal")
        SKYDDAD = "SKYDDAD", _("Skyddad")

    POSITIONSDECIMALER = 6

    referens = models.CharField(_("referens"), max_length=20, unique=True)
    namn = models.CharField(_("namn"), max_length=200)
    objekttyp = models.CharField(_("objekttyp"), max_length=20, choices=Objekttyp.choices)
    organisationsnummer = models.CharField(
        _("organisationsnummer"),
        max_length=13,
        blank=True,
        validators=[validera_organisationsnummer],
    )
    adress = models.CharField(_("gatuadress"), max_length=200)
    postnummer = models.CharField(
        _("postnummer"), max_length=6, blank=True, validators=[validera_postnummer]
    )
    postort = models.CharField(_("postort"), max_length=100, blank=True)
    kommun = models.ForeignKey(Kommun, verbose_name=_("kommun"), on_delete=models.PROTECT)
    stadsomrade = models.ForeignKey(
        Stadsomrade,
        verbose_name=_("stadsområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    lpo = models.ForeignKey(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    utsatt_omrade = models.ForeignKey(
        UtsattOmrade,
        verbose_name=_("utsatt område"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    # WGS84, as a GPS or a web map gives it; six decimals are about ten centimetres.
    latitud = models.DecimalField(
        _("latitud"), max_digits=8, decimal_places=POSITIONSDECIMALER, null=True, blank=True
    )
    longitud = models.DecimalField(
        _("longitud"), max_digits=9, decimal_places=POSITIONSDECIMALER, null=True, blank=True
    )
    problemkategorier = models.ManyToManyField(
        Problemkategori, verbose_name=_("misstänkta problem"), blank=True
    )
    foreslaget_av_organisation = models.ForeignKey(
        Myndighet,
        verbose_name=_("föreslaget av organisation"),
        on_delete=models.PROTECT,
        related_name="foreslagna_objekt",
    )
    foreslaget_av_enhet = models.ForeignKey(
        Enhet,
        verbose_name=_("föreslaget av enhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    foreslaget_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("föreslaget av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    foreslaget_datum = models.DateField(_("föreslaget datum"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.FORESLAGET
    )
    reserv = models.BooleanField(_("reservobjekt"), default=False)
    kanslighet = models.CharField(
        _("känslighet"), max_length=10, choices=Kanslighet.choices, default=Kanslighet.NORMAL
    )
    dubblett_kvitterad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sparat trots möjlig dubblett av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dubblett_kvitterad = models.DateTimeField(
        _("sparat trots möjlig dubblett"), null=True, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    skapad = models.DateTimeField(_("skapad"), auto_now_add=True)
    andrad = models.DateTimeField(_("ändrad"), auto_now=True)
    adress_normaliserad = models.GeneratedField(
        expression=normaliserad_adress(F("adress")),
        output_field=models.CharField(max_length=200),
        db_persist=True,
    )
    sokvektor = models.GeneratedField(
        expression=SOKVEKTOR, output_field=SearchVectorField(), db_persist=True
    )

    class Meta:
        verbose_name = _("objekt")
        verbose_name_plural = _("objekt")
        ordering = ["namn"]
        indexes = [
            models.Index(fields=["organisationsnummer"], name="objekt_orgnr_idx"),
            models.Index(fields=["status"], name="objekt_status_idx"),
            models.Index(fields=["kommun", "adress_normaliserad"], name="objekt_adress_idx"),
            GinIndex(fields=["sokvektor"], name="objekt_sokvektor_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitud__isnull=True, longitud__isnull=True)
                | Q(latitud__isnull=False, longitud__isnull=False),
                name="objekt_position_hel",
            ),
            models.CheckConstraint(
                condition=Q(latitud__isnull=True)
                | Q(
                    latitud__gte=LATITUD_MIN,
                    latitud__lte=LATITUD_MAX,
                    longitud__gte=LONGITUD_MIN,
                    longitud__lte=LONGITUD_MAX,
                ),
                name="objekt_position_i_sverige",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.namn} ({self.referens})"

    def clean(self) -> None:
        super().clean()
        # A malformed value is left as it is: its field's validator reports it, once.
        with suppress(ValidationError):
            if self.organisationsnummer:
                self.organisationsnummer = normalisera_organisationsnummer(self.organisationsnummer)
        with suppress(ValidationError):
            if self.postnummer:
                self.postnummer = normalisera_postnummer(self.postnummer)
        self._kontrollera_position()

    def validate_constraints(self, exclude=None) -> None:
        # clean() checks the position as its CHECK constraints do, in words and without a query.
        super().validate_constraints(exclude={*(exclude or ()), "latitud", "longitud"})

    def _kontrollera_position(self) -> None:
        """Both coordinates or neither, inside Sweden (as the CHECK constraints have it)."""
        if (self.latitud is None) != (self.longitud is None):
            saknas = "longitud" if self.longitud is None else "latitud"
            raise ValidationError(
                {saknas: _("Ange både latitud och longitud, eller ingen av dem.")}
            )
        if self.latitud is None:
            return
        fel = {}
        if not LATITUD_MIN <= self.latitud <= LATITUD_MAX:
            fel["latitud"] = _(
                "Latituden ska ligga i Sverige, mellan %(min)s och %(max)s (till exempel 57.7089)."
            ) % {"min": LATITUD_MIN, "max": LATITUD_MAX}
        if not LONGITUD_MIN <= self.longitud <= LONGITUD_MAX:
            fel["longitud"] = _(
                "Longituden ska ligga i Sverige, mellan %(min)s och %(max)s (till exempel 11.9746)."
            ) % {"min": LONGITUD_MIN, "max": LONGITUD_MAX}
        if fel:
            raise ValidationError(fel)


@pghistory.track()
class Myndighetsintresse(models.Model):
    """An agency's judgement of whether an object is relevant for it."""

    class Relevans(models.TextChoices):
        RELEVANT = "RELEVANT", _("Relevant för oss")
        EJ_RELEVANT = "EJ_RELEVANT", _("Inte relevant för oss")
        OKANT = "OKANT", _("Ej bedömt")

    objekt = models.ForeignKey(
        Objekt, verbose_name=_("objekt"), on_delete=models.CASCADE, related_name="intressen"
    )
    organisation = models.ForeignKey(
        Myndighet, verbose_name=_("organisation"), on_delete=models.PROTECT
    )
    relevans = models.CharField(
        _("relevans"), max_length=20, choices=Relevans.choices, default=Relevans.OKANT
    )
    grund = models.TextField(_("motivering"), blank=True)
    lagstod = models.CharField(_("lagstöd"), max_length=300, blank=True)
    bedomd_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bedömd av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    datum = models.DateTimeField(_("bedömd"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("myndighetsintresse")
        verbose_name_plural = _("myndighetsintressen")
        constraints = [
            models.UniqueConstraint(
                fields=["objekt", "organisation"], name="myndighetsintresse_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.objekt} – {self.get_relevans_display()}"


@pghistory.track()
class Informationsmall(models.Model):
    """A standardized information template per agency and object type."""

    organisation = models.ForeignKey(
        Myndighet, verbose_name=_("organisation"), on_delete=models.PROTECT
    )
    objekttyp = models.CharField(_("objekttyp"), max_length=20, choices=Objekttyp.choices)
    version = models.PositiveIntegerField(_("version"), default=1)
    faltdefinition = models.JSONField(
        _("fältdefinition"),
        default=list,
        help_text=_("Lista med fält: namn, etikett, typ och om fältet är obligatoriskt."),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("informationsmall")
        verbose_name_plural = _("informationsmallar")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "objekttyp", "version"], name="informationsmall_unik"
            ),
            # The template a proposal uses must be unambiguous.
            models.UniqueConstraint(
                fields=["organisation", "objekttyp"],
                condition=Q(aktiv=True),
                name="informationsmall_en_aktiv",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_objekttyp_display()} v{self.version}"

    def clean(self) -> None:
        super().clean()
        validera_faltdefinition(self.faltdefinition)


@pghistory.track()
class Objektuppgift(models.Model):
    """Information an agency holds about an object; visible to its owner until released."""

    class Sekretessniva(models.TextChoices):
        INTERN = "INTERN", _("Intern")
        FRISLAPPBAR = "FRISLAPPBAR", _("Kan frisläppas")

    objekt = models.ForeignKey(
        Objekt, verbose_name=_("objekt"), on_delete=models.CASCADE, related_name="uppgifter"
    )
    organisation = models.ForeignKey(
        Myndighet, verbose_name=_("ägande organisation"), on_delete=models.PROTECT
    )
    mall = models.ForeignKey(
        Informationsmall,
        verbose_name=_("mall"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    innehall = models.JSONField(_("innehåll"), default=dict)
    sekretessniva = models.CharField(
        _("sekretessnivå"),
        max_length=20,
        choices=Sekretessniva.choices,
        default=Sekretessniva.INTERN,
    )
    upprattad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("upprättad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    skapad = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("objektuppgift")
        verbose_name_plural = _("objektuppgifter")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.objekt}"

    def rader(self) -> list[tuple[str, str]]:
        """(label, value) pairs to show, in the order of the template the answers were given in."""
        return visningsrader(self.mall.faltdefinition if self.mall else [], self.innehall)
