"""Taking changed operations into a wheel's year at once, without building it again.

A changed operation asks for its wheel years to be updated (``ombyggnad.begar_insatsuppdatering``:
its key joins ``Arshjulsar.vantande_insatser``), and the task runs ``uppdatera`` at once. The
last build kept the year's operations as it read them (``Arshjulsinsats``), the sum of their
hashes and, per resource, how many collisions it found. Only what the changed operations touch
is read again:

- the fingerprint: the rest of the input must be unchanged (``grundavtryck``); the operations'
  sum loses the old hash and gains the new one;
- the report: operations outside their window, and the collisions of the units and officers the
  operations hold (before or after), each resource counted anew; the first collisions listed are
  taken over from the last report where their resource did not change;
- the files: they show no operation, only each window's count. When no count the operations
  take a place in changed, the files stay as they are and the version takes the new report and
  fingerprint; otherwise a new version is made from the same data, its SVG and ICS rendered at
  once and the version made ready, and its PDF (the A3 sheet takes a second or more) follows on
  the pdf queue (``bygge.rendera``).

The result is what a build from nothing gives (``tests/arshjul/test_inkrementell.py``). Whatever
this cannot take in (no version yet, a version building, the rules or events changed, many
operations at once) is left to the debounced build the same request ordered.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation

from arshjul import granskning
from arshjul.models import Arshjulsar, Arshjulshandelse, Arshjulsinsats, Arshjulsversion
from arshjul.models.val import Handelsetyp
from arshjul.selectors import planerade_per_fonster
from arshjul.services.bygge import FORSTA_RENDERSTEG, STEG, las_aret
from arshjul.services.ombyggnad import bokade_insatser, grundavtryck, kombinera, summera
from arshjul.services.steg import (
    insatsbokning,
    insatsrad,
    motesbokningar,
    rendera_ics,
    rendera_svg,
)
from arshjul.workflow import FARDIGA, VERSION_WORKFLOW

# More changed operations than this at once are left to the build.
STORSTA_ANTAL = 50


def uppdatera(arshjulsar_id: int, begaran: int) -> int | None:
    """Take the changed operations of request ``begaran`` in; when a window's count changed,
    the new version, ready with its SVG and ICS, whose PDF is to be rendered; else None (taken
    in, or left to the build)."""
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        las_aret(arshjulsar_id)
        rad = (
            Arshjulsar.objects.select_for_update()
            .select_related("arshjul")
            .filter(pk=arshjulsar_id)
            .first()
        )
        if rad is None or rad.begaran != begaran or rad.hanterad_begaran >= begaran:
            return None
        andrade = set(rad.vantande_insatser)
        senaste = rad.versioner.order_by("-nummer").first()
        if (
            not andrade
            or len(andrade) > STORSTA_ANTAL
            or senaste is None
            or senaste.status not in FARDIGA
            or not senaste.insatsavtryck
            or "planerade" not in senaste.rapport
        ):
            return None
        grund = grundavtryck(rad)
        if grund != senaste.grundavtryck:
            return None
        return _ta_in(rad, senaste, grund, andrade)


def _ta_in(rad: Arshjulsar, senaste: Arshjulsversion, grund: str, andrade: set[int]) -> int | None:
    gamla = {
        r.insats_id: r for r in Arshjulsinsats.objects.filter(arshjulsar=rad, insats_id__in=andrade)
    }
    nya = {b.pk: insatsrad(rad, b) for b in bokade_insatser(rad, andrade)}
    andrade = {
        pk
        for pk in andrade
        if getattr(gamla.get(pk), "avtryck", None) != getattr(nya.get(pk), "avtryck", None)
    }
    gamla = {pk: r for pk, r in gamla.items() if pk in andrade}
    nya = {pk: r for pk, r in nya.items() if pk in andrade}
    insatsavtryck = summera(
        int(senaste.insatsavtryck, 16),
        [r.avtryck for r in nya.values()],
        [r.avtryck for r in gamla.values()],
    )
    rader = [*gamla.values(), *nya.values()]
    planerade = planerade_per_fonster(rad, _berorda_fonster(rad, rader)) if rader else {}
    rapport = {
        **senaste.rapport,
        "utanfor_fonster": _utanfor_fonster(rad, senaste.rapport, andrade, nya.values()),
        "kollisioner": _kollisioner(rad, senaste.rapport["kollisioner"], gamla, nya),
        "planerade": {
            **senaste.rapport["planerade"],
            **{str(pk): antal for pk, antal in planerade.items()},
        },
    }
    rad.vantande_insatser = []
    rad.hanterad_begaran = rad.begaran
    rad.save(update_fields=["vantande_insatser", "hanterad_begaran"])
    avtryck = kombinera(grund, insatsavtryck)
    if rapport["planerade"] == senaste.rapport["planerade"]:
        senaste.rapport, senaste.fingeravtryck = rapport, avtryck
        senaste.insatsavtryck = insatsavtryck
        senaste.save(update_fields=["rapport", "fingeravtryck", "insatsavtryck"])
        return None
    nummer = rad.versioner.aggregate(storst=Max("nummer"))["storst"] + 1
    version = Arshjulsversion.objects.create(
        arshjulsar=rad,
        status=VERSION_WORKFLOW.skapa("bygg"),
        nummer=nummer,
        begaran=rad.begaran,
        fingeravtryck=avtryck,
        grundavtryck=grund,
        insatsavtryck=insatsavtryck,
        rapport=rapport,
        steg=STEG[FORSTA_RENDERSTEG][0],
        framsteg=STEG[FORSTA_RENDERSTEG - 1][1],
        uppdaterad=timezone.now(),
    )
    rendera_svg(version)
    rendera_ics(version)
    version.save()
    return version.pk


def _berorda_fonster(rad: Arshjulsar, rader: list[Arshjulsinsats]) -> list[int]:
    """The windows of the year the operations take a place in, before or after: their own, or
    without one those of their LPOs whose days they start in (as the windows count them)."""
    villkor = Q()
    for r in rader:
        if r.fonster_id is not None:
            villkor |= Q(pk=r.fonster_id)
        else:
            villkor |= Q(lpo__in=r.lpo_ids, start__lte=r.start, slut__gt=r.start)
    return list(
        Arshjulshandelse.objects.filter(
            villkor, arshjul_id=rad.arshjul_id, ar=rad.ar, typ=Handelsetyp.INSATSFONSTER
        ).values_list("pk", flat=True)
    )


def _utanfor_fonster(rad: Arshjulsar, rapport: dict, andrade: set[int], nya) -> list[dict]:
    """The report's operations outside the window they are planned in, in key order."""
    utanfor = [r for r in rapport.get("utanfor_fonster", []) if r["insats_id"] not in andrade]
    fonster = Arshjulshandelse.objects.filter(
        arshjul_id=rad.arshjul_id, ar=rad.ar, pk__in=[r.fonster_id for r in nya if r.fonster_id]
    ).in_bulk()
    for r in nya:
        dess = fonster.get(r.fonster_id)
        if dess is not None and not (dess.start <= r.start and r.slut <= dess.slut):
            utanfor.append({"insats_id": r.insats_id, "handelse_id": r.fonster_id})
    return sorted(utanfor, key=lambda r: r["insats_id"])


def _nycklar(rad: Arshjulsinsats) -> list[tuple[str, int]]:
    return [("ENHET", e) for e in rad.enhet_ids] + [("PERSON", p) for p in rad.polis_ids]


def _kollisioner(
    rad: Arshjulsar,
    tidigare: dict,
    gamla: dict[int, Arshjulsinsats],
    nya: dict[int, Arshjulsinsats],
) -> dict:
    """Replace the kept rows of the changed operations one at a time, each resource's count of
    collisions losing those of the old row and gaining those of the new (the bookings it
    overlaps, counted by the database); then the list, in resource order, taken over from the
    last report wherever the changes lie after what it listed of a resource."""
    moten = motesbokningar(rad)
    falt = {"ENHET": "enhet_ids__contains", "PERSON": "polis_ids__contains"}

    def overlappande(typ: str, resurs: int, insats: Arshjulsinsats) -> int:
        antal = sum(
            1
            for m in moten
            if m.start < insats.slut
            and m.slut > insats.start
            and (typ, resurs) in granskning.resursnycklar(m)
        )
        return antal + (
            Arshjulsinsats.objects.filter(
                arshjulsar=rad,
                start__lt=insats.slut,
                slut__gt=insats.start,
                **{falt[typ]: [resurs]},
            )
            .exclude(insats_id=insats.insats_id)
            .count()
        )

    per_resurs = {
        granskning.resursnyckel(nyckel): antal
        for nyckel, antal in tidigare.get("per_resurs", {}).items()
    }
    for pk in sorted(set(gamla) | set(nya)):
        if pk in gamla:
            for nyckel in _nycklar(gamla[pk]):
                per_resurs[nyckel] = per_resurs.get(nyckel, 0) - overlappande(*nyckel, gamla[pk])
            Arshjulsinsats.objects.filter(arshjulsar=rad, insats_id=pk).delete()
        if pk in nya:
            nya[pk].save()
            for nyckel in _nycklar(nya[pk]):
                per_resurs[nyckel] = per_resurs.get(nyckel, 0) + overlappande(*nyckel, nya[pk])
    per_resurs = {nyckel: antal for nyckel, antal in per_resurs.items() if antal}

    def bokningar(typ: str, resurs: int) -> list[granskning.Bokad]:
        poster = [m for m in moten if (typ, resurs) in granskning.resursnycklar(m)]
        if typ in falt:
            poster += [
                insatsbokning(r.insats_id, r.start, r.slut, r.enhet_ids, r.polis_ids)
                for r in Arshjulsinsats.objects.filter(arshjulsar=rad, **{falt[typ]: [resurs]})
            ]
        return poster

    # A resource's collisions are listed in the order of the later booking's start: those
    # listed before an operation's (old or new) start do not depend on it.
    andrade_fran: dict[tuple[str, int], datetime] = {}
    for insats in [*gamla.values(), *nya.values()]:
        for nyckel in _nycklar(insats):
            andrade_fran[nyckel] = min(insats.start, andrade_fran.get(nyckel, insats.start))
    gamla_listor = defaultdict(list)
    for kollision in tidigare.get("lista", []):
        gamla_listor[(kollision["typ"], kollision["resurs"])].append(kollision)

    def tidigare_duger(nyckel, behov: int) -> bool:
        listade = gamla_listor[nyckel][:behov]
        return len(listade) == behov and (
            nyckel not in andrade_fran
            or datetime.fromisoformat(listade[-1]["start"]) < andrade_fran[nyckel]
        )

    lista: list[dict] = []
    for nyckel in sorted(per_resurs):
        behov = min(granskning.STORSTA_ANTAL_KOLLISIONER - len(lista), per_resurs[nyckel])
        if behov <= 0:
            break
        if tidigare_duger(nyckel, behov):
            lista += gamla_listor[nyckel][:behov]
        else:
            lista += islice(granskning.resursens_kollisioner(*nyckel, bokningar(*nyckel)), behov)
    return {
        "antal": sum(per_resurs.values()),
        "lista": lista,
        "per_resurs": {f"{typ}:{resurs}": antal for (typ, resurs), antal in per_resurs.items()},
    }
