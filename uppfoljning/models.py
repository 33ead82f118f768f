"""What follow-up keeps of its own: the area a management group follows, the yearly reports
(årsrapporter) with their builds, and the management groups' follow-up packs before their
meetings on the annual wheel (uppföljningspaket) with theirs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from utvardering.models.rapport import RapportbyggeStatus


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


def _arsrapportens_fil(rapport: Arsrapport, filnamn: str) -> str:
    return f"arsrapporter/{rapport.ar}/{filnamn}"


class Arsrapport(models.Model):
    """One version of the yearly report of one year for one audience (``malgrupp``): the
    figures, charts and area texts of the year as the audience's follow-up counts them,
    small counts protected. A version is never changed; a rebuild whose figures are unchanged
    (``dataversion``) adds none."""

    ar = models.PositiveSmallIntegerField(_("år"))
    malgrupp = models.CharField(_("målgrupp"), max_length=200)
    malgruppstext = models.CharField(_("målgrupp (text)"), max_length=300)
    version = models.PositiveIntegerField(_("version"))
    fil = models.FileField(_("fil"), upload_to=_arsrapportens_fil, max_length=300)
    kontrollsumma = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    dataversion = models.CharField(_("dataversion"), max_length=64)
    sidantal = models.PositiveSmallIntegerField(_("antal sidor"))
    byggd = models.DateTimeField(_("byggd"), default=timezone.now)

    class Meta:
        verbose_name = _("årsrapport")
        verbose_name_plural = _("årsrapporter")
        ordering = ["-ar", "malgrupp", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["ar", "malgrupp", "version"], name="arsrapport_version_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ar} {self.malgruppstext} v{self.version}"


class Arsrapportbygge(models.Model):
    """The build state of one year's report for one audience, with what the audience is
    (``lasare``, ``uppfoljning.access.Malgrupp``) so that beat can rebuild it without anyone.

    ``nummer`` counts the requests: a task builds only for the number it was enqueued with, so a
    repeated or redelivered task for a request already built does nothing."""

    Status = RapportbyggeStatus

    ar = models.PositiveSmallIntegerField(_("år"))
    malgrupp = models.CharField(_("målgrupp"), max_length=200)
    lasare = models.JSONField(_("läsare"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VANTAR
    )
    nummer = models.PositiveIntegerField(_("begäran nummer"), default=0)
    begard = models.DateTimeField(_("senast begärt"), default=timezone.now)
    klar = models.DateTimeField(_("klart"), null=True, blank=True)
    fel = models.TextField(_("fel"), blank=True)

    class Meta:
        verbose_name = _("årsrapportbygge")
        verbose_name_plural = _("årsrapportbyggen")
        constraints = [
            models.UniqueConstraint(fields=["ar", "malgrupp"], name="arsrapportbygge_unikt")
        ]

    def __str__(self) -> str:
        return f"{self.ar} {self.malgrupp}: {self.get_status_display()} (#{self.nummer})"

    @property
    def pagar(self) -> bool:
        return self.status in {self.Status.VANTAR, self.Status.BYGGER}


class Exportjobb(models.Model):
    """One export of a follow-up table: built in the request when the view reads few operations,
    by Celery otherwise (with its progress, polled by a status page). Every export has a row,
    which the access log names."""

    Status = RapportbyggeStatus

    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    tabell = models.CharField(_("tabell"), max_length=40)
    format = models.CharField(_("format"), max_length=4)
    fraga = models.TextField(_("urval (frågesträng)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VANTAR
    )
    framsteg = models.PositiveSmallIntegerField(_("framsteg (%)"), default=0)
    fil = models.FileField(_("fil"), upload_to="exporter/", max_length=300, blank=True)
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    klar = models.DateTimeField(_("klart"), null=True, blank=True)
    fel = models.TextField(_("fel"), blank=True)

    class Meta:
        verbose_name = _("exportjobb")
        verbose_name_plural = _("exportjobb")
        ordering = ["-skapad"]

    def __str__(self) -> str:
        return f"{self.tabell}.{self.format} ({self.get_status_display()}, {self.framsteg} %)"

    @property
    def pagar(self) -> bool:
        return self.status in {self.Status.VANTAR, self.Status.BYGGER}

    @property
    def filnamn(self) -> str:
        return f"uppfoljning-{self.tabell}.{self.format}"


class Ledningsgrupp(models.Model):
    """A body on the annual wheel (``arshjul.Samverkansorgan``) that is a management group, with
    the follow-up scope its packs are written for: every operation, or, as for a member limited
    by an ``Omradesavgransning``, the operations that inspected an object in one area. Before
    each of its meetings beat builds a follow-up pack (``Uppfoljningspaket``)."""

    organ = models.OneToOneField(
        "arshjul.Samverkansorgan",
        verbose_name=_("samverkansorgan"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    stadsomrade = models.ForeignKey(
        "myndigheter.Stadsomrade",
        verbose_name=_("stadsområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    utsatt_omrade = models.ForeignKey(
        "myndigheter.UtsattOmrade",
        verbose_name=_("utsatt område"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("ledningsgrupp")
        verbose_name_plural = _("ledningsgrupper")
        constraints = [
            models.CheckConstraint(
                condition=Q(stadsomrade__isnull=True) | Q(utsatt_omrade__isnull=True),
                name="ledningsgrupp_hogst_ett_omrade",
            )
        ]

    def __str__(self) -> str:
        return str(self.organ)


def _paketets_fil(paket: Uppfoljningspaket, filnamn: str) -> str:
    return f"uppfoljningspaket/{paket.ar}/{filnamn}"


class Uppfoljningspaket(models.Model):
    """One version of the follow-up pack of one meeting of a management group: the year's
    figures up to the build, as the group's scope (``malgrupp``) counts them, in the yearly
    report's layout. A version is never changed; a rebuild with unchanged figures adds none."""

    mote = models.ForeignKey(
        "arshjul.Arshjulshandelse",
        verbose_name=_("möte"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    ar = models.PositiveSmallIntegerField(_("år"))
    malgrupp = models.CharField(_("målgrupp"), max_length=200)
    malgruppstext = models.CharField(_("målgrupp (text)"), max_length=300)
    version = models.PositiveIntegerField(_("version"))
    fil = models.FileField(_("fil"), upload_to=_paketets_fil, max_length=300)
    kontrollsumma = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    dataversion = models.CharField(_("dataversion"), max_length=64)
    sidantal = models.PositiveSmallIntegerField(_("antal sidor"))
    byggd = models.DateTimeField(_("byggd"), default=timezone.now)

    class Meta:
        verbose_name = _("uppföljningspaket")
        verbose_name_plural = _("uppföljningspaket")
        ordering = ["-byggd", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["mote", "version"], name="uppfoljningspaket_version")
        ]

    def __str__(self) -> str:
        return f"{self.mote} v{self.version}"


class Uppfoljningspaketbygge(models.Model):
    """The build state of one meeting's follow-up pack, with the group's scope as data
    (``lasare``, ``uppfoljning.access.Malgrupp``); ``nummer`` counts the requests as for the
    yearly report's builds. One per meeting: beat orders a pack only for a meeting without one."""

    Status = RapportbyggeStatus

    mote = models.OneToOneField(
        "arshjul.Arshjulshandelse",
        verbose_name=_("möte"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    malgrupp = models.CharField(_("målgrupp"), max_length=200)
    lasare = models.JSONField(_("läsare"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VANTAR
    )
    nummer = models.PositiveIntegerField(_("begäran nummer"), default=0)
    begard = models.DateTimeField(_("senast begärt"), default=timezone.now)
    klar = models.DateTimeField(_("klart"), null=True, blank=True)
    fel = models.TextField(_("fel"), blank=True)

    class Meta:
        verbose_name = _("uppföljningspaketbygge")
        verbose_name_plural = _("uppföljningspaketbyggen")

    def __str__(self) -> str:
        return f"{self.mote}: {self.get_status_display()} (#{self.nummer})"

    @property
    def pagar(self) -> bool:
        return self.status in {self.Status.VANTAR, self.Status.BYGGER}
