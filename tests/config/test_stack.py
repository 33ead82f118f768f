"""The production-like stack (docker-compose.yml) runs what `make run` runs: the Procfile's worker
and beat commands, the web app under gunicorn with its settings file, the same settings."""

from pathlib import Path

import yaml
from django.conf import settings

from scripts import run


def _stack() -> dict:
    return yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())


def test_worker_and_beat_run_the_procfiles_commands():
    tjanster = _stack()["services"]
    procfile = run.procfile()
    for namn in ("worker", "beat"):
        assert tjanster[namn]["command"] == procfile[namn].removeprefix(".venv/bin/")


def test_web_runs_under_gunicorn_with_its_settings_file():
    web = _stack()["services"]["web"]
    assert web["command"] == "gunicorn --config config/gunicorn.py config.wsgi"
    assert (Path(settings.BASE_DIR) / "config" / "gunicorn.py").is_file()
    assert "/health/" in " ".join(web["healthcheck"]["test"])


def test_every_app_service_gets_the_same_settings_and_can_point_elsewhere():
    tjanster = _stack()["services"]
    miljoer = [tjanster[n]["environment"] for n in ("web", "worker", "beat")]
    assert miljoer[0] == miljoer[1] == miljoer[2]
    assert miljoer[0]["DEBUG"] == "false"
    assert miljoer[0]["DATABASE_URL"].startswith("${DATABASE_URL:-")
    assert miljoer[0]["REDIS_URL"].startswith("${REDIS_URL:-")
