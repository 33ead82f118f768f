"""Prometheus metrics: request latency per URL name, Celery queue lengths and task failures.

Nothing identifies a person or an object: requests are labelled by URL name (never the path),
method and status class. Queue lengths are read from Redis at each scrape; task failures are
counted in Redis by the worker that saw them, so every web process reports the same totals.
Under gunicorn with ``PROMETHEUS_MULTIPROC_DIR`` set (config/gunicorn.py) the latency histogram
of every web process is summed.
"""

from __future__ import annotations

import os
import time

import redis
from django.conf import settings
from prometheus_client import CollectorRegistry, Histogram, generate_latest, multiprocess
from prometheus_client.core import REGISTRY, CounterMetricFamily, GaugeMetricFamily

KOER = ("akut", "celery", "pdf")
METODER = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
# Celery's Redis transport keeps a queue's priorities in lists named after it.
_PRIORITETSLISTOR = ("", "\x06\x163", "\x06\x166", "\x06\x169")
FEL_NYCKEL = "saminsats:task-failures"

SVARSTID = Histogram(
    "saminsats_http_request_duration_seconds",
    "Time to answer a request, by URL name, method and status class.",
    ["route", "method", "status"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


def rakna_uppgiftsfel(uppgift: str) -> None:
    """Count a failed task (called in the worker, from Celery's task_failure signal)."""
    _redis().hincrby(FEL_NYCKEL, uppgift, 1)


class CeleryCollector:
    """The queue length of each Celery queue and the failures of each task, read at scrape."""

    def collect(self):
        koer = GaugeMetricFamily(
            "saminsats_celery_queue_length", "Tasks waiting in a Celery queue.", labels=["queue"]
        )
        fel = CounterMetricFamily(
            "saminsats_celery_task_failures", "Tasks that ended in an error.", labels=["task"]
        )
        klient = _redis()
        for ko in KOER:
            koer.add_metric([ko], sum(klient.llen(ko + lista) for lista in _PRIORITETSLISTOR))
        for uppgift, antal in sorted(klient.hgetall(FEL_NYCKEL).items()):
            fel.add_metric([uppgift.decode()], int(antal))
        yield koer
        yield fel


def exportera() -> bytes:
    """The text a scrape gets."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        register = CollectorRegistry()
        multiprocess.MultiProcessCollector(register)
    else:
        register = CollectorRegistry()
        register.register(_EnProcess())
    register.register(CeleryCollector())
    return generate_latest(register)


class _EnProcess:
    """The metrics this process keeps (without gunicorn's multiprocess directory)."""

    def collect(self):
        yield from REGISTRY.collect()


class MatvardenMiddleware:
    """Times every request and labels it by its URL name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = (match.view_name if match else "") or "okand"
        metod = request.method if request.method in METODER else "OTHER"
        SVARSTID.labels(route, metod, f"{response.status_code // 100}xx").observe(
            time.perf_counter() - start
        )
        return response
