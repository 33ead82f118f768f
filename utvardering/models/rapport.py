"""The evaluation report (utvärderingsrapport): one PDF per joint evaluation, reading organisation
and version, and the state of the report's build.

A report is written for an audience, never for one person: the people of one organisation that
took part. Each version records the data it was built from (a fingerprint), so an unchanged
audience is not rendered again, and which outcomes, agency evaluations and feedback it shows, so
that a download can check that the reader may see each of them.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RapportStatus(models.TextChoices):
    AKTUELL = "AKTUELL", _("Aktuell")
    INAKTUELL = "INAKTUELL", _("Inaktuell")
    OGILTIG = "OGILTIG", _("Ogiltig, ersatt")


class RapportbyggeStatus(models.TextChoices):
    VANTAR = "VANTAR", _("Väntar på bygge")
    BYGGER = "BYGGER", _("Byggs")
    KLAR = "KLAR", _("Klar")
    MISSLYCKAD = "MISSLYCKAD", _("Misslyckades")


def _filnamn(rapport: Utvarderingsrapport, filnamn: str) -> str:
    return f"utvarderingsrapporter/{rapport.utvardering_id}/{filnamn}"


class Utvarderingsrapport(models.Model):
    """One version of the evaluation report of one operation for one participating organisation."""

    Status = RapportStatus

    utvardering = models.ForeignKey(
        "utvardering.Gemensamutvardering",
        verbose_name=_("gemensam utvärdering"),
        on_delete=models.CASCADE,
        related_name="rapporter",
    )
    organisation = models.ForeignKey(
        "myndigheter.Myndighet",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Organisationen som rapporten är skriven för."),
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AKTUELL
    )
    fil = models.FileField(_("fil"), upload_to=_filnamn, max_length=300)
    kontrollsumma = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    dataversion = models.CharField(_("dataversion"), max_length=64)
    sidantal = models.PositiveSmallIntegerField(_("antal sidor"))
    byggd = models.DateTimeField(_("byggd"), default=timezone.now)
    # What the file discloses one by one: a download checks that the reader may see each.
    utfall_ids = ArrayField(models.PositiveIntegerField(), default=list, blank=True)
    myndighetsutvardering_ids = ArrayField(models.PositiveIntegerField(), default=list, blank=True)
    aterkoppling_ids = ArrayField(models.PositiveIntegerField(), default=list, blank=True)

    class Meta:
        verbose_name = _("utvärderingsrapport")
        verbose_name_plural = _("utvärderingsrapporter")
        ordering = ["utvardering", "organisation", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["utvardering", "organisation", "version"], name="utvrapport_version_unik"
            ),
            models.UniqueConstraint(
                fields=["utvardering", "organisation"],
                condition=~Q(status="OGILTIG"),
                name="utvrapport_en_giltig_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.utvardering} {self.organisation} v{self.version}"


class Rapportbygge(models.Model):
    """The build state of one joint evaluation's reports.

    ``nummer`` counts the requests: a task builds only for the number it was enqueued with, so a
    repeated or redelivered task for a request already built does nothing.
    """

    Status = RapportbyggeStatus

    utvardering = models.OneToOneField(
        "utvardering.Gemensamutvardering",
        verbose_name=_("gemensam utvärdering"),
        on_delete=models.CASCADE,
        related_name="rapportbygge",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VANTAR
    )
    nummer = models.PositiveIntegerField(_("begäran nummer"), default=0)
    begard = models.DateTimeField(_("senast begärt"), default=timezone.now)
    klar = models.DateTimeField(_("klart"), null=True, blank=True)
    fel = models.TextField(_("fel"), blank=True)

    class Meta:
        verbose_name = _("rapportbygge")
        verbose_name_plural = _("rapportbyggen")

    def __str__(self) -> str:
        return f"{self.utvardering_id}: {self.get_status_display()} (#{self.nummer})"

    @property
    def pagar(self) -> bool:
        return self.status in {self.Status.VANTAR, self.Status.BYGGER}
