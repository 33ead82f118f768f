"""Imports of objects from a CSV or Excel file: progress and the row-by-row report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from myndigheter.models import Myndighet
from objekt.models.objekt import Objekt


class Objektimport(models.Model):
    """One uploaded file; a Celery task creates its rows, each in its own transaction."""

    class Status(models.TextChoices):
        VANTAR = "VANTAR", _("Väntar")
        PAGAR = "PAGAR", _("Pågår")
        KLAR = "KLAR", _("Klar")
        MISSLYCKAD = "MISSLYCKAD", _("Misslyckad")

    organisation = models.ForeignKey(
        Myndighet, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    uppladdad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uppladdad av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    fil = models.FileField(_("fil"), upload_to="objektimport/%Y/%m/")
    filnamn = models.CharField(_("filnamn"), max_length=255)
    importera_dubbletter = models.BooleanField(_("importera även möjliga dubbletter"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VANTAR
    )
    totalt_rader = models.PositiveIntegerField(_("rader i filen"), default=0)
    behandlade = models.PositiveIntegerField(_("behandlade rader"), default=0)
    skapade = models.PositiveIntegerField(_("skapade objekt"), default=0)
    ignorerade_kolumner = models.JSONField(_("ignorerade kolumner"), default=list)
    felmeddelande = models.TextField(_("felmeddelande"), blank=True)
    skapad = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    klar = models.DateTimeField(_("klar"), null=True, blank=True)

    class Meta:
        verbose_name = _("objektimport")
        verbose_name_plural = _("objektimporter")
        ordering = ["-skapad", "-pk"]

    def __str__(self) -> str:
        return f"{self.filnamn} ({self.get_status_display()})"

    @property
    def procent(self) -> int:
        return 100 * self.behandlade // self.totalt_rader if self.totalt_rader else 0


class Importrad(models.Model):
    """The outcome of one row of the file; its existence means the row is done."""

    class Utfall(models.TextChoices):
        SKAPAD = "SKAPAD", _("Skapad")
        FEL = "FEL", _("Fel")
        DUBBLETT = "DUBBLETT", _("Möjlig dubblett, inte importerad")

    objektimport = models.ForeignKey(
        Objektimport, verbose_name=_("import"), on_delete=models.CASCADE, related_name="rader"
    )
    radnummer = models.PositiveIntegerField(_("rad"))
    utfall = models.CharField(_("utfall"), max_length=20, choices=Utfall.choices)
    objekt = models.ForeignKey(
        Objekt,
        verbose_name=_("objekt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # [{"kolumn": "...", "meddelande": "..."}], in Swedish, for the report.
    fel = models.JSONField(_("fel"), default=list)

    class Meta:
        verbose_name = _("importrad")
        verbose_name_plural = _("importrader")
        ordering = ["radnummer"]
        constraints = [
            models.UniqueConstraint(fields=["objektimport", "radnummer"], name="importrad_unik")
        ]

    def __str__(self) -> str:
        return f"{self.objektimport_id}:{self.radnummer} {self.utfall}"
