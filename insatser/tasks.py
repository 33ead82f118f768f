"""Thin Celery wrappers around the operation services: notifications, escalation, briefings."""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.db import OperationalError, transaction

from insatser.handelser import HANDELSETYPER, NOTIFIERANDE
from notiser.services import missade_handelser, notifiera

# Cancellations and reschedulings go on their own queue, so that they never wait behind other
# work; every worker listens to it first (Procfile, docker-compose.yml).
AKUT_KO = "akut"
# Only what can succeed on a later try: the database or the mail server being unreachable.
TILLFALLIGA_FEL = (OperationalError, smtplib.SMTPException, ConnectionError, TimeoutError)


def notifiera_efter_commit(handelse) -> None:
    """Queue the fan-out of a timeline entry once its transaction commits.

    ``robust``: the entry is committed whatever the broker says; an entry whose fan-out never
    ran is picked up by ``notifiera_missade``.
    """
    if handelse.typ in NOTIFIERANDE:
        transaction.on_commit(lambda: _koa(handelse.pk, handelse.typ), robust=True)


def _koa(handelse_pk: int, typ: str) -> None:
    akut = typ in HANDELSETYPER and HANDELSETYPER[typ].akut
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


@shared_task(
    acks_late=True,
    ignore_result=True,
    soft_time_limit=120,
    time_limit=180,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=5,
)
def eskalera_bemanning() -> int:
    """Remind the police and the coordinators of unanswered requests and unconfirmed operations."""
    # Imported here: the services import this module to queue notifications.
    from insatser.services.eskalering import eskalera

    return eskalera()


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
    from insatser.services import underlag

    return underlag.bygg_underlag(insats_id, nummer, self.request.id or "", HARD_TIDSGRANS)


@shared_task(acks_late=True, ignore_result=True, soft_time_limit=60, time_limit=90)
def vakta_underlag() -> int:
    """Beat, every minute: re-enqueue briefing builds whose task was lost."""
    from insatser.services import underlag

    return len(underlag.vakta_underlag(HARD_TIDSGRANS))
