"""Outcome types and the improvement areas evaluations find."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
    """An improvement area found when an operation was evaluated, carried to later operations.

    Linked to the object it concerns, if any, so that the object's history and the briefings of
    later operations on the object show it until it is resolved.
    """

    class Status(models.TextChoices):
        OPPEN = "OPPEN", _("Öppen")
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
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]
