"""The evaluation of a carried-out operation: the joint evaluation, each agency's evaluation and
the reminders sent about them and about the items of the improvement plan."""

from __future__ import annotations

from decimal import Decimal

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karna.tid import DATUM, tidsgranskontroll, validera_tidpunkt

FRIST_DAGAR_STANDARD = 30


class Betyg(models.TextChoices):
    """The HSEEP scale of the US after-action report, as MSB's uniform evaluations use it."""

    P = "P", _("P – genomfört utan utmaningar")
    S = "S", _("S – genomfört med vissa utmaningar")
    M = "M", _("M – genomfört med stora utmaningar")
    U = "U", _("U – kunde inte genomföras")


class Informationshinder(models.TextChoices):
    SEKRETESS = "SEKRETESS", _("Sekretess")
    RATTSLIGT_STOD = "RATTSLIGT_STOD", _("Saknat rättsligt stöd för att lämna uppgifter")
    ANNAT = "ANNAT", _("Annat")


@pghistory.track()
class Utvarderingsfrist(models.Model):
    """How many days after an operation of a collaboration form its evaluation is due."""

    samverkansform = models.OneToOneField(
        "myndigheter.Samverkansform",
        verbose_name=_("samverkansform"),
        on_delete=models.CASCADE,
        related_name="utvarderingsfrist",
    )
    dagar = models.PositiveSmallIntegerField(
        _("dagar efter insatsen"),
        default=FRIST_DAGAR_STANDARD,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    class Meta:
        verbose_name = _("utvärderingsfrist")
        verbose_name_plural = _("utvärderingsfrister")
        constraints = [
            models.CheckConstraint(
                condition=Q(dagar__gte=1, dagar__lte=365), name="utvarderingsfrist_dagar"
            )
        ]

    def __str__(self) -> str:
        return f"{self.samverkansform}: {self.dagar}"


@pghistory.track()
class Gemensamutvardering(models.Model):
    """The joint evaluation of one operation, opened when it is carried out and closed by its
    coordinator with a summary; closing moves the operation to evaluated."""

    class Status(models.TextChoices):
        OPPEN = "OPPEN", _("Öppen")
        AVSLUTAD = "AVSLUTAD", _("Avslutad")

    insats = models.OneToOneField(
        "insatser.Insats",
        verbose_name=_("insats"),
        on_delete=models.CASCADE,
        related_name="gemensam_utvardering",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPPEN
    )
    frist = models.DateField(_("utvärderas senast"), validators=[validera_tidpunkt])
    oppnad = models.DateTimeField(_("öppnad"), default=timezone.now)
    sammanfattning = models.TextField(_("sammanfattning"), blank=True)
    styrkor = models.TextField(_("styrkor"), blank=True)
    skal_for_saknade = models.TextField(_("skäl för saknade utvärderingar"), blank=True)
    avslutad = models.DateTimeField(_("avslutad"), null=True, blank=True)
    avslutad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("avslutad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("gemensam utvärdering")
        verbose_name_plural = _("gemensamma utvärderingar")
        indexes = [models.Index(fields=["status", "frist"], name="gemensamutv_status_frist_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="AVSLUTAD") | Q(avslutad__isnull=False),
                name="gemensamutvardering_avslutad_har_tid",
            ),
            tidsgranskontroll("frist", "gemensamutvardering", DATUM),
        ]

    def __str__(self) -> str:
        return str(self.insats)

    @property
    def forsenad(self) -> bool:
        return self.status == self.Status.OPPEN and self.frist < timezone.localdate()


TIMMAR = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("99999"))]


def _timmar(namn):
    return models.DecimalField(
        namn, max_digits=7, decimal_places=1, null=True, blank=True, validators=TIMMAR
    )


def _betyg(namn):
    return models.CharField(namn, max_length=1, choices=Betyg.choices, blank=True)


@pghistory.track()
class Myndighetsutvardering(models.Model):
    """One agency's evaluation of an operation: one per organisation that took part, and for the
    police one per LPO that staffed it, filed by its operational coordinator.

    Each save records who saved it, so that the history (``pghistory``) shows who changed what
    after it was submitted.
    """

    class Status(models.TextChoices):
        UTKAST = "UTKAST", _("Utkast")
        INLAMNAD = "INLAMNAD", _("Inlämnad")

    # The rated fields, in the order of the form and of the change list.
    BETYGSFALT = (
        "betyg_objektval",
        "betyg_information_fore",
        "betyg_genomgang",
        "betyg_polisbemanning",
        "betyg_samordning",
        "betyg_informationsdelning",
    )
    # Everything the agency fills in; the last two before the obstacles only for the police.
    IFYLLBARA = (
        *BETYGSFALT,
        "timmar_fore",
        "timmar_under",
        "timmar_efter",
        "polistimmar",
        "lanande_lpoer",
        "informationshinder",
        "informationshinder_annat",
        "fritext",
    )
    POLISFALT = ("polistimmar", "lanande_lpoer")

    utvardering = models.ForeignKey(
        Gemensamutvardering,
        verbose_name=_("gemensam utvärdering"),
        on_delete=models.CASCADE,
        related_name="myndighetsutvarderingar",
    )
    organisation = models.ForeignKey(
        "myndigheter.Myndighet",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    lpo = models.ForeignKey(
        "myndigheter.Lokalpolisomrade",
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UTKAST
    )
    betyg_objektval = _betyg(_("urval av objekt"))
    betyg_information_fore = _betyg(_("information före insatsen"))
    betyg_genomgang = _betyg(_("genomgång"))
    betyg_polisbemanning = _betyg(_("polisbemanning"))
    betyg_samordning = _betyg(_("samordning under dagen"))
    betyg_informationsdelning = _betyg(_("informationsdelning"))
    timmar_fore = _timmar(_("timmar före"))
    timmar_under = _timmar(_("timmar under"))
    timmar_efter = _timmar(_("timmar efter"))
    polistimmar = _timmar(_("polistimmar"))
    # LPO codes rather than a many-to-many: the history keeps them with every other field.
    lanande_lpoer = ArrayField(
        models.SlugField(max_length=60),
        verbose_name=_("LPO som lånade ut poliser"),
        default=list,
        blank=True,
    )
    informationshinder = ArrayField(
        models.CharField(max_length=20, choices=Informationshinder.choices),
        verbose_name=_("informationshinder"),
        default=list,
        blank=True,
    )
    informationshinder_annat = models.CharField(
        _("annat informationshinder"), max_length=500, blank=True
    )
    fritext = models.TextField(_("övrigt"), blank=True)
    inlamnad = models.DateTimeField(_("inlämnad"), null=True, blank=True)
    andrad = models.DateTimeField(_("senast sparad"), null=True, blank=True)
    andrad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("senast sparad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("myndighetsutvärdering")
        verbose_name_plural = _("myndighetsutvärderingar")
        ordering = ["utvardering", "organisation__namn", "lpo__namn", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["utvardering", "organisation", "lpo"],
                name="myndighetsutvardering_unik",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=~Q(status="INLAMNAD") | Q(inlamnad__isnull=False),
                name="myndighetsutvardering_inlamnad_har_tid",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{falt}__gte": 0}) | Q(**{f"{falt}__isnull": True}),
                    name=f"myndighetsutvardering_{falt}_ej_negativ",
                )
                for falt in ("timmar_fore", "timmar_under", "timmar_efter", "polistimmar")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.lpo or self.organisation} – {self.utvardering}"

    @property
    def namn(self) -> str:
        """Who files it: the organisation, or for the police the LPO."""
        return (
            f"{self.organisation.namn}, {self.lpo.namn}" if self.lpo_id else self.organisation.namn
        )


class Paminnelse(models.Model):
    """A reminder that was sent: each step once per evaluation, agency evaluation or item."""

    class Steg(models.TextChoices):
        FORE = "FORE", _("Sju dagar före fristen")
        DAGEN = "DAGEN", _("På fristens dag")
        FORSENAD = "FORSENAD", _("Fristen har passerats")

    steg = models.CharField(_("steg"), max_length=20, choices=Steg.choices)
    utvardering = models.ForeignKey(
        Gemensamutvardering,
        verbose_name=_("gemensam utvärdering"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="paminnelser",
    )
    myndighetsutvardering = models.ForeignKey(
        Myndighetsutvardering,
        verbose_name=_("myndighetsutvärdering"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="paminnelser",
    )
    forbattringsomrade = models.ForeignKey(
        "utvardering.Forbattringsomrade",
        verbose_name=_("förbättringsområde"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="paminnelser",
    )
    skickad = models.DateTimeField(_("skickad"), default=timezone.now)

    class Meta:
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(utvardering__isnull=False)
                    & Q(myndighetsutvardering__isnull=True)
                    & Q(forbattringsomrade__isnull=True)
                )
                | (
                    Q(utvardering__isnull=True)
                    & Q(myndighetsutvardering__isnull=False)
                    & Q(forbattringsomrade__isnull=True)
                )
                | (
                    Q(utvardering__isnull=True)
                    & Q(myndighetsutvardering__isnull=True)
                    & Q(forbattringsomrade__isnull=False)
                ),
                name="paminnelse_ett_mal",
            ),
            models.UniqueConstraint(
                fields=["steg", "utvardering"], name="paminnelse_en_per_utvardering"
            ),
            models.UniqueConstraint(
                fields=["steg", "myndighetsutvardering"],
                name="paminnelse_en_per_myndighetsutvardering",
            ),
            models.UniqueConstraint(
                fields=["steg", "forbattringsomrade"], name="paminnelse_en_per_forbattring"
            ),
        ]

    def __str__(self) -> str:
        return self.get_steg_display()
