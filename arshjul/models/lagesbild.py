"""The priorities drawn from the joint situation picture (lägesbild): a period, the priority
problem areas set for it, and the items of the action plan that carry them out.

Reference data versioned by period: a revised set of priorities is a new period, so the
operations linked to the old one keep what they were planned against.
"""

from __future__ import annotations

from datetime import date

import pghistory
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from arshjul.models.hjul import Samverkansorgan
from karna.tid import DATUM, tidsgranskontroll, validera_tidpunkt
from myndigheter.models import Kallhanvisning, KodManager, KodModell, Myndighet


class LagesbildsperiodQuerySet(models.QuerySet):
    def galler(self, dag: date) -> LagesbildsperiodQuerySet:
        """The periods whose priorities hold on ``dag``."""
        return self.filter(fran__lte=dag, till__gte=dag)


@pghistory.track()
class Lagesbildsperiod(Kallhanvisning):
    """The period the priorities of one joint situation picture hold, e.g. Trygg i Göteborg's
    city-wide priority problem areas 2024–2026, and who set them."""

    kod = models.SlugField(_("kod"), max_length=60, unique=True)
    namn = models.CharField(_("namn"), max_length=200)
    fran = models.DateField(_("gäller från"), validators=[validera_tidpunkt])
    till = models.DateField(_("gäller till och med"), validators=[validera_tidpunkt])
    organisationer = models.ManyToManyField(
        Myndighet,
        verbose_name=_("organisationer som fastställde prioriteringarna"),
        blank=True,
        related_name="+",
    )
    samverkansorgan = models.ForeignKey(
        Samverkansorgan,
        verbose_name=_("samverkansorgan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lagesbildsperioder",
        help_text=_("Organet som beslutar om prioriteringarna och om revideringar av dem."),
    )
    beskrivning = models.TextField(_("beskrivning"), blank=True)

    objects = KodManager.from_queryset(LagesbildsperiodQuerySet)()

    class Meta:
        verbose_name = _("lägesbildsperiod")
        verbose_name_plural = _("lägesbildsperioder")
        ordering = ["-fran", "namn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(till__gte=F("fran")), name="lagesbildsperiod_till_efter_fran"
            ),
            tidsgranskontroll("fran", "lagesbildsperiod", DATUM),
            tidsgranskontroll("till", "lagesbildsperiod", DATUM),
        ]

    def __str__(self) -> str:
        return self.namn

    def natural_key(self):
        return (self.kod,)

    def clean(self) -> None:
        super().clean()
        if self.fran and self.till and self.till < self.fran:
            raise ValidationError(
                {"till": _("Perioden måste sluta på eller efter sin första dag.")}
            )
        # One body sets one set of priorities at a time: a revision starts a new period after
        # the old one ends. PostgreSQL's exclusion constraint would need btree_gist, which the
        # embedded server lacks.
        if self.samverkansorgan_id and self.fran and self.till:
            overlappar = (
                Lagesbildsperiod.objects.filter(
                    samverkansorgan_id=self.samverkansorgan_id,
                    fran__lte=self.till,
                    till__gte=self.fran,
                )
                .exclude(pk=self.pk)
                .first()
            )
            if overlappar is not None:
                raise ValidationError(
                    {
                        "fran": _(
                            "Perioden överlappar %(period)s, som samma samverkansorgan "
                            "fastställt. Avsluta den perioden först."
                        )
                        % {"period": overlappar}
                    }
                )


class _Periodens(KodModell):
    """What a period's priorities and action-plan items share: a code, a name, a text and an
    order within the period."""

    beskrivning = models.TextField(_("beskrivning"), blank=True)
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        abstract = True

    def med_period(self) -> str:
        """The name with its period, where several periods' are listed together."""
        return f"{self.period}: {self.namn}"


@pghistory.track()
class Prioritering(_Periodens):
    """A priority problem area of a period (e.g. welfare crime)."""

    period = models.ForeignKey(
        Lagesbildsperiod,
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="prioriteringar",
    )

    class Meta:
        verbose_name = _("prioritering")
        verbose_name_plural = _("prioriteringar")
        ordering = ["period", "ordning", "namn"]
        constraints = [
            models.UniqueConstraint(fields=["period", "namn"], name="prioritering_unik_i_period")
        ]


@pghistory.track()
class Atgardspunkt(_Periodens):
    """An item of a municipality's action plan (åtgärdsplan) for a period, optionally under one
    of its priorities. An operation refers to it; the plan's own text stays in the plan."""

    period = models.ForeignKey(
        Lagesbildsperiod,
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="atgardspunkter",
    )
    prioritering = models.ForeignKey(
        Prioritering,
        verbose_name=_("prioritering"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="atgardspunkter",
    )
    namn = models.CharField(_("namn"), max_length=300)

    class Meta:
        verbose_name = _("åtgärdspunkt")
        verbose_name_plural = _("åtgärdspunkter")
        ordering = ["period", "ordning", "namn"]

    def clean(self) -> None:
        super().clean()
        if (
            self.prioritering_id
            and self.period_id
            and self.prioritering.period_id != self.period_id
        ):
            raise ValidationError(
                {"prioritering": _("Prioriteringen hör till en annan period än åtgärdspunkten.")}
            )
