"""Thin Celery wrappers around myndigheter services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from myndigheter.logguppfoljning import foregaende_manad, skapa_logguppfoljning


@shared_task(acks_late=True, ignore_result=True)
def manadlig_logguppfoljning() -> int:
    """Review last month's access log; beat runs it on the first of every month."""
    fran, till = foregaende_manad(timezone.localdate())
    return skapa_logguppfoljning(fran, till).pk
