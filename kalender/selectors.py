"""Reads of the calendar feeds, always through the rules in ``kalender.access``."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from insatser.models import Insats
from kalender import access
from kalender.models import Kalenderflode
from karna.hemligheter import tokenhash

# How far a feed reaches: operations that ended longer ago than ``BAKAT`` or start later than
# ``FRAMAT`` are left out, so the feed stays small; calendar apps keep the events they already
# have or drop them, as they choose.
BAKAT = timedelta(days=90)
FRAMAT = timedelta(days=400)


def flode_for_token(token: str) -> Kalenderflode | None:
    """The answering feed a secret belongs to, or None (unknown, replaced, revoked, or its owner
    no longer active)."""
    flode = (
        Kalenderflode.objects.filter(token_hash=tokenhash(token))
        .select_related("anvandare", "organisation")
        .first()
    )
    if flode is None or not access.aktivt(flode):
        return None
    return flode


def flodets_insatser(flode: Kalenderflode) -> QuerySet[Insats]:
    """The operations the feed carries, with ``visa_detaljer``, their LPOs and coordinator; a
    fixed number of queries however many there are."""
    nu = timezone.now()
    return (
        access.synliga_insatser(access.lasare(flode))
        .filter(slut__gte=nu - BAKAT, start__lte=nu + FRAMAT)
        .select_related("samordnande_organisation")
        .prefetch_related("lpoer")
        .order_by("start", "pk")
    )


def egna_floden(user) -> dict[str, Kalenderflode | None]:
    """The user's own feed and the organisation's, where the user keeps them."""
    floden = list(access.hanterbara_floden(user).select_related("organisation"))
    return {
        "personligt": next((f for f in floden if f.ar_personligt), None),
        "myndighet": next((f for f in floden if not f.ar_personligt), None),
    }
