"""Who may see the results of evaluations. Every rule is written here once.

Improvement areas are part of the joint evaluation, visible to those who see the details of the
operation that raised them (domain.md 6.8: coordinators, participants and the police staffing it).
"""

from __future__ import annotations

from django.db.models import Q

from insatser.access import INSATS_POLICY
from insatser.access import Handling as InsatsHandling
from myndigheter.policy import Policy, Regel, Relation
from myndigheter.roles import Roll
from utvardering.models import Forbattringsomrade


class Handling:
    SE = "se"


def _fran_synlig_insats(aktor) -> Q:
    return Q(insats__in=INSATS_POLICY.filtrera(aktor, InsatsHandling.SE_DETALJER).values("pk"))


H = Handling
FORBATTRINGSOMRADE_POLICY = Policy(
    Forbattringsomrade,
    handlingar={H.SE: "se förbättringsområdet"},
    relationer=[
        Relation(
            "fran_synlig_insats",
            "området togs fram i en insats vars detaljer användaren ser",
            _fran_synlig_insats,
        )
    ],
    regler=[
        Regel(roll, "fran_synlig_insats", [H.SE])
        for roll in (
            Roll.SAMORDNARE,
            Roll.HANDLAGGARE,
            Roll.MYNDIGHETSKONTAKT,
            Roll.OPERATIV_SAMORDNARE,
            Roll.INSATSPOLIS,
        )
    ],
)

POLICYER = {"Förbättringsområde": FORBATTRINGSOMRADE_POLICY}


def synliga_forbattringsomraden(user):
    return FORBATTRINGSOMRADE_POLICY.filtrera(user, H.SE)
