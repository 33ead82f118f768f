"""The calendar's periods: a month (as whole weeks for the grid), a week, or a month as a list."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

MANAD, VECKA, LISTA = "manad", "vecka", "lista"
VYER = (MANAD, VECKA, LISTA)


@dataclass(frozen=True)
class Period:
    vy: str
    datum: date
    forsta: date  # the first day shown
    sista: date  # the last day shown
    foregaende: date
    nasta: date

    @property
    def dagar(self) -> list[date]:
        return [self.forsta + timedelta(days=n) for n in range((self.sista - self.forsta).days + 1)]

    @property
    def veckor(self) -> list[list[date]]:
        dagar = self.dagar
        return [dagar[i : i + 7] for i in range(0, len(dagar), 7)]

    def tidsgranser(self) -> tuple[datetime, datetime]:
        """The period as aware times in the current time zone: [from, to)."""
        zon = timezone.get_current_timezone()
        return (
            datetime.combine(self.forsta, time.min, tzinfo=zon),
            datetime.combine(self.sista + timedelta(days=1), time.min, tzinfo=zon),
        )


def _manadsskifte(datum: date, steg: int) -> date:
    manad = datum.month - 1 + steg
    return date(datum.year + manad // 12, manad % 12 + 1, 1)


def period(vy: str, datum: date) -> Period:
    """The period of ``vy`` around ``datum``; weeks run Monday to Sunday (ISO weeks)."""
    if vy == VECKA:
        mandag = datum - timedelta(days=datum.weekday())
        return Period(
            vy,
            datum,
            mandag,
            mandag + timedelta(days=6),
            datum - timedelta(weeks=1),
            datum + timedelta(weeks=1),
        )
    forsta = datum.replace(day=1)
    sista = forsta.replace(day=calendar.monthrange(forsta.year, forsta.month)[1])
    if vy == MANAD:  # whole weeks, so the grid has seven columns on every row
        forsta -= timedelta(days=forsta.weekday())
        sista += timedelta(days=6 - sista.weekday())
    return Period(vy, datum, forsta, sista, _manadsskifte(datum, -1), _manadsskifte(datum, 1))
