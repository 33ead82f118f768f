"""Retention (gallring): each kind of data is removed when it has been kept its period.

Each app registers the rules for its own data at the extension point ``GALLRINGSREGLER`` (from
its ``apps.py``): a rule has a name, the data it removes, and a function that removes what is
older than a given time. The periods are settings (``settings.GALLRING``, days per rule name; a
rule without a period is not run). Beat runs ``karna.tasks.gallra`` daily; each rule runs in its
own transaction and leaves a row in ``Gallringslogg`` with how many rows it removed, never what
they held. A tracked row's history copies (django-pghistory's event rows) go with it.

The access log refuses deletes unless the session says it is the retention job and the row is
older than the limit it gives (``karna.models.Atkomstlogg``); only ``kor`` says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from karna.models import Atkomstlogg, Gallringslogg
from karna.tillagg import Plats

logger = logging.getLogger(__name__)

GALLRINGSREGLER = Plats(
    "karna.gallringsregler",
    "gallringsregler för en apps data (() -> lista av Gallringsregel)",
)


@dataclass(frozen=True)
class Gallringsregel:
    namn: str
    beskrivning: str
    # Removes what is older than the given time; returns how many rows it removed.
    gallra: Callable[[datetime], int]


def regler() -> list[Gallringsregel]:
    return [regel for bidrag in GALLRINGSREGLER.samla() for regel in bidrag]


def historikmodeller(modell: type[Model]) -> list[type[Model]]:
    """The event models django-pghistory keeps the history copies of ``modell`` in."""
    return [m for m in apps.get_models() if getattr(m, "pgh_tracked_model", None) is modell]


def radera_med_historik(qs: QuerySet) -> int:
    """Delete the rows of ``qs`` and then their history copies (deleting adds a copy of each
    row as it was deleted: that goes too). Returns how many rows of ``qs`` were deleted."""
    modell = qs.model
    nycklar = list(qs.values_list("pk", flat=True))
    if not nycklar:
        return 0
    _totalt, per_modell = modell.objects.filter(pk__in=nycklar).delete()
    for historik in historikmodeller(modell):
        historik.objects.filter(pgh_obj_id__in=nycklar).delete()
    return per_modell.get(modell._meta.label, 0)


def radera_med_filer(qs: QuerySet, falt: str = "fil") -> int:
    """``radera_med_historik`` for rows with a generated file in ``falt``: the files are removed
    once the rows are gone for good (after commit)."""
    filer = [(f.storage, f.name) for f in (getattr(rad, falt) for rad in qs.only("pk", falt)) if f]
    antal = radera_med_historik(qs)
    transaction.on_commit(lambda: [lagring.delete(namn) for lagring, namn in filer])
    return antal


def gallra_atkomstloggen(fore: datetime) -> int:
    """The access log's rows older than ``fore``: the database trigger lets this delete through
    only in this transaction and only for rows older than ``fore``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('saminsats.gallra_fore', %s, true)", [fore.isoformat()])
    antal, _per_typ = Atkomstlogg.objects.filter(tid__lt=fore).delete()
    return antal


def karnans_regler() -> list[Gallringsregel]:
    return [
        Gallringsregel("atkomstlogg", "Åtkomst- och utlämnandeloggens poster", gallra_atkomstloggen)
    ]


GALLRINGSREGLER.registrera(karnans_regler, ordning=10)


def kor(nu: datetime | None = None) -> dict[str, int]:
    """Run every rule that has a period; returns rows removed per rule name."""
    nu = nu or timezone.now()
    resultat = {}
    for regel in regler():
        dagar = settings.GALLRING.get(regel.namn)
        if dagar is None:
            logger.warning("Retention rule %s has no period in GALLRING; not run", regel.namn)
            continue
        fore = nu - timedelta(days=dagar)
        with transaction.atomic():
            antal = regel.gallra(fore)
            Gallringslogg.objects.create(tid=nu, regel=regel.namn, fore=fore, antal=antal)
        logger.info("Retention rule %s removed %d rows older than %s", regel.namn, antal, fore)
        resultat[regel.namn] = antal
    return resultat
