"""What every Celery task of the project shares: which failures are worth another try, and
enqueueing a task once the transaction that ordered it commits."""

from __future__ import annotations

import errno
import logging
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)


class DiskenFull(OSError):  # noqa: N818 - domain name: the disk is full
    """The disk for generated files is full (or the quota used up): worth another try once an
    operator has freed space (``/ready/`` reports it as ``disk``)."""


@contextmanager
def skriver_genererade_filer() -> Iterator[None]:
    """Around the writing of a generated file: a full disk becomes ``DiskenFull``, logged with
    a clear message, so that the task is tried again instead of failing for good."""
    try:
        yield
    except OSError as fel:
        if fel.errno not in {errno.ENOSPC, errno.EDQUOT}:
            raise
        logger.error("The disk for generated files (MEDIA_ROOT %s) is full", settings.MEDIA_ROOT)
        raise DiskenFull(fel.errno, "the disk for generated files is full") from fel


# Only what can succeed on a later try: the database, the broker's peer or the mail server being
# unreachable for a while, or the disk for generated files full until space is freed. Bad data or
# a failing render would fail again, so they are not here.
TILLFALLIGA_FEL = (
    OperationalError,
    InterfaceError,
    smtplib.SMTPException,
    ConnectionError,
    TimeoutError,
    DiskenFull,
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
