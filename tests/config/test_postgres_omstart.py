"""PostgreSQL restarted under a running web process, with a server this test starts itself
(never the machine's shared one): the next request is answered, with no restart of the app.
About 10 s: a PostgreSQL server is started and restarted, and gunicorn started."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _fri_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _halsa(adress: str) -> int:
    try:
        with urllib.request.urlopen(f"{adress}/health/", timeout=10) as svar:
            return svar.status
    except urllib.error.HTTPError as fel:
        return fel.code


@pytest.fixture
def egen_postgres(tmp_path):
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import pgserver

        server = pgserver.get_server(tmp_path / "pgdata", cleanup_mode="stop")
    yield server
    server.cleanup()


def _starta_om(server) -> None:
    from pgserver._commands import pg_ctl

    pg_ctl(["-w", "-m", "fast", "restart"], pgdata=server.pgdata, user=server.system_user)


@pytest.fixture
def webb(egen_postgres, tmp_path):
    """gunicorn with production settings on the test's own PostgreSQL."""
    socketmapp = egen_postgres.get_postmaster_info().socket_dir
    port = _fri_port()
    miljo = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@{quote(str(socketmapp), safe='')}/postgres",
        "REDIS_URL": settings.REDIS_URL,
        "DEBUG": "false",
        "SECRET_KEY": "test-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "SAMINSATS_VAR_DIR": str(tmp_path / "var"),
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "-c",
            "config/gunicorn.py",
            "config.wsgi",
        ],
        cwd=ROOT,
        env=miljo,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    adress = f"http://127.0.0.1:{port}"
    slut = time.monotonic() + 60
    while time.monotonic() < slut:
        try:
            _halsa(adress)
            break
        except OSError:
            assert process.poll() is None, "gunicorn exited"
            time.sleep(0.2)
    yield adress
    process.terminate()
    process.wait(timeout=30)


def test_the_web_process_answers_at_once_after_postgresql_restarts(egen_postgres, webb):
    assert [_halsa(webb) for _ in range(3)] == [200, 200, 200]
    _starta_om(egen_postgres)
    assert [_halsa(webb) for _ in range(3)] == [200, 200, 200]
