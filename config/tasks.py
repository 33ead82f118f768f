"""Technical tasks that belong to no domain app."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_CACHE_KEY = "saminsats:worker-heartbeat"
# Written by the beat process each time it sends a task (config/celery.py).
BEAT_HEARTBEAT_CACHE_KEY = "saminsats:beat-heartbeat"


def beat_lever(**kwargs) -> None:
    """Record that beat is alive: connected to ``before_task_publish`` in the beat process only."""
    cache.set(BEAT_HEARTBEAT_CACHE_KEY, timezone.now().isoformat(), timeout=None)


@shared_task(name="config.tasks.halsokontroll", acks_late=True, ignore_result=True)
def halsokontroll() -> str:
    """Record that a worker ran a task; the status page shows the time."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_CACHE_KEY, now, timeout=None)
    return now
