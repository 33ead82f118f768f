"""Thin Celery wrappers around the briefing services."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from insatser.services import underlag

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
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    retry_kwargs={"max_retries": 5},
)
def bygg_informationsunderlag(self, insats_id: int, nummer: int) -> str:
    """Build an operation's briefings for build request ``nummer`` (queue ``pdf``).

    Only a lost database connection is retried: bad data or a failing render would fail again.
    """
    return underlag.bygg_underlag(insats_id, nummer, self.request.id or "", HARD_TIDSGRANS)


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=60, time_limit=90)
def vakta_underlag() -> int:
    """Beat, every minute: re-enqueue briefing builds whose task was lost."""
    return len(underlag.vakta_underlag(HARD_TIDSGRANS))
