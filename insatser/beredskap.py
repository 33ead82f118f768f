"""Readiness of an operation (shown on the wheel): one criterion per thing that must be in place.

Each criterion is an annotation computed in the list query, so a page of operations costs no
extra query per operation. Another criterion plugs in with one ``Kriterium`` appended to
``KRITERIER``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, Expression, OuterRef, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from arshjul.tillagg import Bedomning
from insatser.models import Bemanningsbegaran, Informationsunderlag, Kontroll
from insatser.workflow import BESVARADE


@dataclass(frozen=True)
class Kriterium:
    kod: str
    namn: str | Promise
    uttryck: Callable[[], Expression]
    # True when the criterion tells something only those who see the operation's details may know.
    kraver_detaljer: bool = False

    @property
    def falt(self) -> str:
        return f"redo_{self.kod}"


def _objekt() -> Expression:
    return Exists(Kontroll.objects.filter(insats=OuterRef("pk")))


def _bemanning() -> Expression:
    return Exists(Bemanningsbegaran.objects.filter(insats=OuterRef("pk"), status__in=BESVARADE))


def _underlag() -> Expression:
    """Briefings built from the operation as it is now (a change makes them stale until rebuilt)."""
    return Exists(
        Informationsunderlag.objects.filter(
            insats=OuterRef("pk"), status=Informationsunderlag.Status.AKTUELL
        )
    )


KRITERIER: list[Kriterium] = [
    Kriterium("objekt", _("Objekt"), _objekt, kraver_detaljer=True),
    Kriterium("bemanning", _("Polisbemanning bekräftad"), _bemanning),
    Kriterium("underlag", _("Informationsunderlag aktuellt"), _underlag),
]


def annotera(insatser: QuerySet) -> QuerySet:
    return insatser.annotate(**{k.falt: k.uttryck() for k in KRITERIER})


def bedom(insats, visa_detaljer: bool) -> list[Bedomning]:
    """The criteria the user may see for an annotated operation, each met or not."""
    return [
        Bedomning(k.namn, bool(getattr(insats, k.falt)))
        for k in KRITERIER
        if visa_detaljer or not k.kraver_detaljer
    ]


def redo(bedomningar: Iterable[Bedomning]) -> bool:
    return all(b.uppfyllt for b in bedomningar)
