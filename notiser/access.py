"""Who may read notifications. Every rule is written here once.

A notification is for its recipient only, and only while the recipient may still see the
operation it is about: someone who has lost access to an operation loses its notifications too.
"""

from __future__ import annotations

from django.db.models import Q

from insatser.access import INSATS_POLICY
from insatser.access import Handling as InsatsHandling
from karna.policy import Policy, Regel, Relation
from myndigheter.roles import Roll
from notiser.models import Notis


class Handling:
    SE = "se"
    MARKERA_LAST = "markera_last"


def _till_anvandaren(aktor) -> Q:
    synliga = INSATS_POLICY.filtrera(aktor.user, InsatsHandling.SE).values("pk")
    return Q(mottagare_id=aktor.user.pk, insats__in=synliga)


H = Handling
NOTIS_POLICY = Policy(
    Notis,
    handlingar={H.SE: "läsa notisen", H.MARKERA_LAST: "markera notisen som läst"},
    relationer=[
        Relation(
            "till_anvandaren",
            "notisen är ställd till användaren och gäller en insats som användaren ser",
            _till_anvandaren,
        )
    ],
    # A REST service account reads the API, never pages or notifications.
    regler=[
        Regel(roll, "till_anvandaren", [H.SE, H.MARKERA_LAST])
        for roll in Roll
        if roll != Roll.API_KLIENT
    ],
)

POLICYER = {"Notis": NOTIS_POLICY}


def synliga_notiser(user):
    return NOTIS_POLICY.filtrera(user, H.SE)


def markerbara_notiser(user):
    return NOTIS_POLICY.filtrera(user, H.MARKERA_LAST)
