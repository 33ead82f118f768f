"""Organisations, units, police and municipal geography, and other reference data.

Reference rows carry their source (``kalla``) from the source documents; a row whose facts do not
come from those documents is flagged ``ej_i_kallorna`` so it can be verified before it is relied on.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karna.tid import AR, tidsgranskontroll, validera_ar
from myndigheter.karta import validera_grans


def gransfalt():
    """An area's boundary for the map (``myndigheter.karta``), with its own source."""
    return models.JSONField(
        _("gräns"),
        null=True,
        blank=True,
        validators=[validera_grans],
        help_text=_(
            "GeoJSON-Feature i WGS84 (Polygon eller MultiPolygon) med egenskaperna kalla och "
            "ej_i_kallorna."
        ),
    )


class Kallhanvisning(models.Model):
    """Source reference shared by every reference-data table."""

    kalla = models.CharField(_("källa"), max_length=200, blank=True)
    ej_i_kallorna = models.BooleanField(
        _("ej i källdokumenten"),
        default=False,
        help_text=_("Uppgiften kommer inte från källdokumenten och ska verifieras."),
    )

    class Meta:
        abstract = True


class KodManager(models.Manager):
    def get_by_natural_key(self, kod):
        return self.get(kod=kod)


class KodModell(Kallhanvisning):
    """A reference row identified by a stable code, usable as a fixture natural key."""

    kod = models.SlugField(_("kod"), max_length=60, unique=True)
    namn = models.CharField(_("namn"), max_length=200)

    objects = KodManager()

    class Meta:
        abstract = True
        ordering = ["namn"]

    def __str__(self) -> str:
        return self.namn

    def natural_key(self):
        return (self.kod,)


@pghistory.track()
class Myndighet(KodModell):
    """An organisation taking part in joint operations: agency, municipality, region or other."""

    class Typ(models.TextChoices):
        STATLIG = "STATLIG", _("Statlig myndighet")
        KOMMUNAL = "KOMMUNAL", _("Kommun eller kommunal förvaltning")
        KOMMUNALT_BOLAG = "KOMMUNALT_BOLAG", _("Kommunalt bolag")
        REGION = "REGION", _("Region")
        OVRIG = "OVRIG", _("Övrig")

    namn_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    kortnamn = models.CharField(_("kortnamn"), max_length=40, blank=True)
    typ = models.CharField(_("typ"), max_length=20, choices=Typ.choices)
    overordnad = models.ForeignKey(
        "self",
        verbose_name=_("överordnad organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="underordnade",
    )
    ar_polis = models.BooleanField(_("är polis"), default=False)
    informationsbehov = models.TextField(
        _("informationsbehov"),
        blank=True,
        help_text=_("Vad organisationen behöver veta inför en insats."),
    )
    mandat = models.TextField(
        _("uppdrag och mandat"),
        blank=True,
        help_text=_("Vad organisationen kontrollerar och med vilket stöd, kort."),
    )
    kontaktvagar = models.TextField(
        _("kontaktvägar"),
        blank=True,
        help_text=_("Funktioner och funktionsnummer att vända sig till, inte enskilda personer."),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta(KodModell.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    @property
    def mottagarslag(self) -> str:
        """The kind of recipient the secrecy rules distinguish: the police, a state agency, a
        municipality (with its companies), a region or another organisation."""
        if self.ar_polis:
            return Mottagarslag.POLIS
        if self.typ in (self.Typ.KOMMUNAL, self.Typ.KOMMUNALT_BOLAG):
            return Mottagarslag.KOMMUNAL
        return self.typ


class Mottagarslag(models.TextChoices):
    POLIS = "POLIS", _("Polisen")
    STATLIG = "STATLIG", _("Statlig myndighet")
    KOMMUNAL = "KOMMUNAL", _("Kommun eller kommunalt bolag")
    REGION = "REGION", _("Region")
    OVRIG = "OVRIG", _("Övrig organisation")


@pghistory.track()
class Delningsgrund(models.Model):
    """A provision under which an organisation may disclose information, and to whom.

    Kept by the organisation's focal point on its profile; a release names one, and is refused
    when a recipient is of a kind the provision does not cover.
    """

    organisation = models.ForeignKey(
        Myndighet,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="delningsgrunder",
    )
    bestammelse = models.CharField(
        _("bestämmelse"),
        max_length=200,
        help_text=_("Till exempel 10 kap. 28 § offentlighets- och sekretesslagen."),
    )
    beskrivning = models.TextField(_("vad får lämnas ut"), blank=True)
    mottagarslag = ArrayField(
        models.CharField(max_length=20, choices=Mottagarslag.choices),
        verbose_name=_("får lämnas till"),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("delningsgrund")
        verbose_name_plural = _("delningsgrunder")
        ordering = ["organisation", "bestammelse"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(mottagarslag=[]), name="delningsgrund_har_mottagare"
            )
        ]

    def __str__(self) -> str:
        return self.bestammelse

    def medger(self, mottagare: Myndighet) -> bool:
        return mottagare.mottagarslag in self.mottagarslag

    def mottagarslag_namn(self) -> list[str]:
        return [str(Mottagarslag(slag).label) for slag in self.mottagarslag]


@pghistory.track()
class Samverkansform(KodModell):
    """A collaboration form or initiative an operation is run under (AKC, GVI, LOS, ...)."""

    class Status(models.TextChoices):
        AKTIV = "AKTIV", _("Aktiv")
        REVIDERAD = "REVIDERAD", _("Reviderad")
        AVSLUTAD = "AVSLUTAD", _("Avslutad")

    beskrivning = models.TextField(_("beskrivning"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.AKTIV)

    class Meta(KodModell.Meta):
        verbose_name = _("samverkansform")
        verbose_name_plural = _("samverkansformer")


@pghistory.track()
class Medlemskap(Kallhanvisning):
    """An organisation's membership in a collaboration form (core, network or partner)."""

    class Roll(models.TextChoices):
        KARNA = "KARNA", _("Kärnmyndighet")
        NATVERK = "NATVERK", _("Nätverksmyndighet")
        PARTNER = "PARTNER", _("Partner")

    organisation = models.ForeignKey(
        Myndighet, verbose_name=_("organisation"), on_delete=models.CASCADE
    )
    samverkansform = models.ForeignKey(
        Samverkansform, verbose_name=_("samverkansform"), on_delete=models.CASCADE
    )
    roll = models.CharField(_("roll"), max_length=20, choices=Roll.choices)

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "samverkansform"], name="medlemskap_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.samverkansform} ({self.get_roll_display()})"


@pghistory.track()
class Enhet(Kallhanvisning):
    """A unit of an organisation with its mandate, shown wherever police see a request."""

    kod = models.SlugField(_("kod"), max_length=60, unique=True)
    organisation = models.ForeignKey(
        Myndighet, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="enheter"
    )
    namn = models.CharField(_("namn"), max_length=200)
    mandat = models.CharField(
        _("mandat"),
        max_length=300,
        help_text=_("Vilket uppdrag enheten har, t.ex. osund konkurrens eller ordinarie tillsyn."),
    )
    samverkansform_standard = models.ForeignKey(
        Samverkansform,
        verbose_name=_("förvald samverkansform"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    objects = KodManager()

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        ordering = ["organisation__namn", "namn"]

    def __str__(self) -> str:
        return f"{self.organisation.kortnamn or self.organisation.namn}: {self.namn}"

    def natural_key(self):
        return (self.kod,)


@pghistory.track()
class Polisregion(KodModell):
    class Meta(KodModell.Meta):
        verbose_name = _("polisregion")
        verbose_name_plural = _("polisregioner")


@pghistory.track()
class Polisomrade(KodModell):
    region = models.ForeignKey(
        Polisregion, verbose_name=_("polisregion"), on_delete=models.PROTECT, related_name="omraden"
    )

    class Meta(KodModell.Meta):
        verbose_name = _("polisområde")
        verbose_name_plural = _("polisområden")


@pghistory.track()
class Kommun(KodModell):
    class Meta(KodModell.Meta):
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    @classmethod
    def for_kartan(cls) -> Kommun | None:
        """The municipality a map opens on: the one with the most districts that have a
        boundary."""
        return (
            cls.objects.annotate(
                ritade=models.Count(
                    "stadsomraden", filter=models.Q(stadsomraden__grans__isnull=False)
                )
            )
            .order_by("-ritade", "namn")
            .first()
        )


@pghistory.track()
class Lokalpolisomrade(KodModell):
    """A local police area (LPO): the routing key for police staffing requests."""

    region = models.ForeignKey(
        Polisregion,
        verbose_name=_("polisregion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lokalpolisomraden",
    )
    polisomrade = models.ForeignKey(
        Polisomrade,
        verbose_name=_("polisområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lokalpolisomraden",
    )
    kommuner = models.ManyToManyField(
        Kommun, verbose_name=_("kommuner"), blank=True, related_name="lokalpolisomraden"
    )

    class Meta(KodModell.Meta):
        verbose_name = _("lokalpolisområde")
        verbose_name_plural = _("lokalpolisområden")


@pghistory.track()
class Stadsomrade(KodModell):
    """A city district paired with its LPO (Göteborg: Centrum–City, Sydväst–Syd, ...)."""

    kommun = models.ForeignKey(
        Kommun, verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="stadsomraden"
    )
    lpo = models.ForeignKey(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        related_name="stadsomraden",
    )
    socialforvaltning = models.ForeignKey(
        Enhet,
        verbose_name=_("socialförvaltning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    grans = gransfalt()

    class Meta(KodModell.Meta):
        verbose_name = _("stadsområde")
        verbose_name_plural = _("stadsområden")


@pghistory.track()
class UtsattOmrade(KodModell):
    """An area in the police's national assessment of vulnerable areas."""

    lpo = models.ForeignKey(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområde"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="utsatta_omraden",
    )
    kommun = models.ForeignKey(
        Kommun, verbose_name=_("kommun"), on_delete=models.PROTECT, null=True, blank=True
    )
    anmarkning = models.TextField(_("anmärkning"), blank=True)
    grans = gransfalt()

    class Meta(KodModell.Meta):
        verbose_name = _("utsatt område")
        verbose_name_plural = _("utsatta områden")

    def klass_for_ar(self, ar: int) -> str | None:
        """The classification in force in ``ar``: the latest assessment made that year or before.

        Reads the assessments prefetched with ``prefetch_related("bedomningar")`` when there are,
        so that a list of areas costs one query, not one per area.
        """
        giltiga = [b for b in self.bedomningar.all() if b.ar <= ar]
        return max(giltiga, key=lambda b: b.ar).klass if giltiga else None


class OmradesbedomningQuerySet(models.QuerySet):
    def giltiga_for_ar(self, ar: int) -> models.QuerySet:
        """Assessments made in ``ar`` or before, the one in force first."""
        return self.filter(ar__lte=ar).order_by("-ar")

    def klass_for_ar(self, omrade, ar: int) -> models.Subquery:
        """``UtsattOmrade.klass_for_ar`` as a subquery on ``omrade`` (an OuterRef), for lists."""
        return models.Subquery(
            self.filter(omrade=omrade).giltiga_for_ar(ar).values("klass")[:1],
            output_field=models.CharField(),
        )


@pghistory.track()
class Omradesbedomning(Kallhanvisning):
    """One year's classification of a vulnerable area."""

    class Klass(models.TextChoices):
        EJ = "EJ", _("Ej utsatt område")
        UO = "UO", _("Utsatt område")
        RO = "RO", _("Riskområde")
        SUO = "SUO", _("Särskilt utsatt område")
        EJ_ANGIVEN = "EJ_ANGIVEN", _("Utsatt område, kategori ej angiven i källan")

    class Trend(models.TextChoices):
        POSITIV = "POSITIV", _("Positiv")
        STABIL = "STABIL", _("Stabil")
        NEGATIV = "NEGATIV", _("Negativ")
        OKAND = "OKAND", _("Okänd")

    omrade = models.ForeignKey(
        UtsattOmrade,
        verbose_name=_("område"),
        on_delete=models.CASCADE,
        related_name="bedomningar",
    )
    ar = models.PositiveSmallIntegerField(_("år"), validators=[validera_ar])
    klass = models.CharField(_("klassning"), max_length=20, choices=Klass.choices)
    trend = models.CharField(_("trend"), max_length=20, choices=Trend.choices, default=Trend.OKAND)

    objects = OmradesbedomningQuerySet.as_manager()

    class Meta:
        verbose_name = _("områdesbedömning")
        verbose_name_plural = _("områdesbedömningar")
        ordering = ["omrade__namn", "ar"]
        constraints = [
            models.UniqueConstraint(fields=["omrade", "ar"], name="omradesbedomning_unik_per_ar"),
            tidsgranskontroll("ar", "omradesbedomning", AR),
        ]

    def __str__(self) -> str:
        return f"{self.omrade} {self.ar}: {self.get_klass_display()}"


@pghistory.track()
class Anvandarprofil(models.Model):
    """Organisation, unit and police scope of a user. Roles are group memberships (see roller)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="profil",
    )
    organisation = models.ForeignKey(
        Myndighet, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="profiler"
    )
    enhet = models.ForeignKey(
        Enhet, verbose_name=_("enhet"), on_delete=models.PROTECT, null=True, blank=True
    )
    lpo_scope = models.ManyToManyField(
        Lokalpolisomrade,
        verbose_name=_("lokalpolisområden"),
        blank=True,
        help_text=_(
            "De lokalpolisområden en operativ samordnare eller polisledning ansvarar för, "
            "eller där en insatspolis tjänstgör."
        ),
    )
    ar_insatspolis = models.BooleanField(_("är insatspolis"), default=False)
    ar_sakerhetskontakt = models.BooleanField(
        _("är säkerhetskontakt"),
        default=False,
        help_text=_(
            "Underrättas genast när någon i organisationen registrerar hot eller otillåten "
            "påverkan mot tjänsteman i en insats som personen kan se."
        ),
    )
    titel = models.CharField(_("funktion eller titel"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("användarprofil")
        verbose_name_plural = _("användarprofiler")

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.organisation})"


class Inloggning(models.Model):
    """A session a user logged in with, so that all of a user's sessions can be ended."""

    session_key = models.CharField(_("sessionsnyckel"), max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="inloggningar",
    )
    skapad = models.DateTimeField(_("inloggad"), default=timezone.now)

    class Meta:
        verbose_name = _("inloggning")
        verbose_name_plural = _("inloggningar")

    def __str__(self) -> str:
        return f"{self.user} {self.skapad:%Y-%m-%d %H:%M}"


class Logguppfoljning(models.Model):
    """A monthly log review: the unusual accesses found in one period, for the administrators."""

    period_fran = models.DateField(_("från"))
    period_till = models.DateField(_("till"))
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    antal_lasningar = models.PositiveIntegerField(_("antal loggposter"))
    avvikelser = models.JSONField(_("avvikelser"), default=list)

    class Meta:
        verbose_name = _("logguppföljning")
        verbose_name_plural = _("logguppföljningar")
        ordering = ["-period_fran"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_fran", "period_till"], name="logguppfoljning_unik"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period_fran:%Y-%m}"


@pghistory.track(
    pghistory.InsertEvent("roll.tilldelad"),
    pghistory.DeleteEvent("roll.borttagen"),
    obj_field=None,
)
class Rolltilldelning(User.groups.through):
    """Role (group) memberships, tracked so that every grant and removal of a role is kept."""

    class Meta:
        proxy = True
        verbose_name = _("rolltilldelning")
        verbose_name_plural = _("rolltilldelningar")


class Synlighetsandring(models.Model):
    """A change of a user's account that may narrow what the user sees (another organisation, a
    role or an LPO taken away), with the scope the user had just before it: the kept log from
    which the API's incremental sync names the operations the user no longer sees (tombstones),
    since such a change leaves no trace on any operation. Removed after its retention period
    (``karna.gallring``, rule ``synlighetsandringar``)."""

    anvandare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("användare"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    tid = models.DateTimeField(_("tid"), default=timezone.now)
    organisation = models.ForeignKey(
        Myndighet,
        verbose_name=_("tidigare organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    roller = ArrayField(models.CharField(max_length=30), verbose_name=_("tidigare roller"))
    lpoer = ArrayField(
        models.PositiveIntegerField(), default=list, verbose_name=_("tidigare lokalpolisområden")
    )

    class Meta:
        verbose_name = _("synlighetsändring")
        verbose_name_plural = _("synlighetsändringar")
        indexes = [models.Index(fields=["anvandare", "tid"], name="synlighetsandring_anv_tid")]

    def __str__(self) -> str:
        return f"{self.anvandare_id} {self.tid:%Y-%m-%d %H:%M}"
