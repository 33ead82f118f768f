"""Thin Celery wrappers around the shared machinery."""

from __future__ import annotations

from celery import shared_task

from karna import engang, gallring
from karna.uppgifter import TILLFALLIGA_FEL


@shared_task(acks_late=True, ignore_result=True, autoretry_for=TILLFALLIGA_FEL, max_retries=3)
def rensa_engangsnycklar() -> int:
    """Remove the create forms' one-time keys older than a day."""
    return engang.rensa()


@shared_task(acks_late=True, ignore_result=True, autoretry_for=TILLFALLIGA_FEL, max_retries=3)
def gallra() -> dict[str, int]:
    """Run the retention rules (karna.gallring); each rule is one transaction, so a retry
    only redoes what was left."""
    return gallring.kor()
