"""Evaluation report verbs: order a build, mark stale, build, download.

Ordering creates or bumps the joint evaluation's build record and triggers ``RAPPORT_BESTALLD``;
``utvardering.tasks`` enqueues the build after commit, so nobody waits for a PDF. The build reads
each organisation's content, compares its fingerprint with that organisation's last version and
renders only what changed (outside any transaction); the new versions are saved only if no newer
request came meanwhile. A change after a build marks the current versions stale: they cannot be
downloaded until a new build confirms or replaces them.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.db.models import Max, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from insatser.models import Insatshandelse
from karna import pdf
from karna.atkomstlogg import logga
from karna.lagring import felet, spara_fil
from karna.models import Atkomstlogg
from karna.uppgifter import DiskenFull
from karna.verb import verb
from utvardering import access
from utvardering.effekter import RAPPORT_BESTALLD
from utvardering.models import (
    Gemensamutvardering,
    Rapportbygge,
    Utfall,
    Utvarderingsrapport,
)
from utvardering.rapportinnehall import fingeravtryck, rapportens_malgrupper, rapportinnehall
from utvardering.workflow import RAPPORTBYGGE_WORKFLOW, UTVARDERINGSRAPPORT_WORKFLOW

logger = logging.getLogger(__name__)

MALL = "utvardering/rapport/rapport.html"
# A report of an operation with many agencies and outcomes runs to a few pages; a runaway one is
# refused by the renderer rather than stored.
MAX_SIDOR = 60
Status = Utvarderingsrapport.Status
Bygge = Rapportbygge.Status


class InaktuellRapport(ValidationError):  # noqa: N818 - domain name: a stale report
    def __init__(self, rapport: Utvarderingsrapport):
        super().__init__(
            _("Rapporten har ändrats sedan den skapades. Skapa en ny version och ladda ned den.")
        )
        self.insats_id = rapport.utvardering.insats_id


def _bestall(utvardering_id: int) -> Rapportbygge:
    bygge, _skapad = Rapportbygge.objects.get_or_create(
        utvardering_id=utvardering_id,
        defaults={"status": RAPPORTBYGGE_WORKFLOW.skapa("bestall")},
    )
    bygge = Rapportbygge.objects.select_for_update().get(pk=bygge.pk)
    RAPPORTBYGGE_WORKFLOW.overga(bygge, "bestall_igen")
    bygge.nummer += 1
    bygge.begard = timezone.now()
    bygge.fel = ""
    bygge.save(update_fields=["status", "nummer", "begard", "fel"])
    RAPPORT_BESTALLD.utlos(utvardering_id=utvardering_id, nummer=bygge.nummer)
    return bygge


@verb(RAPPORT_BESTALLD)
def bestall_utvarderingsrapport(user, utvardering: Gemensamutvardering) -> Rapportbygge:
    """Anyone who sees the joint evaluation may have its reports built (again); a build with
    unchanged data writes nothing."""
    if not access.synliga_utvarderingar(user).filter(pk=utvardering.pk).exists():
        raise Http404
    return _bestall(utvardering.pk)


def bestall_efter_andring(handelse: Insatshandelse) -> None:
    """Subscriber of ``INSATSEN_ANDRAD``: closing the joint evaluation (the operation becomes
    evaluated) orders its first reports; any entry on the timeline of an operation that has
    reports (a corrected agency evaluation, an improvement item) marks them stale and rebuilds."""
    if handelse.typ == "utvardera":
        utvardering_id = (
            Gemensamutvardering.objects.filter(insats_id=handelse.insats_id)
            .values_list("pk", flat=True)
            .first()
        )
        finns = Rapportbygge.objects.filter(utvardering_id=utvardering_id).exists()
        if utvardering_id and not finns:
            _bestall(utvardering_id)
            return
    markera_inaktuella([handelse.insats_id])


def markera_inaktuella(insats_ids: Iterable[int]) -> None:
    """The operations' reports may no longer show what is true: the current versions turn stale
    (not downloadable) and a new build is ordered, which confirms an unchanged report or adds a
    version. Call it in the transaction of the change; operations without reports are left be."""
    ids = list(insats_ids)
    UTVARDERINGSRAPPORT_WORKFLOW.overga_alla(
        Utvarderingsrapport.objects.filter(utvardering__insats_id__in=ids), "bli_inaktuell"
    )
    for utvardering_id in Rapportbygge.objects.filter(utvardering__insats_id__in=ids).values_list(
        "utvardering_id", flat=True
    ):
        _bestall(utvardering_id)


@dataclass
class Resultat:
    """One organisation's outcome of a build: its content and, when it changed, the new PDF."""

    organisation_id: int
    dataversion: str
    innehall: dict
    version: int | None = None
    pdf: pdf.Pdf | None = None
    byggd: datetime | None = None


def kor_bestallt_bygge(rader: QuerySet, nummer: int, forbered: Callable, spara: Callable) -> str:
    """Run build request ``nummer`` of the one build row in ``rader`` (a report build with the
    ``RAPPORTBYGGE_WORKFLOW``), once: a missing, replaced or finished request does nothing;
    ``forbered(bygge)`` reads and renders, ``spara(bygge, resultat)`` stores. A failure that a
    retry would meet again marks the build failed; a database error is left to the task's
    retry."""
    with transaction.atomic():
        bygge = rader.select_for_update().first()
        if bygge is None:
            return "saknas"
        if bygge.nummer != nummer:
            return "ersatt"
        if bygge.status in {Bygge.KLAR, Bygge.MISSLYCKAD}:
            return "redan klart"
        RAPPORTBYGGE_WORKFLOW.overga(bygge, "paborja")
        bygge.save(update_fields=["status"])
    try:
        resultat = forbered(bygge)
    except DatabaseError:
        raise
    except Exception as fel:  # rendering or bad data: retrying would fail the same way
        logger.exception("%s %s, request %s, failed", type(bygge).__name__, bygge.pk, nummer)
        with transaction.atomic():
            RAPPORTBYGGE_WORKFLOW.overga_alla(
                rader.filter(nummer=nummer),
                "misslyckas",
                fel=felet(fel),
            )
        return "misslyckat"
    try:
        return spara(bygge, resultat)
    except DiskenFull as fel:
        # The build stays pending: the task's retry writes it once there is space, and the
        # page says why it waits.
        rader.filter(nummer=nummer).update(fel=felet(fel))
        raise


def bygg_utvarderingsrapport(utvardering_id: int, nummer: int) -> str:
    """Build the reports of one joint evaluation for build request ``nummer``; idempotent."""
    return kor_bestallt_bygge(
        Rapportbygge.objects.filter(utvardering_id=utvardering_id),
        nummer,
        lambda _bygge: _forbered(utvardering_id),
        lambda _bygge, resultat: _spara(utvardering_id, nummer, resultat),
    )


def _giltiga(utvardering_id: int, las: bool = False) -> dict[int, Utvarderingsrapport]:
    rader = Utvarderingsrapport.objects.filter(utvardering_id=utvardering_id).exclude(
        status=Status.OGILTIG
    )
    if las:
        rader = rader.select_for_update()
    return {r.organisation_id: r for r in rader}


def _forbered(utvardering_id: int) -> list[Resultat]:
    utvardering = Gemensamutvardering.objects.select_related("insats").get(pk=utvardering_id)
    tidigare = _giltiga(utvardering_id)
    hogsta = dict(
        Utvarderingsrapport.objects.filter(utvardering_id=utvardering_id)
        .order_by()
        .values_list("organisation_id")
        .annotate(Max("version"))
    )
    resultat = []
    for organisation_id, lasare in rapportens_malgrupper(utvardering).items():
        innehall = rapportinnehall(utvardering, organisation_id, lasare)
        rad = Resultat(organisation_id, fingeravtryck(innehall), innehall)
        gammal = tidigare.get(organisation_id)
        if gammal is None or gammal.dataversion != rad.dataversion:
            rad.version = hogsta.get(organisation_id, 0) + 1
            rad.byggd = timezone.now()
            rad.pdf = pdf.rendera(
                MALL,
                {
                    "r": innehall,
                    "version": rad.version,
                    "byggd": date_format(timezone.localtime(rad.byggd), "j F Y H:i"),
                },
                MAX_SIDOR,
            )
        resultat.append(rad)
    return resultat


def _spara(utvardering_id: int, nummer: int, resultat: list[Resultat]) -> str:
    """Store the new versions and retire the old ones, unless a newer request came meanwhile."""
    skrivna = []
    try:
        with transaction.atomic():
            bygge = Rapportbygge.objects.select_for_update().get(utvardering_id=utvardering_id)
            if bygge.nummer != nummer:
                return "ersatt"
            giltiga = _giltiga(utvardering_id, las=True)
            nya = {rad.organisation_id: rad for rad in resultat}
            for organisation_id, gammal in giltiga.items():
                rad = nya.get(organisation_id)
                oforandrad = rad is not None and rad.pdf is None
                if oforandrad and gammal.status == Status.AKTUELL:
                    continue
                UTVARDERINGSRAPPORT_WORKFLOW.overga(gammal, "bekraftas" if oforandrad else "ersatt")
                gammal.save(update_fields=["status"])
            for rad in resultat:
                if rad.pdf is not None:
                    skrivna.append(_ny_version(utvardering_id, rad))
            RAPPORTBYGGE_WORKFLOW.overga(bygge, "bli_klart")
            bygge.klar = timezone.now()
            bygge.fel = ""
            bygge.save(update_fields=["status", "klar", "fel"])
    except BaseException:
        for namn in skrivna:
            default_storage.delete(namn)
        raise
    return "byggt"


def _ny_version(utvardering_id: int, rad: Resultat) -> str:
    # The same request always writes the same name (karna.lagring.spara_fil).
    namn = (
        f"utvarderingsrapporter/{utvardering_id}/org{rad.organisation_id}-v{rad.version}"
        f"-{rad.dataversion[:16]}.pdf"
    )
    rapport = Utvarderingsrapport(
        utvardering_id=utvardering_id,
        organisation_id=rad.organisation_id,
        version=rad.version,
        status=UTVARDERINGSRAPPORT_WORKFLOW.skapa("bygg"),
        kontrollsumma=hashlib.sha256(rad.pdf.innehall).hexdigest(),
        dataversion=rad.dataversion,
        sidantal=rad.pdf.sidantal,
        byggd=rad.byggd,
        utfall_ids=rad.innehall["utfall_ids"],
        myndighetsutvardering_ids=rad.innehall["myndighetsutvardering_ids"],
        aterkoppling_ids=rad.innehall["aterkoppling_ids"],
    )
    rapport.fil.name = spara_fil(namn, rad.pdf.innehall)
    rapport.save()
    return rapport.fil.name


def aktuell_rapport(user, utvardering: Gemensamutvardering) -> Utvarderingsrapport | None:
    """The latest version (current or stale) of the report for the user's organisation."""
    return (
        access.nedladdningsbara_rapporter(user)
        .filter(utvardering=utvardering)
        .exclude(status=Status.OGILTIG)
        .first()
    )


def _ser_allt(user, rapport: Utvarderingsrapport) -> bool:
    """Whether the user may read each outcome, agency evaluation and feedback the file shows:
    the report was written for roles of the user's organisation, and a person's own view may be
    narrower (a named officer does not read the police's evaluations)."""
    delar = (
        (access.synliga_utfall(user), rapport.utfall_ids),
        (access.lasbara_myndighetsutvarderingar(user), rapport.myndighetsutvardering_ids),
        (access.synliga_aterkopplingar(user), rapport.aterkoppling_ids),
    )
    return all(rader.filter(pk__in=ids).count() == len(set(ids)) for rader, ids in delar if ids)


@verb()
def ladda_ned_utvarderingsrapport(user, pk: int, syfte: str) -> Utvarderingsrapport:
    """The current version of the report for the user's organisation; the download is logged
    with the report and each outcome it discloses. 404 outside the user's scope."""
    rapport = (
        access.nedladdningsbara_rapporter(user)
        .select_related("utvardering__insats", "organisation")
        .filter(pk=pk)
        .first()
    )
    if rapport is None:
        raise Http404
    if rapport.status != Status.AKTUELL:
        raise InaktuellRapport(rapport)
    if not _ser_allt(user, rapport):
        raise PermissionDenied(_("Rapporten visar uppgifter som du inte får läsa."))
    utfall = list(Utfall.objects.filter(pk__in=rapport.utfall_ids).order_by("pk"))
    logga(
        user,
        Atkomstlogg.Handling.LADDA_NED,
        [rapport, *utfall],
        f"{rapport.utvardering.insats.referens}: {syfte}",
    )
    return rapport


__all__ = [
    "InaktuellRapport",
    "aktuell_rapport",
    "bestall_efter_andring",
    "bestall_utvarderingsrapport",
    "bygg_utvarderingsrapport",
    "ladda_ned_utvarderingsrapport",
    "markera_inaktuella",
]
