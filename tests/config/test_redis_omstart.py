"""Redis stopped and started again, with a Redis this test starts itself (never the machine's
shared one): the pages keep working while it is down, and the work that could not be queued
then is queued and done once it is back, by the beat sweepers and a real worker. About 10 s:
a Redis server is started twice and a worker process once."""

import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
import redis
import time_machine
from django.test import Client
from django.utils import timezone

from config.celery import app
from insatser import services
from insatser.models import Insatshandelse
from myndigheter.models import Lokalpolisomrade, Myndighet
from myndigheter.roles import Roll
from notiser.models import Notis
from notiser.tasks import notifiera_missade
from tests.arbetare import Arbetare
from tests.varld import formularet

pytestmark = pytest.mark.django_db(transaction=True)


class EgenRedis:
    """A redis-server of this test's own on a free port, without persistence."""

    def __init__(self, mapp: Path):
        self.mapp = mapp
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def starta(self):
        binar = Path(sys.executable).with_name("redis-server")
        self.process = subprocess.Popen(
            [
                str(binar) if binar.exists() else shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.mapp),
            ],
            stdout=subprocess.DEVNULL,
        )
        klient = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                klient.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise AssertionError("the test's Redis did not start")

    def stoppa(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def koade(self) -> int:
        klient = redis.Redis.from_url(self.url)
        return sum(klient.llen(ko) for ko in ("akut", "celery", "pdf"))


def _byt_broker(url: str) -> None:
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def egen_broker(url):
    """Celery's producer in this process sends to ``url`` for the block."""
    tidigare = app.conf.broker_url
    _byt_broker(url)
    try:
        yield
    finally:
        _byt_broker(tidigare)


@pytest.fixture
def egen_redis(tmp_path, settings):
    server = EgenRedis(tmp_path)
    server.starta()
    settings.REDIS_URL = server.url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
        }
    }
    with egen_broker(server.url):
        yield server
    if server.process.poll() is None:
        server.stoppa()


def test_pages_keep_working_while_redis_is_down_and_nothing_is_lost(
    egen_redis, skapa_anvandare, admin_user
):
    """About 9 s: a Redis server started twice and a real worker process doing the fan-out."""
    samordnare = skapa_anvandare("sam", Roll.SAMORDNARE, "akc-vast", enhet="akc-vast-samordning")
    skv = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    start = timezone.now() + timedelta(days=40)
    insats = services.skapa_insats(
        user=samordnare,
        titel="Restauranger",
        start=start,
        slut=start + timedelta(hours=4),
        samordnande_enhet=samordnare.profil.enhet,
        lpoer=[Lokalpolisomrade.objects.get(kod="city")],
    )
    services.bjud_in(samordnare, insats, Myndighet.objects.get(kod="skatteverket"))
    sam, admin = Client(), Client()
    sam.force_login(samordnare)
    admin.force_login(admin_user)

    egen_redis.stoppa()
    assert sam.get("/").status_code == 200
    url = f"/insatser/{insats.pk}/andra/"
    svar = sam.post(url, {**formularet(sam, url), "titel": "Ändrad medan Redis var nere"})
    assert svar.status_code == 302
    andring = Insatshandelse.objects.get(insats=insats, typ="uppgifter_andrade")
    status = admin.get("/status/").content.decode()
    assert "svarar inte" in status.split('id="meddelandeko"')[1].split("</dd>")[0]
    svar = admin.post("/status/halsokontroll/", follow=True)
    assert "Meddelandekön svarar inte" in svar.content.decode()
    ready = admin.get("/ready/")
    assert (ready.status_code, ready.json()["checks"]["broker"]) == (503, "fail")
    assert not Notis.objects.filter(handelse=andring).exists()

    # Restarted without persistence: what was queued before is gone too, and the sweepers of
    # beat find it again from the database.
    egen_redis.starta()
    assert egen_redis.koade() == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert notifiera_missade.apply().get() >= 1
    assert egen_redis.koade() >= 1
    arbetare = Arbetare(miljo={"REDIS_URL": egen_redis.url, "PYTEST_XDIST_WORKER": ""})
    arbetare.starta()
    try:
        arbetare.vanta_pa(lambda: Notis.objects.filter(handelse=andring, mottagare=skv).exists())
        arbetare.vanta_pa(lambda: egen_redis.koade() == 0)
    finally:
        arbetare.stoppa()
