"""Who to call on the day: the function phone of a participant and the police commander on site.

Contact details here are of FUNCTIONS (an organisation's duty phone or switchboard, the police
commander on site), never of a person: the briefings may show them to every reader.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatser.models.insats import Insats
from insatser.models.telefon import telefonfalt
from myndigheter.models import Lokalpolisomrade


@pghistory.track()
class Polisbefal(models.Model):
    """The police commander function on site for the officers one LPO sends, with its phone.

    One per operation and LPO: the operational coordinator of the LPO names it once staffing is
    requested, and it stays when a declined request is sent again."""

    insats = models.ForeignKey(
        Insats, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="polisbefal"
    )
    lpo = models.ForeignKey(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    funktion = models.CharField(
        _("befälsfunktion"),
        max_length=200,
        help_text=_("Funktionen, inte en persons namn, till exempel ”Yttre befäl LPO City”."),
    )
    telefon = telefonfalt()
    version = models.PositiveIntegerField(_("version"), default=1)
    andrad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    andrad = models.DateTimeField(_("ändrad"), default=timezone.now)

    class Meta:
        verbose_name = _("polisbefäl")
        verbose_name_plural = _("polisbefäl")
        constraints = [
            models.UniqueConstraint(fields=["insats", "lpo"], name="polisbefal_ett_per_lpo")
        ]

    def __str__(self) -> str:
        return f"{self.funktion} ({self.lpo})"
