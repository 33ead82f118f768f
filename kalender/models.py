"""Calendar feeds of operations: a secret address per user and per organisation.

Only the SHA-256 of the secret is stored (``karna.kalender``); rotating replaces it, revoking
removes the row. docs/notiser-och-kalender.md, "Kalenderprenumeration".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from myndigheter.models import Myndighet


class Kalenderflode(models.Model):
    """One feed: a person's own (``anvandare``) or an organisation's (``organisation``)."""

    anvandare = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kalenderflode",
    )
    organisation = models.OneToOneField(
        Myndighet,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kalenderflode",
    )
    token_hash = models.CharField(_("tokenens hash"), max_length=64, unique=True)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    roterad = models.DateTimeField(_("adressen senast bytt"), default=timezone.now)
    senast_hamtad = models.DateTimeField(_("senast hämtad"), null=True, blank=True)
    # The entity tag of the content last served and when the content last changed (the feed's
    # Last-Modified): kept by the fetches, so that a change of what the reader may see counts too.
    etag = models.CharField(_("innehållets etikett"), max_length=64, blank=True)
    innehall_andrat = models.DateTimeField(_("innehållet ändrat"), null=True, blank=True)

    class Meta:
        verbose_name = _("kalenderflöde")
        verbose_name_plural = _("kalenderflöden")
        constraints = [
            models.CheckConstraint(
                condition=Q(anvandare__isnull=False, organisation__isnull=True)
                | Q(anvandare__isnull=True, organisation__isnull=False),
                name="kalenderflode_en_agare",
            )
        ]

    def __str__(self) -> str:
        return str(self.anvandare or self.organisation)

    @property
    def ar_personligt(self) -> bool:
        return self.anvandare_id is not None
