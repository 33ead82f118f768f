"""Placing operation windows: each in the best free week of its month.

Pure functions like ``generering``: the same rules, blackouts and taken slots always give the
same windows and the same notes for the build report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from arshjul.generering import (
    Bokning,
    Kontext,
    Notis,
    Onskad,
    Period,
    blockerande,
    fasta_forekomster,
    forekommer,
    lokal,
    manader_for,
    varnande,
)
from arshjul.models.val import Handelsetyp, Regeltyp

# The preferred week of the month for an operation window: second, third, first, fourth, fifth.
VECKOORDNING = (1, 2, 0, 3, 4)


def _mandagar(ar: int, manad: int, forskjutning: int = 0) -> list[date]:
    """The Mondays of a month in order of preference, the preference turned by ``forskjutning``."""
    forsta = date(ar, manad, 1)
    mandag = forsta + timedelta(days=(-forsta.weekday()) % 7)
    dagar = []
    while mandag.month == manad:
        dagar.append(mandag)
        mandag += timedelta(weeks=1)
    steg = forskjutning % len(VECKOORDNING)
    ordning = VECKOORDNING[steg:] + VECKOORDNING[:steg]
    return [dagar[i] for i in ordning if i < len(dagar)]


def _fonster_under(kontext: Kontext, fran: date, till: date) -> list[Bokning]:
    start, slut = lokal(fran, time(0)), lokal(till + timedelta(days=1), time(0))
    return [b for b in kontext.bokningar if b.fonster and b.start < slut and start < b.slut]


def _reducerad(kapacitet: int, varningar: list[Period]) -> int:
    procent = [p.kapacitet_procent for p in varningar if p.kapacitet_procent is not None]
    return kapacitet * min(procent) // 100 if procent else kapacitet


@dataclass
class Kandidat:
    fran: date
    till: date
    hinder: str = ""
    varningar: list[Period] = field(default_factory=list)
    # Another LPO's window the same week: allowed, but the wheel's owner runs one at a time.
    annat_fonster: bool = False


def _prova(regel, kontext: Kontext, fran: date) -> Kandidat:
    till = fran + timedelta(days=max(regel.langd_dagar, 1) - 1)
    kandidat = Kandidat(fran, till)
    blockerad = blockerande(kontext, fran, till, regel.lpo_id)
    if blockerad:
        kandidat.hinder = blockerad[0].namn
    elif any(b.lpo_id == regel.lpo_id for b in _fonster_under(kontext, fran, till)):
        kandidat.hinder = "fonster"
    else:
        kandidat.annat_fonster = bool(_fonster_under(kontext, fran, till))
        kandidat.varningar = varnande(kontext, fran, till, regel.lpo_id)
        if kandidat.varningar and _reducerad(regel.kapacitet or 0, kandidat.varningar) == 0:
            kandidat.hinder = kandidat.varningar[0].namn
    return kandidat


def _valj(kandidater: list[Kandidat]) -> Kandidat | None:
    """The first free week: without a warning if possible, then alone if possible."""
    fria = [k for k in kandidater if not k.hinder]
    return min(fria, key=lambda k: (bool(k.varningar), k.annat_fonster), default=None)


def placera_fonster(
    regel, kontext: Kontext, titel: str, lpo_namn: str, forskjutning: int = 0
) -> tuple[list[Onskad], list[Notis]]:
    """A window rule's windows for the year, placed around blackouts and other windows.

    Each occurrence tries the weeks of its month in order of preference; a week in a blocking
    period or overlapping another window of the same LPO is skipped; a week in a warning period
    is taken only when no other week is free, with its capacity reduced as the period says.
    """
    if not forekommer(regel, kontext.ar):
        return [], []
    onskade, notiser = [], []
    if regel.regeltyp == Regeltyp.FAST_FONSTER:
        forsok = [
            (forekomst, 0, [_prova(regel, kontext, fran)])
            for forekomst, fran, _till in fasta_forekomster(regel, kontext.ar)
            if fran.year == kontext.ar
        ]
    else:
        forsok = [
            (
                index + 1,
                manad,
                [_prova(regel, kontext, m) for m in _mandagar(kontext.ar, manad, forskjutning)],
            )
            for index, manad in enumerate(manader_for(regel.antal, regel.foredragna_manader))
        ]
    for forekomst, manad, kandidater in forsok:
        vald = _valj(kandidater)
        forsta = kandidater[0] if kandidater else None
        if vald is None:
            notiser.append(
                Notis(
                    "EJ_PLACERAT",
                    regel.namn,
                    lpo_namn,
                    manad,
                    period=", ".join(
                        sorted({k.hinder for k in kandidater if k.hinder != "fonster"})
                    ),
                )
            )
            continue
        kapacitet = _reducerad(regel.kapacitet or 0, vald.varningar)
        notis = ""
        if vald.varningar:
            period = vald.varningar[0].namn
            notiser.append(
                Notis(
                    "VARNING",
                    regel.namn,
                    lpo_namn,
                    manad,
                    vald.fran.isoformat(),
                    period,
                    kapacitet,
                    regel.kapacitet,
                )
            )
            notis = period
        if forsta is not None and vald is not forsta and (forsta.hinder or forsta.varningar):
            orsak = forsta.varningar[0].namn if forsta.varningar else forsta.hinder
            notiser.append(
                Notis(
                    "FLYTTAT",
                    regel.namn,
                    lpo_namn,
                    manad,
                    vald.fran.isoformat(),
                    "" if orsak == "fonster" else orsak,
                )
            )
        start = lokal(vald.fran, time(0))
        slut = lokal(vald.till + timedelta(days=1), time(0))
        kontext.bokningar.append(Bokning(start, slut, lpo_id=regel.lpo_id, fonster=True))
        onskade.append(
            Onskad(
                regel.pk,
                forekomst,
                {
                    "typ": Handelsetyp.INSATSFONSTER,
                    "titel": titel,
                    "start": start,
                    "slut": slut,
                    "heldag": False,
                    "organ_id": regel.organ_id,
                    "lpo_id": regel.lpo_id,
                    "kapacitet": kapacitet,
                    "planeringsnotis": notis,
                },
            )
        )
    return onskade, notiser
