"""Bench of the briefings (run by `make bench` through scripts/bench.py).

Builds, once, an operation whose joint briefing is about ten pages: many controls, each object
with released agency information, and earlier operations with the same participants so that the
history shows. Measures reading the content (time and queries), rendering the PDF in a child
process (median and worst time, and the child's peak memory: what a PDF worker needs), a week's
twenty such briefings rendered by the worker as the Procfile and the compose file start it (two
processes, each taking the next briefing; total time and each process's peak memory), and the
whole build of all audiences.
"""

from __future__ import annotations

import multiprocessing
import statistics
import time
from datetime import timedelta

from scripts import minne

KONTROLLER = 11
TIDIGARE = 3
# Renders in one process, for the median and the peak memory of one render.
UPPREPNINGAR = 5
# A week's briefings (some twenty), shared by the worker's processes (``--concurrency=2``).
RENDERINGAR = 20
PROCESSER = 2
# Named after its size, so that changing the size builds a new operation instead of reusing one.
REFERENS = f"BENCH-UNDERLAG-{KONTROLLER}"


def _rendera_i_barn(innehall: dict, upprepningar: int, svar, startade) -> None:
    """In a fresh process: render ``upprepningar`` times, once every process has started
    (``startade``, a barrier); report times, pages and peak RSS."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.utils import translation

    from insatser.services.underlag import MALL
    from karna import pdf

    context = {"u": innehall, "version": 1, "byggd": "bench"}
    startade.wait()
    with translation.override(settings.LANGUAGE_CODE):
        fore_mb = minne.topp_mb()
        tider, sidor = [], 0
        for _ in range(upprepningar):
            start = time.perf_counter()
            sidor = pdf.rendera(MALL, context, settings.UNDERLAG_MAX_SIDOR).sidantal
            tider.append((time.perf_counter() - start) * 1000)
    topp_mb = minne.topp_mb()
    svar.put((tider, sidor, fore_mb, topp_mb))


def _i_barn(innehall: dict, upprepningar: list[int]) -> list[tuple]:
    """Render in one fresh process per entry of ``upprepningar``, all at once; what each
    reports."""
    ctx = multiprocessing.get_context("spawn")
    ko, startade = ctx.Queue(), ctx.Barrier(len(upprepningar))
    barn = [
        ctx.Process(target=_rendera_i_barn, args=(innehall, n, ko, startade)) for n in upprepningar
    ]
    for process in barn:
        process.start()
    svar = [ko.get(timeout=600) for _ in barn]
    for process in barn:
        process.join()
    return svar


def _operation():
    """The bench operation and its history; looked up first, so a second run creates nothing."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from insatser.models import (
        Bemanningsbegaran,
        Deltagande,
        Frislappning,
        Insats,
        Kontroll,
        Polisbemanning,
    )
    from insatser.workflow import (
        BEMANNING_WORKFLOW,
        INSATS_WORKFLOW,
        KONTROLL_WORKFLOW,
        SVAR_WORKFLOW,
        BemanningStatus,
        InsatsStatus,
    )
    from myndigheter.models import Kommun, Lokalpolisomrade, Myndighet, UtsattOmrade
    from objekt.models import Objekt, Objekttyp, Objektuppgift

    befintlig = Insats.objects.filter(referens=REFERENS).first()
    if befintlig is not None:
        return befintlig
    org = {m.kod: m for m in Myndighet.objects.filter(kod__in=["akc-vast", "skatteverket", "av"])}
    city = Lokalpolisomrade.objects.get(kod="city")
    polis = get_user_model().objects.get(username="insatspolis.city")
    skv = get_user_model().objects.get(username="handlaggare.skv")
    kommun = Kommun.objects.get(kod="goteborg")
    omrade = UtsattOmrade.objects.get(kod="gardsten")

    def insats(referens, dagar, status):
        start = timezone.now() + timedelta(days=dagar)
        ny = Insats.objects.create(
            referens=referens,
            titel=f"Bench {referens}",
            samordnande_organisation=org["akc-vast"],
            start=start,
            slut=start + timedelta(hours=4),
            status=INSATS_WORKFLOW.nadd(status),
            samlingsplats="Samlingsplatsen vid bench-kajen",
            sakerhetsanteckning="Kända risker: " + "hundar, trånga utrymmen. " * 3,
        )
        for kod, roll in [
            ("akc-vast", "SAMORDNARE"),
            ("skatteverket", "DELTAGARE"),
            ("av", "DELTAGARE"),
        ]:
            Deltagande.objects.create(
                insats=ny, organisation=org[kod], roll=roll, svar=SVAR_WORKFLOW.nadd("ACCEPTERAD")
            )
        begaran = Bemanningsbegaran.objects.create(
            insats=ny,
            lpo=city,
            begart_antal=4,
            bekraftat_antal=4,
            status=BEMANNING_WORKFLOW.nadd(BemanningStatus.BEKRAFTAD),
        )
        Polisbemanning.objects.create(begaran=begaran, anvandare=polis)
        return ny

    huvud = insats(REFERENS, 6, InsatsStatus.BEKRAFTAD)
    tidigare = [
        insats(f"{REFERENS}-T{n}", -40 * (n + 1), InsatsStatus.GENOMFORD) for n in range(TIDIGARE)
    ]
    for nummer in range(KONTROLLER):
        objekt = Objekt.objects.create(
            referens=f"BU{KONTROLLER}-{nummer:03d}",
            namn=f"Benchobjektet nummer {nummer} Handelsbolag",
            objekttyp=Objekttyp.FORETAG,
            organisationsnummer="556016-0680",
            adress=f"Benchgatan {nummer}",
            postnummer="41101",
            postort="Göteborg",
            kommun=kommun,
            utsatt_omrade=omrade if nummer % 2 else None,
            foreslaget_av_organisation=org["skatteverket"],
        )
        Kontroll.objects.create(
            insats=huvud,
            objekt=objekt,
            ordning=nummer + 1,
            tilltradesgrund="Skatteverket: kontrollbesök enligt 41 kap. SFL (personalliggare)",
        )
        for gammal in tidigare:
            Kontroll.objects.create(
                insats=gammal,
                objekt=objekt,
                status=KONTROLL_WORKFLOW.nadd(Kontroll.Status.GENOMFORD),
            )
        for kod in ("skatteverket", "av"):
            uppgift = Objektuppgift.objects.create(
                objekt=objekt,
                organisation=org[kod],
                innehall={
                    "Bedömning": "Tidigare brister i personalliggaren och i anmälan av anställda.",
                    "Kontaktad senast": "Mars förra året, uppföljning planerad.",
                    "Risk": "Medel",
                },
            )
            Frislappning.objects.create(
                objektuppgift=uppgift, insats=huvud, frislappt_av=skv, grund="OSL 10 kap. 28 §"
            )
    return huvud


def matningar(client) -> list[tuple]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from insatser import access
    from insatser.models import Malgruppstyp, Underlagsbygge
    from insatser.services.underlag import bygg_underlag, markera_inaktuella
    from insatser.underlagsinnehall import underlagsinnehall
    from insatser.workflow import UNDERLAGSBYGGE_WORKFLOW

    insats = _operation()
    malgrupper = access.underlagets_malgrupper(insats)
    gemensam = next(m for m in malgrupper if m.typ == Malgruppstyp.GEMENSAM)
    lasare = malgrupper[gemensam]

    tider = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as fragor:
            start = time.perf_counter()
            innehall = underlagsinnehall(insats, gemensam, lasare)
            tider.append((time.perf_counter() - start) * 1000)

    rendertider, sidor, fore_mb, topp_mb = _i_barn(innehall, [UPPREPNINGAR])[0]
    # Each process takes its share as a worker takes the next task; the week is done when the
    # last process is (they start rendering together).
    veckan = _i_barn(innehall, [RENDERINGAR // PROCESSER] * PROCESSER)
    vecka_ms = max(sum(tider) for tider, *_ in veckan)
    vecka_topp_mb = max(topp for *_, topp in veckan)

    with transaction.atomic():
        markera_inaktuella([insats.pk])
    UNDERLAGSBYGGE_WORKFLOW.overga_alla(
        Underlagsbygge.objects.filter(insats=insats), "bestall_igen"
    )
    # Force new versions: an unchanged fingerprint would skip the rendering.
    insats.informationsunderlag.all().delete()
    bygge = Underlagsbygge.objects.get(insats=insats)
    start = time.perf_counter()
    bygg_underlag(insats.pk, bygge.nummer, "bench", 600)
    bygg_ms = (time.perf_counter() - start) * 1000

    return [
        (
            f"briefing content, joint audience ({len(lasare)} readers)",
            statistics.median(tider),
            max(tider),
            len(fragor),
            None,
        ),
        (
            f"briefing PDF, joint, {sidor} pages: render in a child (Django {fore_mb:.0f} MB)",
            statistics.median(rendertider),
            max(rendertider),
            None,
            topp_mb,
        ),
        (
            f"a week's {RENDERINGAR} briefings of {sidor} pages, a worker of {PROCESSER} "
            "processes: total (MB: each process's peak)",
            vecka_ms,
            None,
            None,
            vecka_topp_mb,
        ),
        (
            f"briefing build, all {len(malgrupper)} audiences rendered",
            bygg_ms,
            None,
            None,
            None,
        ),
    ]
