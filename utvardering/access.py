"""Who may see the results of evaluations. Every rule is written here once.

Improvement areas are part of the joint evaluation, visible to those who see the details of the
operation that raised them (coordinators, participants and the police staffing it);
the coordinators of that operation record them and mark them resolved.
"""

from __future__ import annotations

from django.db.models import Q

from insatser.access import INSATS_POLICY
from insatser.access import Handling as InsatsHandling
from karna.policy import Policy, Regel, Relation
from myndigheter.roles import DELTAGARROLLER, Roll
from utvardering.models import Forbattringsomrade


class Handling:
    SE = "se"
    ATGARDA = "atgarda"


def _fran_synlig_insats(aktor) -> Q:
    return Q(insats__in=INSATS_POLICY.filtrera(aktor, InsatsHandling.SE_DETALJER).values("pk"))


def _fran_samordnad_insats(aktor) -> Q:
    return Q(insats__in=INSATS_POLICY.filtrera(aktor.user, InsatsHandling.SAMORDNA).values("pk"))


H = Handling
FORBATTRINGSOMRADE_POLICY = Policy(
    Forbattringsomrade,
    handlingar={H.SE: "se förbättringsområdet", H.ATGARDA: "markera området som åtgärdat"},
    relationer=[
        Relation(
            "fran_synlig_insats",
            "området togs fram i en insats vars detaljer användaren ser",
            _fran_synlig_insats,
        ),
        Relation(
            "fran_samordnad_insats",
            "området togs fram i en insats som användaren samordnar",
            _fran_samordnad_insats,
        ),
    ],
    regler=[
        *[Regel(roll, "fran_synlig_insats", [H.SE]) for roll in DELTAGARROLLER],
        Regel(Roll.SAMORDNARE, "fran_samordnad_insats", [H.ATGARDA]),
    ],
)

POLICYER = {"Förbättringsområde": FORBATTRINGSOMRADE_POLICY}


def synliga_forbattringsomraden(user):
    return FORBATTRINGSOMRADE_POLICY.filtrera(user, H.SE)


def kan_atgarda(user, omrade: Forbattringsomrade) -> bool:
    return FORBATTRINGSOMRADE_POLICY.tillater(user, H.ATGARDA, omrade)
