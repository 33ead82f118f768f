"""Watching Saminsats: readiness, the Prometheus metrics, the error pages and the JSON logs."""

import io
import json
import logging
import shutil
from collections import namedtuple
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from config import matvarden
from config.loggning import JsonFormatter, RequestIdFilter
from config.tasks import BEAT_HEARTBEAT_CACHE_KEY, HEARTBEAT_CACHE_KEY, beat_lever, halsokontroll

pytestmark = pytest.mark.django_db
TOKEN = "skrapa-" + "x" * 30


@pytest.fixture
def levande():
    """A worker and beat heard from just now."""
    halsokontroll.apply()
    beat_lever()
    yield
    cache.delete_many([HEARTBEAT_CACHE_KEY, BEAT_HEARTBEAT_CACHE_KEY])


def test_ready_when_every_check_passes(client, levande):
    svar = client.get("/ready/")
    assert svar.status_code == 200
    assert svar.json() == {
        "status": "ok",
        "checks": dict.fromkeys(("database", "broker", "worker", "beat", "disk"), "ok"),
    }


def test_not_ready_without_a_worker_heard_from_lately(client, levande, settings):
    gammal = (timezone.now() - timedelta(seconds=settings.READY_HEARTBEAT_SECONDS + 5)).isoformat()
    cache.set(HEARTBEAT_CACHE_KEY, gammal)
    svar = client.get("/ready/")
    assert svar.status_code == 503
    assert svar.json()["status"] == "fail"
    assert svar.json()["checks"]["worker"] == "fail"
    assert svar.json()["checks"]["beat"] == "ok"


def test_not_ready_when_beat_never_sent_anything(client, levande):
    cache.delete(BEAT_HEARTBEAT_CACHE_KEY)
    svar = client.get("/ready/")
    assert svar.status_code == 503
    assert svar.json()["checks"]["beat"] == "fail"


def test_not_ready_when_the_disk_for_generated_files_is_nearly_full(
    client, levande, settings, monkeypatch
):
    Anvandning = namedtuple("Anvandning", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _: Anvandning(10**9, 10**9 - 10**6, 10**6))
    settings.READY_MIN_FREE_MB = 100
    svar = client.get("/ready/")
    assert svar.status_code == 503
    assert svar.json()["checks"]["disk"] == "fail"
    assert svar.json()["checks"]["database"] == "ok"


def test_not_ready_when_redis_does_not_answer(client, levande, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    svar = client.get("/ready/")
    assert svar.status_code == 503
    checks = svar.json()["checks"]
    assert (checks["broker"], checks["worker"], checks["beat"]) == ("fail", "fail", "fail")


def test_metrics_are_hidden_without_the_token_or_an_allowed_address(client, settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = ["10.0.0.9"]
    assert client.get("/metrics/").status_code == 404
    assert client.get("/metrics/", headers={"Authorization": "Bearer fel"}).status_code == 404
    assert client.get("/metrics/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_no_token_configured_lets_no_token_in(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_IPS = []
    assert client.get("/metrics/", headers={"Authorization": "Bearer "}).status_code == 404


def test_metrics_give_latency_queue_length_and_task_failures(client, settings, monkeypatch):
    settings.METRICS_TOKEN = TOKEN
    klient = matvarden._redis()
    klient.delete(matvarden.FEL_NYCKEL, "pdf")
    klient.rpush("pdf", "a", "b")

    class TrasigCache:
        def set(self, *args, **kwargs):
            raise RuntimeError("Redis borta")

    monkeypatch.setattr("config.tasks.cache", TrasigCache())
    halsokontroll.apply()
    client.get("/health/")
    try:
        text = client.get("/metrics/", headers={"Authorization": f"Bearer {TOKEN}"}).content
    finally:
        klient.delete(matvarden.FEL_NYCKEL, "pdf")
    text = text.decode()
    assert 'saminsats_celery_queue_length{queue="pdf"} 2.0' in text
    assert 'saminsats_celery_task_failures_total{task="config.tasks.halsokontroll"} 1.0' in text
    assert (
        'saminsats_http_request_duration_seconds_count{method="GET",route="health",status="2xx"}'
        in text
    )


def test_metrics_label_requests_by_url_name_never_by_path(client, settings, skapa_anvandare):
    settings.METRICS_TOKEN = TOKEN
    client.get("/insatser/987654/")
    # A path word no route name contains ("kalle" is in "aterkallelse").
    client.get("/finns-inte-qxzvw-karlsson/")
    text = client.get("/metrics/", headers={"Authorization": f"Bearer {TOKEN}"}).content.decode()
    assert "987654" not in text
    assert "qxzvw" not in text
    assert 'route="okand"' in text


@pytest.mark.urls("tests.config.fel_urls")
def test_an_unexpected_error_gives_a_generic_swedish_page(settings):
    settings.DEBUG = False
    svar = Client(raise_request_exception=False).get("/trasig/")
    text = svar.content.decode()
    assert svar.status_code == 500
    assert "Något gick fel" in text
    assert "hemlig detalj" not in text
    assert "RuntimeError" not in text


def test_a_missing_page_gives_the_generic_page(client, skapa_anvandare):
    from myndigheter.roles import Roll

    client.force_login(skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"))
    svar = client.get("/insatser/987654/")
    assert svar.status_code == 404
    assert "Sidan finns inte" in svar.content.decode()


def test_a_refused_page_gives_the_generic_page(client, skapa_anvandare):
    from myndigheter.roles import Roll

    client.force_login(skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"))
    svar = client.get("/status/")
    assert svar.status_code == 403
    assert "Du har inte behörighet till den här sidan." in svar.content.decode()


def test_a_stale_form_gives_the_generic_page(skapa_anvandare):
    from myndigheter.roles import Roll

    klient = Client(enforce_csrf_checks=True)
    klient.force_login(skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket"))
    svar = klient.post("/logga-ut/")
    assert svar.status_code == 403
    assert "Formuläret har gått ut" in svar.content.decode()


@pytest.fixture
def jsonlogg():
    """The django.request logger's lines as the production format writes them."""
    strom = io.StringIO()
    hanterare = logging.StreamHandler(strom)
    hanterare.addFilter(RequestIdFilter())
    hanterare.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(hanterare)
    yield lambda: [json.loads(rad) for rad in strom.getvalue().splitlines()]
    logger.removeHandler(hanterare)


def test_json_logs_carry_the_request_id_and_no_personal_data(client, jsonlogg, skapa_anvandare):
    from myndigheter.roles import Roll

    user = skapa_anvandare("kalle.karlsson", Roll.HANDLAGGARE, "skatteverket")
    client.force_login(user)
    client.get(
        "/insatser/987654/?personnummer=19121212-1212",
        headers={"X-Request-ID": "spar-42"},
        REMOTE_ADDR="192.0.2.77",
    )
    (rad,) = jsonlogg()
    assert rad["request_id"] == "spar-42"
    assert rad["level"] == "WARNING"
    assert rad["status"] == 404
    text = json.dumps(rad)
    for personligt in ("kalle", "19121212", "192.0.2.77", str(user.pk) + ","):
        assert personligt not in text


@pytest.mark.urls("tests.config.fel_urls")
def test_an_error_is_logged_with_its_traceback_as_one_json_line(jsonlogg):
    Client(raise_request_exception=False).get("/trasig/", headers={"X-Request-ID": "fel-1"})
    (rad,) = jsonlogg()
    assert rad["request_id"] == "fel-1"
    assert rad["level"] == "ERROR"
    assert rad["exception"] == "RuntimeError"
    assert "trasig" in rad["traceback"]


def test_production_settings_log_json_lines_and_development_plain_ones():
    """Two settings imports in fresh interpreters, as production and development start."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    kod = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.LOGGING['handlers']['console']['formatter'])"
    )

    def formatet(**miljo) -> str:
        miljo = {**os.environ, "REDIS_URL": settings.REDIS_URL, **miljo}
        miljo.pop("PYTEST_XDIST_WORKER", None)
        miljo.pop("LOG_FORMAT", None)
        return subprocess.run(
            [sys.executable, "-c", kod],
            cwd=settings.BASE_DIR,
            env={**miljo, "DJANGO_SETTINGS_MODULE": "config.settings"},
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.strip()

    produktion = {"DEBUG": "false", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.se"}
    assert formatet(**produktion) == "json"
    assert formatet(DEBUG="true") == "text"
