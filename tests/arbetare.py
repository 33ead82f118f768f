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

    def vanta_tills_levererbara(self, synlighet: float, sekunder: float = 30) -> None:
        """After ``doda``: wait until the tasks this worker held can be handed to the next one.
        A task unacknowledged for longer than the broker's visibility timeout (``synlighet``)
        is given again to the next worker that starts; one that ran past it while the worker
        lived was already put back in its queue by the worker's own periodic restore."""
        slut = time.monotonic() + sekunder
        with app.connection_for_write() as anslutning:
            kanal = anslutning.default_channel
            while time.monotonic() < slut:
                utdelade = kanal.client.zrange("unacked_index", 0, -1, withscores=True)
                if utdelade and time.time() - max(tid for _, tid in utdelade) > synlighet:
                    return
                if not utdelade and any(kanal.client.llen(ko) for ko in self.koer):
                    return
                time.sleep(0.1)
        raise AssertionError(f"no task of the dead worker could be delivered after {sekunder} s")

    def vanta_pa(self, villkor: Callable[[], bool], sekunder: float = 60) -> None:
        """Wait until ``villkor()`` holds; fail with the worker's output if it dies or times out."""
        slut = time.monotonic() + sekunder
        while time.monotonic() < slut:
            if villkor():
                return
            assert self.process is None or self.process.poll() is None, self.utskrift()
            time.sleep(0.3)
        raise AssertionError(f"timed out after {sekunder} s waiting for the worker")
