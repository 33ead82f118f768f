"""The evaluation reports' retention rule (karna.gallring): replaced versions and their files."""

from __future__ import annotations

from datetime import datetime

from karna.gallring import Gallringsregel, radera_med_filer
from utvardering.models import Utvarderingsrapport


def gallra_rapporter(fore: datetime) -> int:
    return radera_med_filer(
        Utvarderingsrapport.objects.filter(
            status=Utvarderingsrapport.Status.OGILTIG, byggd__lt=fore
        )
    )


def regler() -> list[Gallringsregel]:
    return [
        Gallringsregel("utvarderingsrapporter", "Ersatta utvärderingsrapporter", gallra_rapporter)
    ]
