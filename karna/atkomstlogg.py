"""Writing the append-only access and disclosure log."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model

from karna.middleware import aktuellt_request_id
from karna.models import Atkomstlogg
from karna.policy import Aktor


def logga(user, handling: str, objekt: Iterable[Model], syfte: str) -> list[Atkomstlogg]:
    """One row per object: who, organisation, roles, what, which action, why, request."""
    aktor = Aktor.for_user(user)
    rader = [
        Atkomstlogg(
            anvandare_id=user.pk,
            anvandarnamn=user.get_username(),
            organisation=aktor.organisation_kod,
            roller=",".join(sorted(roll.value for roll in aktor.roller)),
            objekttyp=o._meta.label_lower,
            objekt_id=str(o.pk),
            handling=handling,
            syfte=syfte,
            request_id=aktuellt_request_id(),
        )
        for o in objekt
    ]
    return Atkomstlogg.objects.bulk_create(rader)
