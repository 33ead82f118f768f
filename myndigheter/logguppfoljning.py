"""The monthly log review (logguppföljning): unusual access in the access log.

Two signs are reported here: reads at night and bulk reads (many reads by one person in one
day). The apps above add the signs only they can judge (``LOGGKONTROLLER``): the operations app
reports reads of agency information outside the operations the reader's organisation takes part
in.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate

from karna.models import Atkomstlogg
from myndigheter.models import Logguppfoljning
from myndigheter.tillagg import LOGGKONTROLLER

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NATT_FRAN = time(22, 0)
NATT_TILL = time(6, 0)
MASSLASNING_PER_DAG = 50


def foregaende_manad(idag: date) -> tuple[date, date]:
    """The first and last day of the month before ``idag``."""
    sista = idag.replace(day=1) - timedelta(days=1)
    return sista.replace(day=1), sista


def _period(fran: date, till: date):
    start = datetime.combine(fran, time.min, STOCKHOLM)
    slut = datetime.combine(till + timedelta(days=1), time.min, STOCKHOLM)
    return Atkomstlogg.objects.filter(tid__gte=start, tid__lt=slut)


def _nattliga(rader) -> list[dict]:
    avvikelser = []
    for rad in rader.filter(handling=Atkomstlogg.Handling.LASA).order_by("tid"):
        lokal = rad.tid.astimezone(STOCKHOLM).time()
        if lokal >= NATT_FRAN or lokal < NATT_TILL:
            avvikelser.append(avvikelse("NATT", rad.anvandarnamn, rad.organisation, [rad]))
    return avvikelser


def _masslasningar(rader) -> list[dict]:
    grupper = (
        rader.filter(handling=Atkomstlogg.Handling.LASA)
        .annotate(dag=TruncDate("tid", tzinfo=STOCKHOLM))
        .values("anvandarnamn", "organisation", "dag")
        .annotate(antal=Count("pk"))
        .filter(antal__gt=MASSLASNING_PER_DAG)
        .order_by("dag", "anvandarnamn")
    )
    return [
        {
            "typ": "MASSLASNING",
            "anvandare": g["anvandarnamn"],
            "organisation": g["organisation"],
            "dag": g["dag"].isoformat(),
            "antal": g["antal"],
        }
        for g in grupper
    ]


def avvikelse(typ: str, anvandare: str, organisation: str, rader) -> dict:
    return {
        "typ": typ,
        "anvandare": anvandare,
        "organisation": organisation,
        "poster": [
            {"tid": r.tid.isoformat(), "objekt": f"{r.objekttyp}:{r.objekt_id}", "syfte": r.syfte}
            for r in rader
        ],
    }


@transaction.atomic
def skapa_logguppfoljning(fran: date, till: date) -> Logguppfoljning:
    """Build (or rebuild) the review of one period; running it twice keeps one report."""
    rader = _period(fran, till)
    avvikelser = _nattliga(rader) + _masslasningar(rader)
    for tillagda in LOGGKONTROLLER.samla(rader):
        avvikelser += tillagda
    rapport, _ = Logguppfoljning.objects.update_or_create(
        period_fran=fran,
        period_till=till,
        defaults={"antal_lasningar": rader.count(), "avvikelser": avvikelser},
    )
    return rapport
