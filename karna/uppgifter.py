"""What every Celery task of the project shares: which failures are worth another try."""

from __future__ import annotations

import smtplib

from django.db import InterfaceError, OperationalError

# Only what can succeed on a later try: the database, the broker's peer or the mail server being
# unreachable for a while. Bad data or a failing render would fail again, so they are not here.
TILLFALLIGA_FEL = (
    OperationalError,
    InterfaceError,
    smtplib.SMTPException,
    ConnectionError,
    TimeoutError,
)
