"""Swedish public holidays, computed (Lag (1989:253) om allmänna helgdagar).

Computed rather than taken from a package: the law's rules are short and fixed, Easter follows
the Gregorian computus, and the tests check the result against known years.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Helgdag:
    datum: date
    namn: str
    # Midsummer, Christmas and New Year's Eve are not public holidays in law, but days off.
    allman: bool = True


def pask(ar: int) -> date:
    """Easter Sunday of the Gregorian calendar (the anonymous computus)."""
    a = ar % 19
    b, c = divmod(ar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    manad, dag = divmod(h + ell - 7 * m + 114, 31)
    return date(ar, manad, dag + 1)


def _lordag_fran(dag: date) -> date:
    """The first Saturday on or after ``dag``."""
    return dag + timedelta(days=(5 - dag.weekday()) % 7)


@cache
def helgdagar(ar: int) -> tuple[Helgdag, ...]:
    """The public holidays of ``ar`` and the eves treated as days off, in date order."""
    paskdagen = pask(ar)
    midsommardagen = _lordag_fran(date(ar, 6, 20))
    dagar = [
        Helgdag(date(ar, 1, 1), _("Nyårsdagen")),
        Helgdag(date(ar, 1, 6), _("Trettondedag jul")),
        Helgdag(paskdagen - timedelta(days=2), _("Långfredagen")),
        Helgdag(paskdagen, _("Påskdagen")),
        Helgdag(paskdagen + timedelta(days=1), _("Annandag påsk")),
        Helgdag(date(ar, 5, 1), _("Första maj")),
        Helgdag(paskdagen + timedelta(days=39), _("Kristi himmelsfärdsdag")),
        Helgdag(paskdagen + timedelta(days=49), _("Pingstdagen")),
        Helgdag(date(ar, 6, 6), _("Sveriges nationaldag")),
        Helgdag(midsommardagen - timedelta(days=1), _("Midsommarafton"), allman=False),
        Helgdag(midsommardagen, _("Midsommardagen")),
        Helgdag(_lordag_fran(date(ar, 10, 31)), _("Alla helgons dag")),
        Helgdag(date(ar, 12, 24), _("Julafton"), allman=False),
        Helgdag(date(ar, 12, 25), _("Juldagen")),
        Helgdag(date(ar, 12, 26), _("Annandag jul")),
        Helgdag(date(ar, 12, 31), _("Nyårsafton"), allman=False),
    ]
    return tuple(sorted(dagar, key=lambda h: h.datum))


@cache
def _lediga_dagar(ar: int) -> frozenset[date]:
    return frozenset(h.datum for h in helgdagar(ar))


def ar_arbetsdag(dag: date) -> bool:
    """Monday to Friday and neither a public holiday nor an eve treated as a day off."""
    return dag.weekday() < 5 and dag not in _lediga_dagar(dag.year)
