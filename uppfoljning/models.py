"""The one thing follow-up keeps of its own: the area a management group follows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Omradesavgransning(models.Model):
    """Limits what a user's follow-up counts to the operations that inspected an object in one
    area (a city district or a vulnerable area). Without one, the role's own scope applies."""

    anvandare = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="omradesavgransning",
    )
    stadsomrade = models.ForeignKey(
        "myndigheter.Stadsomrade",
        verbose_name=_("stadsområde"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    utsatt_omrade = models.ForeignKey(
        "myndigheter.UtsattOmrade",
        verbose_name=_("utsatt område"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("områdesavgränsning")
        verbose_name_plural = _("områdesavgränsningar")
        constraints = [
            models.CheckConstraint(
                condition=Q(stadsomrade__isnull=False, utsatt_omrade__isnull=True)
                | Q(stadsomrade__isnull=True, utsatt_omrade__isnull=False),
                name="omradesavgransning_ett_omrade",
            )
        ]

    def __str__(self) -> str:
        return f"{self.anvandare}: {self.stadsomrade or self.utsatt_omrade}"
