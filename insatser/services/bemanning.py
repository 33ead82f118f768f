"""Police staffing verbs: request, answer, withdraw, void."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from insatser import access
from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import (
    Bemanningsbegaran,
    Deltagande,
    Insats,
    Installningsorsak,
    Polisbemanning,
)
from insatser.services.gemensamt import (
    _kraver_samordnare,
    _kvittera_varningar,
    _nekad,
    _overga,
    _overga_bemanning,
    _valideringsfel,
    las_for_tillagg,
    las_insats,
    skriv_tidslinjepost,
)
from insatser.workflow import (
    BEMANNING_WORKFLOW,
    INSATS_WORKFLOW,
    BemanningStatus,
    InsatsStatus,
)
from karna.lasning import las
from karna.tid import kontrollera_tidpunkt
from karna.verb import verb
from myndigheter.models import Enhet, Lokalpolisomrade


def _bekrafta_om_klar(insats: Insats, user) -> None:
    """Confirm the operation when police confirmed every request and another agency accepted."""
    if insats.status != InsatsStatus.BEMANNING_BEGARD:
        return
    aktiva = insats.bemanningsbegaranden.filter(status__in=access.AKTIVA_BEMANNINGSSTATUSAR)
    if not aktiva.exists() or aktiva.filter(status=BemanningStatus.SKICKAD).exists():
        return
    annan_myndighet = insats.deltaganden.filter(
        svar=Deltagande.Svar.ACCEPTERAD, organisation__ar_polis=False
    ).exclude(roll=Deltagande.Roll.SAMORDNARE)
    if annan_myndighet.exists():
        _overga(insats, "bekrafta", user)


@verb(INSATSEN_ANDRAD)
def begar_bemanning(
    user,
    insats: Insats,
    lpo: Lokalpolisomrade,
    begart_antal: int,
    kompetenser: Iterable[str] = (),
    svarsfrist: date | None = None,
    begarande_enhet: Enhet | None = None,
    motivering: str = "",
    kvitterade: Iterable[str] = (),
    onskade_insatspoliser: Iterable = (),
    *,
    version: int,
) -> Bemanningsbegaran:
    """Send a staffing request to the operational coordinator of one LPO.

    Warnings (``insatser.varningar``) must have been acknowledged with ``motivering``.
    """
    insats = las_insats(insats, version)
    _kraver_samordnare(user, insats)
    if insats.status != InsatsStatus.BEMANNING_BEGARD:
        INSATS_WORKFLOW.kontrollera(insats.status, "begar_bemanning")
    if begart_antal < 1:
        raise _valideringsfel("begart_antal", _("Ange hur många poliser som behövs."))
    kontrollera_tidpunkt("svarsfrist", svarsfrist)
    onskade_insatspoliser = list(onskade_insatspoliser)
    if _utanfor(onskade_insatspoliser, access.onskbara_poliser(user)):
        raise _valideringsfel("onskade_insatspoliser", _("Välj bland de utsedda insatspoliserna."))
    if insats.bemanningsbegaranden.filter(
        lpo=lpo, status__in=[BemanningStatus.UTKAST, *access.AKTIVA_BEMANNINGSSTATUSAR]
    ).exists():
        raise _valideringsfel("lpo", _("Det finns redan en aktiv begäran till lokalpolisområdet."))
    _kvittera_varningar(insats, user, motivering, kvitterade)
    begaran = Bemanningsbegaran.objects.create(
        insats=insats,
        status=BEMANNING_WORKFLOW.skapa("skapa"),
        lpo=lpo,
        begarande_enhet=begarande_enhet or insats.samordnande_enhet,
        begart_antal=begart_antal,
        kompetenser=list(kompetenser),
        svarsfrist=svarsfrist,
    )
    begaran.onskade_insatspoliser.set(onskade_insatspoliser)
    _overga_bemanning(begaran, "skicka")
    begaran.save()
    if insats.status == InsatsStatus.PLANERAD:
        _overga(insats, "begar_bemanning", user, text=str(lpo), begaran=begaran)
    else:
        skriv_tidslinjepost(insats, user, "bemanning_begard", text=str(lpo), begaran=begaran)
    return begaran


def _utanfor(poliser: list, tillatna) -> bool:
    """Whether one of the named officers is not among those the user may name."""
    pks = {polis.pk for polis in poliser}
    return len(pks) != tillatna.filter(pk__in=pks).count()


def _las_begaran(begaran: Bemanningsbegaran, version: int) -> Bemanningsbegaran:
    return las(
        Bemanningsbegaran,
        begaran.pk,
        version,
        _("Begäran har ändrats av någon annan sedan du öppnade den. Ladda om och försök igen."),
    )


@verb(INSATSEN_ANDRAD)
def besvara_bemanning(
    user,
    begaran: Bemanningsbegaran,
    bekraftat_antal: int,
    poliser: Iterable = (),
    intern_anteckning: str = "",
    *,
    version: int,
) -> Bemanningsbegaran:
    """Confirm (fully or partly) or decline a staffing request; 0 officers declines it."""
    insats = las_for_tillagg(begaran.insats)
    begaran = _las_begaran(begaran, version)
    if not access.kan_besvara_bemanning(user, begaran):
        raise _nekad(_("Endast operativ samordnare för lokalpolisområdet kan svara."))
    if bekraftat_antal < 0 or bekraftat_antal > begaran.begart_antal:
        raise _valideringsfel(
            "bekraftat_antal",
            _("Antalet måste vara mellan 0 och %(max)s.") % {"max": begaran.begart_antal},
        )
    poliser = list(poliser)
    if len(poliser) > bekraftat_antal:
        raise _valideringsfel("poliser", _("Du har namngett fler poliser än du bekräftar."))
    if _utanfor(poliser, access.namngivbara_poliser(user)):
        raise _valideringsfel(
            "poliser", _("Välj bland insatspoliserna i de lokalpolisområden du svarar för.")
        )
    if bekraftat_antal == 0:
        namn = "avboj"
    elif bekraftat_antal == begaran.begart_antal:
        namn = "bekrafta"
    else:
        namn = "delvis_bekrafta"
    _overga_bemanning(begaran, namn)
    begaran.bekraftat_antal = bekraftat_antal
    begaran.besvarad_av = user
    begaran.besvarad = timezone.now()
    begaran.intern_anteckning = intern_anteckning
    begaran.save()
    for polis in poliser:
        Polisbemanning.objects.get_or_create(begaran=begaran, anvandare=polis)
    skriv_tidslinjepost(insats, user, f"bemanning_{namn}", text=str(begaran.lpo), begaran=begaran)
    if namn == "avboj":
        _atergaa_om_inga_aktiva(insats, user)
    else:
        _bekrafta_om_klar(insats, user)
    return begaran


def _atergaa_om_inga_aktiva(insats: Insats, user) -> None:
    if insats.status != InsatsStatus.BEMANNING_BEGARD:
        return
    if not insats.bemanningsbegaranden.filter(status__in=access.AKTIVA_BEMANNINGSSTATUSAR).exists():
        _overga(insats, "bemanning_avbojd", user)


@verb(INSATSEN_ANDRAD)
def aterkalla_bemanning(
    user,
    begaran: Bemanningsbegaran,
    orsak: Installningsorsak,
    intern_anteckning: str = "",
    *,
    version: int,
) -> Bemanningsbegaran:
    """Police withdraw confirmed staffing at short notice; the operation needs staffing again."""
    insats = las_for_tillagg(begaran.insats)
    begaran = _las_begaran(begaran, version)
    if not access.kan_besvara_bemanning(user, begaran):
        raise _nekad(_("Endast operativ samordnare för lokalpolisområdet kan återkalla."))
    if orsak is None:
        raise _valideringsfel("orsak", _("Ange orsak till återkallelsen."))
    _overga_bemanning(begaran, "aterkalla")
    begaran.aterkallad_orsak = orsak
    if intern_anteckning:
        begaran.intern_anteckning = intern_anteckning
    begaran.save()
    if insats.status == InsatsStatus.BEKRAFTAD:
        _overga(insats, "bemanning_aterkallad", user, text=orsak.namn, begaran=begaran)
    else:
        skriv_tidslinjepost(insats, user, "bemanning_aterkallad", text=orsak.namn, begaran=begaran)
    return begaran


def _makulera_bemanning(insats: Insats) -> list[Bemanningsbegaran]:
    makulerade = []
    for begaran in insats.bemanningsbegaranden.select_for_update().exclude(
        status__in=[BemanningStatus.AVBOJD, BemanningStatus.ATERKALLAD, BemanningStatus.MAKULERAD]
    ):
        _overga_bemanning(begaran, "makulera")
        begaran.save()
        makulerade.append(begaran)
    return makulerade
