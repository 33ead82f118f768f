"""Notifications in the app (and by e-mail) about operation events, and each user's choices."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatser.models import Insats, Insatshandelse
from insatser.tidslinje import etikett
from notiser.notistyper import STANDARD_EPOST, Notiskategori


class Notis(models.Model):
    """One event told to one person: in the app always, by e-mail if they chose it.

    The text is short and safe (a reference, a kind, an LPO or organisation name); the details are
    on the operation's page, behind the access policy.
    """

    mottagare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mottagare"),
        on_delete=models.CASCADE,
        related_name="notiser",
    )
    insats = models.ForeignKey(
        Insats, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="+"
    )
    handelse = models.ForeignKey(
        Insatshandelse,
        verbose_name=_("händelse"),
        on_delete=models.CASCADE,
        related_name="notiser",
    )
    typ = models.CharField(_("händelse"), max_length=40)
    kategori = models.CharField(_("slag"), max_length=20, choices=Notiskategori.choices)
    text = models.CharField(_("text"), max_length=200, blank=True)
    lank = models.CharField(_("länk"), max_length=200)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    last = models.DateTimeField(_("läst"), null=True, blank=True)
    skicka_epost = models.BooleanField(_("ska skickas med e-post"), default=False)
    epost_skickad = models.DateTimeField(_("e-post skickad"), null=True, blank=True)

    class Meta:
        verbose_name = _("notis")
        verbose_name_plural = _("notiser")
        ordering = ["-skapad", "-pk"]
        constraints = [
            # A fan-out that runs again (a retry, a redelivered message) creates nothing twice.
            models.UniqueConstraint(
                fields=["handelse", "mottagare"], name="notis_en_per_handelse_och_mottagare"
            ),
        ]
        indexes = [
            models.Index(fields=["mottagare", "-skapad"], name="notis_mottagare_skapad_idx"),
            models.Index(
                fields=["mottagare"], condition=Q(last__isnull=True), name="notis_olast_idx"
            ),
            models.Index(
                fields=["skapad"],
                condition=Q(skicka_epost=True, epost_skickad__isnull=True),
                name="notis_epost_vantar_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mottagare}: {self.typ}"

    @property
    def etikett(self):
        return etikett(self.typ)


def standard_epostkategorier() -> list[str]:
    return [kategori.value for kategori in STANDARD_EPOST]


class Notisinstallning(models.Model):
    """Which kinds of notification a user also gets by e-mail; without a row, the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="notisinstallning",
    )
    epost_kategorier = ArrayField(
        models.CharField(max_length=20, choices=Notiskategori.choices),
        verbose_name=_("e-post för"),
        default=standard_epostkategorier,
        blank=True,
    )
    andrad = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("notisinställning")
        verbose_name_plural = _("notisinställningar")

    def __str__(self) -> str:
        return str(self.user)


class Utskick(models.Model):
    """The fan-out of one timeline entry is done: its notifications exist."""

    handelse = models.OneToOneField(
        Insatshandelse,
        verbose_name=_("händelse"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="utskick",
    )
    klart = models.DateTimeField(_("klart"), default=timezone.now)

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = _("utskick")

    def __str__(self) -> str:
        return str(self.handelse)
