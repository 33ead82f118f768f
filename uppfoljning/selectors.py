"""What the follow-up reads: the counted operations of two years and what hangs on them, in a
fixed number of queries whatever the number of operations (``uppfoljning.siffror`` computes
every view from it in memory)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from insatser.models import (
    Bemanningsbegaran,
    Deltagande,
    Fynd,
    Insats,
    Insatshandelse,
    Installningsorsak,
    Kontroll,
    NekadFrislappning,
)
from myndigheter.models import Myndighet, Omradesbedomning, Stadsomrade, UtsattOmrade
from objekt.models import Objekt, Problemkategori
from uppfoljning import access
from uppfoljning.access import raknade_insatser
from uppfoljning.models import Arsrapportbygge
from uppfoljning.siffror import (
    GENOMFORDA,
    PLANERADE,
    Namn,
    S,
    Urval,
    berakna,
    nyckeltal,
    per_manad,
    skyddat,
    trender,
)
from utvardering.models import (
    Forbattringsomrade,
    Gemensamutvardering,
    Myndighetsutvardering,
    Resultattyp,
    Utfall,
)


@dataclass
class Kontrollrad:
    objekt_id: int
    genomford: bool
    stadsomrade_id: int | None
    utsatt_omrade_id: int | None
    kategorier: frozenset[int]


@dataclass
class Insatsrad:
    """One counted operation as the figures need it; never shown one by one."""

    pk: int
    datum: date
    status: str
    samverkansform_id: int | None
    installd_orsak_id: int | None
    planerad: date | None
    begard: date | None
    lpoer: set[int] = field(default_factory=set)
    kommuner: set[int] = field(default_factory=set)
    organisationer: set[int] = field(default_factory=set)
    kontroller: list[Kontrollrad] = field(default_factory=list)
    klasser: set[str] = field(default_factory=set)
    utvarderingar: list[dict] = field(default_factory=list)
    utvardering_avslutad: bool | None = None
    utfall: list[dict] = field(default_factory=list)
    forbattringar: list[str] = field(default_factory=list)
    nekade: int = 0
    hot: int = 0

    @property
    def kategorier(self) -> set[int]:
        return {k for kontroll in self.kontroller for k in kontroll.kategorier}


def insatsrader(user, ar: list[int]) -> dict[int, Insatsrad]:
    """The operations of the years ``ar`` the user's follow-up counts, with their LPOs,
    municipalities, organisations (coordinating and accepted), controls (non-reserve) with
    their objects' areas and categories, the vulnerable-area class of each object in force in
    the operation's year, evaluations, outcomes (whatever their visibility: every outcome counts
    in aggregates), improvement items, refused releases and threats."""
    insatser = raknade_insatser(user).filter(start__year__in=ar)
    pks = insatser.values("pk")
    tz = timezone.get_current_timezone()
    planerad = (
        Insatshandelse.objects.filter(insats=OuterRef("pk"), typ="planera")
        .order_by()
        .values("insats")
        .annotate(forsta=Min("tid"))
        .values("forsta")
    )
    begard = (
        Bemanningsbegaran.objects.filter(insats=OuterRef("pk"))
        .order_by()
        .values("insats")
        .annotate(forsta=Min("skapad"))
        .values("forsta")
    )
    rader = {
        r["pk"]: Insatsrad(
            pk=r["pk"],
            datum=r["dag"],
            status=r["status"],
            samverkansform_id=r["samverkansform_id"],
            installd_orsak_id=r["installd_orsak_id"],
            planerad=r["planerad"],
            begard=r["begard"],
            organisationer={r["samordnande_organisation_id"]},
        )
        for r in insatser.annotate(
            # The local days in SQL: converting each time in Python was most of the page's time.
            dag=TruncDate("start", tzinfo=tz),
            planerad=TruncDate(Subquery(planerad), tzinfo=tz),
            begard=TruncDate(Subquery(begard), tzinfo=tz),
        )
        .order_by()
        .values(
            "pk",
            "dag",
            "status",
            "samverkansform_id",
            "installd_orsak_id",
            "samordnande_organisation_id",
            "planerad",
            "begard",
        )
    }
    if not rader:
        return rader
    for i, lpo in Insats.lpoer.through.objects.filter(insats__in=pks).values_list(
        "insats_id", "lokalpolisomrade_id"
    ):
        rader[i].lpoer.add(lpo)
    for i, kommun in Insats.kommuner.through.objects.filter(insats__in=pks).values_list(
        "insats_id", "kommun_id"
    ):
        rader[i].kommuner.add(kommun)
    for i, org in Deltagande.objects.filter(
        insats__in=pks, svar=Deltagande.Svar.ACCEPTERAD
    ).values_list("insats_id", "organisation_id"):
        rader[i].organisationer.add(org)

    kontroller = list(
        Kontroll.objects.filter(insats__in=pks, reserv=False).values_list(
            "insats_id",
            "objekt_id",
            "status",
            "objekt__stadsomrade_id",
            "objekt__utsatt_omrade_id",
        )
    )
    kategorier = defaultdict(set)
    for objekt_id, kategori_id in Objekt.problemkategorier.through.objects.filter(
        objekt__kontroller__insats__in=pks
    ).values_list("objekt_id", "problemkategori_id"):
        kategorier[objekt_id].add(kategori_id)
    bedomningar = defaultdict(list)
    for omrade_id, bedomt_ar, klass in Omradesbedomning.objects.values_list(
        "omrade_id", "ar", "klass"
    ):
        bedomningar[omrade_id].append((bedomt_ar, klass))
    for i, objekt_id, status, stadsomrade_id, utsatt_id in kontroller:
        rad = rader[i]
        rad.kontroller.append(
            Kontrollrad(
                objekt_id,
                status == Kontroll.Status.GENOMFORD,
                stadsomrade_id,
                utsatt_id,
                frozenset(kategorier[objekt_id]),
            )
        )
        giltiga = [b for b in bedomningar.get(utsatt_id, []) if b[0] <= rad.datum.year]
        if giltiga:
            rad.klasser.add(max(giltiga)[1])

    for rad in Myndighetsutvardering.objects.filter(
        utvardering__insats__in=pks, status=Myndighetsutvardering.Status.INLAMNAD
    ).values(
        "utvardering__insats_id",
        "organisation__ar_polis",
        *Myndighetsutvardering.BETYGSFALT,
        "timmar_fore",
        "timmar_under",
        "timmar_efter",
        "polistimmar",
    ):
        rader[rad.pop("utvardering__insats_id")].utvarderingar.append(rad)
    for i, status in Gemensamutvardering.objects.filter(insats__in=pks).values_list(
        "insats_id", "status"
    ):
        rader[i].utvardering_avslutad = status == Gemensamutvardering.Status.AVSLUTAD
    for rad in Utfall.objects.filter(insats__in=pks).values(
        "insats_id", "typ_id", "belopp", "antal", "enhet"
    ):
        rader[rad.pop("insats_id")].utfall.append(rad)
    for i, status in Forbattringsomrade.objects.filter(insats__in=pks).values_list(
        "insats_id", "status"
    ):
        rader[i].forbattringar.append(status)
    for i in NekadFrislappning.objects.filter(insats__in=pks).values_list("insats_id", flat=True):
        rader[i].nekade += 1
    for i in Fynd.objects.filter(hot=True, kontroll__insats__in=pks).values_list(
        "kontroll__insats_id", flat=True
    ):
        rader[i].hot += 1
    return rader


def namn() -> Namn:
    """The names the follow-up's tables show (reference data, read once per request)."""
    return Namn(
        orsaker=dict(Installningsorsak.objects.values_list("pk", "namn")),
        kategorier=dict(Problemkategori.objects.values_list("pk", "namn")),
        typer={pk: (n, e) for pk, n, e in Resultattyp.objects.values_list("pk", "namn", "enhet")},
        stadsomraden=dict(Stadsomrade.objects.values_list("pk", "namn")),
        utsatta_omraden=dict(UtsattOmrade.objects.values_list("pk", "namn")),
        myndigheter=dict(Myndighet.objects.values_list("pk", "namn")),
    )


def startsidans_nyckeltal(user, ar: int) -> dict:
    """The start page's headline figures of year ``ar``, in two queries: operations planned,
    carried out and cancelled (as ``siffror`` defines them), and controls carried out."""
    insatser = raknade_insatser(user).filter(start__year=ar)
    antal = insatser.aggregate(
        planerade=Count("pk", filter=Q(status__in=PLANERADE)),
        genomforda=Count("pk", filter=Q(status__in=GENOMFORDA)),
        installda=Count("pk", filter=Q(status=S.INSTALLD)),
    )
    kontroller = Kontroll.objects.filter(
        insats__in=insatser.values("pk"), reserv=False, status=Kontroll.Status.GENOMFORD
    ).count()
    return {**antal, "kontroller": skyddat(kontroller)}


def siffror(user, urval: Urval) -> dict:
    """Every figure and table of one view as ``user`` (or an audience) counts them, with the
    previous year's for the trends."""
    rader = list(insatsrader(user, [urval.ar, urval.ar - 1]).values())
    alla_namn = namn()
    i_ar = berakna(rader, urval, alla_namn)
    i_fjol = berakna(rader, urval.aret_fore(), alla_namn)
    manader = per_manad(rader, urval)
    tabeller = {
        t.nyckel: t
        for t in (nyckeltal(i_ar), trender(i_ar, i_fjol), manader, *i_ar.tabeller.values())
    }
    return {"siffror": i_ar, "fjol": i_fjol, "tabeller": tabeller}


def arsrapportlage(user, ar: int) -> dict:
    """What the page shows of the year's report for the user's audience: its versions, newest
    first, and the state of its build."""
    malgrupp = access.malgrupp(user)
    return {
        "versioner": list(access.arsrapporter(user).filter(ar=ar).order_by("-version")),
        "bygge": Arsrapportbygge.objects.filter(ar=ar, malgrupp=malgrupp.nyckel()).first(),
        "malgrupp": malgrupp,
    }


def antal_lasta_insatser(user, ar: int) -> int:
    """How many operations a view of year ``ar`` reads (that year and the one before)."""
    return raknade_insatser(user).filter(start__year__in=[ar, ar - 1]).count()


# The packs of this many of the group's latest meetings are listed on the page.
LISTADE_PAKET = 10


def uppfoljningspaket(user) -> list:
    """The newest version of each follow-up pack written for the user's management group, the
    latest meetings first."""
    senaste = (
        access.uppfoljningspaket(user)
        .select_related("mote")
        .order_by("mote_id", "-version")
        .distinct("mote_id")
    )
    return sorted(senaste, key=lambda p: p.mote.start, reverse=True)[:LISTADE_PAKET]
