"""Rebuild requests: every change to what a wheel shows asks for a debounced rebuild.

A request bumps the wheel year's counter in the changing transaction and orders the build
(``ARSHJUL_BESTALLT``; ``arshjul.tasks`` enqueues it after commit, with a countdown); a build
asked for an older number than the latest stops, so a burst of changes gives one build. The
fingerprint of the build's input tells a build with nothing new to do, which then stores nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.db.models import F, Func, IntegerField, OuterRef, Q, Value
from django.utils import timezone

from arshjul.effekter import ARSHJUL_BESTALLT
from arshjul.models import (
    Arshjul,
    Arshjulsar,
    Arshjulshandelse,
    Aterkommanderegel,
    Begransningsperiod,
    Rotationsplats,
    Samverkansorgan,
)
from arshjul.selectors import begransningar_for_ar
from arshjul.tillagg import INSATSKALLA, BokadInsats
from myndigheter.models import Lokalpolisomrade

# Raised when what the build makes from the same input changes, so every wheel is rebuilt.
BYGGVERSION = 1


def begar_ombyggnad(arshjul_id: int, ar: int) -> Arshjulsar:
    """Ask for a rebuild of one wheel's year once the current transaction commits."""
    rad, _ = Arshjulsar.objects.get_or_create(arshjul_id=arshjul_id, ar=ar)
    Arshjulsar.objects.filter(pk=rad.pk).update(begaran=F("begaran") + 1, begard=timezone.now())
    rad.refresh_from_db(fields=["begaran", "begard"])
    ARSHJUL_BESTALLT.utlos(arshjulsar_id=rad.pk, begaran=rad.begaran)
    return rad


def begar_insatsuppdatering(arshjul_id: int, ar: int, insats_id: int) -> Arshjulsar:
    """Ask for the wheel's year to take in one changed operation: at once, by updating only
    what the operation changes (``inkrementell``), and, should that not do, by the debounced
    rebuild the same request orders."""
    rad, _ = Arshjulsar.objects.get_or_create(arshjul_id=arshjul_id, ar=ar)
    Arshjulsar.objects.filter(pk=rad.pk).update(
        begaran=F("begaran") + 1,
        begard=timezone.now(),
        vantande_insatser=Func(
            F("vantande_insatser"),
            Value(insats_id),
            function="array_append",
            output_field=ArrayField(IntegerField()),
        ),
    )
    rad.refresh_from_db(fields=["begaran", "begard"])
    ARSHJUL_BESTALLT.utlos(arshjulsar_id=rad.pk, begaran=rad.begaran, inkrementell=True)
    return rad


def begar_ombyggnad_av_ar(arshjul: Arshjul, ar_lista) -> None:
    for ar in sorted(set(ar_lista)):
        begar_ombyggnad(arshjul.pk, ar)


def planerade_ar(arshjul: Arshjul) -> list[int]:
    """The years a change of rules affects: this year and every later year built before."""
    i_ar = timezone.localdate().year
    senare = Arshjulsar.objects.filter(arshjul=arshjul, ar__gt=i_ar).values_list("ar", flat=True)
    return [i_ar, *senare]


def _rader(queryset) -> list:
    return [list(rad) for rad in queryset]


def grundavtryck(rad: Arshjulsar) -> str:
    """A hash of everything a build of the wheel's year reads but its operations, and nothing
    it writes."""
    arshjul = Arshjul.objects.get(pk=rad.arshjul_id)
    regler = Aterkommanderegel.objects.filter(arshjul=arshjul).order_by("pk")
    handelser = Arshjulshandelse.objects.filter(
        arshjul=arshjul, ar=rad.ar, handredigerad=True
    ).order_by("pk")
    organ = Samverkansorgan.objects.filter(pk__in=regler.values("organ")) | (
        Samverkansorgan.objects.filter(pk__in=handelser.values("organ"))
    )
    innehall = {
        "byggversion": BYGGVERSION,
        "ar": rad.ar,
        "hjul": [arshjul.kod, arshjul.namn, arshjul.agare_id, arshjul.aktiv],
        # Names go into generated titles, regions decide which blackouts apply.
        "lpoer": _rader(
            Lokalpolisomrade.objects.filter(Q(arshjul=arshjul) | Q(pk__in=regler.values("lpo")))
            .distinct()
            .order_by("pk")
            .values_list("pk", "namn", "region_id")
        ),
        "regler": _rader(regler.values_list()),
        "organ": _rader(
            organ.annotate(
                enhet_ids=ArraySubquery(
                    Samverkansorgan.enheter.through.objects.filter(samverkansorgan=OuterRef("pk"))
                    .order_by("enhet_id")
                    .values("enhet_id")
                )
            )
            .order_by("pk")
            .values_list("pk", "namn", "enhet_ids")
        ),
        "rotation": _rader(
            Rotationsplats.objects.filter(organ__in=organ.values("pk"))
            .order_by("pk")
            .values_list(
                "organ_id", "slag", "ordning", "organisation_id", "organisation__namn", "funktion"
            )
        ),
        "handelser": _rader(
            handelser.annotate(
                enhet_ids=ArraySubquery(
                    Arshjulshandelse.deltagande_enheter.through.objects.filter(
                        arshjulshandelse=OuterRef("pk")
                    )
                    .order_by("enhet_id")
                    .values("enhet_id")
                ),
                person_ids=ArraySubquery(
                    Arshjulshandelse.deltagare.through.objects.filter(
                        arshjulshandelse=OuterRef("pk")
                    )
                    .order_by("user_id")
                    .values("user_id")
                ),
            ).values_list()
        ),
        "begransningar": _rader(
            begransningar_for_ar(Begransningsperiod.objects.filter(arshjul=arshjul), rad.ar)
            .filter(handredigerad=True)
            .order_by("pk")
            .values_list()
        ),
    }
    return _hash(innehall)


def _hash(innehall) -> str:
    text = json.dumps(innehall, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def insatsens_avtryck(bokad: BokadInsats) -> str:
    """A hash of one operation as the build reads it: its LPOs, window, units and named
    officers (not its status or title, which are not on the files)."""
    # Its fields as they are: dataclasses.astuple deep-copies each one, which costs seconds on
    # a year of many operations.
    return _hash([getattr(bokad, falt.name) for falt in dataclasses.fields(bokad)])


def summera(avtryck: int, lagg_till=(), dra_ifran=()) -> str:
    """The operations' part of the fingerprint: the sum of their hashes modulo 2**256, so one
    changed operation updates it without reading the others (the order does not matter)."""
    summa = avtryck + sum(int(a, 16) for a in lagg_till) - sum(int(a, 16) for a in dra_ifran)
    return f"{summa % 2**256:064x}"


def kombinera(grund: str, insatser: str) -> str:
    return hashlib.sha256(f"{BYGGVERSION}:{grund}:{insatser}".encode()).hexdigest()


def bokade_insatser(rad: Arshjulsar, insats_ids=None) -> list[BokadInsats]:
    """The operations of a wheel's year that will take place, as the build sees them (only
    ``insats_ids`` when given)."""
    lpo_ids = list(rad.arshjul.lpoer.values_list("pk", flat=True))
    return INSATSKALLA().bokade(rad.arshjul_id, lpo_ids, rad.ar, insats_ids)


def fingeravtryck(rad: Arshjulsar) -> str:
    """A hash of everything a build of the wheel's year reads, and nothing it writes."""
    return kombinera(
        grundavtryck(rad), summera(0, [insatsens_avtryck(b) for b in bokade_insatser(rad)])
    )
