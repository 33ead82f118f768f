"""A participant's request for information held by another participating agency.

The request names an object of the operation (or none: the operation in general) and is answered
with a note and, normally, the release of an information block to the asker (``Frislappning``),
or declined with a reason the asker reads (secrecy, say). Only the two organisations and the
operation's coordinators learn of it (``insatser/access/uppgiftsbegaran.py``).
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatser.models.frislappning import Frislappning
from insatser.models.insats import Insats
from insatser.workflow import UppgiftsbegaranStatus
from myndigheter.models import Myndighet
from objekt.models import Objekt


@pghistory.track()
class Uppgiftsbegaran(models.Model):
    """One agency's question to another participating agency about an object or the operation."""

    insats = models.ForeignKey(
        Insats,
        verbose_name=_("insats"),
        on_delete=models.CASCADE,
        related_name="uppgiftsbegaranden",
    )
    objekt = models.ForeignKey(
        Objekt,
        verbose_name=_("objekt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fragande_organisation = models.ForeignKey(
        Myndighet,
        verbose_name=_("frågande organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    fragad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frågad av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    tillfragad_organisation = models.ForeignKey(
        Myndighet,
        verbose_name=_("tillfrågad organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    fraga = models.TextField(_("fråga"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=UppgiftsbegaranStatus.choices,
        default=UppgiftsbegaranStatus.OPPEN,
    )
    svarstext = models.TextField(_("svar"), blank=True)
    frislappning = models.ForeignKey(
        Frislappning,
        verbose_name=_("frisläppning som besvarar frågan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    besvarad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besvarad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    besvarad = models.DateTimeField(_("besvarad"), null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)

    class Meta:
        verbose_name = _("begäran om uppgifter")
        verbose_name_plural = _("begäranden om uppgifter")
        ordering = ["-skapad", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(fragande_organisation=models.F("tillfragad_organisation")),
                name="uppgiftsbegaran_inte_till_sig_sjalv",
            ),
            models.CheckConstraint(
                condition=Q(status=UppgiftsbegaranStatus.OPPEN) | Q(besvarad__isnull=False),
                name="uppgiftsbegaran_besvarad_har_tid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fragande_organisation} → {self.tillfragad_organisation} ({self.insats})"
