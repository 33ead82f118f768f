"""Thin Celery wrappers around objekt services."""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction

from karna.uppgifter import TILLFALLIGA_FEL
from objekt.services import importera


@shared_task(
    bind=True,
    acks_late=True,
    ignore_result=True,
    soft_time_limit=600,
    time_limit=660,
    autoretry_for=TILLFALLIGA_FEL,
    retry_backoff=True,
    max_retries=5,
)
def importera_objekt(self, import_id: int) -> None:
    """Create an import's rows. Safe to run again: it resumes after the last row done.

    An import that will not be tried again is marked failed, so its page stops showing it
    as running.
    """
    sista_forsoket = self.request.retries >= self.max_retries
    try:
        importera.kor_import(import_id)
    except SoftTimeLimitExceeded:
        if sista_forsoket:
            importera.avbryt_import(import_id)
            raise
        # The rows done so far are committed; a new run carries on from there.
        raise self.retry(countdown=1) from None
    except TILLFALLIGA_FEL:
        if sista_forsoket:
            importera.avbryt_import(import_id)
        raise
    except Exception:
        importera.avbryt_import(import_id)
        raise


def koa_import(import_id: int) -> None:
    """Subscriber of ``IMPORT_UPPLADDAD``: start reading the file once the upload is committed."""
    transaction.on_commit(lambda: importera_objekt.delay(import_id))
