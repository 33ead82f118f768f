"""Operation verbs: create, invite, add objects, plan, answer, carry out, cancel, reschedule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from insatser import access
from insatser.models import (
    Deltagande,
    Insats,
    Installningsorsak,
    Kontroll,
)
from insatser.services.bemanning import _bekrafta_om_klar, _makulera_bemanning, begar_bemanning
from insatser.services.gemensamt import (
    _kontrollera_tidsfonster,
    _kraver_orsak,
    _kraver_samordnare,
    _las_insats,
    _logga,
    _nasta_referens,
    _nekad,
    _overga,
    _valideringsfel,
)
from insatser.workflow import (
    AVSLUTADE,
    INSATS_WORKFLOW,
    OPPNA_FOR_PLANERING,
    InsatsStatus,
)
from myndigheter.models import Enhet, Kommun, Lokalpolisomrade, Myndighet, Samverkansform
from objekt.models import Objekt


@transaction.atomic
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
) -> Insats:
    """A coordinator proposes an operation for their organisation."""
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
    insats = Insats.objects.create(
        referens=_nasta_referens(start),
        titel=titel.strip(),
        samordnande_organisation=organisation,
        samordnande_enhet=samordnande_enhet,
        samverkansform=samverkansform,
        syfte=syfte,
        start=start,
        slut=slut,
        samlingsplats=samlingsplats,
        skapad_av=user,
    )
    insats.lpoer.set(lpoer)
    insats.kommuner.set(kommuner)
    Deltagande.objects.create(
        insats=insats,
        organisation=organisation,
        enhet=samordnande_enhet,
        roll=Deltagande.Roll.SAMORDNARE,
        svar=Deltagande.Svar.ACCEPTERAD,
        besvarad=timezone.now(),
    )
    _logga(insats, user, "skapad", till=insats.status)
    return insats


@transaction.atomic
def bjud_in(
    user, insats: Insats, organisation: Myndighet, enhet: Enhet | None = None
) -> Deltagande:
    insats = _las_insats(insats)
    _kraver_samordnare(user, insats)
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel("insats", _("Det går inte längre att bjuda in till insatsen."))
    if enhet is not None and enhet.organisation_id != organisation.pk:
        raise _valideringsfel("enhet", _("Enheten tillhör inte den valda organisationen."))
    roll = Deltagande.Roll.POLIS if organisation.ar_polis else Deltagande.Roll.DELTAGARE
    deltagande, skapad = Deltagande.objects.get_or_create(
        insats=insats, organisation=organisation, enhet=enhet, defaults={"roll": roll}
    )
    if skapad:
        _logga(insats, user, "inbjudan", text=str(enhet or organisation))
    return deltagande


@transaction.atomic
def lagg_till_kontroll(user, insats: Insats, objekt: Objekt, tilltradesgrund: str = "") -> Kontroll:
    insats = _las_insats(insats)
    _kraver_samordnare(user, insats)
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel("insats", _("Det går inte längre att lägga till objekt i insatsen."))
    if insats.kontroller.filter(objekt=objekt).exists():
        raise _valideringsfel("objekt", _("Objektet finns redan i insatsen."))
    ordning = insats.kontroller.count() + 1
    kontroll = Kontroll.objects.create(
        insats=insats, objekt=objekt, ordning=ordning, tilltradesgrund=tilltradesgrund
    )
    _logga(insats, user, "kontroll_tillagd", text=str(objekt))
    return kontroll


@transaction.atomic
def planera_insats(user, insats: Insats, version: int | None = None) -> Insats:
    """Accept a proposal into planning: it needs at least one object and one invited agency."""
    insats = _las_insats(insats, version)
    _kraver_samordnare(user, insats)
    INSATS_WORKFLOW.kontrollera(insats.status, "planera")
    if not insats.kontroller.exists():
        raise _valideringsfel(
            "kontroller", _("Lägg till minst ett objekt innan insatsen planeras.")
        )
    if not insats.deltaganden.exclude(roll=Deltagande.Roll.SAMORDNARE).exists():
        raise _valideringsfel(
            "deltaganden", _("Bjud in minst en myndighet innan insatsen planeras.")
        )
    _overga(insats, "planera", user)
    return insats


@transaction.atomic
def avsla_insats(user, insats: Insats, motivering: str, version: int | None = None) -> Insats:
    insats = _las_insats(insats, version)
    _kraver_samordnare(user, insats)
    INSATS_WORKFLOW.kontrollera(insats.status, "avsla")
    if not motivering.strip():
        raise _valideringsfel("motivering", _("Ange varför förslaget avslås."))
    insats.avslag_motivering = motivering.strip()
    _overga(insats, "avsla", user, text=insats.avslag_motivering)
    return insats


@transaction.atomic
def besvara_inbjudan(user, deltagande: Deltagande, accepterad: bool, planerat_antal: int = 0):
    insats = _las_insats(deltagande.insats)
    deltagande = Deltagande.objects.select_for_update().get(pk=deltagande.pk)
    if not access.kan_besvara_inbjudan(user, deltagande):
        raise _nekad(_("Du kan bara svara på inbjudningar till din egen organisation."))
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel("svar", _("Insatsen tar inte längre emot svar."))
    deltagande.svar = Deltagande.Svar.ACCEPTERAD if accepterad else Deltagande.Svar.AVBOJD
    deltagande.planerat_antal = planerat_antal if accepterad else 0
    deltagande.besvarad = timezone.now()
    deltagande.save()
    _logga(insats, user, "inbjudan_besvarad", text=f"{deltagande.organisation}: {deltagande.svar}")
    _bekrafta_om_klar(insats, user)
    return deltagande


@transaction.atomic
def markera_kontroll(user, kontroll: Kontroll, genomford: bool, orsak: str = "") -> Kontroll:
    insats = _las_insats(kontroll.insats)
    if not access.kan_registrera_i_kontroll(user, insats):
        raise _nekad(_("Du deltar inte i insatsen."))
    if insats.status not in {InsatsStatus.BEKRAFTAD, InsatsStatus.GENOMFORD}:
        raise _valideringsfel("status", _("Kontroller kan bara markeras i en bekräftad insats."))
    if not genomford and not orsak.strip():
        raise _valideringsfel("orsak", _("Ange varför kontrollen inte genomfördes."))
    kontroll.status = Kontroll.Status.GENOMFORD if genomford else Kontroll.Status.EJ_GENOMFORD
    kontroll.ej_genomford_orsak = "" if genomford else orsak.strip()
    kontroll.save(update_fields=["status", "ej_genomford_orsak"])
    _logga(insats, user, "kontroll_markerad", text=f"{kontroll.objekt}: {kontroll.status}")
    return kontroll


@transaction.atomic
def genomfor_insats(user, insats: Insats, version: int | None = None) -> Insats:
    """Mark the operation carried out once it has started and every control has an outcome."""
    insats = _las_insats(insats, version)
    _kraver_samordnare(user, insats)
    INSATS_WORKFLOW.kontrollera(insats.status, "genomfor")
    if insats.start > timezone.now():
        raise _valideringsfel("start", _("Insatsen kan inte markeras genomförd före sin start."))
    if insats.kontroller.filter(status=Kontroll.Status.PLANERAD).exists():
        raise _valideringsfel(
            "kontroller", _("Markera varje kontroll som genomförd eller ej genomförd först.")
        )
    _overga(insats, "genomfor", user)
    return insats


@transaction.atomic
def markera_utvarderad(user, insats: Insats, version: int | None = None) -> Insats:
    insats = _las_insats(insats, version)
    _kraver_samordnare(user, insats)
    _overga(insats, "utvardera", user)
    return insats


@transaction.atomic
def andra_sakerhetsanteckning(
    user, insats: Insats, text: str, version: int | None = None
) -> Insats:
    """The coordinator records known threats or safety risks; only those taking part see them.

    The note itself stays off the timeline, which more people see than the note.
    """
    insats = _las_insats(insats, version)
    _kraver_samordnare(user, insats)
    if insats.status not in OPPNA_FOR_PLANERING:
        raise _valideringsfel(
            "sakerhetsanteckning", _("Säkerhetsanteckningen kan inte ändras i en avslutad insats.")
        )
    text = text.strip()
    if text == insats.sakerhetsanteckning:
        return insats
    insats.sakerhetsanteckning = text
    insats.version = F("version") + 1
    insats.save(update_fields=["sakerhetsanteckning", "version", "andrad"])
    insats.refresh_from_db(fields=["version"])
    _logga(insats, user, "sakerhetsanteckning_andrad")
    return insats


@transaction.atomic
def begar_nya_underlag(user, insats: Insats) -> Insats:
    """The coordinator asks for the briefings to be built again, e.g. after a failed build.

    Audiences whose content did not change keep their version; the rest get a new one.
    """
    insats = _las_insats(insats)
    _kraver_samordnare(user, insats)
    if insats.status in AVSLUTADE:
        raise _valideringsfel("insats", _("En avslutad insats har inga informationsunderlag."))
    _logga(insats, user, "underlag_begarda")
    return insats


@transaction.atomic
def stall_in_insats(
    user,
    insats: Insats,
    orsak: Installningsorsak,
    kommentar: str = "",
    version: int | None = None,
) -> Insats:
    """Cancel an operation with a reason code; open staffing requests are voided."""
    insats = _las_insats(insats, version)
    if not access.kan_stalla_in(user, insats):
        raise _nekad(_("Du får inte ställa in den här insatsen."))
    INSATS_WORKFLOW.kontrollera(insats.status, "stall_in")
    _kraver_orsak(orsak)
    insats.installd_orsak = orsak
    insats.installd_kommentar = kommentar
    _makulera_bemanning(insats)
    _overga(insats, "stall_in", user, text=orsak.namn)
    return insats


@transaction.atomic
def omplanera_insats(
    user,
    insats: Insats,
    ny_start: datetime,
    ny_slut: datetime,
    orsak: Installningsorsak,
    version: int | None = None,
) -> Insats:
    """Move an operation to a new date as a successor; objects, participants and staffing follow."""
    insats = _las_insats(insats, version)
    _kraver_samordnare(user, insats)
    INSATS_WORKFLOW.kontrollera(insats.status, "omplanera")
    _kraver_orsak(orsak)
    _kontrollera_tidsfonster(ny_start, ny_slut)
    efterfoljare = Insats.objects.create(
        referens=_nasta_referens(ny_start),
        titel=insats.titel,
        samordnande_organisation=insats.samordnande_organisation,
        samordnande_enhet=insats.samordnande_enhet,
        samverkansform=insats.samverkansform,
        syfte=insats.syfte,
        start=ny_start,
        slut=ny_slut,
        samlingsplats=insats.samlingsplats,
        insatsgrupp=insats.insatsgrupp,
        status=InsatsStatus.PLANERAD,
        omplanerad_fran=insats,
        skapad_av=user,
    )
    efterfoljare.lpoer.set(insats.lpoer.all())
    efterfoljare.kommuner.set(insats.kommuner.all())
    _kopiera_deltaganden(insats, efterfoljare)
    _kopiera_kontroller(insats, efterfoljare)
    insats.installd_orsak = orsak
    makulerade = _makulera_bemanning(insats)
    _overga(insats, "omplanera", user, text=efterfoljare.referens)
    _logga(efterfoljare, user, "omplanerad_fran", text=insats.referens, till=efterfoljare.status)
    for gammal in makulerade:
        begar_bemanning(
            user,
            efterfoljare,
            gammal.lpo,
            gammal.begart_antal,
            gammal.kompetenser,
            begarande_enhet=gammal.begarande_enhet,
        )
    efterfoljare.refresh_from_db()
    return efterfoljare


def _kopiera_deltaganden(fran: Insats, till: Insats) -> None:
    """Participants follow the move, but must answer again for the new date."""
    for deltagande in fran.deltaganden.all():
        ar_samordnare = deltagande.roll == Deltagande.Roll.SAMORDNARE
        Deltagande.objects.create(
            insats=till,
            organisation=deltagande.organisation,
            enhet=deltagande.enhet,
            roll=deltagande.roll,
            svar=Deltagande.Svar.ACCEPTERAD if ar_samordnare else Deltagande.Svar.INBJUDEN,
            kontaktfunktion=deltagande.kontaktfunktion,
            besvarad=timezone.now() if ar_samordnare else None,
        )


def _kopiera_kontroller(fran: Insats, till: Insats) -> None:
    for kontroll in fran.kontroller.prefetch_related("deltagande_organisationer"):
        ny = Kontroll.objects.create(
            insats=till,
            objekt=kontroll.objekt,
            ordning=kontroll.ordning,
            tilltradesgrund=kontroll.tilltradesgrund,
        )
        ny.deltagande_organisationer.set(kontroll.deltagande_organisationer.all())
