"""A real Celery worker process for integration tests (not eager).

The worker reads the test database (its URL is handed over in the environment) and the broker of
the settings: the Redis at REDIS_URL or the embedded one, in the database number of this pytest
worker; it writes generated files into the test's MEDIA_ROOT. Tests using it need
``transaction=True`` so that the worker sees their rows. The queues are purged before the worker
starts, so messages other tests left behind are not run against this test's data.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import connection

from config.celery import app
from config.embedded_postgres import database_url

ROOT = Path(__file__).resolve().parents[1]
KOER = ("akut", "celery", "pdf")


class Arbetare:
    """One worker process; ``starta`` again after ``doda`` to play a restarted worker."""

    def __init__(self, koer=KOER, miljo: dict[str, str] | None = None):
        self.koer = tuple(koer)
        self.miljo = {
            **os.environ,
            "DATABASE_URL": database_url(connection.settings_dict),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            **(miljo or {}),
        }
        self.process: subprocess.Popen | None = None

    def toem_koerna(self) -> None:
        with app.connection_for_write() as anslutning:
            for ko in self.koer:
                anslutning.default_channel.queue_purge(ko)

    def starta(self) -> Arbetare:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                f"--queues={','.join(self.koer)}",
                "--loglevel=WARNING",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=self.miljo,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        return self

    def doda(self) -> None:
        """Kill without warning (SIGKILL), as when a machine or container dies."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stoppa(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.doda()

    def utskrift(self) -> str:
        if self.process is None or self.process.poll() is None:
            return ""
        return self.process.stdout.read().decode(errors="replace")

    def vanta_pa(self, villkor: Callable[[], bool], sekunder: float = 60) -> None:
        """Wait until ``villkor()`` holds; fail with the worker's output if it dies or times out."""
        slut = time.monotonic() + sekunder
        while time.monotonic() < slut:
            if villkor():
                return
            assert self.process is None or self.process.poll() is None, self.utskrift()
            time.sleep(0.3)
        raise AssertionError(f"timed out after {sekunder} s waiting for the worker")


def obekraftade() -> dict[bytes, float]:
    """The broker's unacknowledged messages (kombu's ``unacked_index`` in Redis): each delivery
    tag with the time it was handed to a worker."""
    with app.connection_for_write() as anslutning:
        klient = anslutning.default_channel.client
        return dict(klient.zrange("unacked_index", 0, -1, withscores=True))


def vanta_tills_synliga_igen(utdelade: dict[bytes, float], synlighet: float) -> None:
    """Wait until the messages a dead worker was handed (``obekraftade()`` after its death) are
    past the broker's visibility timeout, when the next worker is given them again."""
    assert utdelade, "the killed worker held no unacknowledged message"
    synliga = max(utdelade.values()) + synlighet
    while time.time() <= synliga:
        time.sleep(0.1)
