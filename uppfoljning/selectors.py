"""What the follow-up reads: the counted operations of two years and what hangs on them, in a
fixed number of queries whatever the number of operations (``uppfoljning.siffror`` computes
every view from it in memory)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, DateField, Min, OuterRef, Q
from django.db.models.functions import Cast, TruncDate
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
from uppfoljning.prioriteringar import (
    per_prioritering,
    prioriteringsnamn,
)
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


@dataclass(slots=True)
class Insatsrad:
    """One counted operation as the figures need it; never shown one by one."""

    pk: int
    datum: date
    status: str
    samverkansform_id: int | None
    installd_orsak_id: int | None
    planerad: date | None
    begard: date | None
    # Shared empty defaults: most operations have none of these, and a new empty collection per
    # row was a good part of reading twelve thousand of them; those with some get their own.
    lpoer: frozenset[int] | set[int] = frozenset()
    kommuner: frozenset[int] | set[int] = frozenset()
    organisationer: frozenset[int] | set[int] = frozenset()
    kontroller: tuple | list[Kontrollrad] = ()
    klasser: frozenset[str] | set[str] = frozenset()
    utvarderingar: tuple | list[dict] = ()
    utvardering_avslutad: bool | None = None
    utfall: tuple | list[dict] = ()
    forbattringar: tuple | list[str] = ()
    prioriteringar: frozenset[int] | set[int] = frozenset()
    nekade: int = 0
    hot: int = 0

    @property
    def kategorier(self) -> set[int]:
        return {k for kontroll in self.kontroller for k in kontroll.kategorier}


def _per_insats(rader, pks, falt: str = "insats_id", **aggregat):
    """One pass over a table that hangs on the operations: its rows aggregated per operation in
    SQL (``GROUP BY``), as (operation, aggregate, ...)."""
    return (
        rader.filter(**{f"{falt.removesuffix('_id')}__in": pks})
        .order_by()
        .values(falt)
        .annotate(**aggregat)
        .values_list(falt, *aggregat)
    )


def insatsrader(user, ar: list[int]) -> dict[int, Insatsrad]:
    """The operations of the years ``ar`` the user's follow-up counts, with their LPOs,
    municipalities, organisations (coordinating and accepted), controls (non-reserve) with
    their objects' areas and categories, the vulnerable-area class of each object in force in
    the operation's year, the priorities of the situation picture it carries out, evaluations,
    outcomes (whatever their visibility: every outcome counts in aggregates), improvement items,
    refused releases and threats. ``ar``: consecutive years."""
    tz = timezone.get_current_timezone()
    # The years as one range of times, so that the index on the start serves it.
    insatser = raknade_insatser(user).filter(
        start__gte=datetime(min(ar), 1, 1, tzinfo=tz),
        start__lt=datetime(max(ar) + 1, 1, 1, tzinfo=tz),
    )
    pks = insatser.values("pk")
    rader = {
        pk: Insatsrad(
            pk=pk,
            datum=dag,
            status=status,
            samverkansform_id=samverkansform_id,
            installd_orsak_id=orsak_id,
            planerad=None,
            begard=None,
            organisationer={samordnande_id},
        )
        # The local day in SQL: converting each time in Python was most of the page's time.
        for pk, dag, status, samverkansform_id, orsak_id, samordnande_id in insatser.annotate(
            # Cast: a plain date column, which Django reads without a converter per row.
            dag=Cast(TruncDate("start", tzinfo=tz), DateField())
        )
        .order_by()
        .values_list(
            "pk",
            "dag",
            "status",
            "samverkansform_id",
            "installd_orsak_id",
            "samordnande_organisation_id",
        )
    }
    if not rader:
        return rader

    # What hangs on the operations, aggregated per operation in SQL, one pass per table.
    for i, dag in _per_insats(
        Insatshandelse.objects.filter(typ="planera"),
        pks,
        forsta=TruncDate(Min("tid"), tzinfo=tz),
    ):
        rader[i].planerad = dag
    for i, dag in _per_insats(
        Bemanningsbegaran.objects, pks, forsta=TruncDate(Min("skapad"), tzinfo=tz)
    ):
        rader[i].begard = dag
    for i, lpoer in _per_insats(
        Insats.lpoer.through.objects, pks, lista=ArrayAgg("lokalpolisomrade_id")
    ):
        rader[i].lpoer = set(lpoer)
    for i, kommuner in _per_insats(
        Insats.kommuner.through.objects, pks, lista=ArrayAgg("kommun_id")
    ):
        rader[i].kommuner = set(kommuner)
    for i, prioriteringar in _per_insats(
        Insats.prioriteringar.through.objects, pks, lista=ArrayAgg("prioritering_id")
    ):
        rader[i].prioriteringar = set(prioriteringar)
    for i, organisationer in _per_insats(
        Deltagande.objects.filter(svar=Deltagande.Svar.ACCEPTERAD),
        pks,
        lista=ArrayAgg("organisation_id"),
    ):
        rader[i].organisationer.update(organisationer)
    for i, status in Gemensamutvardering.objects.filter(insats__in=pks).values_list(
        "insats_id", "status"
    ):
        rader[i].utvardering_avslutad = status == Gemensamutvardering.Status.AVSLUTAD
    for i, statusar in _per_insats(Forbattringsomrade.objects, pks, lista=ArrayAgg("status")):
        rader[i].forbattringar = statusar
    for i, antal in _per_insats(NekadFrislappning.objects, pks, antal=Count("pk")):
        rader[i].nekade = antal
    for i, antal in _per_insats(
        Fynd.objects.filter(hot=True), pks, "kontroll__insats_id", antal=Count("pk")
    ):
        rader[i].hot = antal

    kontroller = (
        Kontroll.objects.filter(insats__in=pks, reserv=False)
        .annotate(
            kategorier=ArraySubquery(
                Objekt.problemkategorier.through.objects.filter(objekt=OuterRef("objekt"))
                .order_by()
                .values("problemkategori_id")
            )
        )
        .values_list(
            "insats_id",
            "objekt_id",
            "status",
            "objekt__stadsomrade_id",
            "objekt__utsatt_omrade_id",
            "kategorier",
        )
    )
    bedomningar = defaultdict(list)
    for omrade_id, bedomt_ar, klass in Omradesbedomning.objects.values_list(
        "omrade_id", "ar", "klass"
    ):
        bedomningar[omrade_id].append((bedomt_ar, klass))
    per_insats = defaultdict(list)
    for i, objekt_id, status, stadsomrade_id, utsatt_id, kategorier in kontroller:
        rad = rader[i]
        per_insats[i].append(
            Kontrollrad(
                objekt_id,
                status == Kontroll.Status.GENOMFORD,
                stadsomrade_id,
                utsatt_id,
                frozenset(kategorier),
            )
        )
        giltiga = [b for b in bedomningar.get(utsatt_id, []) if b[0] <= rad.datum.year]
        if giltiga:
            rad.klasser = {*rad.klasser, max(giltiga)[1]}
    for i, lista in per_insats.items():
        rader[i].kontroller = lista

    per_insats = defaultdict(list)
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
        per_insats[rad.pop("utvardering__insats_id")].append(rad)
    for i, lista in per_insats.items():
        rader[i].utvarderingar = lista

    per_insats = defaultdict(list)
    for rad in Utfall.objects.filter(insats__in=pks).values(
        "insats_id", "typ_id", "belopp", "antal", "enhet"
    ):
        per_insats[rad.pop("insats_id")].append(rad)
    for i, lista in per_insats.items():
        rader[i].utfall = lista
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
    tabeller["prioriteringar"] = per_prioritering(
        [r for r in rader if urval.omfattar(r)], urval.ar, prioriteringsnamn()
    )
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
