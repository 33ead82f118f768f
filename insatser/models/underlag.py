"""Briefings (informationsunderlag): one PDF per operation, audience and version; the build state.

A briefing is written for an audience, never for one person: the police of one LPO asked to staff
the operation, one participating organisation, or all who see the operation's details (joint).
Each version records the data it was built from (a fingerprint), so an unchanged audience is not
rendered again, and only the current version of an audience may be downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass

import pghistory
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from insatser.models.insats import Insats
from insatser.workflow import ByggStatus, UnderlagStatus
from myndigheter.models import Lokalpolisomrade, Myndighet
from objekt.models import Objektuppgift


class Malgruppstyp(models.TextChoices):
    POLIS = "POLIS", _("Polisen")
    MYNDIGHET = "MYNDIGHET", _("Myndighet")
    GEMENSAM = "GEMENSAM", _("Gemensam")


def malgruppsnamn(typ: str, organisation: Myndighet | None, lpo: Lokalpolisomrade | None) -> str:
    """The audience as people read it: "Polisen, City", "Skatteverket", "Gemensamt underlag"."""
    if typ == Malgruppstyp.POLIS:
        return _("Polisen, %(lpo)s") % {"lpo": lpo.namn}
    if typ == Malgruppstyp.MYNDIGHET:
        return organisation.namn
    return str(_("Gemensamt underlag"))


def _filnamn(underlag: Informationsunderlag, filnamn: str) -> str:
    return f"underlag/{underlag.insats_id}/{filnamn}"


@pghistory.track()
class Informationsunderlag(models.Model):
    """One version of the briefing of one operation for one audience."""

    Status = UnderlagStatus

    Malgrupp = Malgruppstyp

    insats = models.ForeignKey(
        Insats,
        verbose_name=_("insats"),
        on_delete=models.CASCADE,
        related_name="informationsunderlag",
    )
    malgrupp = models.CharField(_("målgrupp"), max_length=20, choices=Malgruppstyp.choices)
    organisation = models.ForeignKey(
        Myndighet,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Myndigheten som underlaget är skrivet för (målgrupp myndighet)."),
    )
    lpo = models.ForeignKey(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Lokalpolisområdet vars polis underlaget är skrivet för (målgrupp polisen)."),
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AKTUELL
    )
    fil = models.FileField(_("fil"), upload_to=_filnamn, max_length=300)
    kontrollsumma = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    dataversion = models.CharField(
        _("dataversion"),
        max_length=64,
        help_text=_("Fingeravtryck (SHA-256) av exakt de uppgifter som underlaget visar."),
    )
    sidantal = models.PositiveSmallIntegerField(_("antal sidor"))
    byggd = models.DateTimeField(_("byggd"), default=timezone.now)
    objektuppgifter = models.ManyToManyField(
        Objektuppgift,
        verbose_name=_("myndighetsuppgifter i underlaget"),
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("informationsunderlag")
        verbose_name_plural = _("informationsunderlag")
        ordering = ["insats", "malgrupp", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["insats", "malgrupp", "organisation", "lpo", "version"],
                name="underlag_version_unik",
                nulls_distinct=False,
            ),
            models.UniqueConstraint(
                fields=["insats", "malgrupp", "organisation", "lpo"],
                condition=~Q(status="OGILTIG"),
                name="underlag_en_giltig_per_malgrupp",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(malgrupp="MYNDIGHET", organisation__isnull=False, lpo__isnull=True)
                | Q(malgrupp="POLIS", organisation__isnull=True, lpo__isnull=False)
                | Q(malgrupp="GEMENSAM", organisation__isnull=True, lpo__isnull=True),
                name="underlag_malgrupp_har_sin_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.insats.referens} {self.malgruppsnamn} v{self.version}"

    @property
    def malgruppsnamn(self) -> str:
        return malgruppsnamn(self.malgrupp, self.organisation, self.lpo)


class Underlagsbygge(models.Model):
    """The build state of one operation's briefings: what was asked for and how far it got.

    ``nummer`` counts the requests: a task builds only for the number it was enqueued with, so a
    burst of changes ends in one build (the last request's), and a redelivered or repeated task
    for a request already built does nothing.
    """

    Status = ByggStatus

    insats = models.OneToOneField(
        Insats, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="underlagsbygge"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VANTAR
    )
    nummer = models.PositiveIntegerField(_("begäran nummer"), default=0)
    begard = models.DateTimeField(_("senast begärt"), default=timezone.now)
    koad = models.DateTimeField(_("senast köat"), default=timezone.now)
    paborjad = models.DateTimeField(_("påbörjat"), null=True, blank=True)
    byggs_av = models.CharField(_("byggs av uppgift"), max_length=64, blank=True)
    forsok = models.PositiveSmallIntegerField(_("försök"), default=0)
    klar = models.DateTimeField(_("klart"), null=True, blank=True)
    fel = models.TextField(_("fel"), blank=True)

    class Meta:
        verbose_name = _("underlagsbygge")
        verbose_name_plural = _("underlagsbyggen")
        indexes = [models.Index(fields=["status", "koad"], name="underlagsbygge_status_idx")]

    def __str__(self) -> str:
        return f"{self.insats_id}: {self.get_status_display()} (#{self.nummer})"

    @property
    def pagar(self) -> bool:
        return self.status in {self.Status.VANTAR, self.Status.BYGGER}


@dataclass(frozen=True)
class Malgrupp:
    """An audience of a briefing: its type and its scope (the organisation or the LPO)."""

    typ: str
    organisation_id: int | None = None
    lpo_id: int | None = None

    @classmethod
    def av(cls, underlag: Informationsunderlag) -> Malgrupp:
        return cls(underlag.malgrupp, underlag.organisation_id, underlag.lpo_id)

    @property
    def falt(self) -> dict:
        """The audience as model field values, for filters and new versions."""
        return {
            "malgrupp": self.typ,
            "organisation_id": self.organisation_id,
            "lpo_id": self.lpo_id,
        }
