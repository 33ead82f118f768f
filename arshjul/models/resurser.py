"""What each organisation pledges to an operation window, so the planned operations can be
staffed: people on each operation day, person-days over the window, or both."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arshjul.models.handelser import Arshjulshandelse
from myndigheter.models import Myndighet


@pghistory.track()
class Resurslofte(models.Model):
    """One organisation's pledge to one operation window (the verbs take no other event). The
    operations planned in the window are compared with it
    (``arshjul.tillagg.Insatskalla.behov_i_fonster``) and warn when they need more
    (``insatser.varningar``)."""

    fonster = models.ForeignKey(
        Arshjulshandelse,
        verbose_name=_("insatsfönster"),
        on_delete=models.CASCADE,
        related_name="resurslofte",
    )
    organisation = models.ForeignKey(
        Myndighet, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    personer = models.PositiveSmallIntegerField(_("personer per insatsdag"), null=True, blank=True)
    persondagar = models.PositiveSmallIntegerField(
        _("persondagar i fönstret"), null=True, blank=True
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
        verbose_name = _("resurslöfte")
        verbose_name_plural = _("resurslöften")
        ordering = ["fonster", "organisation__namn"]
        # Both numbers are positive fields, which PostgreSQL checks (never below zero).
        constraints = [
            models.UniqueConstraint(
                fields=["fonster", "organisation"], name="resurslofte_ett_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(personer__isnull=False) | Q(persondagar__isnull=False),
                name="resurslofte_personer_eller_persondagar",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} i {self.fonster}"
