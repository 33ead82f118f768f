"""The environment the load test and the HTTP bench share: the bench database with its generated
data set, gunicorn and a Celery worker serving it with production settings, and Locust driving it.

The data set is the bench's (``scripts/bench.py``: ``BENCH_INSATSER`` operations, default 20,000)
plus ``BENCH_OBJEKT`` pool objects (default 100,000 here) and ``LAST_ANVANDARE`` generated users
(default 300) spread over the organisations and roles like the demo logins. Everything is kept
between runs and only what is missing is created.
"""

from __future__ import annotations

import contextlib
import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("BENCH_OBJEKT", "100000")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TEST_DATABASE_NAME", "bench_saminsats")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_databases  # noqa: E402

from config.embedded_postgres import database_url  # noqa: E402
from insatser.demoanvandare import DEMO_ANVANDARE  # noqa: E402
from myndigheter.models import Anvandarprofil, Enhet, Lokalpolisomrade, Myndighet  # noqa: E402
from myndigheter.roles import Roll, rollgrupp  # noqa: E402
from scripts import bench  # noqa: E402
from scripts.bench_objekt import generera_objekt  # noqa: E402
from scripts.lastproxy import BAKOM_PROXY  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ANTAL_ANVANDARE = int(os.environ.get("LAST_ANVANDARE", "300"))
UTDATA = ROOT / "var" / "last"


def forbered_data() -> None:
    """The bench database with reference data, demo data and the generated data set."""
    from insatser.demodata import Demodata
    from myndigheter.referensdata import ladda_referensdata

    setup_databases(verbosity=0, interactive=False, keepdb=True, serialized_aliases=[])
    ladda_referensdata()
    Demodata().kor()
    bench.generera_insatser(bench.ANTAL)
    generera_objekt(int(os.environ["BENCH_OBJEKT"]))
    generera_anvandare(ANTAL_ANVANDARE)
    bench.analysera()


def generera_anvandare(antal: int) -> None:
    """``antal`` users ``last.NNN``, each a copy of a demo login's organisation, unit, role and
    LPO scope in turn, with the demo password."""
    anvandare = get_user_model().objects
    forebilder = [d for d in DEMO_ANVANDARE if d.roll not in (Roll.ADMIN, Roll.API_KLIENT)]
    finns = set(anvandare.filter(username__startswith="last.").values_list("username", flat=True))
    for n in range(antal):
        username = f"last.{n:03d}"
        if username in finns:
            continue
        demo = forebilder[n % len(forebilder)]
        user = anvandare.create_user(
            username, f"{username}@last.saminsats.invalid", settings.DEMO_PASSWORD
        )
        user.groups.add(rollgrupp(demo.roll))
        profil = Anvandarprofil.objects.create(
            user=user,
            organisation=Myndighet.objects.get(kod=demo.organisation),
            enhet=Enhet.objects.get(kod=demo.enhet) if demo.enhet else None,
            ar_insatspolis=demo.insatspolis,
            titel=demo.titel,
        )
        if demo.lpoer:
            profil.lpo_scope.set(Lokalpolisomrade.objects.filter(kod__in=demo.lpoer))


def miljo() -> dict[str, str]:
    """The environment of the served processes: production settings on the bench database."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": settings.REDIS_URL,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "last-och-bench-inte-hemlig"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "MEDIA_ROOT": str(UTDATA / "media"),
        "PYTHONUNBUFFERED": "1",
    }


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(arbetare: int = 4, **installningar: str) -> Iterator[str]:
    """gunicorn with the production settings file (``config/gunicorn.py``: sync workers) serving
    the bench database, with ``installningar`` added to its environment; yields its base URL once
    /health/ answers."""
    port = ledig_port()
    env = {**miljo(), **installningar}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    UTDATA.mkdir(parents=True, exist_ok=True)
    logg = (UTDATA / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--config=config/gunicorn.py",
            "config.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={arbetare}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=logg,
        stderr=subprocess.STDOUT,
    )
    adress = f"http://127.0.0.1:{port}"
    try:
        _vanta_pa(f"{adress}/health/", process)
        yield adress
    finally:
        process.terminate()
        process.wait(timeout=30)
        logg.close()


@contextlib.contextmanager
def celeryarbetare() -> Iterator[None]:
    """A Celery worker on the bench database, for the work the pages order (briefings)."""
    UTDATA.mkdir(parents=True, exist_ok=True)
    with (UTDATA / "worker.log").open("wb") as logg:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--concurrency=1",
                "--queues=akut,celery,pdf",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env=miljo(),
            stdout=logg,
            stderr=subprocess.STDOUT,
        )
        try:
            yield
        finally:
            process.terminate()
            process.wait(timeout=60)


def _vanta_pa(url: str, process: subprocess.Popen, sekunder: float = 60) -> None:
    slut = time.monotonic() + sekunder
    while time.monotonic() < slut:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see {UTDATA}")
        fraga = urllib.request.Request(url, headers=BAKOM_PROXY)
        with contextlib.suppress(OSError), urllib.request.urlopen(fraga, timeout=2) as svar:
            if svar.status == 200:
                return
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {sekunder} s")


def locust(
    locustfile: str,
    adress: str,
    anvandare: int,
    sekunder: int,
    namn: str,
    miljo_: dict[str, str] | None = None,
    per_sekund: int | None = None,
) -> list[dict]:
    """Run Locust headless, starting ``per_sekund`` simulated users a second (a fifth of them by
    default); returns its per-step statistics rows (the aggregate last)."""
    UTDATA.mkdir(parents=True, exist_ok=True)
    prefix = UTDATA / namn
    subprocess.run(
        [
            str(Path(sys.executable).with_name("locust")),
            "-f",
            str(ROOT / "scripts" / locustfile),
            "--headless",
            f"--host={adress}",
            f"--users={anvandare}",
            f"--spawn-rate={per_sekund or max(1, anvandare // 5)}",
            f"--run-time={sekunder}s",
            f"--csv={prefix}",
            f"--html={prefix}.html",
            "--only-summary",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(miljo_ or {})},
        stdout=(UTDATA / f"{namn}.log").open("wb"),
        stderr=subprocess.STDOUT,
        check=False,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fil:
        return list(csv.DictReader(fil))
