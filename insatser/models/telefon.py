"""Function phone numbers: validated as Swedish numbers, never a person's own."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# A Swedish number as people write it: 031-123 45 67, 010-563 00 00, +46 31 123 45 67.
validera_telefon = RegexValidator(
    r"^(\+46|0)[0-9 \-]{6,16}[0-9]$",
    _(
        "Ange ett svenskt telefonnummer med siffror, mellanslag, bindestreck och eventuellt "
        "+46 först, till exempel 010-123 45 67."
    ),
)
TELEFON_HJALP = _(
    "Funktionens telefonnummer (växel eller jourtelefon), inte ett personligt mobilnummer."
)
TELEFON_MAXLANGD = 20


def telefonfalt(**kwargs) -> models.CharField:
    return models.CharField(
        _("funktionstelefon"),
        max_length=TELEFON_MAXLANGD,
        blank=True,
        validators=[validera_telefon],
        help_text=TELEFON_HJALP,
        **kwargs,
    )
