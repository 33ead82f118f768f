"""Briefing verbs: mark stale, build, watch over the builds, download.

A change to what a briefing shows marks the operation's current versions stale in the same
transaction (they can no longer be downloaded) and orders one debounced rebuild
(``UNDERLAG_BESTALLDA``; ``insatser.tasks`` enqueues it after commit).
The build reads each audience's content, compares its fingerprint with the last version and
renders only what changed; a version with a new fingerprint supersedes the old, which turns
invalid. Rendering runs outside any transaction, so a slow PDF never holds a lock that a
coordinator's verb waits for; the result is saved only if no newer request came meanwhile.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models import F, Max, Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from insatser import access
from insatser.effekter import UNDERLAG_BESTALLDA
from insatser.models import (
    Informationsunderlag,
    Insats,
    Kontroll,
    Malgrupp,
    Underlagsbygge,
)
from insatser.underlagsinnehall import fingeravtryck, underlagsinnehall
from insatser.workflow import (
    AVSLUTADE,
    OPPNA_FOR_PLANERING,
    UNDERLAG_WORKFLOW,
    UNDERLAGSBYGGE_WORKFLOW,
)
from karna import pdf
from karna.atkomstlogg import logga
from karna.lagring import felet, spara_fil
from karna.models import Atkomstlogg
from karna.uppgifter import DiskenFull
from karna.verb import verb

logger = logging.getLogger(__name__)

MALL = "insatser/underlag/underlag.html"
# A build stuck this many times (each ended by the hard time limit) is given up as failed.
MAX_FORSOK = 3
# The watchdog starts builds for at most this many operations per run, earliest first.
NYA_PER_VAKT = 50
Status = Informationsunderlag.Status
Bygge = Underlagsbygge.Status


class InaktuelltUnderlag(ValidationError):  # noqa: N818 - domain name: a stale briefing
    """A stale or superseded version: it may hold information withdrawn since."""

    def __init__(self, underlag: Informationsunderlag):
        super().__init__(
            _("Underlaget har ändrats och byggs om. Ladda ned den nya versionen när den är klar.")
        )
        self.insats_id = underlag.insats_id


class Utfall(StrEnum):
    BYGGT = "byggt"
    ERSATT = "ersatt av en senare begäran"
    REDAN_KLART = "redan klart"
    UPPTAGET = "byggs av en annan uppgift"
    MISSLYCKAT = "misslyckat"
    SAKNAS = "insatsen finns inte"


def markera_efter_andring(handelse) -> None:
    """Subscriber of ``INSATSEN_ANDRAD``: the operation changed, so its briefings are stale."""
    markera_inaktuella([handelse.insats_id])


def markera_objektets_insatser(objekt_id: int) -> None:
    """The object's information changed: the briefings of the open operations inspecting it."""
    markera_inaktuella(
        Kontroll.objects.filter(
            objekt_id=objekt_id, insats__status__in=OPPNA_FOR_PLANERING
        ).values_list("insats_id", flat=True)
    )


def markera_inaktuella(insats_ids: Iterable[int]) -> None:
    """Mark the operations' briefings stale and have them rebuilt once the change is committed.

    Call it inside the transaction that changes what a briefing shows. Operations not yet carried
    out that inspect the same objects are marked too: their briefings list these operations among
    the objects' earlier controls.
    """
    ids = set(insats_ids)
    if not ids:
        return
    ids |= set(
        Kontroll.objects.filter(
            objekt__kontroller__insats__in=ids, insats__status__in=OPPNA_FOR_PLANERING
        ).values_list("insats_id", flat=True)
    )
    nu = timezone.now()
    Underlagsbygge.objects.bulk_create(
        [
            Underlagsbygge(insats_id=i, status=UNDERLAGSBYGGE_WORKFLOW.skapa("bestall"))
            for i in sorted(ids)
        ],
        ignore_conflicts=True,
    )
    # Build record first, versions second: the same lock order as the build's save.
    byggen = list(
        Underlagsbygge.objects.select_for_update().filter(insats_id__in=ids).order_by("insats_id")
    )
    UNDERLAGSBYGGE_WORKFLOW.overga_alla(
        Underlagsbygge.objects.filter(insats_id__in=ids),
        "bestall_igen",
        nummer=F("nummer") + 1,
        begard=nu,
        koad=nu,
        forsok=0,
        fel="",
    )
    UNDERLAG_WORKFLOW.overga_alla(
        Informationsunderlag.objects.filter(insats_id__in=ids), "bli_inaktuellt"
    )
    UNDERLAG_BESTALLDA.utlos(
        bestallningar=[(b.insats_id, b.nummer + 1) for b in byggen],
        fordrojning=settings.UNDERLAG_FORDROJNING_SEKUNDER,
    )


@dataclass
class Resultat:
    """One audience's outcome of a build: its content and, when it changed, the new PDF."""

    malgrupp: Malgrupp
    dataversion: str
    objektuppgifter: list[int]
    version: int | None = None
    pdf: pdf.Pdf | None = None
    byggd: datetime | None = None


def bygg_underlag(insats_id: int, nummer: int, uppgift: str, hard_tidsgrans: int) -> Utfall:
    """Build the briefings of one operation for build request ``nummer``; idempotent.

    ``uppgift`` names the running task: the same task, redelivered after its worker died, takes
    the build over at once; another one only after ``hard_tidsgrans`` seconds, when the first
    can no longer be running.
    """
    utfall = _ta_bygget(insats_id, nummer, uppgift, hard_tidsgrans)
    if utfall is not None:
        return utfall
    try:
        resultat = _forbered(insats_id)
    except DatabaseError:
        raise
    except Exception as fel:  # rendering or bad data: retrying would fail the same way
        logger.exception("briefing build of operation %s failed", insats_id)
        _misslyckat(insats_id, nummer, uppgift, fel)
        return Utfall.MISSLYCKAT
    try:
        return _spara(insats_id, nummer, uppgift, resultat)
    except DiskenFull as fel:
        # The build stays this task's, so its retry takes it over at once; the status page of
        # the build says why it waits.
        Underlagsbygge.objects.filter(insats_id=insats_id, nummer=nummer).update(fel=felet(fel))
        raise


def _ta_bygget(insats_id, nummer, uppgift, hard_tidsgrans) -> Utfall | None:
    with transaction.atomic():
        bygge = Underlagsbygge.objects.select_for_update().filter(insats_id=insats_id).first()
        if bygge is None:
            return Utfall.SAKNAS
        if bygge.nummer != nummer:
            return Utfall.ERSATT
        if bygge.status in {Bygge.KLAR, Bygge.MISSLYCKAD}:
            return Utfall.REDAN_KLART
        lever = bygge.paborjad and bygge.paborjad > timezone.now() - timedelta(
            seconds=hard_tidsgrans
        )
        if bygge.status == Bygge.BYGGER and bygge.byggs_av != uppgift and lever:
            return Utfall.UPPTAGET
        UNDERLAGSBYGGE_WORKFLOW.overga(bygge, "paborja")
        bygge.byggs_av = uppgift
        bygge.paborjad = timezone.now()
        bygge.forsok += 1
        bygge.save(update_fields=["status", "byggs_av", "paborjad", "forsok"])
    return None


def _forbered(insats_id: int) -> list[Resultat]:
    """Each audience's content and fingerprint; a PDF only where the fingerprint changed."""
    insats = Insats.objects.get(pk=insats_id)
    if insats.status in AVSLUTADE:
        return []
    tidigare = _giltiga(insats_id)
    hogsta = _hogsta_versioner(insats_id)
    resultat = []
    malgrupper = access.underlagets_malgrupper(insats)
    with translation.override(settings.LANGUAGE_CODE):
        for malgrupp, lasare in malgrupper.items():
            resultat.append(_resultat(insats, malgrupp, lasare, tidigare, hogsta))
    return resultat


def _resultat(insats, malgrupp, lasare, tidigare, hogsta) -> Resultat:
    """One audience: its content and fingerprint, and a new PDF if the fingerprint changed."""
    innehall = underlagsinnehall(insats, malgrupp, lasare)
    rad = Resultat(malgrupp, fingeravtryck(innehall), innehall["objektuppgifter"])
    gammal = tidigare.get(malgrupp)
    if gammal is None or gammal.dataversion != rad.dataversion:
        rad.version = hogsta.get(malgrupp, 0) + 1
        rad.byggd = timezone.now()
        rad.pdf = pdf.rendera(
            MALL,
            {"u": innehall, "version": rad.version, "byggd": _tidpunkt(rad.byggd)},
            settings.UNDERLAG_MAX_SIDOR,
        )
    return rad


def _giltiga(insats_id: int, las: bool = False) -> dict[Malgrupp, Informationsunderlag]:
    """The latest version of each audience that is not superseded (current or stale)."""
    rader = Informationsunderlag.objects.filter(insats_id=insats_id).exclude(status=Status.OGILTIG)
    if las:
        rader = rader.select_for_update()
    return {Malgrupp.av(u): u for u in rader}


def _hogsta_versioner(insats_id: int) -> dict[Malgrupp, int]:
    rader = (
        Informationsunderlag.objects.filter(insats_id=insats_id)
        .order_by()
        .values("malgrupp", "organisation_id", "lpo_id")
        .annotate(hogsta=Max("version"))
    )
    return {Malgrupp(r["malgrupp"], r["organisation_id"], r["lpo_id"]): r["hogsta"] for r in rader}


def _tidpunkt(tid) -> str:
    return date_format(timezone.localtime(tid), "j F Y H:i")


def _filnamn(insats_id: int, rad: Resultat) -> str:
    """The same request always writes the same name, so a build redone after a crash overwrites
    its own leftover file instead of adding one."""
    malgrupp = rad.malgrupp
    scope = malgrupp.organisation_id or malgrupp.lpo_id or ""
    return (
        f"underlag/{insats_id}/{slugify(malgrupp.typ)}{scope}-v{rad.version}"
        f"-{rad.dataversion[:16]}.pdf"
    )


def _spara(insats_id: int, nummer: int, uppgift: str, resultat: list[Resultat]) -> Utfall:
    """Store the new versions and retire the old ones, unless a newer request came meanwhile."""
    skrivna = []
    try:
        with transaction.atomic():
            bygge = Underlagsbygge.objects.select_for_update().get(insats_id=insats_id)
            if bygge.nummer != nummer or bygge.byggs_av != uppgift:
                return Utfall.ERSATT
            giltiga = _giltiga(insats_id, las=True)
            nya = {rad.malgrupp: rad for rad in resultat}
            for malgrupp, gammal in giltiga.items():
                rad = nya.get(malgrupp)
                oforandrad = rad is not None and gammal.dataversion == rad.dataversion
                if oforandrad and gammal.status == Status.AKTUELL:
                    continue
                UNDERLAG_WORKFLOW.overga(gammal, "bekraftas" if oforandrad else "ersatt")
                gammal.save(update_fields=["status"])
            for rad in resultat:
                gammal = giltiga.get(rad.malgrupp)
                if gammal is None or gammal.dataversion != rad.dataversion:
                    skrivna.append(_ny_version(insats_id, rad))
            UNDERLAGSBYGGE_WORKFLOW.overga(bygge, "bli_klart")
            bygge.klar = timezone.now()
            bygge.byggs_av = ""
            bygge.fel = ""
            bygge.save(update_fields=["status", "klar", "byggs_av", "fel"])
    except BaseException:
        for namn in skrivna:
            default_storage.delete(namn)
        raise
    return Utfall.BYGGT


def _ny_version(insats_id: int, rad: Resultat) -> str:
    underlag = Informationsunderlag(
        insats_id=insats_id,
        **rad.malgrupp.falt,
        version=rad.version,
        status=UNDERLAG_WORKFLOW.skapa("bygg"),
        kontrollsumma=hashlib.sha256(rad.pdf.innehall).hexdigest(),
        dataversion=rad.dataversion,
        sidantal=rad.pdf.sidantal,
        byggd=rad.byggd,
    )
    underlag.fil.name = spara_fil(_filnamn(insats_id, rad), rad.pdf.innehall)
    underlag.save()
    underlag.objektuppgifter.set(rad.objektuppgifter)
    return underlag.fil.name


def _misslyckat(insats_id: int, nummer: int, uppgift: str, fel: Exception) -> None:
    with transaction.atomic():
        UNDERLAGSBYGGE_WORKFLOW.overga_alla(
            Underlagsbygge.objects.filter(insats_id=insats_id, nummer=nummer, byggs_av=uppgift),
            "misslyckas",
            byggs_av="",
            fel=f"{type(fel).__name__}: {fel}"[:2000],
        )


def vakta_underlag(hard_tidsgrans: int) -> list[tuple[int, int]]:
    """Re-enqueue builds whose task was lost; start builds for coming operations that have none.

    A build waiting or running longer than the debounce plus the hard time limit has lost its
    task (a worker died; the file broker never redelivers). One stuck ``MAX_FORSOK`` times is
    given up as failed, so that a document that always times out does not loop.
    """
    nu = timezone.now()
    grans = nu - timedelta(seconds=settings.UNDERLAG_FORDROJNING_SEKUNDER + hard_tidsgrans)
    with transaction.atomic():
        borttappade = list(
            Underlagsbygge.objects.select_for_update(skip_locked=True).filter(
                Q(status=Bygge.VANTAR, koad__lt=grans) | Q(status=Bygge.BYGGER, paborjad__lt=grans)
            )
        )
        uppgivna = [b.pk for b in borttappade if b.forsok >= MAX_FORSOK]
        UNDERLAGSBYGGE_WORKFLOW.overga_alla(
            Underlagsbygge.objects.filter(pk__in=uppgivna),
            "misslyckas",
            byggs_av="",
            fel="stopped by the time limit too many times",
        )
        igen = [(b.insats_id, b.nummer) for b in borttappade if b.pk not in uppgivna]
        Underlagsbygge.objects.filter(insats_id__in=[i for i, _n in igen]).update(koad=nu)
        UNDERLAG_BESTALLDA.utlos(bestallningar=igen, fordrojning=0)
    # A transaction of its own: marking locks build records in its own order.
    with transaction.atomic():
        nya = list(
            Insats.objects.filter(underlagsbygge__isnull=True, slut__gte=nu)
            .exclude(status__in=AVSLUTADE)
            .order_by("start")
            .values_list("pk", flat=True)[:NYA_PER_VAKT]
        )
        markera_inaktuella(nya)
    return igen


@verb()
def ladda_ned_underlag(user, pk: int, syfte: str) -> Informationsunderlag:
    """The current version of a briefing the user may download; the download is logged.

    404 for a briefing outside the user's scope; a stale or superseded version is refused, since
    it may hold information withdrawn since.
    """
    underlag = (
        access.nedladdningsbara_underlag(user)
        .select_related("insats", "organisation", "lpo")
        .filter(pk=pk)
        .first()
    )
    if underlag is None:
        raise Http404
    if underlag.status != Status.AKTUELL:
        raise InaktuelltUnderlag(underlag)
    _logga_nedladdning(user, [underlag], f"{underlag.insats.referens}: {syfte}")
    return underlag


@verb()
def ladda_ned_flera(user, underlag: list[Informationsunderlag], syfte: str) -> None:
    """Log the download of several current briefings the selector gave the user (the ZIP)."""
    if any(u.status != Status.AKTUELL for u in underlag):
        raise ValidationError(_("Bara aktuella underlag kan laddas ned."))
    _logga_nedladdning(user, underlag, syfte)


def _logga_nedladdning(user, underlag: list[Informationsunderlag], syfte: str) -> None:
    """One access-log row per briefing and per agency information block it discloses."""
    genom = Informationsunderlag.objektuppgifter.through.objects.filter(
        informationsunderlag__in=underlag
    ).select_related("objektuppgift")
    logga(
        user,
        Atkomstlogg.Handling.LADDA_NED,
        [*underlag, *{rad.objektuppgift for rad in genom}],
        syfte,
    )
