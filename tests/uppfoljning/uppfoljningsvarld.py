"""A hand-counted year of operations for the follow-up (expected figures in the tests)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from insatser.models import Fynd, Insatshandelse, Installningsorsak
from insatser.workflow import BemanningStatus, InsatsStatus
from myndigheter.models import Omradesbedomning, Samverkansform, Stadsomrade, UtsattOmrade
from objekt.models import Problemkategori
from tests.fabriker import (
    BemanningsbegaranFabrik,
    DeltagandeFabrik,
    InsatsFabrik,
    KontrollFabrik,
    ObjektFabrik,
    lpo,
    org,
)
from utvardering.models import (
    Betyg,
    Forbattringsomrade,
    Gemensamutvardering,
    Myndighetsutvardering,
    Resultattyp,
    Utfall,
)

AR = timezone.localdate().year - 1


def dag(manad: int, dag_: int, ar: int = AR) -> datetime:
    return timezone.make_aware(datetime(ar, manad, dag_, 10))


def _utv(insats, kod, betyg, timmar=(0, 0, 0), polistimmar=None, lpo_=None):
    gemensam = Gemensamutvardering.objects.get_or_create(
        insats=insats, defaults={"frist": insats.start.date() + timedelta(days=30)}
    )[0]
    return Myndighetsutvardering.objects.create(
        utvardering=gemensam,
        organisation=org(kod),
        lpo=lpo_,
        status=Myndighetsutvardering.Status.INLAMNAD,
        inlamnad=timezone.now(),
        **dict.fromkeys(Myndighetsutvardering.BETYGSFALT, betyg),
        timmar_fore=Decimal(timmar[0]),
        timmar_under=Decimal(timmar[1]),
        timmar_efter=Decimal(timmar[2]),
        polistimmar=polistimmar,
    )


def bygg() -> dict:
    k1 = Problemkategori.objects.get(kod="osund-konkurrens")
    k2 = Problemkategori.objects.get(kod="arbetslivskriminalitet")
    s1 = Stadsomrade.objects.get(kod="centrum")
    s2 = Stadsomrade.objects.get(kod="nordost")
    u1 = UtsattOmrade.objects.create(kod="testomradet", namn="Testområdet")
    Omradesbedomning.objects.create(omrade=u1, ar=AR - 5, klass=Omradesbedomning.Klass.UO)
    Omradesbedomning.objects.create(omrade=u1, ar=AR, klass=Omradesbedomning.Klass.SUO)
    f1 = Samverkansform.objects.get(kod="akc")
    f2 = Samverkansform.objects.get(kod="gvi")

    o1 = ObjektFabrik(stadsomrade=s1, utsatt_omrade=u1)
    o2 = ObjektFabrik(stadsomrade=s1)
    o3 = ObjektFabrik(stadsomrade=s1)
    o4 = ObjektFabrik(stadsomrade=s2)
    o5 = ObjektFabrik(stadsomrade=s2, utsatt_omrade=u1)
    o1.problemkategorier.set([k1])
    o2.problemkategorier.set([k1, k2])
    o4.problemkategorier.set([k2])
    o5.problemkategorier.set([k1])

    G = InsatsStatus  # noqa: N806
    a = InsatsFabrik(start=dag(3, 10), status=G.GENOMFORD, samverkansform=f1, lpoer=[lpo("city")])
    a.kommuner.set([o1.kommun])
    DeltagandeFabrik(insats=a, organisation=org("skatteverket"), svar="ACCEPTERAD")
    begaran = BemanningsbegaranFabrik(insats=a, lpo=lpo("city"), status=BemanningStatus.BEKRAFTAD)
    type(begaran).objects.filter(pk=begaran.pk).update(skapad=a.start - timedelta(days=20))
    Insatshandelse.objects.create(insats=a, typ="planera", tid=a.start - timedelta(days=30))
    ka1 = KontrollFabrik(insats=a, objekt=o1, status="GENOMFORD")
    KontrollFabrik(insats=a, objekt=o2, status="GENOMFORD")
    KontrollFabrik(insats=a, objekt=o3)
    Fynd.objects.create(kontroll=ka1, organisation=org("skatteverket"), text="Hot", hot=True)
    _utv(a, "skatteverket", Betyg.P, (2, 3, 1))
    _utv(a, "polisen", Betyg.P, polistimmar=Decimal(10), lpo_=lpo("city"))
    Utfall.objects.create(
        insats=a,
        kontroll=ka1,
        organisation=org("skatteverket"),
        typ=Resultattyp.objects.get(kod="beslag"),
        belopp=Decimal(10000),
        beslutsdatum=dag(2, 1, AR + 1).date(),
        synlighet=Utfall.Synlighet.AGGREGAT,
    )
    Forbattringsomrade.objects.create(
        insats=a, text="Bättre", ansvarig_organisation=org("akc-vast")
    )

    b = InsatsFabrik(
        start=dag(5, 12), status=G.UTVARDERAD, samverkansform=f2, lpoer=[lpo("nordost")]
    )
    DeltagandeFabrik(insats=b, organisation=org("av"), svar="ACCEPTERAD")
    Insatshandelse.objects.create(insats=b, typ="planera", tid=b.start - timedelta(days=5))
    KontrollFabrik(insats=b, objekt=o1, status="GENOMFORD")
    KontrollFabrik(insats=b, objekt=o4, status="GENOMFORD")
    KontrollFabrik(insats=b, objekt=o5, status="GENOMFORD")
    _utv(b, "av", Betyg.S, (1, 1, 1))
    Gemensamutvardering.objects.filter(insats=b).update(
        status=Gemensamutvardering.Status.AVSLUTAD, avslutad=timezone.now()
    )
    Utfall.objects.create(
        insats=b,
        organisation=org("av"),
        typ=Resultattyp.objects.get(kod="dom"),
        antal=Decimal(2),
        enhet="st",
        beslutsdatum=dag(6, 1).date(),
    )
    Forbattringsomrade.objects.create(
        insats=b,
        text="Klart",
        ansvarig_organisation=org("akc-vast"),
        status=Forbattringsomrade.Status.ATGARDAD,
        atgardad=timezone.now(),
    )

    orsak = Installningsorsak.objects.get(kod="skjutning")
    c = InsatsFabrik(start=dag(6, 2), status=G.INSTALLD, installd_orsak=orsak, lpoer=[lpo("city")])
    d = InsatsFabrik(start=dag(10, 1), status=G.PLANERAD, samverkansform=f1)
    e = InsatsFabrik(start=dag(11, 1), status=G.FORESLAGEN)
    f = InsatsFabrik(start=dag(2, 1, AR - 1), status=G.GENOMFORD, samverkansform=f1)
    KontrollFabrik(insats=f, objekt=o5, status="GENOMFORD")
    return {
        "insatser": [a, b, c, d, e, f],
        "k1": k1,
        "k2": k2,
        "s1": s1,
        "s2": s2,
        "u1": u1,
        "f1": f1,
        "orsak": orsak,
    }
