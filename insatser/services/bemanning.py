"""Police staffing verbs: request, answer, raise or lower the confirmation, withdraw, void."""

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
from insatser.selectors import med_svarsfrist
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
    AKTIVA_FORE_GENOMFORANDE,
    BEMANNING_WORKFLOW,
    BESVARADE,
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
    poliser = list(poliser)
    _kontrollera_svar(user, begaran, bekraftat_antal, poliser)
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


@verb(INSATSEN_ANDRAD)
def andra_bemanning(
    user,
    begaran: Bemanningsbegaran,
    bekraftat_antal: int,
    poliser: Iterable = (),
    motivering: str = "",
    orsak: Installningsorsak | None = None,
    intern_anteckning: str = "",
    *,
    version: int,
) -> Bemanningsbegaran:
    """The police raise or lower a confirmation they gave: the head count and the named officers.

    Until the request's answer-by date the change is free; after it the coordinator plans on the
    answer, so a change needs ``motivering``, which goes on the timeline and to the coordinators.
    Lowering to 0 withdraws the staffing (``aterkalla_bemanning``, with its ``orsak``).
    """
    if bekraftat_antal == 0:
        return aterkalla_bemanning(
            user, begaran, orsak, intern_anteckning=intern_anteckning, version=version
        )
    insats = las_for_tillagg(begaran.insats)
    begaran = _las_begaran(begaran, version)
    if not access.kan_besvara_bemanning(user, begaran):
        raise _nekad(_("Endast operativ samordnare för lokalpolisområdet kan ändra bemanningen."))
    if begaran.status not in BESVARADE or insats.status not in AKTIVA_FORE_GENOMFORANDE:
        raise _valideringsfel(
            "bekraftat_antal", _("Bara en bekräftad bemanning i en kommande insats kan ändras.")
        )
    poliser = list(poliser)
    _kontrollera_svar(user, begaran, bekraftat_antal, poliser)
    fore = begaran.bekraftat_antal
    tidigare_poliser = set(begaran.poliser.values_list("anvandare_id", flat=True))
    if fore == bekraftat_antal and tidigare_poliser == {p.pk for p in poliser}:
        raise _valideringsfel(
            "bekraftat_antal", _("Ändra antalet eller de namngivna poliserna för att spara.")
        )
    motivering = motivering.strip()
    if not motivering and _efter_svarsfristen(begaran):
        raise _valideringsfel(
            "motivering",
            _("Svarsfristen har gått ut; ange varför bemanningen ändras."),
        )
    _overga_bemanning(
        begaran,
        "andra_till_bekraftad" if bekraftat_antal == begaran.begart_antal else "andra_till_delvis",
    )
    begaran.bekraftat_antal = bekraftat_antal
    if intern_anteckning.strip():
        begaran.intern_anteckning = intern_anteckning.strip()
    begaran.save()
    begaran.poliser.exclude(anvandare__in=poliser).delete()
    for polis in poliser:
        Polisbemanning.objects.get_or_create(begaran=begaran, anvandare=polis)
    if bekraftat_antal > fore:
        typ = "bemanning_hojd"
    elif bekraftat_antal < fore:
        typ = "bemanning_sankt"
    else:
        typ = "bemanning_poliser_andrade"
    skriv_tidslinjepost(insats, user, typ, text=motivering, begaran=begaran)
    return begaran


def _kontrollera_svar(user, begaran: Bemanningsbegaran, antal: int, poliser: list) -> None:
    """The head count within the request and the named officers among those the user may name;
    officers named before may stay even if the user could no longer name them."""
    if antal < 0 or antal > begaran.begart_antal:
        raise _valideringsfel(
            "bekraftat_antal",
            _("Antalet måste vara mellan 0 och %(max)s.") % {"max": begaran.begart_antal},
        )
    if len(poliser) > antal:
        raise _valideringsfel("poliser", _("Du har namngett fler poliser än du bekräftar."))
    redan = set(begaran.poliser.values_list("anvandare_id", flat=True))
    if _utanfor([p for p in poliser if p.pk not in redan], access.namngivbara_poliser(user)):
        raise _valideringsfel(
            "poliser", _("Välj bland insatspoliserna i de lokalpolisområden du svarar för.")
        )


def _efter_svarsfristen(begaran: Bemanningsbegaran) -> bool:
    frist = (
        med_svarsfrist(Bemanningsbegaran.objects.filter(pk=begaran.pk))
        .values_list("frist", flat=True)
        .get()
    )
    return timezone.localdate() > frist


def _makulera_bemanning(insats: Insats) -> list[Bemanningsbegaran]:
    makulerade = []
    for begaran in insats.bemanningsbegaranden.select_for_update().exclude(
        status__in=[BemanningStatus.AVBOJD, BemanningStatus.ATERKALLAD, BemanningStatus.MAKULERAD]
    ):
        _overga_bemanning(begaran, "makulera")
        begaran.save()
        makulerade.append(begaran)
    return makulerade
