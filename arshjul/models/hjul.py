"""Wheels, the collaboration bodies on them and the recurrence rules that fill them."""

from __future__ import annotations

from datetime import time

import pghistory
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from arshjul.models.val import REGELTYP_VAL, Niva, Organniva, Regeltyp, Rotationsslag
from myndigheter.models import (
    Enhet,
    Kallhanvisning,
    KodManager,
    Lokalpolisomrade,
    Myndighet,
    Polisregion,
)


@pghistory.track()
class Arshjul(Kallhanvisning):
    """A planning wheel owned by one organisation, viewed one year at a time."""

    kod = models.SlugField(_("kod"), max_length=60, unique=True)
    namn = models.CharField(_("namn"), max_length=200)
    agare = models.ForeignKey(
        Myndighet, verbose_name=_("ägare"), on_delete=models.PROTECT, related_name="arshjul"
    )
    lpoer = models.ManyToManyField(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområden"),
        blank=True,
        related_name="arshjul",
        help_text=_("De lokalpolisområden vars insatsfönster hjulet planerar."),
    )
    beskrivning = models.TextField(_("beskrivning"), blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)

    objects = KodManager()

    class Meta:
        verbose_name = _("årshjul")
        verbose_name_plural = _("årshjul")
        ordering = ["namn"]

    def __str__(self) -> str:
        return self.namn

    def natural_key(self):
        return (self.kod,)


@pghistory.track()
class Samverkansorgan(Kallhanvisning):
    """A body that meets on the wheel, e.g. Ledningsgrupp Trygg i Göteborg."""

    kod = models.SlugField(_("kod"), max_length=60, unique=True)
    namn = models.CharField(_("namn"), max_length=200)
    niva = models.CharField(_("nivå"), max_length=20, choices=Organniva.choices)
    medlemmar = models.ManyToManyField(
        Myndighet, verbose_name=_("medlemsorganisationer"), blank=True, related_name="+"
    )
    enheter = models.ManyToManyField(
        Enhet,
        verbose_name=_("medlemsenheter"),
        blank=True,
        related_name="+",
        help_text=_("Enheter som deltar i varje möte; används för kollisionskontrollen."),
    )
    lpo = models.ForeignKey(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = KodManager()

    class Meta:
        verbose_name = _("samverkansorgan")
        verbose_name_plural = _("samverkansorgan")
        ordering = ["namn"]

    def __str__(self) -> str:
        return self.namn

    def natural_key(self):
        return (self.kod,)


class RotationsplatsManager(models.Manager):
    def get_by_natural_key(self, organ_kod, slag, ordning):
        return self.get(organ__kod=organ_kod, slag=slag, ordning=ordning)


@pghistory.track()
class Rotationsplats(Kallhanvisning):
    """One place in a body's ordered chair or note-taker rotation."""

    organ = models.ForeignKey(
        Samverkansorgan,
        verbose_name=_("organ"),
        on_delete=models.CASCADE,
        related_name="rotation",
    )
    slag = models.CharField(_("uppdrag"), max_length=20, choices=Rotationsslag.choices)
    ordning = models.PositiveSmallIntegerField(_("ordning"))
    organisation = models.ForeignKey(
        Myndighet, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    funktion = models.CharField(
        _("funktion"),
        max_length=200,
        blank=True,
        help_text=_("Vilken funktion som har uppdraget, t.ex. planeringsledare."),
    )

    objects = RotationsplatsManager()

    class Meta:
        verbose_name = _("rotationsplats")
        verbose_name_plural = _("rotationsplatser")
        ordering = ["organ", "slag", "ordning"]
        constraints = [
            models.UniqueConstraint(
                fields=["organ", "slag", "ordning"], name="rotationsplats_unik_ordning"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organ}: {self.get_slag_display()} {self.ordning}"

    def natural_key(self):
        return (self.organ.kod, self.slag, self.ordning)

    natural_key.dependencies = ["arshjul.samverkansorgan"]


@pghistory.track()
class Aterkommanderegel(Kallhanvisning):
    """A cadence the build expands into events or blackout periods for each year."""

    kod = models.SlugField(_("kod"), max_length=80, unique=True)
    namn = models.CharField(_("namn"), max_length=200)
    arshjul = models.ForeignKey(
        Arshjul, verbose_name=_("årshjul"), on_delete=models.PROTECT, related_name="regler"
    )
    typ = models.CharField(_("skapar"), max_length=20, choices=REGELTYP_VAL)
    organ = models.ForeignKey(
        Samverkansorgan,
        verbose_name=_("organ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regler",
    )
    regeltyp = models.CharField(_("regeltyp"), max_length=20, choices=Regeltyp.choices)
    antal = models.PositiveSmallIntegerField(
        _("antal per år"), default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    heldag_antal = models.PositiveSmallIntegerField(_("varav heldagar"), default=0)
    intervall_ar = models.PositiveSmallIntegerField(_("vart n:e år"), null=True, blank=True)
    ankarar = models.PositiveSmallIntegerField(_("ankarår"), null=True, blank=True)
    foredragna_manader = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(12)]),
        verbose_name=_("föredragna månader"),
        default=list,
        blank=True,
    )
    fran_manad = models.PositiveSmallIntegerField(_("från månad"), null=True, blank=True)
    fran_dag = models.PositiveSmallIntegerField(_("från dag"), null=True, blank=True)
    till_manad = models.PositiveSmallIntegerField(_("till månad"), null=True, blank=True)
    till_dag = models.PositiveSmallIntegerField(_("till dag"), null=True, blank=True)
    veckodag = models.PositiveSmallIntegerField(
        _("veckodag"),
        default=2,
        validators=[MaxValueValidator(4)],
        help_text=_("0 = måndag … 4 = fredag."),
    )
    starttid = models.TimeField(_("starttid"), default=time(9, 0))
    langd_minuter = models.PositiveSmallIntegerField(_("längd i minuter"), default=120)
    langd_dagar = models.PositiveSmallIntegerField(_("längd i dagar"), default=5)
    lpo = models.ForeignKey(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kapacitet = models.PositiveSmallIntegerField(
        _("kapacitet (antal insatser)"), null=True, blank=True
    )
    niva = models.CharField(_("nivå"), max_length=20, choices=Niva.choices, blank=True)
    kapacitet_procent = models.PositiveSmallIntegerField(
        _("kvarvarande kapacitet i procent"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    polisregion = models.ForeignKey(
        Polisregion,
        verbose_name=_("polisregion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beroende_av = models.ForeignKey(
        "self",
        verbose_name=_("kommer efter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beroende",
    )
    min_dagar_efter = models.PositiveSmallIntegerField(_("minst antal dagar efter"), default=7)
    anmarkning = models.TextField(
        _("anmärkning"),
        blank=True,
        help_text=_("Vad som är antaget eller förval och inte står i källan."),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = KodManager()

    class Meta:
        verbose_name = _("återkommande regel")
        verbose_name_plural = _("återkommande regler")
        ordering = ["arshjul", "namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(heldag_antal__lte=F("antal")), name="regel_heldagar_hogst_antal"
            ),
            models.CheckConstraint(
                condition=~Q(regeltyp=Regeltyp.INTERVALL_AR)
                | Q(intervall_ar__gte=2, ankarar__isnull=False),
                name="regel_intervall_kraver_ankarar",
            ),
        ]

    def __str__(self) -> str:
        return self.namn

    def natural_key(self):
        return (self.kod,)
