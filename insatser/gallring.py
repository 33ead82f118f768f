"""The operations' retention rules (karna.gallring): what an operation that ended holds about
people, findings and released information, and the generated briefings, once kept their period."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from insatser.models import (
    Frislappning,
    Fynd,
    Informationsunderlag,
    Insats,
    NekadFrislappning,
    Polisbefal,
    Polisbemanning,
    Utsandperson,
)
from insatser.workflow import AVSLUTADE, InsatsStatus
from karna.gallring import Gallringsregel, radera_med_filer, radera_med_historik

# Nothing more happens in an operation carried out (and evaluated) or ended without being so.
STANGDA = AVSLUTADE | {InsatsStatus.GENOMFORD, InsatsStatus.UTVARDERAD}


def _stangda_fore(fore: datetime):
    return Insats.objects.filter(status__in=STANGDA, slut__lt=fore)


def gallra_fynd(fore: datetime) -> int:
    return radera_med_historik(Fynd.objects.filter(kontroll__insats__in=_stangda_fore(fore)))


def gallra_frislappningar(fore: datetime) -> int:
    insatser = _stangda_fore(fore)
    return radera_med_historik(
        Frislappning.objects.filter(insats__in=insatser)
    ) + radera_med_historik(NekadFrislappning.objects.filter(insats__in=insatser))


def gallra_personuppgifter(fore: datetime) -> int:
    insatser = _stangda_fore(fore)
    return radera_med_historik(
        Utsandperson.objects.filter(deltagande__insats__in=insatser)
    ) + radera_med_historik(Polisbefal.objects.filter(insats__in=insatser))


def gallra_polisbemanning(fore: datetime) -> int:
    """The officers named to the staffing of operations that ended before ``fore``; the
    requests keep their numbers (asked, confirmed), which name no one."""
    return radera_med_historik(
        Polisbemanning.objects.filter(begaran__insats__in=_stangda_fore(fore))
    )


def gallra_underlag(fore: datetime) -> int:
    """Replaced briefings built before ``fore`` and every briefing of an operation that ended
    before it; the files are removed once the rows are gone for good (after commit)."""
    underlag = Informationsunderlag.objects.filter(
        Q(status=Informationsunderlag.Status.OGILTIG, byggd__lt=fore)
        | Q(insats__in=_stangda_fore(fore))
    )
    return radera_med_filer(underlag)


def regler() -> list[Gallringsregel]:
    return [
        Gallringsregel("fynd", "Fynd i avslutade insatser", gallra_fynd),
        Gallringsregel(
            "frislappningar",
            "Frisläppta och nekade uppgifter i avslutade insatser",
            gallra_frislappningar,
        ),
        Gallringsregel("genererade_filer", "Genererade informationsunderlag", gallra_underlag),
        Gallringsregel(
            "personuppgifter",
            "Namngivna personer och polisbefäl i avslutade insatser",
            gallra_personuppgifter,
        ),
        Gallringsregel(
            "polisbemanning",
            "Namngivna poliser i bemanningen av avslutade insatser",
            gallra_polisbemanning,
        ),
    ]
