"""Create forms that are safe to send twice: a one-time key in the form (``engangsfalt``).

The first post with a key inserts the key's row and does its work in the same transaction. A
second post with the same key (a double click, a browser resending, twenty requests at once)
waits on the row's unique index until the first is done: if the first committed, the second is
sent to what the first created; if it failed, nothing of it remains and the second tries anew.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karna.lasning import Konflikt
from karna.models import Engangsnyckel

LIVSLANGD = timedelta(days=1)


@dataclass
class Engang:
    """The key's row, and where an earlier post with the same key led (``tidigare``)."""

    rad: Engangsnyckel | None
    tidigare: str = ""

    def spara(self, adress: str) -> None:
        if self.rad is not None:
            self.rad.adress = adress
            self.rad.save(update_fields=["adress"])


@contextlib.contextmanager
def en_gang(user, nyckel) -> Iterator[Engang]:
    """Run the body once per ``nyckel`` (no key: always), in a transaction; the body records
    where it led with ``spara``. A repeat finds ``tidigare`` set and must not do the work."""
    if nyckel is None:
        with transaction.atomic():
            yield Engang(None)
        return
    with transaction.atomic():
        try:
            with transaction.atomic():
                rad = Engangsnyckel.objects.create(nyckel=nyckel, anvandare=user)
        except IntegrityError:
            tidigare = Engangsnyckel.objects.filter(nyckel=nyckel, anvandare=user).first()
            if tidigare is None or not tidigare.adress:
                raise Konflikt(_("Formuläret är redan skickat. Ladda om sidan.")) from None
            yield Engang(tidigare, tidigare.adress)
            return
        yield Engang(rad)


def rensa(nu=None) -> int:
    """Remove the keys older than a day; a form open longer than that is sent anew."""
    grans = (nu or timezone.now()) - LIVSLANGD
    antal, _per_typ = Engangsnyckel.objects.filter(skapad__lt=grans).delete()
    return antal
