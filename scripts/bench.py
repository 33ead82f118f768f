"""`make bench`: speed and memory of the hot paths, printed as a table.

Runs against its own database (``bench_saminsats``, kept between runs) so it never touches the
development data. ``BENCH_INSATSER`` sets how many operations to generate (default 20,000).
Each area adds its measurements in a module ``scripts/bench_<area>.py`` with a function
``matningar(client)`` returning rows ``(measure, median ms, max ms, queries, peak MB)``
(``None`` where a column does not apply); this module runs them all after its own.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import random
import statistics
import time
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TEST_DATABASE_NAME", "bench_saminsats")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core import signals  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases  # noqa: E402
from django.utils import timezone  # noqa: E402

from insatser.access import synliga_insatser  # noqa: E402
from insatser.demodata import Demodata  # noqa: E402
from insatser.models import (  # noqa: E402
    Bemanningsbegaran,
    Deltagande,
    Insats,
    Installningsorsak,
)
from insatser.workflow import (  # noqa: E402
    BEMANNING_WORKFLOW,
    INSATS_WORKFLOW,
    BemanningStatus,
    InsatsStatus,
)
from myndigheter.models import Lokalpolisomrade, Myndighet  # noqa: E402
from myndigheter.referensdata import ladda_referensdata  # noqa: E402
from scripts import minne  # noqa: E402

# The notifications the measured changes send are kept in memory, not printed among the figures.
settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

ANTAL = int(os.environ.get("BENCH_INSATSER", "20000"))
UPPREPNINGAR = 20
SIDSTORLEK = 50


def tid(funktion, upprepningar=UPPREPNINGAR):
    tider = []
    for _ in range(upprepningar):
        start = time.perf_counter()
        funktion()
        tider.append((time.perf_counter() - start) * 1000)
    return statistics.median(tider), max(tider)


def antal_fragor(funktion) -> int:
    # The query log is a bounded deque; empty it so the count is not capped by its length.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as fragor:
        funktion()
    return len(fragor)


def delmatningar():
    """The area modules ``scripts/bench_*.py``, in name order."""
    import scripts

    return [
        importlib.import_module(f"scripts.{info.name}")
        for info in pkgutil.iter_modules(scripts.__path__)
        if info.name.startswith("bench_")
    ]


def analysera() -> None:
    """Refresh the planner's statistics after bulk generation, as autovacuum does in service: a
    planner that still believes the tables small picks plans no running system would."""
    with connection.cursor() as markor:
        markor.execute("ANALYZE")


def generera_insatser(antal: int) -> None:
    """Bulk-create synthetic operations with participants and staffing requests."""
    saknas = antal - Insats.objects.filter(referens__startswith="BENCH-").count()
    if saknas <= 0:
        return
    rng = random.Random(7)
    orsak = Installningsorsak.objects.order_by("kod").first()
    organisationer = list(Myndighet.objects.filter(ar_polis=False).values_list("pk", flat=True))
    lpoer = list(Lokalpolisomrade.objects.values_list("pk", flat=True))
    bas = timezone.now() - timedelta(days=365)
    borjan = antal - saknas
    for block in range(borjan, antal, 5000):
        insatser = [
            Insats(
                referens=f"BENCH-{n:07d}",
                titel=f"Bench {n}",
                samordnande_organisation_id=rng.choice(organisationer),
                start=bas + timedelta(hours=n % 17000),
                slut=bas + timedelta(hours=n % 17000 + 4),
                status=INSATS_WORKFLOW.nadd(rng.choice(InsatsStatus.values)),
            )
            for n in range(block, min(block + 5000, antal))
        ]
        for insats in insatser:
            if insats.status == InsatsStatus.INSTALLD:
                insats.installd_orsak = orsak
        Insats.objects.bulk_create(insatser)
        Deltagande.objects.bulk_create(
            [
                Deltagande(insats=i, organisation_id=org)
                for i in insatser
                for org in rng.sample(organisationer, k=rng.randint(1, 3))
                if org != i.samordnande_organisation_id
            ]
        )
        Bemanningsbegaran.objects.bulk_create(
            [
                Bemanningsbegaran(
                    insats=i,
                    lpo_id=rng.choice(lpoer),
                    begart_antal=4,
                    status=BEMANNING_WORKFLOW.nadd(
                        rng.choice([BemanningStatus.SKICKAD, BemanningStatus.BEKRAFTAD])
                    ),
                )
                for i in insatser
            ]
        )


def main() -> None:
    setup_databases(verbosity=0, interactive=False, keepdb=True, serialized_aliases=[])
    start = time.perf_counter()
    ladda_referensdata()
    referens_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    Demodata().kor()
    demo_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    generera_insatser(ANTAL)
    analysera()
    generera_ms = (time.perf_counter() - start) * 1000

    rader = [
        ("reference data load (idempotent reload)", referens_ms, None, None, None),
        ("demo data command (idempotent re-run)", demo_ms, None, None, None),
        (f"generate synthetic operations up to {ANTAL}", generera_ms, None, None, None),
    ]
    anvandare = get_user_model().objects
    for username in ["samordnare.akc", "handlaggare.skv", "opsam.city", "insatspolis.city"]:
        user = anvandare.get(username=username)

        def lista(user=user):
            qs = synliga_insatser(user)
            qs.count()
            list(qs.select_related("samordnande_organisation").order_by("-start")[:SIDSTORLEK])

        fragor = antal_fragor(lista)
        median, varst = tid(lista)
        rader.append(
            (
                f"visible operations, count + page of {SIDSTORLEK}: {username}",
                median,
                varst,
                fragor,
                None,
            )
        )

    # As Django's test runner does: keep one connection so its queries can be counted.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    client = Client()
    for username, url, namn in [
        ("samordnare.akc", "/", "start page"),
        ("samordnare.akc", "/insatser/", "operation list page"),
        ("handlaggare.skv", "/insatser/", "operation list page"),
    ]:
        client.force_login(anvandare.get(username=username))
        fragor = antal_fragor(lambda url=url: client.get(url))
        median, varst = tid(lambda url=url: client.get(url))
        rader.append((f"{namn} ({username})", median, varst, fragor, None))
    for modul in delmatningar():
        rader.extend(modul.matningar(client))

    print(f"Saminsats bench: {Insats.objects.count()} operations in the bench database")
    print(f"{'measure':<62} {'median ms':>10} {'max ms':>8} {'queries':>8} {'peak MB':>8}")
    for namn, median, varst, fragor, topp_mb in rader:
        print(
            f"{namn:<62} {median:10.1f} {_kolumn(varst, '8.1f')} {_kolumn(fragor, '8d')}"
            f" {_kolumn(topp_mb, '8.0f')}"
        )
    peak_mb = minne.topp_mb()
    print(f"peak RSS of the bench process: {peak_mb:.0f} MB")


def _kolumn(varde, format: str) -> str:
    return f"{varde:{format}}" if varde is not None else " " * 8


if __name__ == "__main__":
    main()
