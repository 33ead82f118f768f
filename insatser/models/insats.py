"""Operations, co-planned groups, participation, controls, findings and the timeline."""

from __future__ import annotations

from datetime import date, timedelta

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from insatser.models.telefon import telefonfalt
from insatser.tidslinje import etikett
from insatser.workflow import InsatsStatus, KontrollStatus, Svar
from karna.tid import TIDPUNKT, tidsgranskontroll, validera_tidpunkt
from myndigheter.models import (
    Enhet,
    KodModell,
    Kommun,
    Lokalpolisomrade,
    Myndighet,
    Samverkansform,
)
from objekt.models import Objekt, Problemkategori


@pghistory.track()
class Installningsorsak(KodModell):
    """Why an operation was cancelled or police staffing withdrawn (shooting, accident, ...)."""

    namn_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    polisorsakad = models.BooleanField(_("orsakad av polisens resursläge"), default=False)

    class Meta(KodModell.Meta):
        verbose_name = _("inställningsorsak")
        verbose_name_plural = _("inställningsorsaker")


@pghistory.track()
class Insatsgrupp(models.Model):
    """Co-planned operations in several municipalities run in one synchronized window."""

    namn = models.CharField(_("namn"), max_length=200, unique=True)
    samverkansform = models.ForeignKey(
        Samverkansform,
        verbose_name=_("samverkansform"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    fonster_start = models.DateTimeField(
        _("gemensamt fönster från"), validators=[validera_tidpunkt]
    )
    fonster_slut = models.DateTimeField(_("gemensamt fönster till"), validators=[validera_tidpunkt])
    agare = models.ForeignKey(
        Myndighet,
        verbose_name=_("organisation som leder samplaneringen"),
        on_delete=models.PROTECT,
        related_name="agda_insatsgrupper",
    )
    organisationer = models.ManyToManyField(
        Myndighet,
        verbose_name=_("samordnande organisationer"),
        related_name="insatsgrupper",
        help_text=_("Organisationerna vars samordnare planerar sina insatser i gruppen."),
    )
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)

    class Meta:
        verbose_name = _("insatsgrupp")
        verbose_name_plural = _("insatsgrupper")
        constraints = [
            models.CheckConstraint(
                condition=Q(fonster_slut__gt=F("fonster_start")), name="insatsgrupp_fonster_ordning"
            ),
            tidsgranskontroll("fonster_start", "insatsgrupp", TIDPUNKT),
            tidsgranskontroll("fonster_slut", "insatsgrupp", TIDPUNKT),
        ]

    def __str__(self) -> str:
        return self.namn


@pghistory.track()
class Insats(models.Model):
    """A joint operation: one or more controls carried out with police and other agencies."""

    class Syfte(models.TextChoices):
        BROTTSFOREBYGGANDE = "BROTTSFOREBYGGANDE", _("Brottsförebyggande")
        TRYGGHETSSKAPANDE = "TRYGGHETSSKAPANDE", _("Trygghetsskapande")
        BADA = "BADA", _("Båda")

    Status = InsatsStatus

    referens = models.CharField(_("referens"), max_length=20, unique=True)
    titel = models.CharField(_("titel"), max_length=200)
    samordnande_organisation = models.ForeignKey(
        Myndighet,
        verbose_name=_("samordnande organisation"),
        on_delete=models.PROTECT,
        related_name="samordnade_insatser",
    )
    samordnande_enhet = models.ForeignKey(
        Enhet,
        verbose_name=_("samordnande enhet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    samverkansform = models.ForeignKey(
        Samverkansform,
        verbose_name=_("samverkansform"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    syfte = models.CharField(
        _("syfte"), max_length=20, choices=Syfte.choices, default=Syfte.BROTTSFOREBYGGANDE
    )
    start = models.DateTimeField(_("start"), validators=[validera_tidpunkt])
    slut = models.DateTimeField(_("slut"), validators=[validera_tidpunkt])
    samlingsplats = models.CharField(_("samlingsplats"), max_length=300, blank=True)
    sakerhetsanteckning = models.TextField(
        _("säkerhetsanteckning"),
        blank=True,
        help_text=_(
            "Kända hot- eller säkerhetsrisker. Visas bara för dem som deltar i insatsen och i "
            "deras informationsunderlag."
        ),
    )
    lpoer = models.ManyToManyField(
        Lokalpolisomrade, verbose_name=_("lokalpolisområden"), blank=True, related_name="insatser"
    )
    kommuner = models.ManyToManyField(
        Kommun, verbose_name=_("kommuner"), blank=True, related_name="insatser"
    )
    # What the operation carries out of the joint situation picture: a reference to the
    # priorities and action-plan items of the period its date lies in, never their content.
    prioriteringar = models.ManyToManyField(
        "arshjul.Prioritering",
        verbose_name=_("prioriteringar"),
        blank=True,
        related_name="insatser",
    )
    atgardspunkter = models.ManyToManyField(
        "arshjul.Atgardspunkt",
        verbose_name=_("åtgärdspunkter"),
        blank=True,
        related_name="insatser",
    )
    insatsgrupp = models.ForeignKey(
        Insatsgrupp,
        verbose_name=_("insatsgrupp"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insatser",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=InsatsStatus.choices, default=InsatsStatus.FORESLAGEN
    )
    omplanerad_fran = models.OneToOneField(
        "self",
        verbose_name=_("omplanerad från"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efterfoljare",
    )
    installd_orsak = models.ForeignKey(
        Installningsorsak,
        verbose_name=_("orsak till inställning"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    installd_kommentar = models.TextField(_("kommentar till inställning"), blank=True)
    insatsfonster = models.ForeignKey(
        "arshjul.Arshjulshandelse",
        verbose_name=_("insatsfönster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"typ": "INSATSFONSTER"},
        related_name="planerade_insatser",
        help_text=_("Det insatsfönster på årshjulet som insatsen planerades i."),
    )
    avslag_motivering = models.TextField(_("motivering till avslag"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    skapad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    skapad = models.DateTimeField(_("skapad"), default=timezone.now)
    andrad = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["status", "start"], name="insats_status_start_idx"),
            models.Index(fields=["samordnande_organisation", "start"], name="insats_org_start_idx"),
            # The operation list's order: a page of a long list is read along it.
            models.Index(fields=["start", "id"], name="insats_start_id_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(slut__gt=F("start")), name="insats_slut_efter_start"
            ),
            models.CheckConstraint(
                condition=~Q(status=InsatsStatus.INSTALLD) | Q(installd_orsak__isnull=False),
                name="insats_installd_kraver_orsak",
            ),
            tidsgranskontroll("start", "insats", TIDPUNKT),
            tidsgranskontroll("slut", "insats", TIDPUNKT),
        ]

    def __str__(self) -> str:
        return f"{self.referens} {self.titel}"

    @property
    def startdag(self) -> date:
        """The operation's day where it takes place: the project's time zone, the only one it
        activates (read directly, as the wheel reads thousands of operations at a time)."""
        return self.start.astimezone(timezone.get_default_timezone()).date()

    def _dagar_fore(self, dagar: int) -> date:
        return self.startdag - timedelta(days=dagar)

    @property
    def objekt_deadline(self) -> date:
        """Objects fixed by this day, so every agency has time to prepare."""
        return self._dagar_fore(settings.LEDTID_OBJEKT_DAGAR)

    @property
    def bemanning_deadline(self) -> date:
        """Police staffing requested by this day, so the LPO can set aside officers."""
        return self._dagar_fore(settings.LEDTID_BEMANNING_DAGAR)

    @property
    def underlag_deadline(self) -> date:
        """Agency information released by this day, in time for the briefing."""
        return self._dagar_fore(settings.LEDTID_UNDERLAG_DAGAR)

    @property
    def dagen_har_passerat(self) -> bool:
        """The operation's day is over: an invitation to it can no longer be answered."""
        return self.startdag < timezone.localdate()


@pghistory.track()
class Deltagande(models.Model):
    """An organisation (and unit) invited to an operation, with its answer."""

    class Roll(models.TextChoices):
        SAMORDNARE = "SAMORDNARE", _("Samordnare")
        DELTAGARE = "DELTAGARE", _("Deltagare")
        POLIS = "POLIS", _("Polis")

    Svar = Svar

    insats = models.ForeignKey(
        Insats, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="deltaganden"
    )
    organisation = models.ForeignKey(
        Myndighet, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    enhet = models.ForeignKey(
        Enhet, verbose_name=_("enhet"), on_delete=models.PROTECT, null=True, blank=True
    )
    roll = models.CharField(_("roll"), max_length=20, choices=Roll.choices, default=Roll.DELTAGARE)
    svar = models.CharField(_("svar"), max_length=20, choices=Svar.choices, default=Svar.INBJUDEN)
    planerat_antal = models.PositiveSmallIntegerField(_("planerat antal personer"), default=0)
    kontaktfunktion = models.CharField(
        _("kontaktfunktion"),
        max_length=200,
        blank=True,
        help_text=_(
            "Funktionen på plats, inte en persons namn, till exempel ”Skatteverkets insatsledare”."
        ),
    )
    kontakttelefon = telefonfalt()
    besvarad = models.DateTimeField(_("besvarad"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("deltagande")
        verbose_name_plural = _("deltaganden")
        constraints = [
            models.UniqueConstraint(
                fields=["insats", "organisation", "enhet"],
                name="deltagande_unik",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} i {self.insats.referens}"


@pghistory.track()
class Kontroll(models.Model):
    """One object inspected in one operation."""

    Status = KontrollStatus

    insats = models.ForeignKey(
        Insats, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="kontroller"
    )
    objekt = models.ForeignKey(
        Objekt, verbose_name=_("objekt"), on_delete=models.PROTECT, related_name="kontroller"
    )
    ordning = models.PositiveSmallIntegerField(_("ordning"), default=1)
    deltagande_organisationer = models.ManyToManyField(
        Myndighet, verbose_name=_("deltagande organisationer"), blank=True, related_name="+"
    )
    tilltradesgrund = models.CharField(
        _("tillträdesgrund"),
        max_length=300,
        blank=True,
        help_text=_("Vilken organisation och vilket lagstöd som ger tillträde till objektet."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANERAD
    )
    ej_genomford_orsak = models.TextField(
        _("orsak till att kontrollen inte genomfördes"), blank=True
    )
    reserv = models.BooleanField(
        _("reservobjekt"),
        default=False,
        help_text=_(
            "Kontrolleras om ett annat objekt faller bort, så att insatsen kan genomföras."
        ),
    )

    class Meta:
        verbose_name = _("kontroll")
        verbose_name_plural = _("kontroller")
        ordering = ["insats", "ordning"]
        constraints = [
            models.UniqueConstraint(fields=["insats", "objekt"], name="kontroll_objekt_en_gang"),
            models.CheckConstraint(
                condition=~Q(status="EJ_GENOMFORD") | ~Q(ej_genomford_orsak=""),
                name="kontroll_ej_genomford_kraver_orsak",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objekt} i {self.insats.referens}"


@pghistory.track()
class Fynd(models.Model):
    """A finding in a control, shared with the participants or kept within one's agency."""

    kontroll = models.ForeignKey(
        Kontroll, verbose_name=_("kontroll"), on_delete=models.CASCADE, related_name="fynd"
    )
    organisation = models.ForeignKey(
        Myndighet, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    registrerad_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    tid = models.DateTimeField(_("tid"), default=timezone.now)
    kategori = models.ForeignKey(
        Problemkategori,
        verbose_name=_("kategori"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    text = models.TextField(_("beskrivning"))
    delad = models.BooleanField(_("delad med deltagarna"), default=False)
    # Set when recorded, never corrected away: recording one alerts at once (docs/notiser-och-
    # kalender.md) and the coordinating organisation and the operation's police always read it.
    hot = models.BooleanField(_("hot eller otillåten påverkan mot tjänsteman"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("fynd")
        verbose_name_plural = _("fynd")
        ordering = ["tid"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.text[:40]}"


class Insatshandelse(models.Model):
    """One entry of an operation's timeline: a transition or another notable event."""

    insats = models.ForeignKey(
        Insats, verbose_name=_("insats"), on_delete=models.CASCADE, related_name="handelser"
    )
    typ = models.CharField(_("händelse"), max_length=40)
    fran_status = models.CharField(
        _("från status"), max_length=20, blank=True, choices=InsatsStatus.choices
    )
    till_status = models.CharField(
        _("till status"), max_length=20, blank=True, choices=InsatsStatus.choices
    )
    utford_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utförd av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    tid = models.DateTimeField(_("tid"), default=timezone.now)
    text = models.TextField(_("text"), blank=True)
    # What the entry is about, when it concerns one request, invitation or release: notifications
    # find their recipients through these, never through the text.
    begaran = models.ForeignKey(
        "insatser.Bemanningsbegaran",
        verbose_name=_("bemanningsbegäran"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    deltagande = models.ForeignKey(
        Deltagande,
        verbose_name=_("deltagande"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    frislappning = models.ForeignKey(
        "insatser.Frislappning",
        verbose_name=_("frisläppning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uppgiftsbegaran = models.ForeignKey(
        "insatser.Uppgiftsbegaran",
        verbose_name=_("begäran om uppgifter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("insatshändelse")
        verbose_name_plural = _("insatshändelser")
        ordering = ["tid", "pk"]
        # The notification sweeper reads the last days' entries.
        indexes = [models.Index(fields=["tid"], name="insatshandelse_tid_idx")]

    def __str__(self) -> str:
        return f"{self.insats.referens}: {self.typ}"

    @property
    def etikett(self):
        return etikett(self.typ)


class InsatsUserObjectPermission(UserObjectPermissionBase):
    """An explicit grant of a permission on one operation to one user (e.g. a reader)."""

    content_object = models.ForeignKey(Insats, on_delete=models.CASCADE)


class InsatsGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Insats, on_delete=models.CASCADE)
