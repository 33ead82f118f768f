"""The persons an organisation sends to an operation (the police name theirs through staffing).

Named for the organisation's own planning: who goes, and the hours each spends preparing. The
names stay within the organisation (``DELTAGANDE_POLICY``, ``NAMNGE_PERSONER``); others learn only
that one of its persons is booked elsewhere at the same time (``insatser.personbokning``).
"""

from __future__ import annotations

from decimal import Decimal

import pghistory
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatser.models.insats import Deltagande

HOGSTA_FORBEREDELSE = Decimal("200")


@pghistory.track()
class Utsandperson(models.Model):
    HOGSTA_FORBEREDELSE = HOGSTA_FORBEREDELSE

    deltagande = models.ForeignKey(
        Deltagande, verbose_name=_("deltagande"), on_delete=models.CASCADE, related_name="personer"
    )
    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="utsandningar",
    )
    forberedelse_timmar = models.DecimalField(
        _("förberedelse (timmar)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(HOGSTA_FORBEREDELSE)],
    )
    namngiven = models.DateTimeField(_("namngiven"), default=timezone.now)
    namngiven_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("namngiven av"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("utsänd person")
        verbose_name_plural = _("utsända personer")
        ordering = ["anvandare__last_name", "anvandare__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["deltagande", "anvandare"], name="utsandperson_unik"),
            models.CheckConstraint(
                condition=Q(forberedelse_timmar__gte=0)
                & Q(forberedelse_timmar__lte=HOGSTA_FORBEREDELSE),
                name="utsandperson_forberedelse_inom_granser",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.anvandare} – {self.deltagande}"
