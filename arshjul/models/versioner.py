"""Builds of a wheel's year: the rebuild requests, the built versions and calendar subscriptions."""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arshjul.models.hjul import Arshjul
from arshjul.workflow import Byggsteg, VersionStatus
from karna.tid import AR, tidsgranskontroll, validera_ar


# The request counter changes with every change to the wheel; its history is the versions.
@pghistory.track(exclude=["begaran", "begard", "hanterad_begaran", "vantande_insatser"])
class Arshjulsar(models.Model):
    """One wheel in one year: the rebuild requests and which of them has been handled.

    Every change bumps ``begaran`` in the changing transaction; a build asked for an older
    number than ``begaran`` knows a newer build will follow and stops.
    """

    arshjul = models.ForeignKey(
        Arshjul, verbose_name=_("årshjul"), on_delete=models.CASCADE, related_name="arsvyer"
    )
    ar = models.PositiveSmallIntegerField(_("år"), validators=[validera_ar])
    begaran = models.PositiveIntegerField(_("senaste begäran om ombyggnad"), default=0)
    begard = models.DateTimeField(_("senast begärd"), null=True, blank=True)
    hanterad_begaran = models.PositiveIntegerField(_("senast hanterade begäran"), default=0)
    # The operations changed since the last build or update (``services.inkrementell``).
    vantande_insatser = ArrayField(
        models.IntegerField(), verbose_name=_("ändrade insatser"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("årshjulsår")
        verbose_name_plural = _("årshjulsår")
        ordering = ["arshjul", "ar"]
        constraints = [
            models.UniqueConstraint(fields=["arshjul", "ar"], name="arshjulsar_unikt"),
            tidsgranskontroll("ar", "arshjulsar", AR),
        ]

    def __str__(self) -> str:
        return f"{self.arshjul} {self.ar}"

    @property
    def vantar(self) -> bool:
        """A change has been made that no build has handled yet."""
        return self.begaran > self.hanterad_begaran


@pghistory.track(exclude=["steg", "framsteg", "uppdaterad"])
class Arshjulsversion(models.Model):
    """One build of a wheel's year: its files, their checksums and the build report."""

    Status = VersionStatus

    arshjulsar = models.ForeignKey(
        Arshjulsar, verbose_name=_("årshjulsår"), on_delete=models.CASCADE, related_name="versioner"
    )
    nummer = models.PositiveIntegerField(_("versionsnummer"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.BYGGS
    )
    steg = models.CharField(
        _("steg"), max_length=20, choices=Byggsteg.choices, default=Byggsteg.EXPANDERA
    )
    framsteg = models.PositiveSmallIntegerField(_("framsteg i procent"), default=0)
    begaran = models.PositiveIntegerField(_("byggd för begäran"))
    fingeravtryck = models.CharField(_("fingeravtryck för indata"), max_length=64)
    # The fingerprint's two parts: everything but the operations, and the operations' sum, which
    # one changed operation updates without reading the others (``services.inkrementell``).
    grundavtryck = models.CharField(_("fingeravtryck utom insatser"), max_length=64, blank=True)
    insatsavtryck = models.CharField(_("fingeravtryck för insatser"), max_length=64, blank=True)
    svg = models.FileField(_("SVG"), upload_to="arshjul", blank=True)
    svg_kontrollsumma = models.CharField(_("kontrollsumma SVG"), max_length=64, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="arshjul", blank=True)
    pdf_kontrollsumma = models.CharField(_("kontrollsumma PDF"), max_length=64, blank=True)
    ics = models.FileField(_("ICS"), upload_to="arshjul", blank=True)
    ics_kontrollsumma = models.CharField(_("kontrollsumma ICS"), max_length=64, blank=True)
    rapport = models.JSONField(_("byggrapport"), default=dict, blank=True)
    felmeddelande = models.TextField(_("felmeddelande"), blank=True)
    byggstart = models.DateTimeField(_("bygget startade"), default=timezone.now)
    uppdaterad = models.DateTimeField(_("senaste framsteg"), default=timezone.now)
    byggd = models.DateTimeField(_("byggd"), null=True, blank=True)
    publicerad = models.DateTimeField(_("publicerad"), null=True, blank=True)
    publicerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("publicerad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("årshjulsversion")
        verbose_name_plural = _("årshjulsversioner")
        ordering = ["arshjulsar", "-nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["arshjulsar", "nummer"], name="arshjulsversion_unikt_nummer"
            ),
            models.UniqueConstraint(
                fields=["arshjulsar"],
                condition=Q(status=VersionStatus.BYGGS),
                name="arshjulsversion_ett_bygge_i_taget",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.arshjulsar} v{self.nummer}"


class Arshjulsinsats(models.Model):
    """An operation of a wheel's year as the last build or update saw it (no history: derived
    from the operations, rewritten by every build)."""

    arshjulsar = models.ForeignKey(
        Arshjulsar, verbose_name=_("årshjulsår"), on_delete=models.CASCADE, related_name="insatser"
    )
    # The operation's key: the wheel sits below the operations and does not point at them.
    insats_id = models.IntegerField(_("insats"))
    start = models.DateTimeField(_("start"))
    slut = models.DateTimeField(_("slut"))
    fonster_id = models.IntegerField(_("insatsfönster"), null=True)
    lpo_ids = ArrayField(models.IntegerField(), verbose_name=_("lokalpolisområden"))
    enhet_ids = ArrayField(models.IntegerField(), verbose_name=_("enheter"))
    polis_ids = ArrayField(models.IntegerField(), verbose_name=_("poliser"))
    avtryck = models.CharField(_("fingeravtryck"), max_length=64)

    class Meta:
        verbose_name = _("insats på årshjulet")
        verbose_name_plural = _("insatser på årshjulet")
        constraints = [
            models.UniqueConstraint(fields=["arshjulsar", "insats_id"], name="arshjulsinsats_unik")
        ]
        # The bookings overlapping a changed operation are found by time; array indexes on the
        # units and officers made writing a year of many operations several times slower.
        indexes = [models.Index(fields=["arshjulsar", "start"], name="arshjulsinsats_start")]

    def __str__(self) -> str:
        return f"{self.arshjulsar}: {self.insats_id}"


@pghistory.track()
class Kalenderprenumeration(models.Model):
    """A user's secret calendar address. Only a hash of the token is stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="kalenderprenumeration",
    )
    token_hash = models.CharField(_("tokenens hash"), max_length=64, unique=True)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)

    class Meta:
        verbose_name = _("kalenderprenumeration")
        verbose_name_plural = _("kalenderprenumerationer")

    def __str__(self) -> str:
        return str(self.user)
