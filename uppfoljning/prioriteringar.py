"""Follow-up per priority of the joint situation picture: the operations of the view planned and
carried out per priority problem area they are linked to (``Insats.prioriteringar``).

Counts of operations, not of objects or companies, so no count is protected (docs/uppfoljning.md).
An operation linked to several priorities counts once in each, so, as for problem categories,
there is no total across priorities.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from arshjul.models import Prioritering
from uppfoljning.siffror import GENOMFORDA, PLANERADE, Tabell


@dataclass(frozen=True)
class Prioriteringsnamn:
    pk: int
    namn: str
    period: str
    fran: date
    till: date


def prioriteringsnamn() -> list[Prioriteringsnamn]:
    """Every priority with its period, in the order the table lists them (one query)."""
    return [
        Prioriteringsnamn(*rad)
        for rad in Prioritering.objects.order_by("-period__fran", "ordning", "namn").values_list(
            "pk", "namn", "period__namn", "period__fran", "period__till"
        )
    ]


def per_prioritering(rader, ar: int, alla: list[Prioriteringsnamn]) -> Tabell:
    """The view's operations (``rader``, already filtered) planned and carried out per priority:
    every priority of a period that touches the year ``ar``, also those without an operation,
    which the follow-up should show."""
    planerade = {p.pk: set() for p in alla}
    genomforda = {p.pk: set() for p in alla}
    for r in rader:
        for prioritering in r.prioriteringar:
            if r.status in PLANERADE:
                planerade[prioritering].add(r.pk)
            if r.status in GENOMFORDA:
                genomforda[prioritering].add(r.pk)
    return Tabell(
        "prioriteringar",
        _("Per prioritering"),
        [_("Prioritering"), _("Period"), _("Planerade"), _("Genomförda")],
        [
            [p.namn, p.period, len(planerade[p.pk]), len(genomforda[p.pk])]
            for p in alla
            if p.fran.year <= ar <= p.till.year or planerade[p.pk]
        ],
        _(
            "Insatser kopplade till lägesbildens prioriterade problemområden. En insats räknas "
            "en gång per prioritering som den är kopplad till, och en insats kan ha flera "
            "prioriteringar; därför finns ingen summa över prioriteringarna."
        ),
    )
