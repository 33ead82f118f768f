"""What an operation led to, per agency (outcomes), and what its participants thought of it
(individual feedback)."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karna.tid import DATUM, tidsgranskontroll, validera_tidpunkt


class Synlighet(models.TextChoices):
    """Who reads an outcome one by one; every outcome counts in the sums whatever it says."""

    EGEN = "EGEN", _("Den egna organisationen")
    DELTAGARE = "DELTAGARE", _("Insatsens deltagare")
    AGGREGAT = "AGGREGAT", _("Bara i sammanställningar")


@pghistory.track()
class Utfall(models.Model):
    """One result of an operation that an agency owns (a tax surcharge, a seizure, an injunction),
    for the whole operation or for one of its controls: an amount in SEK or a quantity with a
    unit, often decided months after the operation."""

    Synlighet = Synlighet

    insats = models.ForeignKey(
        "insatser.Insats", verbose_name=_("insats"), on_delete=models.PROTECT, related_name="utfall"
    )
    kontroll = models.ForeignKey(
        "insatser.Kontroll",
        verbose_name=_("kontroll"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="utfall",
    )
    organisation = models.ForeignKey(
        "myndigheter.Myndighet",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    typ = models.ForeignKey(
        "utvardering.Resultattyp", verbose_name=_("typ"), on_delete=models.PROTECT
    )
    belopp = models.DecimalField(
        _("belopp (kronor)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    antal = models.DecimalField(_("antal"), max_digits=12, decimal_places=2, null=True, blank=True)
    enhet = models.CharField(_("enhet"), max_length=60, blank=True)
    uppskattning = models.BooleanField(_("uppskattning"), default=False)
    beslutsdatum = models.DateField(_("beslutsdatum"), validators=[validera_tidpunkt])
    synlighet = models.CharField(
        _("vem ser utfallet"), max_length=20, choices=Synlighet.choices, default=Synlighet.EGEN
    )
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    registrerad = models.DateTimeField(_("registrerad"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")
        ordering = ["beslutsdatum", "pk"]
        indexes = [models.Index(fields=["insats", "organisation"], name="utfall_insats_org_idx")]
        constraints = [
            # An amount or a quantity, never both: a sum over amounts must not count a quantity.
            models.CheckConstraint(
                condition=Q(belopp__isnull=False, antal__isnull=True)
                | Q(belopp__isnull=True, antal__isnull=False),
                name="utfall_belopp_eller_antal",
            ),
            models.CheckConstraint(
                condition=Q(belopp__isnull=True) | Q(belopp__gt=0), name="utfall_belopp_positivt"
            ),
            models.CheckConstraint(
                condition=Q(antal__isnull=True) | (Q(antal__gt=0) & ~Q(enhet="")),
                name="utfall_antal_positivt_med_enhet",
            ),
            tidsgranskontroll("beslutsdatum", "utfall", DATUM),
        ]

    def __str__(self) -> str:
        return f"{self.typ} ({self.insats_id})"


class Aterkoppling(models.Model):
    """One participant's short rating and comment on an operation, one per person.

    Not tracked in the history and not on the timeline: both would name the author of an
    anonymous feedback to those who read them. The author is kept here only so that the
    author can change it; the policy shows it to nobody else when it is anonymous.
    """

    insats = models.ForeignKey(
        "insatser.Insats",
        verbose_name=_("insats"),
        on_delete=models.PROTECT,
        related_name="aterkopplingar",
    )
    forfattare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lämnad av"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    betyg = models.PositiveSmallIntegerField(
        _("betyg"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    kommentar = models.TextField(_("kommentar"), blank=True)
    anonym = models.BooleanField(_("anonym"), default=False)
    lamnad = models.DateTimeField(_("lämnad"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("återkoppling")
        verbose_name_plural = _("återkopplingar")
        ordering = ["lamnad", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["insats", "forfattare"], name="aterkoppling_en_per_person"
            ),
            models.CheckConstraint(
                condition=Q(betyg__gte=1, betyg__lte=5), name="aterkoppling_betyg_1_till_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.betyg}/5 ({self.insats_id})"
