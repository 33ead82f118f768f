"""Who may see and release agency-owned object information. Every rule is written here once.

An information block is visible to its owner organisation, and to others only through an active
release (Frislappning) to an operation they may see.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from insatser.access import INSATS_POLICY
from insatser.access import Handling as InsatsHandling
from myndigheter.policy import Policy, Regel, Relation
from myndigheter.roles import Roll
from objekt.models import Frislappning, Objektuppgift


class Handling:
    SE = "se"
    FRISLAPPA = "frislappa"


def _agare(aktor) -> Q:
    return Q(organisation_id=aktor.organisation_id)


def _frislappt(aktor) -> Q:
    synliga = INSATS_POLICY.filtrera(aktor, InsatsHandling.SE).values("pk")
    return Exists(
        Frislappning.objects.filter(
            objektuppgift=OuterRef("pk"), aterkallad__isnull=True, insats__in=synliga
        )
    )


H = Handling
OBJEKTUPPGIFT_POLICY = Policy(
    Objektuppgift,
    handlingar={
        H.SE: "läsa uppgiften",
        H.FRISLAPPA: "frisläppa uppgiften till en insats eller återkalla frisläppningen",
    },
    relationer=[
        Relation("agare", "användarens organisation äger uppgiften", _agare),
        Relation(
            "frislappt",
            "uppgiften är frisläppt till en insats som användaren ser",
            _frislappt,
        ),
    ],
    regler=[
        Regel(Roll.HANDLAGGARE, "agare", [H.SE, H.FRISLAPPA]),
        Regel(Roll.MYNDIGHETSKONTAKT, "agare", [H.SE, H.FRISLAPPA]),
        Regel(Roll.SAMORDNARE, "agare", [H.SE]),
        *[
            Regel(roll, "frislappt", [H.SE])
            for roll in (
                Roll.SAMORDNARE,
                Roll.HANDLAGGARE,
                Roll.MYNDIGHETSKONTAKT,
                Roll.OPERATIV_SAMORDNARE,
                Roll.INSATSPOLIS,
            )
        ],
    ],
)

POLICYER = {"Objektuppgift": OBJEKTUPPGIFT_POLICY}


def synliga_objektuppgifter(user):
    return OBJEKTUPPGIFT_POLICY.filtrera(user, H.SE)


def kan_frislappa(user, uppgift: Objektuppgift) -> bool:
    return OBJEKTUPPGIFT_POLICY.tillater(user, H.FRISLAPPA, uppgift)
