"""The follow-up's verbs: the yearly report (order a build, build, download, and what beat
orders) and the exports (record one built in the request, order and build a large one).

The yearly report follows the evaluation report's pattern (``utvardering.services.rapport``):
ordering creates or bumps the build record of (year, audience) and triggers
``ARSRAPPORT_BESTALLD``; ``uppfoljning.tasks`` enqueues the build after commit. The build reads
the audience's figures, compares their fingerprint with the last version's and renders a new
version only when they changed (outside any transaction); it is saved only if no newer request
came meanwhile. Beat orders last year's reports on 15 January and, each night, a rebuild of every
report whose figures a late change (an outcome decided later, a corrected evaluation) changed.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import DatabaseError, transaction
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.formats import date_format

from karna import pdf
from karna.atkomstlogg import logga
from karna.lagring import felet, spara_fil
from karna.models import Atkomstlogg
from karna.uppgifter import DiskenFull
from karna.verb import verb
from myndigheter.roles import Roll
from uppfoljning import access, export, selectors
from uppfoljning.access import UPPFOLJNING, Malgrupp
from uppfoljning.arsrapportinnehall import arsrapportinnehall, diagram, fingeravtryck
from uppfoljning.effekter import ARSRAPPORT_BESTALLD, EXPORT_BESTALLD
from uppfoljning.forms import Uppfoljningsfilter
from uppfoljning.models import Arsrapport, Arsrapportbygge, Exportjobb
from uppfoljning.siffror import Urval
from utvardering.services.rapport import kor_bestallt_bygge
from utvardering.workflow import RAPPORTBYGGE_WORKFLOW

logger = logging.getLogger(__name__)

MALL = "uppfoljning/arsrapport.html"
# A year's report runs to a handful of pages whatever the number of operations (the tables grow
# with categories, areas and organisations); a runaway one is refused by the renderer.
MAX_SIDOR = 40
# Late outcomes are looked for in the reports of this many years back.
KONTROLLERADE_AR = 3
# Above this many operations read (the view's year and the one before), an export is built by
# Celery with its progress instead of in the request.
EXPORTJOBB_FRAN = 5000
SYFTE_EXPORT = "Uppföljning: export av en tabell"
Bygge = Arsrapportbygge.Status


def _bestall(ar: int, malgrupp: Malgrupp) -> Arsrapportbygge:
    bygge, _skapad = Arsrapportbygge.objects.get_or_create(
        ar=ar,
        malgrupp=malgrupp.nyckel(),
        defaults={"status": RAPPORTBYGGE_WORKFLOW.skapa("bestall"), "lasare": malgrupp.som_data()},
    )
    bygge = Arsrapportbygge.objects.select_for_update().get(pk=bygge.pk)
    RAPPORTBYGGE_WORKFLOW.overga(bygge, "bestall_igen")
    bygge.nummer += 1
    bygge.begard = timezone.now()
    bygge.fel = ""
    bygge.save(update_fields=["status", "nummer", "begard", "fel"])
    ARSRAPPORT_BESTALLD.utlos(bygge_id=bygge.pk, nummer=bygge.nummer)
    return bygge


@verb(ARSRAPPORT_BESTALLD)
def bestall_arsrapport(user, ar: int) -> Arsrapportbygge:
    """Whoever follows up may have the year's report for their own audience built (again); a
    build with unchanged figures adds no version."""
    if not UPPFOLJNING.tillater(user):
        raise PermissionDenied
    return _bestall(ar, access.malgrupp(user))


def ledningsgruppen() -> Malgrupp:
    """The management group's audience without an area: every operation."""
    return Malgrupp(None, None, frozenset({Roll.LEDNINGSGRUPP}), ())


def bestall_forra_arets_rapporter(idag=None) -> int:
    """Beat, 15 January: last year's report for the management group and for every audience
    that has had a report built; the number ordered."""
    ar = (idag or timezone.localdate()).year - 1
    malgrupper = {ledningsgruppen().nyckel(): ledningsgruppen()}
    for data in Arsrapportbygge.objects.values_list("lasare", flat=True):
        malgrupp = Malgrupp.fran_data(data)
        malgrupper.setdefault(malgrupp.nyckel(), malgrupp)
    with transaction.atomic():
        for malgrupp in malgrupper.values():
            _bestall(ar, malgrupp)
    return len(malgrupper)


def bestall_andrade_rapporter(idag=None) -> int:
    """Beat, nightly: order a rebuild of each finished report of the last years whose figures
    changed since its latest version (an outcome decided late, a corrected evaluation); the
    number ordered."""
    fran = (idag or timezone.localdate()).year - KONTROLLERADE_AR
    senaste = {
        (r.ar, r.malgrupp): r.dataversion
        for r in Arsrapport.objects.filter(ar__gte=fran).order_by("ar", "malgrupp", "version")
    }
    andrade = 0
    for bygge in Arsrapportbygge.objects.filter(ar__gte=fran, status=Bygge.KLAR).order_by("pk"):
        malgrupp = Malgrupp.fran_data(bygge.lasare)
        avtryck = fingeravtryck(arsrapportinnehall(malgrupp, bygge.ar))
        if senaste.get((bygge.ar, bygge.malgrupp)) != avtryck:
            with transaction.atomic():
                _bestall(bygge.ar, malgrupp)
            andrade += 1
    return andrade


@dataclass
class Resultat:
    """A build's outcome: the content and, when the figures changed, the new PDF."""

    dataversion: str
    version: int | None = None
    pdf: pdf.Pdf | None = None
    byggd: datetime | None = None


def bygg_arsrapport(bygge_id: int, nummer: int) -> str:
    """Build the year's report of one audience for build request ``nummer``; idempotent."""
    return kor_bestallt_bygge(
        Arsrapportbygge.objects.filter(pk=bygge_id),
        nummer,
        _forbered,
        lambda bygge, resultat: spara_version(bygge, nummer, resultat, _ny_version),
    )


def _forbered(bygge: Arsrapportbygge) -> Resultat:
    innehall = arsrapportinnehall(Malgrupp.fran_data(bygge.lasare), bygge.ar)
    senaste = Arsrapport.objects.filter(ar=bygge.ar, malgrupp=bygge.malgrupp).first()
    return resultat_efter(innehall, senaste)


def resultat_efter(innehall: dict, senaste) -> Resultat:
    """The build's outcome for ``innehall`` after ``senaste`` (the last stored version, or
    None): the next version rendered, or no PDF when the figures are the same as its; the
    yearly reports' and the packs'."""
    rad = Resultat(fingeravtryck(innehall))
    if senaste is not None and senaste.dataversion == rad.dataversion:
        return rad
    rad.version = (senaste.version if senaste else 0) + 1
    rad.byggd = timezone.now()
    rad.pdf = rendera(innehall, rad.version, rad.byggd)
    return rad


def rendera(innehall: dict, version: int, byggd: datetime) -> pdf.Pdf:
    """The PDF of a yearly report's content (also of a follow-up pack, whose content names the
    meeting)."""
    return pdf.rendera(
        MALL,
        {
            "r": innehall,
            "diagram": diagram(innehall),
            "version": version,
            "byggd": date_format(timezone.localtime(byggd), "j F Y H:i"),
        },
        MAX_SIDOR,
    )


def spara_version(bygge, nummer: int, rad: Resultat, ny_version) -> str:
    """Store the new version of a report build (``ny_version(bygge, rad)`` stores it and names
    its file), unless a newer request came meanwhile; the yearly reports' and the packs'."""
    namn = ""
    try:
        with transaction.atomic():
            bygge = type(bygge).objects.select_for_update().get(pk=bygge.pk)
            if bygge.nummer != nummer:
                return "ersatt"
            if rad.pdf is not None:
                namn = ny_version(bygge, rad)
            RAPPORTBYGGE_WORKFLOW.overga(bygge, "bli_klart")
            bygge.klar = timezone.now()
            bygge.fel = ""
            bygge.save(update_fields=["status", "klar", "fel"])
    except BaseException:
        if namn:
            default_storage.delete(namn)
        raise
    return "byggt" if rad.pdf is not None else "oförändrat"


def _ny_version(bygge: Arsrapportbygge, rad: Resultat) -> str:
    return lagra_version(
        Arsrapport(ar=bygge.ar),
        bygge,
        rad,
        f"arsrapporter/{bygge.ar}/{bygge.pk}-v{rad.version}-{rad.dataversion[:16]}.pdf",
    )


def lagra_version(version, bygge, rad: Resultat, filnamn: str) -> str:
    """Give a new stored version (a yearly report or a pack) what every version has from the
    build and its outcome, store its PDF as ``filnamn`` and save it; the file's name."""
    version.malgrupp = bygge.malgrupp
    version.malgruppstext = Malgrupp.fran_data(bygge.lasare).beskrivning()[:300]
    version.version = rad.version
    version.kontrollsumma = hashlib.sha256(rad.pdf.innehall).hexdigest()
    version.dataversion = rad.dataversion
    version.sidantal = rad.pdf.sidantal
    version.byggd = rad.byggd
    version.fil.name = spara_fil(filnamn, rad.pdf.innehall)
    version.save()
    return version.fil.name


@verb()
def ladda_ned_arsrapport(user, pk: int, syfte: str) -> Arsrapport:
    """A version of the yearly report written for the user's audience; the download is logged.
    404 for any other audience's report."""
    rapport = access.arsrapporter(user).filter(pk=pk).first()
    if rapport is None:
        raise Http404
    logga(user, Atkomstlogg.Handling.LADDA_NED, [rapport], syfte)
    return rapport


def _spara_exportjobb(jobb: Exportjobb, user, tabell: str, format: str, fraga: str):
    jobb.anvandare, jobb.tabell, jobb.format, jobb.fraga = user, tabell, format, fraga
    jobb.save()
    logga(user, Atkomstlogg.Handling.EXPORTERA, [jobb], f"{SYFTE_EXPORT}: {tabell}.{format}")
    return jobb


@verb()
def exportera_direkt(user, tabell: str, format: str, fraga: str) -> Exportjobb:
    """Record (and log) an export built in the request."""
    jobb = Exportjobb(status=RAPPORTBYGGE_WORKFLOW.skapa("bestall"))
    RAPPORTBYGGE_WORKFLOW.overga(jobb, "paborja")
    RAPPORTBYGGE_WORKFLOW.overga(jobb, "bli_klart")
    return _spara_exportjobb(jobb, user, tabell, format, fraga)


@verb(EXPORT_BESTALLD)
def bestall_export(user, tabell: str, format: str, fraga: str) -> Exportjobb:
    """Order (and log) an export that Celery builds; its page shows the progress."""
    if not UPPFOLJNING.tillater(user):
        raise PermissionDenied
    jobb = Exportjobb(status=RAPPORTBYGGE_WORKFLOW.skapa("bestall"))
    _spara_exportjobb(jobb, user, tabell, format, fraga)
    EXPORT_BESTALLD.utlos(jobb_id=jobb.pk)
    return jobb


def _framsteg(jobb: Exportjobb, procent: int) -> None:
    jobb.framsteg = procent
    jobb.save(update_fields=["status", "framsteg"])


def bygg_export(jobb_id: int) -> str:
    """Build an ordered export as its orderer sees the view now; idempotent."""
    with transaction.atomic():
        jobb = Exportjobb.objects.select_for_update().filter(pk=jobb_id).first()
        if jobb is None:
            return "saknas"
        if not jobb.pagar:
            return "redan klart"
        RAPPORTBYGGE_WORKFLOW.overga(jobb, "paborja")
        _framsteg(jobb, 10)
    try:
        form = Uppfoljningsfilter.fran(QueryDict(jobb.fraga))
        urval = form.urval() if form.is_valid() else Urval(ar=timezone.localdate().year)
        tabell = selectors.siffror(jobb.anvandare, urval)["tabeller"][jobb.tabell]
        _framsteg(jobb, 70)
        if jobb.format == "csv":
            innehall = export.som_csv(tabell).encode()
        else:
            innehall = export.som_xlsx(tabell, form.urvalstext())
    except DatabaseError:
        raise
    except Exception as fel:  # bad data: retrying would fail the same way
        logger.exception("export job %s failed", jobb_id)
        RAPPORTBYGGE_WORKFLOW.overga_alla(
            Exportjobb.objects.filter(pk=jobb_id), "misslyckas", fel=f"{type(fel).__name__}"
        )
        return "misslyckat"
    try:
        jobb.fil.name = spara_fil(f"exporter/{jobb.pk}/{jobb.filnamn}", innehall)
    except DiskenFull as fel:
        # Still being built: the task's retry writes it once there is space; the page says why.
        Exportjobb.objects.filter(pk=jobb_id).update(fel=felet(fel))
        raise
    RAPPORTBYGGE_WORKFLOW.overga(jobb, "bli_klart")
    jobb.framsteg = 100
    jobb.klar = timezone.now()
    jobb.save(update_fields=["status", "framsteg", "fil", "klar"])
    return "byggt"


__all__ = [
    "bestall_andrade_rapporter",
    "bestall_arsrapport",
    "bestall_export",
    "bestall_forra_arets_rapporter",
    "bygg_arsrapport",
    "bygg_export",
    "exportera_direkt",
    "ladda_ned_arsrapport",
]
