"""What a wheel holds for a year: events (meetings, deadlines, operation windows) and blackouts."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arshjul.models.hjul import Arshjul, Aterkommanderegel, Samverkansorgan
from arshjul.models.val import TIDSATTA_TYPER, Handelsetyp, Niva
from karna.tid import DATUM, TIDPUNKT, tidsgranskontroll, validera_tidpunkt
from myndigheter.models import Enhet, Lokalpolisomrade, Myndighet, Polisregion


class Genererad(models.Model):
    """A row a rule may have generated: the build upserts it by rule, year and occurrence.

    A row created or edited by hand (``handredigerad``) is never changed by a build.
    """

    regel = models.ForeignKey(
        Aterkommanderegel,
        verbose_name=_("regel"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    forekomst = models.PositiveSmallIntegerField(_("förekomst"), null=True, blank=True)
    handredigerad = models.BooleanField(_("ändrad för hand"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    andrad = models.DateTimeField(_("ändrad"), default=timezone.now)

    class Meta:
        abstract = True


@pghistory.track()
class Arshjulshandelse(Genererad):
    """One event on a wheel: a meeting of a body, a deadline, an operation window, ..."""

    Typ = Handelsetyp

    arshjul = models.ForeignKey(
        Arshjul, verbose_name=_("årshjul"), on_delete=models.CASCADE, related_name="handelser"
    )
    typ = models.CharField(_("typ"), max_length=20, choices=Handelsetyp.choices)
    titel = models.CharField(_("titel"), max_length=200)
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    start = models.DateTimeField(_("start"), validators=[validera_tidpunkt])
    slut = models.DateTimeField(_("slut"), validators=[validera_tidpunkt])
    heldag = models.BooleanField(_("heldagsmöte"), default=False)
    organ = models.ForeignKey(
        Samverkansorgan,
        verbose_name=_("organ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handelser",
    )
    ordforande_org = models.ForeignKey(
        Myndighet,
        verbose_name=_("ordförande"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ordforande_funktion = models.CharField(_("ordförandens funktion"), max_length=200, blank=True)
    antecknare_org = models.ForeignKey(
        Myndighet,
        verbose_name=_("antecknare"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    antecknare_funktion = models.CharField(_("antecknarens funktion"), max_length=200, blank=True)
    lpo = models.ForeignKey(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kapacitet = models.PositiveSmallIntegerField(
        _("planerat antal insatser"), null=True, blank=True
    )
    planeringsnotis = models.CharField(_("planeringsnotis"), max_length=300, blank=True)
    deltagande_enheter = models.ManyToManyField(
        Enhet, verbose_name=_("deltagande enheter"), blank=True, related_name="+"
    )
    deltagare = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("deltagare"), blank=True, related_name="+"
    )
    beroende_av = models.ForeignKey(
        "self",
        verbose_name=_("kommer efter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    installd = models.BooleanField(_("inställd"), default=False)

    class Meta:
        verbose_name = _("årshjulshändelse")
        verbose_name_plural = _("årshjulshändelser")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["arshjul", "ar", "typ"], name="handelse_hjul_ar_typ_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(slut__gt=F("start")), name="handelse_slut_efter"),
            tidsgranskontroll("start", "arshjulshandelse", TIDPUNKT),
            tidsgranskontroll("slut", "arshjulshandelse", TIDPUNKT),
            models.UniqueConstraint(
                fields=["regel", "ar", "forekomst"],
                condition=Q(regel__isnull=False),
                name="handelse_en_per_forekomst",
            ),
            models.CheckConstraint(
                condition=~Q(typ=Handelsetyp.INSATSFONSTER) | Q(lpo__isnull=False),
                name="handelse_fonster_kraver_lpo",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} {timezone.localtime(self.start):%Y-%m-%d}"

    @property
    def tidsatt(self) -> bool:
        return self.typ in TIDSATTA_TYPER


@pghistory.track()
class Begransningsperiod(Genererad):
    """A period of reduced police capacity (Christmas, New Year, summer, a large event)."""

    Niva = Niva

    arshjul = models.ForeignKey(
        Arshjul,
        verbose_name=_("årshjul"),
        on_delete=models.CASCADE,
        related_name="begransningar",
    )
    namn = models.CharField(_("namn"), max_length=200)
    fran = models.DateField(_("från och med"), validators=[validera_tidpunkt])
    till = models.DateField(_("till och med"), validators=[validera_tidpunkt])
    niva = models.CharField(_("nivå"), max_length=20, choices=Niva.choices)
    kapacitet_procent = models.PositiveSmallIntegerField(
        _("kvarvarande kapacitet i procent"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Vid varning: hur stor del av ett insatsfönsters kapacitet som finns kvar."),
    )
    lpo = models.ForeignKey(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    polisregion = models.ForeignKey(
        Polisregion,
        verbose_name=_("polisregion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beskrivning = models.TextField(_("beskrivning"), blank=True)

    class Meta:
        verbose_name = _("begränsningsperiod")
        verbose_name_plural = _("begränsningsperioder")
        ordering = ["fran", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(till__gte=F("fran")), name="begransning_ordning"),
            tidsgranskontroll("fran", "begransningsperiod", DATUM),
            tidsgranskontroll("till", "begransningsperiod", DATUM),
            models.UniqueConstraint(
                fields=["regel", "ar", "forekomst"],
                condition=Q(regel__isnull=False),
                name="begransning_en_per_forekomst",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.namn} {self.fran:%Y-%m-%d}–{self.till:%Y-%m-%d}"
