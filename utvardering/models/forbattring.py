"""Outcome types and the improvement areas (items of the improvement plan) evaluations find."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karna.tid import DATUM, tidsgranskontroll, validera_tidpunkt
from myndigheter.models import KodModell


@pghistory.track()
class Resultattyp(KodModell):
    """A kind of outcome reported after an operation (seizure, tax increase, injunction, ...)."""

    namn_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    enhet = models.CharField(_("enhet"), max_length=100, blank=True)
    exempel_organisation = models.CharField(
        _("exempel på organisation"), max_length=200, blank=True
    )
    ar_uppskattning = models.BooleanField(_("är normalt en uppskattning"), default=False)

    class Meta(KodModell.Meta):
        verbose_name = _("resultattyp")
        verbose_name_plural = _("resultattyper")


@pghistory.track()
class Forbattringsomrade(models.Model):
    """An improvement area found when an operation was evaluated, carried to later operations:
    an item of the improvement plan, followed by its responsible organisation until resolved.

    Linked to what it concerns (an object, an area, a collaboration form, agencies), so that the
    object's history, the briefings of later operations and the pages of operations planned with
    the same objects, area or agencies show it until it is resolved.
    """

    class Status(models.TextChoices):
        OPPEN = "OPPEN", _("Öppen")
        PAGAENDE = "PAGAENDE", _("Pågående")
        ATGARDAD = "ATGARDAD", _("Åtgärdad")

    insats = models.ForeignKey(
        "insatser.Insats",
        verbose_name=_("insats"),
        on_delete=models.PROTECT,
        related_name="forbattringsomraden",
    )
    objekt = models.ForeignKey(
        "objekt.Objekt",
        verbose_name=_("objekt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forbattringsomraden",
    )
    text = models.TextField(_("förbättringsområde"))
    ansvarig_organisation = models.ForeignKey(
        "myndigheter.Myndighet",
        verbose_name=_("ansvarig organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ansvarig_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarig person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    startdatum = models.DateField(
        _("startdatum"), null=True, blank=True, validators=[validera_tidpunkt]
    )
    slutdatum = models.DateField(
        _("klart senast"), null=True, blank=True, validators=[validera_tidpunkt]
    )
    stadsomrade = models.ForeignKey(
        "myndigheter.Stadsomrade",
        verbose_name=_("stadsområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    utsatt_omrade = models.ForeignKey(
        "myndigheter.UtsattOmrade",
        verbose_name=_("utsatt område"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    samverkansform = models.ForeignKey(
        "myndigheter.Samverkansform",
        verbose_name=_("samverkansform"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    myndigheter = models.ManyToManyField(
        "myndigheter.Myndighet",
        verbose_name=_("gäller myndigheter"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPPEN
    )
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    skapad = models.DateTimeField(_("registrerad"), default=timezone.now)
    atgardad = models.DateTimeField(_("åtgärdad"), null=True, blank=True)

    class Meta:
        verbose_name = _("förbättringsområde")
        verbose_name_plural = _("förbättringsområden")
        ordering = ["-skapad", "pk"]
        indexes = [models.Index(fields=["objekt", "status"], name="forbattring_objekt_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ATGARDAD") | models.Q(atgardad__isnull=False),
                name="forbattringsomrade_atgardad_har_tid",
            ),
            models.CheckConstraint(
                condition=models.Q(slutdatum__isnull=True)
                | models.Q(startdatum__isnull=True)
                | models.Q(slutdatum__gte=models.F("startdatum")),
                name="forbattringsomrade_slut_efter_start",
            ),
            tidsgranskontroll("startdatum", "forbattringsomrade", DATUM),
            tidsgranskontroll("slutdatum", "forbattringsomrade", DATUM),
        ]

    def __str__(self) -> str:
        return self.text[:60]
