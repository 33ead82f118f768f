"""Thin Celery wrappers around the wheel's build (``arshjul.services.bygge``).

They take primary keys, are idempotent (a second run finds nothing to do or redoes the same
steps), acknowledge late, and retry only failures that can pass (``karna.uppgifter``); any other
error marks the version failed and is not retried.
"""

from __future__ import annotations

import logging
from functools import partial

from celery import shared_task
from django.conf import settings
from django.db import transaction

from arshjul.services import bygge, inkrementell
from karna.uppgifter import TILLFALLIGA_FEL

logger = logging.getLogger(__name__)

GEMENSAMT = {
    "acks_late": True,
    "ignore_result": True,
    "autoretry_for": TILLFALLIGA_FEL,
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "max_retries": 5,
}


@shared_task(soft_time_limit=120, time_limit=180, **GEMENSAMT)
def bygg_arshjul(arshjulsar_id: int, begaran: int) -> None:
    """Expand, place and check one wheel's year, then hand the rendering to the pdf queue."""
    try:
        version_id = bygge.bygg(arshjulsar_id, begaran)
    except TILLFALLIGA_FEL:
        raise
    except Exception as fel:
        bygge.misslyckat(repr(fel), arshjulsar_id=arshjulsar_id, begaran=begaran)
        raise
    if version_id is not None:
        rendera_arshjul.delay(version_id)


@shared_task(soft_time_limit=240, time_limit=300, **GEMENSAMT)
def rendera_arshjul(version_id: int) -> None:
    """Render and store the SVG, PDF and ICS of a version, or the PDF of a version made ready
    without it; runs on the pdf queue."""
    try:
        bygge.rendera(version_id)
    except TILLFALLIGA_FEL:
        raise
    except Exception as fel:
        bygge.misslyckat(repr(fel), version_id=version_id)
        raise


@shared_task(soft_time_limit=60, time_limit=90, **GEMENSAMT)
def vakta_arshjulsbyggen() -> int:
    """Beat runs this every minute: enqueue again the builds a lost worker left behind."""
    bygga, rendera = bygge.fastnade()
    for arshjulsar_id, begaran in bygga:
        logger.warning("Årshjulsbygge %s (begäran %s) köas om", arshjulsar_id, begaran)
        bygg_arshjul.delay(arshjulsar_id, begaran)
    for version_id in rendera:
        logger.warning("Rendering av årshjulsversion %s köas om", version_id)
        rendera_arshjul.delay(version_id)
    return len(bygga) + len(rendera)


@shared_task(soft_time_limit=60, time_limit=90, **GEMENSAMT)
def uppdatera_arshjul(arshjulsar_id: int, begaran: int) -> None:
    """Take the changed operations into the wheel's year at once; what cannot be taken in this
    way is left to the debounced build the same request ordered. When a window's count changed,
    the new version is ready with its SVG and ICS, and its PDF goes to the pdf queue."""
    version_id = inkrementell.uppdatera(arshjulsar_id, begaran)
    if version_id is not None:
        rendera_arshjul.delay(version_id)


def koa_bygge(arshjulsar_id: int, begaran: int, inkrementell: bool = False) -> None:
    """Subscriber of ``ARSHJUL_BESTALLT``: enqueue the debounced build after commit, and for a
    changed operation the update at once.

    ``robust``: a broker that is down must not undo the change; the watchdog finds the request
    later."""
    if inkrementell:
        transaction.on_commit(partial(uppdatera_arshjul.delay, arshjulsar_id, begaran), robust=True)
    transaction.on_commit(partial(_koa, arshjulsar_id, begaran), robust=True)


def _koa(arshjulsar_id: int, begaran: int) -> None:
    bygg_arshjul.apply_async((arshjulsar_id, begaran), countdown=settings.ARSHJUL_FORDROJNING)


@shared_task(soft_time_limit=120, time_limit=180, **GEMENSAMT)
def forbered_planeringsar() -> int:
    """Beat runs this each night: from 1 December next year's wheels hold their windows before
    anyone opens a form (the forms also prepare them, should beat not have run)."""
    return bygge.forbered_planeringsar()
