"""Thin Celery wrappers around the evaluation services: the daily reminders."""

from __future__ import annotations

from celery import shared_task

from karna.uppgifter import TILLFALLIGA_FEL
from utvardering.services import paminn_om_utvarderingar as _paminn


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
