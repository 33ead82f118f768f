"""Reused reads of notifications, always through the access policy."""

from __future__ import annotations

from django.db.models import QuerySet

from notiser.access import synliga_notiser
from notiser.models import Notis, Notisinstallning, standard_epostkategorier


def notiser_for(user) -> QuerySet[Notis]:
    """The user's notifications, newest first, with what a row shows in the same query."""
    return synliga_notiser(user).select_related("insats").order_by("-skapad", "-pk")


def olasta(user) -> QuerySet[Notis]:
    return notiser_for(user).filter(last__isnull=True)


def antal_olasta(user) -> int:
    return synliga_notiser(user).filter(last__isnull=True).count()


def epostkategorier(user) -> list[str]:
    """The kinds the user also gets by e-mail: their choice, or the defaults."""
    installning = Notisinstallning.objects.filter(user=user).first()
    return installning.epost_kategorier if installning else standard_epostkategorier()
