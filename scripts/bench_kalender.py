"""Bench of the calendar feeds (run by `make bench` through scripts/bench.py).

Fetches the personal feeds of a coordinator and of an officer, and the agency feed of
Skatteverket, over the generated operations: time per fetch, queries (which must not grow with
the operations) and the peak memory of one fetch.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc

UPPREPNINGAR = 10


def matningar(client) -> list[tuple]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kalender.services import skapa_kalenderflode

    anvandare = get_user_model().objects
    floden = [
        ("personal feed (samordnare.akc)", "samordnare.akc", False),
        ("personal feed (handlaggare.skv)", "handlaggare.skv", False),
        ("agency feed (Skatteverket)", "kontakt.skv", True),
    ]
    rader = []
    for namn, username, myndighet in floden:
        token = skapa_kalenderflode(anvandare.get(username=username), myndighet=myndighet)
        adress = f"/kalender/flode/{token}.ics"
        tider = []
        for _ in range(UPPREPNINGAR):
            start = time.perf_counter()
            svar = client.get(adress)
            tider.append((time.perf_counter() - start) * 1000)
            assert svar.status_code == 200, svar.status_code
        antal = svar.content.count(b"BEGIN:VEVENT")
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as fragor:
            client.get(adress)
        tracemalloc.start()
        client.get(adress)
        topp = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        rader.append(
            (f"{namn}, {antal} events", statistics.median(tider), max(tider), len(fragor), topp)
        )
    return rader
