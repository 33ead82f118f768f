"""Bench of the annual wheel: a year wheel with ``BENCH_ARSHJUL`` operations (default 20,000),
built from nothing, built again unchanged, and one changed operation taken in.

Run by ``make bench`` (``scripts/bench.py``). The operations go into a year of their own (two
years ahead) on AKC-väst's wheel, in its four LPOs, a third of them with the coordinating unit
and a quarter with a named police officer, so the collision check has work. Each build starts
from no generated events and no versions and runs every step the two tasks run, PDF included,
in this process; the files go to a temporary folder.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from arshjul.models import (
    Arshjul,
    Arshjulsar,
    Arshjulshandelse,
    Begransningsperiod,
    Handelsetyp,
)
from arshjul.services import bygge
from arshjul.standardregler import ladda_standardregler
from insatser.models import (
    Bemanningsbegaran,
    Deltagande,
    Insats,
    Installningsorsak,
    Polisbemanning,
)
from insatser.services import andra_insats, stall_in_insats
from insatser.workflow import (
    BEMANNING_WORKFLOW,
    INSATS_WORKFLOW,
    SVAR_WORKFLOW,
    BemanningStatus,
    InsatsStatus,
)
from myndigheter.models import Enhet

ANTAL = int(os.environ.get("BENCH_ARSHJUL", "20000"))
UPPREPNINGAR = 3
PREFIX = "BENCH-AJ-"


def _generera(arshjul, ar: int) -> None:
    """2,000 operations in the wheel's LPOs over ``ar`` (created once, kept between runs)."""
    if Insats.objects.filter(referens__startswith=f"{PREFIX}{ar}-").count() >= ANTAL:
        return
    rng = random.Random(11)
    lpoer = list(arshjul.lpoer.all())
    enhet = Enhet.objects.get(kod="akc-vast-samordning")
    polis = get_user_model().objects.filter(username="insatspolis.city").first()
    borjan = datetime(ar, 1, 2, tzinfo=timezone.get_default_timezone())
    insatser = Insats.objects.bulk_create(
        [
            Insats(
                referens=f"{PREFIX}{ar}-{n:04d}",
                titel=f"Bench {n}",
                samordnande_organisation=arshjul.agare,
                start=(
                    start := borjan + timedelta(days=n * 360 // ANTAL, hours=rng.randint(8, 20))
                ),
                slut=start + timedelta(hours=3),
                status=INSATS_WORKFLOW.nadd(
                    rng.choice([InsatsStatus.PLANERAD, InsatsStatus.BEKRAFTAD])
                ),
            )
            for n in range(ANTAL)
        ]
    )
    Insats.lpoer.through.objects.bulk_create(
        [
            Insats.lpoer.through(insats=insats, lokalpolisomrade=lpoer[n % len(lpoer)])
            for n, insats in enumerate(insatser)
        ]
    )
    Deltagande.objects.bulk_create(
        [
            Deltagande(
                insats=insats,
                organisation=arshjul.agare,
                enhet=enhet,
                svar=SVAR_WORKFLOW.nadd("ACCEPTERAD"),
            )
            for n, insats in enumerate(insatser)
            if n % 3 == 0
        ]
    )
    begaranden = Bemanningsbegaran.objects.bulk_create(
        [
            Bemanningsbegaran(
                insats=insats,
                lpo=lpoer[n % len(lpoer)],
                begart_antal=2,
                bekraftat_antal=2,
                status=BEMANNING_WORKFLOW.nadd(BemanningStatus.BEKRAFTAD),
            )
            for n, insats in enumerate(insatser)
            if n % 4 == 0
        ]
    )
    if polis is not None:
        Polisbemanning.objects.bulk_create(
            [Polisbemanning(begaran=begaran, anvandare=polis) for begaran in begaranden]
        )


def _fran_borjan(rad: Arshjulsar) -> int:
    """Forget what earlier builds made (the operations they kept too), and ask for a new build;
    the request's number."""
    Arshjulshandelse.objects.filter(arshjul=rad.arshjul, ar=rad.ar, regel__isnull=False).delete()
    Begransningsperiod.objects.filter(arshjul=rad.arshjul, ar=rad.ar, regel__isnull=False).delete()
    rad.versioner.all().delete()
    rad.insatser.all().delete()
    Arshjulsar.objects.filter(pk=rad.pk).update(begaran=F("begaran") + 1)
    rad.refresh_from_db()
    return rad.begaran


def _bygg(rad: Arshjulsar, begaran: int) -> None:
    version_id = bygge.bygg(rad.pk, begaran)
    if version_id is None or not bygge.rendera(version_id):
        raise RuntimeError("the bench build made no version")


def _en_andrad_insats(rad: Arshjulsar, ar: int) -> list[tuple]:
    """One operation changed through its verb, with the tasks its effects enqueue run in this
    process (Celery's eager mode), as workers would at once. Timed is the wheel's part, from
    the start of its update task (``arshjul.services.inkrementell``) until the wheel's year
    holds the change: the tasks of the other effects (notifications, briefings) run on workers
    of their own and are left out. Moved by an hour, the window counts stay and the version
    takes the new report; cancelled, a window's count changes and a new version is made ready
    with its SVG and ICS from the same data, and its PDF, rendered after on the pdf queue, is
    timed on a row of its own."""
    from arshjul.services import inkrementell
    from config.celery import app

    samordnare = get_user_model().objects.get(username="samordnare.akc")
    orsak = Installningsorsak.objects.order_by("kod").first()
    kandidater = Insats.objects.filter(
        referens__startswith=f"{PREFIX}{ar}-", status=InsatsStatus.PLANERAD
    ).order_by("-referens")
    # Operations in a window's LPO and days, which its count includes.
    i_fonster = Q(pk__in=[])
    for fonster in Arshjulshandelse.objects.filter(
        arshjul=rad.arshjul, ar=ar, typ=Handelsetyp.INSATSFONSTER, installd=False
    ):
        i_fonster |= Q(lpoer=fonster.lpo_id, start__gte=fonster.start, start__lt=fonster.slut)

    def flytta(insats):
        andra_insats(
            samordnare,
            insats,
            version=insats.version,
            start=insats.start + timedelta(hours=1),
            slut=insats.slut + timedelta(hours=1),
        )

    def stall_in(insats):
        stall_in_insats(samordnare, insats, orsak, version=insats.version)

    matt = {}

    def tidtagen(funktion, nyckel: str):
        def kor(*args):
            connection.queries_log.clear()
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as fangade:
                resultat = funktion(*args)
            tid, fragor = matt.get(nyckel, (0.0, 0))
            matt[nyckel] = (tid + time.perf_counter() - start, fragor + len(fangade))
            return resultat

        return kor

    rader = []
    original = (inkrementell.uppdatera, bygge.rendera, app.conf.task_always_eager)
    inkrementell.uppdatera = tidtagen(original[0], "reflected")
    bygge.rendera = tidtagen(original[1], "its PDF, rendered after")
    app.conf.task_always_eager = True
    try:
        for namn, andring, urval in [
            ("moved an hour, files kept", flytta, kandidater.exclude(i_fonster)),
            (
                "cancelled in a window, new version with SVG and ICS",
                stall_in,
                kandidater.filter(i_fonster),
            ),
        ]:
            tider: dict[str, list[float]] = {}
            fragor: dict[str, int] = {}
            for insats in list(urval[:UPPREPNINGAR]):
                matt.clear()
                andring(insats)
                rad.refresh_from_db()
                if rad.vantar or rad.vantande_insatser:
                    raise RuntimeError("the change was not taken into the wheel")
                for nyckel, (tid, antal) in matt.items():
                    tider.setdefault(nyckel, []).append(tid * 1000)
                    fragor[nyckel] = antal
            rader += [
                (
                    f"one changed operation {nyckel} ({ANTAL}), {namn}",
                    statistics.median(tider[nyckel]),
                    max(tider[nyckel]),
                    fragor[nyckel],
                    None,
                )
                for nyckel in tider
            ]
    finally:
        inkrementell.uppdatera, bygge.rendera, app.conf.task_always_eager = original
    return rader


def matningar(client) -> list[tuple]:
    from scripts.bench import analysera

    ladda_standardregler()
    arshjul = Arshjul.objects.get(kod="akc-vast-insatser")
    ar = timezone.localdate().year + 2
    _generera(arshjul, ar)
    analysera()
    rad, _ = Arshjulsar.objects.get_or_create(arshjul=arshjul, ar=ar)
    rader = []
    with tempfile.TemporaryDirectory() as mapp, override_settings(MEDIA_ROOT=mapp):
        tider, fragor = [], 0
        for upprepning in range(UPPREPNINGAR):
            begaran = _fran_borjan(rad)
            connection.queries_log.clear()
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as fangade:
                _bygg(rad, begaran)
            tider.append((time.perf_counter() - start) * 1000)
            if upprepning == 0:
                fragor = len(fangade)
        # Memory in a run of its own: tracing allocations slows Python several times over.
        begaran = _fran_borjan(rad)
        tracemalloc.start()
        _bygg(rad, begaran)
        topp = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        rader.append(
            (
                f"wheel build, {ANTAL} operations, all steps incl. PDF",
                statistics.median(tider),
                max(tider),
                fragor,
                topp,
            )
        )
        Arshjulsar.objects.filter(pk=rad.pk).update(begaran=F("begaran") + 1)
        rad.refresh_from_db()
        start = time.perf_counter()
        bygge.bygg(rad.pk, rad.begaran)
        rader.append(
            (
                f"wheel rebuild, unchanged input ({ANTAL} operations)",
                (time.perf_counter() - start) * 1000,
                None,
                None,
                None,
            )
        )
        rader += _en_andrad_insats(rad, ar)
        client.force_login(get_user_model().objects.get(username="samordnare.akc"))
        for adress, namn in [
            (f"/arshjul/vy/?ar={ar}&hjul={arshjul.kod}", "wheel page"),
            (f"/arshjul/vy/?ar={ar}&hjul={arshjul.kod}&manad=3", "wheel page, March open"),
            (f"/arshjul/vy/?ar={ar}&hjul={arshjul.kod}&vy=tidslinje", "timeline page"),
        ]:
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as fangade:
                client.get(adress)
            sidtider = []
            for _ in range(5):
                start = time.perf_counter()
                client.get(adress)
                sidtider.append((time.perf_counter() - start) * 1000)
            rader.append(
                (
                    f"{namn}, {ANTAL} operations (samordnare.akc)",
                    statistics.median(sidtider),
                    max(sidtider),
                    len(fangade),
                    None,
                )
            )
    return rader
