"""Expanding recurrence rules into one year's events and blackout periods.

Pure functions on plain data: the build loads the rules, blackout periods and the events already
fixed (hand-edited), and writes back what these functions return. The same input always gives the
same output, so a build can be repeated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from arshjul.helgdagar import ar_arbetsdag
from arshjul.models.val import TIDSATTA_TYPER, Niva, Regeltyp

HELDAG_START = time(9, 0)
HELDAG_SLUT = time(16, 0)
# How far a meeting may move forward from its preferred day to find a free working day.
STORSTA_FLYTT_DAGAR = 21


@dataclass(frozen=True)
class Period:
    """A blackout period as plain data."""

    namn: str
    fran: date
    till: date
    niva: str
    kapacitet_procent: int | None = None
    lpo_id: int | None = None
    region_id: int | None = None

    def galler(self, lpo_id: int | None, region_id: int | None) -> bool:
        """Whether the period applies to an LPO (None: an event that is in no LPO)."""
        if self.lpo_id is None and self.region_id is None:
            return True
        if lpo_id is None:
            return False
        return self.lpo_id == lpo_id or (self.region_id is not None and self.region_id == region_id)

    def overlappar(self, fran: date, till: date) -> bool:
        return self.fran <= till and fran <= self.till


@dataclass(frozen=True)
class Bokning:
    """A slot already taken: by an event placed earlier, or fixed by hand."""

    start: datetime
    slut: datetime
    organ_id: int | None = None
    enheter: frozenset[int] = frozenset()
    lpo_id: int | None = None
    fonster: bool = False


@dataclass
class Onskad:
    """A row a rule should have for the year, keyed by rule, year and occurrence."""

    regel_id: int
    forekomst: int
    falt: dict
    beroende_av: tuple[int, int] | None = None


@dataclass
class Notis:
    """A placement note for the build report; the text is rendered where it is shown."""

    kod: str
    regel: str
    lpo: str = ""
    manad: int = 0
    fran: str = ""
    period: str = ""
    kapacitet: int | None = None
    planerad: int | None = None

    def som_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in ("", None, 0)}


@dataclass
class Kontext:
    """What placing one rule's occurrences must respect."""

    ar: int
    perioder: list[Period]
    bokningar: list[Bokning] = field(default_factory=list)
    organ_enheter: dict[int, frozenset[int]] = field(default_factory=dict)
    lpo_region: dict[int, int | None] = field(default_factory=dict)
    forekomster: dict[int, list[tuple[datetime, datetime]]] = field(default_factory=dict)


def lokal(dag: date, klockslag: time) -> datetime:
    return datetime.combine(dag, klockslag, tzinfo=timezone.get_default_timezone())


def forekommer(regel, ar: int) -> bool:
    """Whether a rule has occurrences in ``ar`` (every n years from the anchor year)."""
    if regel.regeltyp != Regeltyp.INTERVALL_AR:
        return True
    return (ar - regel.ankarar) % regel.intervall_ar == 0


def manader_for(antal: int, foredragna: Iterable[int]) -> list[int]:
    """``antal`` months: spread over the preferred ones, the rest spread over the year."""
    onskade = sorted(set(foredragna))
    if len(onskade) >= antal:
        return [onskade[int((i + 0.5) * len(onskade) / antal)] for i in range(antal)]
    ovriga = [m for m in range(1, 13) if m not in onskade]
    rest = antal - len(onskade)
    valda = [ovriga[int((i + 0.5) * len(ovriga) / rest)] for i in range(rest)]
    return sorted(set(onskade) | set(valda))


def forsta_veckodag(ar: int, manad: int, veckodag: int, fran_dag: int = 8) -> date:
    """The first ``veckodag`` (0 = Monday) on or after the ``fran_dag``:th of the month."""
    dag = date(ar, manad, fran_dag)
    return dag + timedelta(days=(veckodag - dag.weekday()) % 7)


def fast_period(regel, ar: int) -> tuple[date, date] | None:
    """The fixed period starting in ``ar`` (it may run into the next year); None if invalid."""
    try:
        fran = date(ar, regel.fran_manad, regel.fran_dag)
        till = date(ar, regel.till_manad, regel.till_dag)
    except (TypeError, ValueError):
        return None
    if till < fran:
        till = till.replace(year=ar + 1)
    return fran, till


def fasta_forekomster(regel, ar: int) -> list[tuple[int, date, date]]:
    """(occurrence, from, to) of a fixed period in ``ar``: 1 starts in it, 0 runs into it."""
    resultat = []
    for forekomst, startar in ((0, ar - 1), (1, ar)):
        period = fast_period(regel, startar)
        if period and period[0].year <= ar <= period[1].year:
            resultat.append((forekomst, *period))
    return resultat


def expandera_begransningar(regler: Iterable, ar: int) -> list[Onskad]:
    """The blackout periods the blackout rules give for ``ar``."""
    onskade = []
    for regel in regler:
        if not forekommer(regel, ar):
            continue
        for forekomst, fran, till in fasta_forekomster(regel, ar):
            onskade.append(
                Onskad(
                    regel.pk,
                    forekomst,
                    {
                        "namn": regel.namn,
                        "fran": fran,
                        "till": till,
                        "niva": regel.niva,
                        "kapacitet_procent": regel.kapacitet_procent,
                        "lpo_id": regel.lpo_id,
                        "polisregion_id": regel.polisregion_id,
                    },
                )
            )
    return onskade


def blockerande(kontext: Kontext, fran: date, till: date, lpo_id: int | None) -> list[Period]:
    region = kontext.lpo_region.get(lpo_id)
    return [
        p
        for p in kontext.perioder
        if p.niva == Niva.BLOCKERA and p.galler(lpo_id, region) and p.overlappar(fran, till)
    ]


def varnande(kontext: Kontext, fran: date, till: date, lpo_id: int | None) -> list[Period]:
    region = kontext.lpo_region.get(lpo_id)
    return [
        p
        for p in kontext.perioder
        if p.niva == Niva.VARNA and p.galler(lpo_id, region) and p.overlappar(fran, till)
    ]


def _krockar(kontext: Kontext, start: datetime, slut: datetime, organ_id, enheter) -> bool:
    for bokning in kontext.bokningar:
        if bokning.fonster or not (bokning.start < slut and start < bokning.slut):
            continue
        if organ_id is not None and bokning.organ_id == organ_id:
            return True
        if enheter & bokning.enheter:
            return True
    return False


def _tider(regel, dag: date, heldag: bool) -> tuple[datetime, datetime]:
    if regel.typ not in TIDSATTA_TYPER:
        return lokal(dag, time(0)), lokal(dag + timedelta(days=max(regel.langd_dagar, 1)), time(0))
    if heldag:
        return lokal(dag, HELDAG_START), lokal(dag, HELDAG_SLUT)
    start = lokal(dag, regel.starttid)
    return start, start + timedelta(minutes=regel.langd_minuter)


def _tidigast(regel, kontext: Kontext, index: int) -> date | None:
    """The first day an occurrence of a rule that comes after another rule may fall on."""
    if regel.beroende_av_id is None:
        return None
    fore = kontext.forekomster.get(regel.beroende_av_id) or []
    if not fore:
        return None
    _start, slut = fore[min(index, len(fore) - 1)]
    return timezone.localtime(slut).date() + timedelta(days=regel.min_dagar_efter)


def _ledig_dag(regel, kontext: Kontext, onskad: date, heldag: bool) -> date:
    """The preferred day, moved forward to a working day that is free for the body."""
    enheter = kontext.organ_enheter.get(regel.organ_id, frozenset())
    for steg in range(STORSTA_FLYTT_DAGAR + 1):
        dag = onskad + timedelta(days=steg)
        start, slut = _tider(regel, dag, heldag)
        if not ar_arbetsdag(dag) or blockerande(kontext, dag, dag, None):
            continue
        if not _krockar(kontext, start, slut, regel.organ_id, enheter):
            return dag
    return onskad


def _handelsefalt(regel, titel: str, start: datetime, slut: datetime, heldag: bool) -> dict:
    return {
        "typ": regel.typ,
        "titel": titel,
        "start": start,
        "slut": slut,
        "heldag": heldag,
        "organ_id": regel.organ_id,
        "lpo_id": None,
        "kapacitet": None,
        "planeringsnotis": "",
    }


def expandera_regel(regel, kontext: Kontext, titel: str) -> list[Onskad]:
    """A meeting, deadline or other event rule's occurrences in the year (not windows)."""
    if not forekommer(regel, kontext.ar):
        return []
    onskade = []
    if regel.regeltyp == Regeltyp.FAST_FONSTER:
        for forekomst, fran, till in fasta_forekomster(regel, kontext.ar):
            start, slut = lokal(fran, time(0)), lokal(till + timedelta(days=1), time(0))
            onskade.append(
                Onskad(regel.pk, forekomst, _handelsefalt(regel, titel, start, slut, False))
            )
    else:
        for index, manad in enumerate(manader_for(regel.antal, regel.foredragna_manader)):
            heldag = index < regel.heldag_antal and regel.typ in TIDSATTA_TYPER
            dag = forsta_veckodag(kontext.ar, manad, regel.veckodag)
            tidigast = _tidigast(regel, kontext, index)
            if tidigast is not None and dag < tidigast:
                dag = tidigast
            dag = _ledig_dag(regel, kontext, dag, heldag)
            start, slut = _tider(regel, dag, heldag)
            onskade.append(
                Onskad(regel.pk, index + 1, _handelsefalt(regel, titel, start, slut, heldag))
            )
    for onskad in onskade:
        falt = onskad.falt
        kontext.bokningar.append(
            Bokning(
                falt["start"],
                falt["slut"],
                regel.organ_id,
                kontext.organ_enheter.get(regel.organ_id, frozenset()),
            )
        )
        if regel.beroende_av_id is not None:
            onskad.beroende_av = (regel.beroende_av_id, onskad.forekomst)
    kontext.forekomster[regel.pk] = [(o.falt["start"], o.falt["slut"]) for o in onskade]
    return onskade


def ordna_regler(regler: list) -> list:
    """Rules in an order where each comes after the rule it depends on (stable otherwise)."""
    ordnade, klara = [], set()
    kvar = list(regler)
    finns = {r.pk for r in regler}
    while kvar:
        redo = [r for r in kvar if r.beroende_av_id in klara or r.beroende_av_id not in finns]
        # A cycle cannot be saved through the forms; should one come in anyway, take them in turn.
        for regel in redo or kvar[:1]:
            ordnade.append(regel)
            klara.add(regel.pk)
            kvar.remove(regel)
    return ordnade
