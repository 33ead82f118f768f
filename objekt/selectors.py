"""Reused reads of objects and of agency information, always through the access policy."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from myndigheter.policy import Aktor
from objekt.access import synliga_objektuppgifter
from objekt.models import Frislappning, Objekt, Objektuppgift

UTANFOR_POOLEN = [Objekt.Status.AVFORT, Objekt.Status.AVSLUTAT]


def objektpool() -> QuerySet[Objekt]:
    """Objects that may be picked for an operation: those not removed from the pool."""
    return Objekt.objects.exclude(status__in=UTANFOR_POOLEN).order_by("namn")


def uppgifter_i_insats(user, insats) -> QuerySet[Objektuppgift]:
    """The information on the operation's objects that ``user`` may read in it (not logged).

    The reader's own organisation's information, or information released to this very operation;
    information released to another operation stays there.
    """
    egen_eller_frislappt_hit = Q(organisation_id=Aktor.for_user(user).organisation_id) | Exists(
        Frislappning.objects.filter(
            objektuppgift=OuterRef("pk"), insats=insats, aterkallad__isnull=True
        )
    )
    return (
        synliga_objektuppgifter(user)
        .filter(egen_eller_frislappt_hit, objekt__kontroller__insats=insats)
        .distinct()
    )
