"""The notifications' retention rule (karna.gallring)."""

from __future__ import annotations

from datetime import datetime

from karna.gallring import Gallringsregel, radera_med_historik
from notiser.models import Notis


def gallra_notiser(fore: datetime) -> int:
    return radera_med_historik(Notis.objects.filter(skapad__lt=fore))


def regler() -> list[Gallringsregel]:
    return [Gallringsregel("notiser", "Notiser", gallra_notiser)]
