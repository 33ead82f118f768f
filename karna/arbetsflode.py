"""Workflows as declared tables of named transitions.

Each status field of the project has one ``Workflow``: its statuses and the transitions between
them, each with a name, the statuses it leaves from, the status it leads to and a description for
the user. Verbs ask the table before they change a status (``overga``); demo data and test
factories walk the same table (``vag``), so no status is ever written outside a transition.
``docs/arbetsfloden.md`` is generated from the tables (``manage.py arbetsfloden``).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class OgiltigOvergang(Exception):  # noqa: N818 - a domain name, read as "invalid transition"
    """Raised when a transition is not allowed from the current status."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Overgang:
    """A named move to ``till`` from any status in ``fran``; an empty ``fran`` creates a row."""

    namn: str
    fran: frozenset[str]
    till: str
    beskrivning: str

    @property
    def skapar(self) -> bool:
        return not self.fran


class Workflow:
    """One status field's transition table. ``falt`` names the field the table moves."""

    alla: list[Workflow] = []

    def __init__(
        self,
        label,
        statuses: type[models.TextChoices],
        overgangar: list[Overgang],
        *,
        falt: str = "status",
    ):
        self.label = label
        self.statuses = statuses
        self.falt = falt
        self.overgangar = {o.namn: o for o in overgangar}
        for overgang in overgangar:
            okanda = (overgang.fran | {overgang.till}) - set(statuses.values)
            if okanda:
                raise ValueError(f"{overgang.namn}: unknown statuses {sorted(okanda)}")
        Workflow.alla.append(self)

    def tillatna(self, status: str) -> list[Overgang]:
        """Transitions allowed from ``status``, in declaration order."""
        return [o for o in self.overgangar.values() if status in o.fran]

    def kontrollera(self, status: str, namn: str) -> Overgang:
        """Return the transition or raise OgiltigOvergang with a message for the user."""
        overgang = self.overgangar[namn]
        if status not in overgang.fran:
            raise OgiltigOvergang(
                _("Det går inte att %(handling)s när %(vad)s har status %(status)s.")
                % {
                    "handling": overgang.beskrivning,
                    "vad": self.label,
                    "status": self.statuses(status).label.lower(),
                }
            )
        return overgang

    def overga(self, objekt, namn: str) -> Overgang:
        """Move ``objekt`` (not saved) along the transition ``namn``, or raise OgiltigOvergang."""
        overgang = self.kontrollera(getattr(objekt, self.falt), namn)
        setattr(objekt, self.falt, overgang.till)
        return overgang

    def overga_alla(self, rader, namn: str, **andra_falt) -> int:
        """Move every row of the queryset ``rader`` that the transition ``namn`` may leave from,
        in one UPDATE that also sets ``andra_falt``; the number of rows moved."""
        overgang = self.overgangar[namn]
        if overgang.skapar:
            raise ValueError(f"{namn} creates rows, it moves none")
        return rader.filter(**{f"{self.falt}__in": sorted(overgang.fran)}).update(
            **{self.falt: overgang.till}, **andra_falt
        )

    def vag(self, fran: str, till: str) -> list[str]:
        """The names of the fewest transitions that lead from ``fran`` to ``till``."""
        forega: dict[str, tuple[str, str] | None] = {fran: None}
        ko = deque([fran])
        while ko:
            status = ko.popleft()
            if status == till:
                steg = []
                while forega[status] is not None:
                    status, namn = forega[status]
                    steg.append(namn)
                return steg[::-1]
            for overgang in self.tillatna(status):
                if overgang.till not in forega:
                    forega[overgang.till] = (status, overgang.namn)
                    ko.append(overgang.till)
        raise ValueError(f"no path from {fran} to {till} in {self.label}")

    def skapa(self, namn: str) -> str:
        """The status a row created by the transition ``namn`` begins in."""
        overgang = self.overgangar[namn]
        if not overgang.skapar:
            raise ValueError(f"{namn} does not create a row")
        return overgang.till

    def vag_fran_start(self, till: str) -> list[str]:
        """The fewest transitions, the first of them creating the row, that lead to ``till``."""
        vagar = [
            [o.namn, *self.vag(o.till, till)]
            for o in self.overgangar.values()
            if o.skapar and self._nar(o.till, till)
        ]
        if not vagar:
            raise ValueError(f"no path to {till} in {self.label}")
        return min(vagar, key=len)

    def nadd(self, till: str) -> str:
        """The status ``till``, checked to be reachable from a new row through the table: for
        fixtures that create rows in bulk (benchmark data, test factories), which so never
        invent a status the verbs could not produce."""
        self.vag_fran_start(till)
        return till

    def _nar(self, fran: str, till: str) -> bool:
        try:
            self.vag(fran, till)
        except ValueError:
            return False
        return True
