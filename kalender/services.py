"""The business verbs of the calendar feeds: make, rotate and revoke a secret address.

A verb returns a new secret only once; only its hash is kept (``karna.kalender``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kalender import access
from kalender.models import Kalenderflode
from karna.hemligheter import ny_token
from karna.policy import Aktor
from karna.verb import verb

# How stale the last-fetched time may be: a feed fetched again within this is not written.
HAMTNINGSUPPLOSNING = timedelta(minutes=15)


@verb()
def skapa_kalenderflode(user, *, myndighet: bool = False) -> str:
    """The user's own feed, or with ``myndighet`` the organisation's, with a new secret; one that
    exists gets the new secret, so its old address stops working. Returns the secret."""
    if myndighet:
        if not access.MYNDIGHETENS_FLODE.tillater(user):
            raise PermissionDenied(_("Du får inte skapa din organisations kalenderflöde."))
        agare = {"organisation_id": Aktor.for_user(user).organisation_id}
    else:
        if not access.PERSONLIGT_FLODE.tillater(user):
            raise PermissionDenied(_("Din roll följer inte enskilda insatser i en kalender."))
        agare = {"anvandare": user}
    token, hashat = ny_token()
    nu = timezone.now()
    Kalenderflode.objects.update_or_create(
        **agare,
        defaults={"token_hash": hashat, "roterad": nu, "senast_hamtad": None, "etag": ""},
        create_defaults={"token_hash": hashat, "skapad": nu, "roterad": nu, "skapad_av": user},
    )
    return token


def _las(user, flode: Kalenderflode) -> Kalenderflode:
    """The feed locked for the verb, if the user keeps it; else the same 404 as a missing one."""
    rad = access.hanterbara_floden(user).select_for_update().filter(pk=flode.pk).first()
    if rad is None:
        raise Kalenderflode.DoesNotExist
    return rad


@verb()
def rotera_kalenderflode(user, flode: Kalenderflode) -> str:
    """A new secret for the feed: the old address stops working at once. Returns the secret."""
    rad = _las(user, flode)
    token, rad.token_hash = ny_token()
    rad.roterad = timezone.now()
    rad.senast_hamtad, rad.etag = None, ""
    rad.save(update_fields=["token_hash", "roterad", "senast_hamtad", "etag"])
    return token


@verb()
def aterkalla_kalenderflode(user, flode: Kalenderflode) -> None:
    """Remove the feed: its address answers 404 from now on."""
    _las(user, flode).delete()


def notera_hamtning(flode: Kalenderflode, etag: str) -> datetime:
    """Record a fetch of content tagged ``etag``, in one UPDATE; returns when the content last
    changed. The last-fetched time is written only when the one on record is older than
    ``HAMTNINGSUPPLOSNING``, so frequent fetches write nothing."""
    nu = timezone.now()
    rader = Kalenderflode.objects.filter(pk=flode.pk)
    if etag != flode.etag or flode.innehall_andrat is None:
        rader.update(etag=etag, innehall_andrat=nu, senast_hamtad=nu)
        return nu
    rader.filter(
        Q(senast_hamtad__isnull=True) | Q(senast_hamtad__lt=nu - HAMTNINGSUPPLOSNING)
    ).update(senast_hamtad=nu)
    return flode.innehall_andrat
