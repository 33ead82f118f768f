"""What every Celery task of the project shares: which failures are worth another try, and
enqueueing a task once the transaction that ordered it commits."""

from __future__ import annotations

import logging
import smtplib

from django.db import InterfaceError, OperationalError, transaction
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)

# Only what can succeed on a later try: the database, the broker's peer or the mail server being
# unreachable for a while. Bad data or a failing render would fail again, so they are not here.
TILLFALLIGA_FEL = (
    OperationalError,
    InterfaceError,
    smtplib.SMTPException,
    ConnectionError,
    TimeoutError,
)


def koa_efter_commit(uppgift, *args) -> None:
    """Enqueue ``uppgift(*args)`` once the caller's transaction commits. If the broker is down
    the order stays waiting (the page that shows it offers to order it again)."""

    def koa() -> None:
        try:
            uppgift.apply_async(args=list(args))
        except KombuOperationalError:
            logger.warning("could not enqueue %s%r", uppgift.name, args)

    transaction.on_commit(koa)
