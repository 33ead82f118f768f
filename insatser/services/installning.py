"""Cancelling and rescheduling at short notice: the reason is kept, staffing is voided or
re-requested, and a rescheduled operation continues as a linked successor."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from arshjul.models import Arshjulshandelse, Lagesbildsperiod
from insatser import access
from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import Bemanningsbegaran, Deltagande, Insats, Installningsorsak, Kontroll
from insatser.services.bemanning import _makulera_bemanning, begar_bemanning
from insatser.services.gemensamt import (
    _kontrollera_insatsfonster,
    _kontrollera_tidsfonster,
    _kraver_orsak,
    _kraver_samordnare,
    _kvittera_varningar,
    _nasta_referens,
    _nekad,
    _overga,
    las_insats,
    skriv_tidslinjepost,
)
from insatser.services.grupper import inom_fonster
from insatser.workflow import (
    INSATS_WORKFLOW,
    KONTROLL_WORKFLOW,
    SVAR_WORKFLOW,
    BemanningStatus,
)
from karna.verb import verb


@verb(INSATSEN_ANDRAD)
def stall_in_insats(
    user,
    insats: Insats,
    orsak: Installningsorsak,
    kommentar: str = "",
    *,
    version: int,
) -> Insats:
    """Cancel an operation with a reason code; open staffing requests are voided."""
    insats = las_insats(insats, version)
    if not access.kan_stalla_in(user, insats):
        raise _nekad(_("Du får inte ställa in den här insatsen."))
    INSATS_WORKFLOW.kontrollera(insats.status, "stall_in")
    _kraver_orsak(orsak)
    insats.installd_orsak = orsak
    insats.installd_kommentar = kommentar
    _makulera_bemanning(insats)
    _overga(insats, "stall_in", user, text=orsak.namn)
    return insats


@verb(INSATSEN_ANDRAD)
def omplanera_insats(
    user,
    insats: Insats,
    ny_start: datetime,
    ny_slut: datetime,
    orsak: Installningsorsak,
    *,
    version: int,
    motivering: str = "",
    kvitterade: Iterable[str] = (),
    insatsfonster: Arshjulshandelse | None = None,
) -> Insats:
    """Move an operation to a new date as a successor; objects, participants and staffing follow,
    staffing the police withdrew from the old date too.

    The warnings of the new date must have been acknowledged with ``motivering``. With
    ``insatsfonster`` the successor takes a place in that window of the wheel.
    """
    insats = las_insats(insats, version)
    _kraver_samordnare(user, insats)
    INSATS_WORKFLOW.kontrollera(insats.status, "omplanera")
    _kraver_orsak(orsak)
    _kontrollera_tidsfonster(ny_start, ny_slut)
    grupp = insats.insatsgrupp
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
        insatsgrupp=grupp if grupp and inom_fonster(grupp, ny_start, ny_slut) else None,
        status=INSATS_WORKFLOW.skapa("omplanerad_fran"),
        omplanerad_fran=insats,
        skapad_av=user,
    )
    efterfoljare.lpoer.set(insats.lpoer.all())
    efterfoljare.kommuner.set(insats.kommuner.all())
    # The links of a period that no longer holds on the new date are the coordinator's to redo.
    ny_dag = timezone.localtime(ny_start).date()
    efterfoljare.prioriteringar.set(
        insats.prioriteringar.filter(period__in=Lagesbildsperiod.objects.galler(ny_dag))
    )
    efterfoljare.atgardspunkter.set(
        insats.atgardspunkter.filter(period__in=Lagesbildsperiod.objects.galler(ny_dag))
    )
    _kopiera_deltaganden(insats, efterfoljare)
    _kopiera_kontroller(insats, efterfoljare)
    insats.installd_orsak = orsak
    makulerade = _makulera_bemanning(insats)
    _overga(insats, "omplanera", user, text=efterfoljare.referens)
    # Checked once the original has left its window, so that moving within it needs no extra room.
    _kontrollera_insatsfonster(
        user,
        insatsfonster,
        ny_start,
        insats.lpoer.values_list("pk", flat=True),
        utom=efterfoljare.pk,
    )
    Insats.objects.filter(pk=efterfoljare.pk).update(insatsfonster=insatsfonster)
    skriv_tidslinjepost(
        efterfoljare, user, "omplanerad_fran", text=insats.referens, till=efterfoljare.status
    )
    if grupp is not None and efterfoljare.insatsgrupp_id is None:
        # The new date lies outside the group's synchronized window: it is no longer co-planned.
        skriv_tidslinjepost(efterfoljare, user, "lamnade_grupp", text=grupp.namn)
    _kvittera_varningar(efterfoljare, user, motivering, kvitterade)
    for gammal in _att_begara_igen(insats, makulerade):
        efterfoljare.refresh_from_db(fields=["version"])
        begar_bemanning(
            user,
            efterfoljare,
            gammal.lpo,
            gammal.begart_antal,
            gammal.kompetenser,
            begarande_enhet=gammal.begarande_enhet,
            version=efterfoljare.version,
        )
    efterfoljare.refresh_from_db()
    return efterfoljare


def _att_begara_igen(
    insats: Insats, makulerade: list[Bemanningsbegaran]
) -> list[Bemanningsbegaran]:
    """The staffing the successor asks for: what the move voided, and what the police withdrew
    from the old date (often why it moves), once per LPO."""
    aterkallade = insats.bemanningsbegaranden.filter(status=BemanningStatus.ATERKALLAD)
    per_lpo = {b.lpo_id: b for b in aterkallade.order_by("pk")}
    per_lpo.update({b.lpo_id: b for b in makulerade})
    return list(per_lpo.values())


def _kopiera_deltaganden(fran: Insats, till: Insats) -> None:
    """Participants follow the move, but must answer again for the new date."""
    for deltagande in fran.deltaganden.all():
        ar_samordnare = deltagande.roll == Deltagande.Roll.SAMORDNARE
        Deltagande.objects.create(
            insats=till,
            organisation=deltagande.organisation,
            enhet=deltagande.enhet,
            roll=deltagande.roll,
            svar=SVAR_WORKFLOW.skapa("samordna" if ar_samordnare else "bjud_in"),
            kontaktfunktion=deltagande.kontaktfunktion,
            kontakttelefon=deltagande.kontakttelefon,
            besvarad=timezone.now() if ar_samordnare else None,
        )


def _kopiera_kontroller(fran: Insats, till: Insats) -> None:
    for kontroll in fran.kontroller.prefetch_related("deltagande_organisationer"):
        ny = Kontroll.objects.create(
            insats=till,
            status=KONTROLL_WORKFLOW.skapa("lagg_till"),
            objekt=kontroll.objekt,
            ordning=kontroll.ordning,
            tilltradesgrund=kontroll.tilltradesgrund,
            reserv=kontroll.reserv,
        )
        ny.deltagande_organisationer.set(kontroll.deltagande_organisationer.all())
