"""Health endpoint, status page, login page and a real Celery worker running the health task."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from config.tasks import HEARTBEAT_CACHE_KEY, halsokontroll


@pytest.mark.django_db
def test_health_answers_without_login(client):
    svar = client.get("/health/")
    assert svar.status_code == 200
    assert svar.json() == {"status": "ok", "databas": True}


@pytest.mark.django_db
def test_login_page_is_swedish(client):
    svar = client.get("/logga-in/")
    text = svar.content.decode()
    assert svar.status_code == 200
    assert '<html lang="sv">' in text
    assert "Logga in" in text
    assert "Lösenord" in text


@pytest.mark.django_db
def test_login_page_in_english_when_chosen(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/logga-in/"})
    text = client.get("/logga-in/").content.decode()
    assert '<html lang="en">' in text
    assert "Log in" in text
    assert "Password" in text


@pytest.mark.django_db
def test_wrong_password_gets_a_swedish_message(client):
    get_user_model().objects.create_user("kalle", password="ratt-losen-123")
    svar = client.post("/logga-in/", {"username": "kalle", "password": "fel"})
    assert svar.status_code == 200
    assert "Ange ett korrekt användarnamn och lösenord" in svar.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/status/"])
def test_pages_require_login(client, url):
    svar = client.get(url)
    assert svar.status_code == 302
    assert "logga-in" in svar["Location"] or "admin/login" in svar["Location"]


@pytest.mark.django_db
def test_status_page_is_for_administrators_only(client, skapa_anvandare):
    from myndigheter.roles import Roll

    user = skapa_anvandare("skv", Roll.HANDLAGGARE, "skatteverket")
    client.force_login(user)
    assert client.get("/status/").status_code == 403
    assert client.post("/status/halsokontroll/").status_code == 403


@pytest.mark.django_db
def test_status_page_shows_the_last_heartbeat(admin_client):
    cache.delete(HEARTBEAT_CACHE_KEY)
    assert "ingen ännu" in admin_client.get("/status/").content.decode()
    halsokontroll.apply()
    text = admin_client.get("/status/").content.decode()
    assert "ingen ännu" not in text
    assert "svarar" in text


def test_a_real_worker_runs_the_health_task(celery_arbetare):
    """Not eager: a worker process takes the task from the broker and writes the heartbeat."""
    cache.delete(HEARTBEAT_CACHE_KEY)
    arbetare = celery_arbetare(koer=[f"test-{uuid.uuid4().hex[:8]}"])
    halsokontroll.apply_async(queue=arbetare.koer[0])
    arbetare.vanta_pa(lambda: cache.get(HEARTBEAT_CACHE_KEY) is not None)


@pytest.mark.django_db
def test_every_page_forbids_inline_and_foreign_scripts(client):
    policy = client.get("/logga-in/")["Content-Security-Policy"]
    direktiv = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert direktiv["script-src"] == "'self'"
    assert direktiv["style-src"] == "'self'"
    assert direktiv["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_htmx_is_served_from_our_own_static_files(client):
    text = client.get("/logga-in/").content.decode()
    assert '<script src="/static/js/htmx-2.0.11.min.js" defer></script>' in text
    assert '"includeIndicatorStyles": false' in text


def test_the_deployment_check_is_clean_with_production_settings():
    """``manage.py check --deploy`` as production runs it: no warning to silence."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from django.conf import settings

    miljo = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "saminsats.example.se",
        "REDIS_URL": settings.REDIS_URL,
    }
    miljo.pop("PYTEST_XDIST_WORKER", None)
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=miljo,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "System check identified no issues" in resultat.stdout
