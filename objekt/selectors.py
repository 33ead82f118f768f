"""Reused reads of objects."""

from __future__ import annotations

from django.db.models import QuerySet

from objekt.models import Objekt

UTANFOR_POOLEN = [Objekt.Status.AVFORT, Objekt.Status.AVSLUTAT]


def objektpool() -> QuerySet[Objekt]:
    """Objects that may be picked for an operation: those not removed from the pool."""
    return Objekt.objects.exclude(status__in=UTANFOR_POOLEN).order_by("namn")
