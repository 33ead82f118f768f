"""The API's own tables: the service accounts' tokens and the stored answers of idempotent
creates."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


# Issuing and revoking are kept in the history; a call (``senast_anvand``) is not a change.
@pghistory.track(exclude=["senast_anvand"])
class ApiToken(models.Model):
    """A bearer token of one user. Only the SHA-256 of the secret is kept; the prefix names the
    token in lists and logs without disclosing it."""

    class Omfang(models.TextChoices):
        LASA = "read", _("läsa")
        LASA_SKRIVA = "read-write", _("läsa och skriva")

    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    namn = models.CharField(_("namn"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    omfang = models.CharField(_("omfång"), max_length=10, choices=Omfang.choices)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    giltig_till = models.DateTimeField(_("giltig till"))
    aterkallad = models.DateTimeField(_("återkallad"), null=True, blank=True)
    senast_anvand = models.DateTimeField(_("senast använd"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-token")
        constraints = [
            models.CheckConstraint(
                condition=Q(giltig_till__gt=models.F("skapad")), name="apitoken_giltig_efter_skapad"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.namn})"

    @property
    def kan_skriva(self) -> bool:
        return self.omfang == self.Omfang.LASA_SKRIVA


class Idempotensnyckel(models.Model):
    """The first answer to a create sent with an ``Idempotency-Key``: a repeat with the same key
    and body gets it again; the unique key makes concurrent repeats wait for the first."""

    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, null=True, related_name="+")
    nyckel = models.CharField(max_length=200)
    fraga = models.CharField(max_length=64, help_text="SHA-256 of method, path and body")
    status = models.PositiveSmallIntegerField(null=True)
    svar = models.JSONField(null=True)
    skapad = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["anvandare", "nyckel"], name="idempotensnyckel_unik")
        ]

    def __str__(self) -> str:
        return self.nyckel
