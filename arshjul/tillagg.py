"""The wheel's extension points: the operations it shows and builds around, which the operations
app provides, and the sections the apps above add to a meeting's page.

The wheel sits below the operations: an operation is planned in one of its windows
(``Insats.insatsfonster``), so the wheel does not import them. The operations app registers an
``Insatskalla`` in its ``apps.py``; the wheel asks it, and the access rules of the operations
decide what each reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from django.db.models import Expression
from django.utils.translation import gettext as _

from karna.tillagg import Leverantor, Plats


@dataclass(frozen=True)
class Bedomning:
    """One readiness criterion of an operation (``namn``), met or not."""

    namn: str
    uppfyllt: bool


@dataclass
class Insatsrad:
    """One real operation in a month's list, with what the user may see of it."""

    pk: int
    referens: str
    titel: str
    datum: date
    tid: str
    status: str
    bedomningar: list[Bedomning]
    redo: bool
    # The window it was planned in, and whether a lead time passed with its step not taken.
    fonster_id: int | None = None
    sen: bool = False

    @property
    def framforhallning(self) -> str:
        return _("sen") if self.sen else _("i tid")

    @property
    def namn(self) -> str:
        """Reference, title and lead-time status: how an output for one reader names it."""
        return f"{self.referens} {self.titel} ({self.framforhallning})"


@dataclass(frozen=True)
class InsatsPaHjul:
    """An operation a reader sees on the wheel: its row, its LPOs and the wheel of its window."""

    rad: Insatsrad
    lpo_ids: frozenset[int]
    fonster_hjul: int | None


@dataclass(frozen=True)
class BokadInsats:
    """An operation as the build sees it: its time, window, and the units and people it takes."""

    pk: int
    start: datetime
    slut: datetime
    fonster_id: int | None
    lpo_ids: tuple[int, ...]
    enhet_ids: tuple[int, ...]
    polis_ids: tuple[int, ...]


@dataclass(frozen=True)
class Resursbehov:
    """What the operations in a window need of one organisation: the people it planned to send
    (``Deltagande.planerat_antal``) summed per operation day, and in how many operations."""

    organisation_id: int
    organisation: str
    per_dag: dict[date, int]
    insatser: int

    @property
    def personer(self) -> int:
        """People on the busiest operation day."""
        return max(self.per_dag.values(), default=0)

    @property
    def persondagar(self) -> int:
        """Person-days over the window: each operation counts as one day."""
        return sum(self.per_dag.values())


@dataclass(frozen=True)
class Polisbehov:
    """The police staffing requested of one LPO for the operations in a window (sent or
    answered requests), and how many officers it confirmed."""

    lpo_id: int
    lpo: str
    begart: int
    bekraftat: int


@dataclass(frozen=True)
class Fonsterbehov:
    organisationer: list[Resursbehov]
    polis: list[Polisbehov]


class Insatskalla(Protocol):
    def bokade(
        self, arshjul_id: int, lpo_ids: list[int], ar: int, insats_ids=None
    ) -> list[BokadInsats]:
        """The operations of ``ar`` that will take place in the LPOs or the wheel's windows
        (only those of ``insats_ids`` when given), by key."""

    def fonster_med_insatser(self, fonster_ids) -> set[int]:
        """Those of the windows ``fonster_ids`` that any operation was ever planned in."""

    def planerade_i_fonster(self, utom: int | None = None) -> Expression:
        """An annotation on windows: how many operations that will take place are planned in
        the window (``OuterRef("pk")``), or lie in its LPO and days without a window; the
        operation ``utom`` not counted."""

    def behov_i_fonster(self, fonster) -> Fonsterbehov:
        """What the operations that will take place in the window (planned in it, or in its LPO
        and days without a window, as ``planerade_i_fonster`` counts them) need: per
        organisation, by name, and the police staffing per LPO; in a constant number of
        queries. Totals only: no operation is named."""

    def for_lasare(self, user, hjul_ids: list[int], lpo_ids: set[int], ar: int) -> list:
        """``InsatsPaHjul`` for each operation of ``ar`` in the LPOs or in a window of the wheels
        that the user may see, by start, in a constant number of queries."""

    def synliga(self, user, ids) -> dict[int, object]:
        """Those of the operations ``ids`` the user may see, by primary key."""

    def med_polisdetaljer(self, user, ids) -> set[int]:
        """Those of the operations ``ids`` whose named police officers the user may see."""

    def kan_planera(self, user) -> bool:
        """Whether the user may plan an operation (in a window of the wheel)."""

    def personkrockar(self, user, handelse) -> list[tuple[str, str]]:
        """The meeting's invited persons booked elsewhere at its time: (person, what), naming
        the other operation or meeting only where the user may see it."""

    def lediga_tider(self, handelse) -> list[datetime]:
        """Starts, at the meeting's time of day and for as long, when all its invited persons
        are free; none in the past."""


INSATSKALLA = Leverantor(
    "arshjul.tillagg", "de insatser årshjulet visar och byggs kring (insatser fyller den)"
)

# Sections the apps above add to a meeting's page (the follow-up packs of a management group's
# meeting): each contribution takes the user and the meeting and returns a
# ``karna.tillagg.Avsnitt`` or None, deciding through its own policy what the user sees.
MOTESSIDANS_AVSNITT = Plats(
    "arshjul.motessidans_avsnitt", "avsnitt på ett mötes sida (user, möte -> Avsnitt)"
)
