"""The release of agency-owned object information to the participants of one operation.

An information block (``objekt.Objektuppgift``) belongs to the agency that recorded it; it reaches
another agency only through a release to an operation that agency takes part in, with the legal
basis stated, and a release can be withdrawn.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatser.models.insats import Insats
from myndigheter.models import Delningsgrund, Myndighet
from objekt.models import Objektuppgift


class Mottagarkrets(models.TextChoices):
    """Who in the operation a released block is for."""

    ALLA = "ALLA", _("Alla deltagare")
    SAMORDNARE = "SAMORDNARE", _("Endast samordnande organisation")
    POLIS = "POLIS", _("Endast polisen")
    NAMNGIVNA = "NAMNGIVNA", _("Namngivna organisationer")


@pghistory.track()
class Frislappning(models.Model):
    """The release of one agency-owned information block to the participants of one operation."""

    objektuppgift = models.ForeignKey(
        Objektuppgift,
        verbose_name=_("objektuppgift"),
        on_delete=models.CASCADE,
        related_name="frislappningar",
    )
    insats = models.ForeignKey(
        Insats,
        verbose_name=_("insats"),
        on_delete=models.CASCADE,
        related_name="frislappningar",
    )
    frislappt_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frisläppt av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    krets = models.CharField(
        _("till vem"), max_length=20, choices=Mottagarkrets.choices, default=Mottagarkrets.ALLA
    )
    mottagare = models.ManyToManyField(
        Myndighet, verbose_name=_("namngivna mottagare"), blank=True, related_name="+"
    )
    delningsgrund = models.ForeignKey(
        Delningsgrund,
        verbose_name=_("delningsgrund"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    grund = models.TextField(_("grund för utlämnande"))
    tidpunkt = models.DateTimeField(_("frisläppt"), default=timezone.now)
    aterkallad = models.DateTimeField(_("återkallad"), null=True, blank=True)
    aterkallad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("återkallad av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("frisläppning")
        verbose_name_plural = _("frisläppningar")
        constraints = [
            models.UniqueConstraint(
                fields=["objektuppgift", "insats"],
                condition=Q(aterkallad__isnull=True),
                name="frislappning_en_aktiv_per_insats",
            )
        ]

    def __str__(self) -> str:
        return f"{self.objektuppgift} → {self.insats}"


class NekadFrislappning(models.Model):
    """A release the secrecy rules refused, with the obstacle, so the follow-up can count them.

    Kept as plain text besides the keys: the record must say what was refused and why even when
    the provision is later changed.
    """

    objektuppgift = models.ForeignKey(
        Objektuppgift,
        verbose_name=_("objektuppgift"),
        on_delete=models.CASCADE,
        related_name="nekade_frislappningar",
    )
    insats = models.ForeignKey(
        Insats,
        verbose_name=_("insats"),
        on_delete=models.CASCADE,
        related_name="nekade_frislappningar",
    )
    krets = models.CharField(_("till vem"), max_length=20, choices=Mottagarkrets.choices)
    delningsgrund = models.ForeignKey(
        Delningsgrund,
        verbose_name=_("delningsgrund"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    hinder = models.TextField(_("hinder"))
    nekad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("försökt av"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    tidpunkt = models.DateTimeField(_("tidpunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("nekad frisläppning")
        verbose_name_plural = _("nekade frisläppningar")
        ordering = ["-tidpunkt"]

    def __str__(self) -> str:
        return f"{self.objektuppgift} → {self.insats}: {self.hinder}"
