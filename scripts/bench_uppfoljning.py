"""Bench of the follow-up (run by `make bench` through scripts/bench.py), as the demo's
management group (``ledningsgrupp``, every operation of the bench database):

- the follow-up page of this year (target: under 500 ms);
- the yearly report's build: reading the figures (time and queries) and rendering the PDF in a
  child process (time, pages and the child's peak memory: what a PDF worker needs), and the two
  together as the build. Target: the build within 30 s and 500 MB at 20,000 operations (the
  bench database's ``BENCH_INSATSER``, all of which the management group counts).
"""

from __future__ import annotations

import multiprocessing
import statistics
import time

from scripts import minne

UPPREPNINGAR = 5
RENDERINGAR = 2


def _rendera_i_barn(innehall: dict, upprepningar: int, svar) -> None:
    """In a fresh process: render ``upprepningar`` times; report times, pages and peak RSS."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.utils import translation

    from karna import pdf
    from uppfoljning.arsrapportinnehall import diagram
    from uppfoljning.services import MALL, MAX_SIDOR

    context = {"r": innehall, "diagram": diagram(innehall), "version": 1, "byggd": "bench"}
    with translation.override(settings.LANGUAGE_CODE):
        fore_mb = minne.topp_mb()
        tider, sidor = [], 0
        for _ in range(upprepningar):
            start = time.perf_counter()
            sidor = pdf.rendera(MALL, context, MAX_SIDOR).sidantal
            tider.append((time.perf_counter() - start) * 1000)
    topp_mb = minne.topp_mb()
    svar.put((tider, sidor, fore_mb, topp_mb))


def matningar(client) -> list[tuple]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from insatser.models import Insats
    from uppfoljning.access import malgrupp
    from uppfoljning.arsrapportinnehall import arsrapportinnehall

    ar = timezone.localdate().year
    ledning = get_user_model().objects.get(username="ledningsgrupp")
    antal = Insats.objects.count()

    client.force_login(ledning)
    sidtider = []
    for _ in range(UPPREPNINGAR):
        with CaptureQueriesContext(connection) as sidfragor:
            start = time.perf_counter()
            assert client.get("/uppfoljning/", {"ar": ar}).status_code == 200
            sidtider.append((time.perf_counter() - start) * 1000)

    lasare = malgrupp(ledning)
    innehallstider = []
    for _ in range(UPPREPNINGAR):
        with CaptureQueriesContext(connection) as fragor:
            start = time.perf_counter()
            innehall = arsrapportinnehall(lasare, ar)
            innehallstider.append((time.perf_counter() - start) * 1000)

    ko = multiprocessing.get_context("spawn").Queue()
    barn = multiprocessing.get_context("spawn").Process(
        target=_rendera_i_barn, args=(innehall, RENDERINGAR, ko)
    )
    barn.start()
    rendertider, sidor, fore_mb, topp_mb = ko.get(timeout=600)
    barn.join()

    return [
        (
            "follow-up page, this year (ledningsgrupp)",
            statistics.median(sidtider),
            max(sidtider),
            len(sidfragor),
            None,
        ),
        (
            "yearly report figures, management group",
            statistics.median(innehallstider),
            max(innehallstider),
            len(fragor),
            None,
        ),
        (
            f"yearly report PDF, {sidor} pages: render in a child (Django {fore_mb:.0f} MB)",
            statistics.median(rendertider),
            max(rendertider),
            None,
            topp_mb,
        ),
        (
            f"yearly report build at {antal} operations (figures + PDF; < 30 s, < 500 MB)",
            statistics.median(innehallstider) + statistics.median(rendertider),
            max(innehallstider) + max(rendertider),
            len(fragor),
            topp_mb,
        ),
    ]
