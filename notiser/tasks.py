"""Thin Celery wrappers around the notification services: fan-out of timeline entries."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction

from karna.uppgifter import TILLFALLIGA_FEL
from notiser.notistyper import NOTIFIERANDE, NOTISTYPER
from notiser.services import missade_handelser, notifiera

# Cancellations and reschedulings go on their own queue, so that they never wait behind other
# work; every worker listens to it first (Procfile, docker-compose.yml).
AKUT_KO = "akut"


def notifiera_efter_commit(handelse) -> None:
    """Subscriber of ``INSATSEN_ANDRAD``: queue the fan-out of a timeline entry once its
    transaction commits.

    ``robust``: the entry is committed whatever the broker says; an entry whose fan-out never
    ran is picked up by ``notifiera_missade``.
    """
    if handelse.typ in NOTIFIERANDE:
        transaction.on_commit(lambda: _koa(handelse.pk, handelse.typ), robust=True)


def _koa(handelse_pk: int, typ: str) -> None:
    akut = typ in NOTISTYPER and NOTISTYPER[typ].akut
    notifiera_handelse.apply_async((handelse_pk,), **({"queue": AKUT_KO} if akut else {}))


@shared_task(
    acks_late=True,
    ignore_result=True,
    soft_time_limit=60,
    time_limit=90,
    autoretry_for=TILLFALLIGA_FEL,
    retry_backoff=5,
    retry_backoff_max=300,
    max_retries=8,
)
def notifiera_handelse(handelse_pk: int) -> int:
    """Notify those a timeline entry concerns; running it again creates and sends nothing twice."""
    return notifiera(handelse_pk)


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=120, time_limit=180)
def notifiera_missade() -> int:
    """Queue again the entries whose fan-out or e-mail is overdue (beat, every five minutes)."""
    handelser = missade_handelser()
    for handelse_pk, typ in handelser:
        _koa(handelse_pk, typ)
    return len(handelser)
