"""Thin Celery wrappers around the operation services: escalation and briefings."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError

from insatser.services import eskalering, underlag
from karna.uppgifter import TILLFALLIGA_FEL

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    ignore_result=True,
    soft_time_limit=120,
    time_limit=180,
    autoretry_for=TILLFALLIGA_FEL,
    retry_backoff=5,
    max_retries=5,
)
def eskalera_bemanning() -> int:
    """Remind the police and the coordinators of unanswered requests and unconfirmed operations."""
    return eskalering.eskalera()


# A 10-page briefing renders in about a second (make bench); an operation has a handful of
# audiences. The soft limit ends a runaway render as a failed build, the hard one the process.
MJUK_TIDSGRANS = 120
HARD_TIDSGRANS = 180


@shared_task(
    bind=True,
    acks_late=True,
    ignore_result=True,
    soft_time_limit=MJUK_TIDSGRANS,
    time_limit=HARD_TIDSGRANS,
    autoretry_for=TILLFALLIGA_FEL,
    retry_backoff=5,
    retry_kwargs={"max_retries": 5},
)
def bygg_informationsunderlag(self, insats_id: int, nummer: int) -> str:
    """Build an operation's briefings for build request ``nummer`` (queue ``pdf``).

    Only a passing failure (a lost database connection) is retried: bad data or a failing render
    would fail again.
    """
    return underlag.bygg_underlag(insats_id, nummer, self.request.id or "", HARD_TIDSGRANS)


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=60, time_limit=90)
def vakta_underlag() -> int:
    """Beat, every minute: re-enqueue briefing builds whose task was lost."""
    return len(underlag.vakta_underlag(HARD_TIDSGRANS))


def koa_underlagsbyggen(bestallningar: list[tuple[int, int]], fordrojning: int) -> None:
    """Subscriber of ``UNDERLAG_BESTALLDA``: enqueue the builds once the change is committed.

    If the broker is down, the build stays pending and the watchdog enqueues it later, rather
    than the user seeing an error.
    """
    transaction.on_commit(lambda: _koa(bestallningar, fordrojning))


def _koa(bestallningar: list[tuple[int, int]], fordrojning: int) -> None:
    for insats_id, nummer in bestallningar:
        try:
            bygg_informationsunderlag.apply_async(args=[insats_id, nummer], countdown=fordrojning)
        except KombuOperationalError:
            logger.warning("could not enqueue the briefing build of operation %s", insats_id)
