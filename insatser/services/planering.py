"""Operation verbs: create, change, invite, add objects, plan, answer, carry out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.models import Arshjulshandelse
from insatser import access
from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import (
    Deltagande,
    Insats,
    Kontroll,
)
from insatser.services.bemanning import _bekrafta_om_klar
from insatser.services.gemensamt import (
    _kontrollera_insatsfonster,
    _kontrollera_prioriteringar,
    _kontrollera_tidsfonster,
    _kraver_samordnare,
    _kvittera_varningar,
    _ligger_i_fonster,
    _nasta_referens,
    _nekad,
    _overga,
    _valideringsfel,
    las_for_tillagg,
    las_insats,
    skriv_tidslinjepost,
)
from insatser.services.grupper import _kontrollera_fonster
from insatser.workflow import (
    AVSLUTADE,
    INSATS_WORKFLOW,
    KONTROLL_WORKFLOW,
    OPPNA_FOR_PLANERING,
    SVAR_WORKFLOW,
    InsatsStatus,
)
from karna.lasning import las, spara_ny_version
from karna.verb import verb
from myndigheter.models import Enhet, Kommun, Lokalpolisomrade, Myndighet, Samverkansform
from objekt import services as objekt_services
from objekt.models import Objekt

S = InsatsStatus


@verb(INSATSEN_ANDRAD)
def skapa_insats(
    *,
    user,
    titel: str,
    start: datetime,
    slut: datetime,
    samordnande_enhet: Enhet | None = None,
    samverkansform: Samverkansform | None = None,
    syfte: str = Insats.Syfte.BROTTSFOREBYGGANDE,
    samlingsplats: str = "",
    lpoer: Iterable[Lokalpolisomrade] = (),
    kommuner: Iterable[Kommun] = (),
    insatsfonster: Arshjulshandelse | None = None,
    referens: str | None = None,
) -> Insats:
    """A coordinator proposes an operation for their organisation, in a window of the wheel
    when ``insatsfonster`` is given. ``referens`` keeps a reference the operation already has
    (seed or imported plans); otherwise the next free one of its year is given."""
    if not access.kan_skapa_insats(user):
        raise _nekad(_("Endast samordnare kan skapa insatser."))
    if not titel.strip():
        raise _valideringsfel("titel", _("Ange en titel."))
    _kontrollera_tidsfonster(start, slut)
    organisation = user.profil.organisation
    if samordnande_enhet is not None and samordnande_enhet.organisation_id != organisation.pk:
        raise _valideringsfel(
            "samordnande_enhet", _("Enheten måste tillhöra din egen organisation.")
        )
    lpoer = list(lpoer)
    _kontrollera_insatsfonster(user, insatsfonster, start, [lpo.pk for lpo in lpoer])
    insats = Insats.objects.create(
        referens=referens or _nasta_referens(start),
        status=INSATS_WORKFLOW.skapa("skapad"),
        titel=titel.strip(),
        samordnande_organisation=organisation,
        samordnande_enhet=samordnande_enhet,
        samverkansform=samverkansform,
        syfte=syfte,
        start=start,
        slut=slut,
        samlingsplats=samlingsplats,
        insatsfonster=insatsfonster,
        skapad_av=user,
    )
    insats.lpoer.set(lpoer)
    insats.kommuner.set(kommuner)
    Deltagande.objects.create(
        insats=insats,
        organisation=organisation,
        enhet=samordnande_enhet,
        roll=Deltagande.Roll.SAMORDNARE,
        svar=SVAR_WORKFLOW.skapa("samordna"),
        besvarad=timezone.now(),
    )
    skriv_tidslinjepost(insats, user, "skapad", till=insats.status)
    return insats


# What a coordinator may change on an open operation. The time window only before staffing is
# requested: later a new date is a rescheduling (a successor), which re-requests the staffing.
ANDRINGSBARA = [
    "titel",
    "samordnande_enhet",
    "samverkansform",
    "syfte",
    "samlingsplats",
    "start",
    "slut",
]
TIDSFALT = {"start", "slut"}
# The many-to-many links the form edits, each written on the timeline by name when it changes.
KOPPLINGAR = ("lpoer", "kommuner", "prioriteringar", "atgardspunkter")


@verb(INSATSEN_ANDRAD)
def andra_insats(user, insats: Insats, version: int, **uppgifter) -> Insats:
    """Change what the coordinator stated about the operation; a stale form changes nothing."""
    insats = las_insats(insats, version)
    _kraver_samordnare(user, insats)
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel("insats", _("Insatsen kan inte längre ändras."))
    if not uppgifter.get("titel", insats.titel).strip():
        raise _valideringsfel("titel", _("Ange en titel."))
    enhet = uppgifter.get("samordnande_enhet", insats.samordnande_enhet)
    if enhet is not None and enhet.organisation_id != insats.samordnande_organisation_id:
        raise _valideringsfel(
            "samordnande_enhet", _("Enheten måste tillhöra din egen organisation.")
        )
    andrade = [f for f in ANDRINGSBARA if f in uppgifter and getattr(insats, f) != uppgifter[f]]
    if TIDSFALT & set(andrade) and insats.status not in {S.FORESLAGEN, S.PLANERAD}:
        raise _valideringsfel(
            "start",
            _("Polisen har fått en begäran för den tiden: planera om insatsen till den nya tiden."),
        )
    start, slut = uppgifter.get("start", insats.start), uppgifter.get("slut", insats.slut)
    _kontrollera_tidsfonster(start, slut)
    if insats.insatsgrupp_id is not None:
        _kontrollera_fonster(insats.insatsgrupp, start, slut)
    _kontrollera_prioriteringar(
        start,
        uppgifter.get("prioriteringar", insats.prioriteringar.select_related("period")),
        uppgifter.get("atgardspunkter", insats.atgardspunkter.select_related("period")),
    )
    lpoer_fore = set(insats.lpoer.values_list("pk", flat=True))
    if "lpoer" in uppgifter:
        _kontrollera_borttagna_lpoer(insats, lpoer_fore - {lpo.pk for lpo in uppgifter["lpoer"]})
    for falt in andrade:
        setattr(insats, falt, uppgifter[falt])
    if "titel" in andrade:
        insats.titel = insats.titel.strip()
    spara_ny_version(insats)
    for falt in KOPPLINGAR:
        if falt in uppgifter and set(getattr(insats, falt).values_list("pk", flat=True)) != {
            o.pk for o in uppgifter[falt]
        }:
            getattr(insats, falt).set(uppgifter[falt])
            andrade.append(falt)
    if andrade and _lamnar_sitt_fonster(insats):
        andrade.append("insatsfonster")
    if andrade:
        namn = ", ".join(str(Insats._meta.get_field(f).verbose_name) for f in andrade)
        skriv_tidslinjepost(insats, user, "uppgifter_andrade", text=namn)
    return insats


def _lamnar_sitt_fonster(insats: Insats) -> bool:
    """A new date or LPOs outside the operation's window of the wheel give its place back."""
    if insats.insatsfonster is None or _ligger_i_fonster(
        insats.insatsfonster, insats.start, insats.lpoer.values_list("pk", flat=True)
    ):
        return False
    Insats.objects.filter(pk=insats.pk).update(insatsfonster=None)
    insats.insatsfonster = None
    return True


def _kontrollera_borttagna_lpoer(insats: Insats, borttagna: set[int]) -> None:
    aktiva = insats.bemanningsbegaranden.filter(
        lpo__in=borttagna, status__in=access.AKTIVA_BEMANNINGSSTATUSAR
    )
    if aktiva.exists():
        raise _valideringsfel(
            "lpoer",
            _("Ett lokalpolisområde med en aktiv bemanningsbegäran kan inte tas bort."),
        )


@verb(INSATSEN_ANDRAD)
def bjud_in(
    user, insats: Insats, organisation: Myndighet, enhet: Enhet | None = None
) -> Deltagande:
    insats = las_for_tillagg(insats)
    _kraver_samordnare(user, insats)
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel("insats", _("Det går inte längre att bjuda in till insatsen."))
    if enhet is not None and enhet.organisation_id != organisation.pk:
        raise _valideringsfel("enhet", _("Enheten tillhör inte den valda organisationen."))
    roll = Deltagande.Roll.POLIS if organisation.ar_polis else Deltagande.Roll.DELTAGARE
    deltagande, skapad = Deltagande.objects.get_or_create(
        insats=insats,
        organisation=organisation,
        enhet=enhet,
        defaults={"roll": roll, "svar": SVAR_WORKFLOW.skapa("bjud_in")},
    )
    if skapad:
        skriv_tidslinjepost(
            insats, user, "inbjudan", text=str(enhet or organisation), deltagande=deltagande
        )
    return deltagande


@verb(INSATSEN_ANDRAD)
def lagg_till_kontroll(
    user, insats: Insats, objekt: Objekt, tilltradesgrund: str = "", reserv: bool = False
) -> Kontroll:
    """Add an object to inspect; a reserve object is inspected if another one drops out."""
    insats = las_for_tillagg(insats)
    _kraver_samordnare(user, insats)
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel("insats", _("Det går inte längre att lägga till objekt i insatsen."))
    if insats.kontroller.filter(objekt=objekt).exists():
        raise _valideringsfel("objekt", _("Objektet finns redan i insatsen."))
    ordning = insats.kontroller.count() + 1
    kontroll = Kontroll.objects.create(
        insats=insats,
        status=KONTROLL_WORKFLOW.skapa("lagg_till"),
        objekt=objekt,
        ordning=ordning,
        tilltradesgrund=tilltradesgrund,
        reserv=reserv,
    )
    typ = "reservobjekt_tillagt" if reserv else "kontroll_tillagd"
    skriv_tidslinjepost(insats, user, typ, text=str(objekt))
    objekt_services.objekt_planerat(objekt)
    return kontroll


@verb(INSATSEN_ANDRAD)
def planera_insats(
    user,
    insats: Insats,
    version: int,
    motivering: str = "",
    kvitterade: Iterable[str] = (),
) -> Insats:
    """Accept a proposal into planning: it needs at least one object and one invited agency.

    Warnings (``insatser.varningar``) must have been acknowledged with ``motivering``.
    """
    insats = las_insats(insats, version)
    _kraver_samordnare(user, insats)
    INSATS_WORKFLOW.kontrollera(insats.status, "planera")
    if not insats.kontroller.filter(reserv=False).exists():
        raise _valideringsfel(
            "kontroller",
            _("Lägg till minst ett objekt (utöver reservobjekt) innan insatsen planeras."),
        )
    if not insats.deltaganden.exclude(roll=Deltagande.Roll.SAMORDNARE).exists():
        raise _valideringsfel(
            "deltaganden", _("Bjud in minst en myndighet innan insatsen planeras.")
        )
    _kvittera_varningar(insats, user, motivering, kvitterade)
    _overga(insats, "planera", user)
    return insats


@verb(INSATSEN_ANDRAD)
def avsla_insats(user, insats: Insats, motivering: str, version: int) -> Insats:
    insats = las_insats(insats, version)
    _kraver_samordnare(user, insats)
    INSATS_WORKFLOW.kontrollera(insats.status, "avsla")
    if not motivering.strip():
        raise _valideringsfel("motivering", _("Ange varför förslaget avslås."))
    insats.avslag_motivering = motivering.strip()
    _overga(insats, "avsla", user, text=insats.avslag_motivering)
    return insats


@verb(INSATSEN_ANDRAD)
def besvara_inbjudan(
    user, deltagande: Deltagande, accepterad: bool, planerat_antal: int = 0, *, version: int
):
    """An invited organisation accepts or declines; ``version`` is the invitation's as the
    user saw it, so two answers sent at once give one answer and a conflict."""
    insats = las_for_tillagg(deltagande.insats)
    deltagande = las(
        Deltagande,
        deltagande.pk,
        version,
        _("Inbjudan har besvarats av någon annan sedan du öppnade sidan. Ladda om och se svaret."),
    )
    if not access.kan_besvara_inbjudan(user, deltagande):
        raise _nekad(_("Du kan bara svara på inbjudningar till din egen organisation."))
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel("svar", _("Insatsen tar inte längre emot svar."))
    if insats.dagen_har_passerat:
        raise _valideringsfel(
            "svar", _("Insatsens dag har passerat; inbjudan kan inte längre besvaras.")
        )
    SVAR_WORKFLOW.overga(deltagande, "acceptera" if accepterad else "avboja")
    deltagande.planerat_antal = planerat_antal if accepterad else 0
    deltagande.besvarad = timezone.now()
    spara_ny_version(deltagande)
    skriv_tidslinjepost(
        insats,
        user,
        "inbjudan_besvarad",
        text=f"{deltagande.organisation}: {deltagande.get_svar_display()}",
        deltagande=deltagande,
    )
    _bekrafta_om_klar(insats, user)
    return deltagande


@verb(INSATSEN_ANDRAD)
def andra_sakerhetsanteckning(user, insats: Insats, text: str, version: int) -> Insats:
    """The coordinator records known threats or safety risks; only those taking part see them.

    The note itself stays off the timeline, which more people see than the note.
    """
    insats = las_insats(insats, version)
    _kraver_samordnare(user, insats)
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel(
            "sakerhetsanteckning", _("Säkerhetsanteckningen kan inte ändras i en avslutad insats.")
        )
    text = text.strip()
    if text == insats.sakerhetsanteckning:
        return insats
    insats.sakerhetsanteckning = text
    spara_ny_version(insats, ["sakerhetsanteckning", "andrad"])
    skriv_tidslinjepost(insats, user, "sakerhetsanteckning_andrad")
    return insats


@verb(INSATSEN_ANDRAD)
def begar_nya_underlag(user, insats: Insats) -> Insats:
    """The coordinator asks for the briefings to be built again, e.g. after a failed build.

    Audiences whose content did not change keep their version; the rest get a new one.
    """
    insats = las_for_tillagg(insats)
    _kraver_samordnare(user, insats)
    if insats.status in AVSLUTADE:
        raise _valideringsfel("insats", _("En avslutad insats har inga informationsunderlag."))
    skriv_tidslinjepost(insats, user, "underlag_begarda")
    return insats
