"""Thin Celery wrappers around the evaluation services: the daily reminders and the evaluation
reports, and the subscriber that enqueues a report build."""

from __future__ import annotations

from celery import shared_task

from karna.uppgifter import TILLFALLIGA_FEL, koa_efter_commit
from utvardering.services import paminn_om_utvarderingar as _paminn
from utvardering.services import rapport


@shared_task(
    acks_late=True,
    ignore_result=True,
    soft_time_limit=120,
    time_limit=180,
    autoretry_for=TILLFALLIGA_FEL,
    retry_backoff=5,
    max_retries=5,
)
def paminn_om_utvarderingar() -> int:
    """Remind agencies of evaluations due, coordinators of overdue ones and responsible
    organisations of improvement items nearly due (beat, daily); each reminder once."""
    return _paminn()


@shared_task(
    acks_late=True,
    ignore_result=True,
    soft_time_limit=120,
    time_limit=180,
    autoretry_for=TILLFALLIGA_FEL,
    retry_backoff=5,
    retry_kwargs={"max_retries": 5},
)
def bygg_utvarderingsrapport(utvardering_id: int, nummer: int) -> str:
    """Build a joint evaluation's reports for build request ``nummer`` (queue ``pdf``). Only a
    lost database connection is retried: bad data or a failing render would fail again."""
    return rapport.bygg_utvarderingsrapport(utvardering_id, nummer)


def koa_rapportbygge(utvardering_id: int, nummer: int) -> None:
    """Subscriber of ``RAPPORT_BESTALLD``: enqueue the build once the order is committed. If the
    broker is down the build stays waiting, and the evaluation page offers to order it again."""
    koa_efter_commit(bygg_utvarderingsrapport, utvardering_id, nummer)
