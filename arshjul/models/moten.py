"""What a held meeting leaves behind, next to its event on the wheel: who attended, the minutes,
and the actions agreed (each with an owner, a due date and a status)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arshjul.models.handelser import Arshjulshandelse
from arshjul.workflow import AtgardStatus
from karna.tid import DATUM, tidsgranskontroll, validera_tidpunkt
from myndigheter.models import Myndighet


@pghistory.track()
class Motesprotokoll(models.Model):
    """The record of one meeting event: attendees (people and organisations) and the minutes.

    The minutes are read by the attendees' organisations and the organiser, or by everyone who
    sees the meeting once ``delas`` is set (``arshjul.access.PROTOKOLL_POLICY``)."""

    handelse = models.OneToOneField(
        Arshjulshandelse,
        verbose_name=_("möte"),
        on_delete=models.CASCADE,
        related_name="protokoll",
    )
    narvarande = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("närvarande"), blank=True, related_name="+"
    )
    narvarande_organisationer = models.ManyToManyField(
        Myndighet, verbose_name=_("närvarande organisationer"), blank=True, related_name="+"
    )
    text = models.TextField(_("protokoll"), blank=True)
    delas = models.BooleanField(
        _("delas med alla som ser mötet"),
        default=False,
        help_text=_("Annars läses protokollet bara av de närvarande organisationerna."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    andrad = models.DateTimeField(_("ändrad"), default=timezone.now)
    andrad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrad av"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mötesprotokoll")
        verbose_name_plural = _("mötesprotokoll")

    def __str__(self) -> str:
        return str(self.handelse)


@pghistory.track()
class Atgard(models.Model):
    """An action agreed at a meeting: its owner closes it when done (so may the organiser)."""

    Status = AtgardStatus

    protokoll = models.ForeignKey(
        Motesprotokoll,
        verbose_name=_("protokoll"),
        on_delete=models.CASCADE,
        related_name="atgarder",
    )
    text = models.CharField(_("åtgärd"), max_length=500)
    ansvarig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarig"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    senast = models.DateField(_("klar senast"), validators=[validera_tidpunkt])
    status = models.CharField(_("status"), max_length=10, choices=AtgardStatus.choices)
    stangd = models.DateTimeField(_("klarmarkerad"), null=True, blank=True)
    stangd_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("klarmarkerad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["senast", "pk"]
        indexes = [models.Index(fields=["ansvarig", "status"], name="atgard_ansvarig_status_idx")]
        constraints = [tidsgranskontroll("senast", "atgard", DATUM)]

    def __str__(self) -> str:
        return self.text
