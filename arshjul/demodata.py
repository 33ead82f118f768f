"""Demo wheels for one year: the default rules, a few hand-made events, and a build request.

Idempotent like the rest of the demo data: rows are looked up by a stable key first. The build
itself runs in Celery once the transaction commits (``make run`` starts the worker after the
demo data), so the demo shows a wheel being built.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from arshjul.models import Arshjul, Arshjulsar, Arshjulshandelse, Begransningsperiod, Handelsetyp
from arshjul.services.ombyggnad import begar_ombyggnad
from arshjul.standardregler import ladda_standardregler
from myndigheter.models import Enhet, Lokalpolisomrade


def _tid(dag: date, timme: int) -> datetime:
    return datetime.combine(dag, time(timme), tzinfo=timezone.get_default_timezone())


def _handelse(arshjul, ar: int, titel: str, typ: str, start, slut, enheter=()) -> int:
    if Arshjulshandelse.objects.filter(arshjul=arshjul, ar=ar, titel=titel).exists():
        return 0
    handelse = Arshjulshandelse.objects.create(
        arshjul=arshjul, ar=ar, titel=titel, typ=typ, start=start, slut=slut, handredigerad=True
    )
    handelse.deltagande_enheter.set(Enhet.objects.filter(kod__in=enheter))
    return 1


def skapa_demohjul(ar: int, planeringsmote: datetime | None = None) -> int:
    """The number of new rows. ``planeringsmote``: the time of a coming operation of AKC-väst's
    coordination unit, when there is one, for a meeting that collides with it."""
    skapade = ladda_standardregler()
    akc = Arshjul.objects.get(kod="akc-vast-insatser")
    skapade += _handelse(
        akc,
        ar,
        "Gemensam utbildning om arbetslivskriminalitet",
        Handelsetyp.UTBILDNING,
        _tid(date(ar, 10, 14), 9),
        _tid(date(ar, 10, 14), 12),
        ("akc-vast-samordning", "skv-kontroll", "av-inspektion"),
    )
    skapade += _handelse(
        akc,
        ar,
        "Informationsinsats mot osund konkurrens i restaurangbranschen",
        Handelsetyp.INFORMATIONSINSATS,
        _tid(date(ar, 4, 22), 0),
        _tid(date(ar, 4, 23), 0),
    )
    # A planning meeting at the same time as a coming operation of the same unit: the build
    # report shows the collision.
    if planeringsmote is not None and timezone.localtime(planeringsmote).year == ar:
        skapade += _handelse(
            akc,
            ar,
            "AKC-väst: planeringsmöte",
            Handelsetyp.MOTE,
            planeringsmote,
            planeringsmote + timedelta(hours=2),
            ("akc-vast-samordning",),
        )
    if not Begransningsperiod.objects.filter(arshjul=akc, ar=ar, regel__isnull=True).exists():
        Begransningsperiod.objects.create(
            arshjul=akc,
            ar=ar,
            namn="Exempel: stort publikevenemang i centrum",
            fran=date(ar, 5, 11),
            till=date(ar, 5, 17),
            niva=Begransningsperiod.Niva.VARNA,
            kapacitet_procent=50,
            lpo=Lokalpolisomrade.objects.get(kod="city"),
            handredigerad=True,
        )
        skapade += 1
    for arshjul in Arshjul.objects.filter(aktiv=True).order_by("pk"):
        if not Arshjulsar.objects.filter(arshjul=arshjul, ar=ar).exists():
            begar_ombyggnad(arshjul.pk, ar)
            skapade += 1
    return skapade
