"""Building one wheel's year: expand, place, rotate, check, render, store.

The task asks ``starta`` for a version to build: nothing when a newer request will follow, when
the request was handled, or when the input is unchanged since the last version. Each step then
runs in its own transaction, under a lock on the wheel's year so two builds never interleave,
with the version row locked and its progress saved; a step finds the version no longer building
and stops. Every step can run again with the same result, so a build that died is redone by
running it again (the watchdog below re-enqueues builds that stopped moving).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation

from arshjul import lagring
from arshjul.effekter import ARSHJUL_BESTALLT
from arshjul.models import Arshjul, Arshjulsar, Arshjulsversion
from arshjul.services import steg as datasteg
from arshjul.services.ombyggnad import begar_ombyggnad, fingeravtryck
from arshjul.workflow import FARDIGA, VERSION_WORKFLOW, Byggsteg, VersionStatus
from karna.lagring import felet
from karna.uppgifter import DiskenFull
from karna.verb import verb

Steg = tuple[str, int, Callable[[Arshjulsversion], None]]
# Each step with the progress reached when it is done; the first five run on the default queue,
# the rendering ones on the queue for PDF work.
STEG: list[Steg] = [
    (Byggsteg.EXPANDERA, 20, datasteg.expandera),
    (Byggsteg.PLACERA, 35, datasteg.placera),
    (Byggsteg.ROTATION, 45, datasteg.rotera),
    (Byggsteg.MINIMIKRAV, 50, datasteg.granska),
    (Byggsteg.KOLLISIONER, 60, datasteg.kollisioner),
    (Byggsteg.SVG, 70, datasteg.rendera_svg),
    (Byggsteg.PDF, 90, datasteg.rendera_pdf),
    (Byggsteg.ICS, 100, datasteg.rendera_ics),
]
FORSTA_RENDERSTEG = 5
RENDERSTEGEN = frozenset(namn for namn, _procent, _funktion in STEG[FORSTA_RENDERSTEG:])


def las_aret(arshjulsar_id: int) -> None:
    """Serialise the builds of one wheel year for the rest of the transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"arshjul-{arshjulsar_id}"])


def _overga_version(version: Arshjulsversion, namn: str) -> None:
    VERSION_WORKFLOW.overga(version, namn)


@transaction.atomic
def starta(arshjulsar_id: int, begaran: int) -> int | None:
    """The version to build for request ``begaran``, or None when there is nothing to build."""
    rad = Arshjulsar.objects.select_for_update().filter(pk=arshjulsar_id).first()
    if rad is None or rad.begaran > begaran or rad.hanterad_begaran >= begaran:
        return None
    pagaende = rad.versioner.filter(status=VersionStatus.BYGGS).first()
    if pagaende is not None and pagaende.begaran == begaran:
        pagaende.steg, pagaende.framsteg, pagaende.uppdaterad = STEG[0][0], 0, timezone.now()
        pagaende.save(update_fields=["steg", "framsteg", "uppdaterad"])
        return pagaende.pk
    if pagaende is not None:
        _overga_version(pagaende, "avbryt")
        lagring.ta_bort_filer(pagaende)
        pagaende.save()
    avtryck = fingeravtryck(rad)
    # This build reads every operation anew: none waits to be taken in on its own.
    rad.vantande_insatser = []
    rad.save(update_fields=["vantande_insatser"])
    senaste = rad.versioner.filter(status__in=FARDIGA).order_by("-nummer").first()
    if senaste is not None and senaste.fingeravtryck == avtryck:
        rad.hanterad_begaran = begaran
        rad.save(update_fields=["hanterad_begaran"])
        return None
    nummer = (rad.versioner.aggregate(storst=Max("nummer"))["storst"] or 0) + 1
    return Arshjulsversion.objects.create(
        arshjulsar=rad,
        status=VERSION_WORKFLOW.skapa("bygg"),
        nummer=nummer,
        begaran=begaran,
        fingeravtryck=avtryck,
        steg=STEG[0][0],
    ).pk


def _las_version(version_id: int, villkor: Q) -> Arshjulsversion | None:
    """In a transaction: lock the version's year, then the version; None when it is gone or
    no longer meets ``villkor``."""
    arshjulsar_id = (
        Arshjulsversion.objects.filter(villkor, pk=version_id)
        .values_list("arshjulsar_id", flat=True)
        .first()
    )
    if arshjulsar_id is None:
        return None
    las_aret(arshjulsar_id)
    return (
        Arshjulsversion.objects.select_for_update(of=("self",))
        .select_related("arshjulsar__arshjul")
        .filter(villkor, pk=version_id)
        .first()
    )


def _kor_steg(version_id: int, index: int) -> bool:
    """Run one step; False when the version is no longer building."""
    namn, procent, funktion = STEG[index]
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        version = _las_version(version_id, Q(status=VersionStatus.BYGGS))
        if version is None:
            return False
        funktion(version)
        if version.status == VersionStatus.BYGGS:
            version.steg = STEG[index + 1][0] if index + 1 < len(STEG) else namn
            version.framsteg = procent
        version.uppdaterad = timezone.now()
        version.save()
    return True


def bygg(arshjulsar_id: int, begaran: int) -> int | None:
    """The data steps of a build; the version to render next, or None."""
    version_id = starta(arshjulsar_id, begaran)
    if version_id is None:
        return None
    if all(_kor_steg(version_id, index) for index in range(FORSTA_RENDERSTEG)):
        return version_id
    return None


# A ready version without its PDF: made ready by ``inkrementell``, its PDF still to come.
_SAKNAR_PDF = Q(status__in=[VersionStatus.KLAR, VersionStatus.PUBLICERAD], pdf="")


def rendera(version_id: int) -> bool:
    """The rendering steps (SVG, PDF, ICS); the last one marks the version ready. Of a version
    made ready without its PDF (a changed operation taken in, ``inkrementell``), the PDF.

    A full disk leaves the version as it is, with the reason on it for the status page; the
    task tries again with a growing pause (then the watchdog), and the step redone overwrites
    its own file."""
    try:
        if _rendera_pdf_efterat(version_id):
            return True
        return all(_kor_steg(version_id, index) for index in range(FORSTA_RENDERSTEG, len(STEG)))
    except DiskenFull as fel:
        Arshjulsversion.objects.filter(pk=version_id).filter(
            Q(status=VersionStatus.BYGGS) | _SAKNAR_PDF
        ).update(felmeddelande=felet(fel), uppdaterad=timezone.now())
        raise


def _rendera_pdf_efterat(version_id: int) -> bool:
    """Render the PDF of a ready version that lacks one; False when it is not such a version
    (or no longer: a second run finds the PDF there)."""
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        version = _las_version(version_id, _SAKNAR_PDF)
        if version is None:
            return False
        datasteg.rendera_pdf(version)
        version.felmeddelande = ""
        version.uppdaterad = timezone.now()
        version.save()
    return True


@transaction.atomic
def misslyckat(fel: str, *, version_id=None, arshjulsar_id=None, begaran=None) -> None:
    """A build failed for a reason a retry does not cure: say so, and stop asking for it."""
    byggande = Arshjulsversion.objects.select_for_update().filter(status=VersionStatus.BYGGS)
    if version_id is not None:
        version = byggande.filter(pk=version_id).first()
    else:
        version = byggande.filter(arshjulsar_id=arshjulsar_id, begaran=begaran).first()
    if version is not None:
        _overga_version(version, "misslyckas")
        version.felmeddelande = fel[:2000]
        version.uppdaterad = timezone.now()
        version.save()
        arshjulsar_id, begaran = version.arshjulsar_id, version.begaran
    if begaran is not None:
        Arshjulsar.objects.filter(pk=arshjulsar_id, hanterad_begaran__lt=begaran).update(
            hanterad_begaran=begaran
        )


def fastnade(nu=None) -> tuple[list[tuple[int, int]], list[int]]:
    """Builds to enqueue again: (wheel year, request) to build and versions to render.

    A version that has made no progress for longer than the tasks' hard time limit was lost with
    its worker; a request older than that which no build took up lost its message.
    """
    nu = nu or timezone.now()
    grans = nu - timedelta(seconds=settings.ARSHJUL_VAKT_SEKUNDER)
    bygga, rendera_om = [], []
    for version in Arshjulsversion.objects.filter(
        Q(status=VersionStatus.BYGGS) | _SAKNAR_PDF, uppdaterad__lt=grans
    ).order_by("pk"):
        if version.steg in RENDERSTEGEN or version.status != VersionStatus.BYGGS:
            rendera_om.append(version.pk)
        else:
            bygga.append((version.arshjulsar_id, version.begaran))
    vantande = Arshjulsar.objects.filter(begard__lt=grans).exclude(
        versioner__status=VersionStatus.BYGGS
    )
    for rad in vantande.order_by("pk"):
        if rad.vantar:
            bygga.append((rad.pk, rad.begaran))
    return bygga, rendera_om


def planeringsar(idag=None) -> list[int]:
    """The years a new operation may be planned in: this one, and in December the next one too,
    so the windows of January can be filled before the year turns."""
    idag = idag or timezone.localdate()
    return [idag.year, idag.year + 1] if idag.month == 12 else [idag.year]


@verb(ARSHJUL_BESTALLT)
def forbered_planeringsar() -> int:
    """Create the events and windows of each planning year not yet built, from the recurrence
    rules, so a form can offer its windows now; the number of wheel years created.

    Only the data steps run here; the request this makes also goes to Celery, which redoes them
    (every step can run again with the same result) and renders the files.
    """
    skapade = 0
    hjul = Arshjul.objects.filter(aktiv=True, regler__aktiv=True).distinct().order_by("pk")
    for ar in planeringsar():
        for arshjul in hjul.exclude(arsvyer__ar=ar):
            rad = begar_ombyggnad(arshjul.pk, ar)
            bygg(rad.pk, rad.begaran)
            skapade += 1
    return skapade
