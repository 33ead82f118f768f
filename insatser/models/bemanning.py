"""Police staffing: requests to one LPO and the named officers (police-internal)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatser.models.insats import Insats, Installningsorsak
from insatser.workflow import BemanningStatus
from karna.tid import DATUM, tidsgranskontroll, validera_tidpunkt
from myndigheter.models import (
    Enhet,
    Lokalpolisomrade,
)


@pghistory.track()
class Bemanningsbegaran(models.Model):
    """A request for police staffing sent to the operational coordinator of one LPO."""

    class Kompetens(models.TextChoices):
        INSATSPOLIS = "INSATSPOLIS", _("Insatspolis")
        GRANSPOLIS = "GRANSPOLIS", _("Gränspolis")
        OVRIG = "OVRIG", _("Övrig")

    Status = BemanningStatus

    insats = models.ForeignKey(
        Insats,
        verbose_name=_("insats"),
        on_delete=models.CASCADE,
        related_name="bemanningsbegaranden",
    )
    lpo = models.ForeignKey(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        related_name="bemanningsbegaranden",
    )
    begarande_enhet = models.ForeignKey(
        Enhet, verbose_name=_("begärande enhet"), on_delete=models.PROTECT, null=True, blank=True
    )
    begart_antal = models.PositiveSmallIntegerField(_("begärt antal poliser"))
    kompetenser = ArrayField(
        models.CharField(max_length=20, choices=Kompetens.choices),
        verbose_name=_("kompetenser"),
        default=list,
        blank=True,
    )
    onskade_insatspoliser = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("önskade insatspoliser"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BemanningStatus.choices, default=BemanningStatus.UTKAST
    )
    svarsfrist = models.DateField(
        _("svara senast"), null=True, blank=True, validators=[validera_tidpunkt]
    )
    bekraftat_antal = models.PositiveSmallIntegerField(_("bekräftat antal"), null=True, blank=True)
    besvarad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvarad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    besvarad = models.DateTimeField(_("besvarad"), null=True, blank=True)
    aterkallad_orsak = models.ForeignKey(
        Installningsorsak,
        verbose_name=_("orsak till återkallelse"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    intern_anteckning = models.TextField(
        _("intern anteckning (endast polis)"),
        blank=True,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    # When the police and the coordinators were reminded that the answer is due: once per request.
    paminnelse_skickad = models.DateTimeField(_("påminnelse skickad"), null=True, blank=True)

    class Meta:
        verbose_name = _("bemanningsbegäran")
        verbose_name_plural = _("bemanningsbegäranden")
        ordering = ["insats__start"]
        constraints = [
            models.UniqueConstraint(
                fields=["insats", "lpo"],
                condition=Q(status__in=["UTKAST", "SKICKAD", "BEKRAFTAD", "DELVIS_BEKRAFTAD"]),
                name="bemanningsbegaran_en_aktiv_per_lpo",
            ),
            models.CheckConstraint(
                condition=Q(begart_antal__gt=0), name="bemanningsbegaran_antal_positivt"
            ),
            tidsgranskontroll("svarsfrist", "bemanningsbegaran", DATUM),
        ]

    def __str__(self) -> str:
        return f"{self.insats.referens} → {self.lpo}"

    def get_kompetenser_display(self) -> str:
        return ", ".join(str(self.Kompetens(k).label) for k in self.kompetenser)


@pghistory.track()
class Polisbemanning(models.Model):
    """A named police officer assigned to an operation (police-internal)."""

    class Roll(models.TextChoices):
        INSATSLEDARE = "INSATSLEDARE", _("Insatsledare")
        INSATSPOLIS = "INSATSPOLIS", _("Insatspolis")
        GRANSPOLIS = "GRANSPOLIS", _("Gränspolis")

    begaran = models.ForeignKey(
        Bemanningsbegaran,
        verbose_name=_("bemanningsbegäran"),
        on_delete=models.CASCADE,
        related_name="poliser",
    )
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("polis"),
        on_delete=models.PROTECT,
        related_name="polisuppdrag",
    )
    roll = models.CharField(
        _("roll"), max_length=20, choices=Roll.choices, default=Roll.INSATSPOLIS
    )

    class Meta:
        verbose_name = _("polisbemanning")
        verbose_name_plural = _("polisbemanningar")
        constraints = [
            models.UniqueConstraint(fields=["begaran", "anvandare"], name="polisbemanning_unik")
        ]

    def __str__(self) -> str:
        return f"{self.anvandare} – {self.begaran}"
