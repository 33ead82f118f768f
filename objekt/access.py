"""Who may see and do what with objects, relevance marks, agency information and imports.

Every rule is written here once. The pool (objects neither removed nor closed) is open to
coordinators, officers and focal points, so that each agency can judge which candidates are
relevant for it. Relevance marks are the coordinators' to see in full; an agency sees its own
marks and only the number of other agencies that found an object relevant. An information block
is visible to its owner organisation. An import is its organisation's own.

The rules that run through operations are the operations app's, which adds them to these
policies (``insatser/access/utokningar.py``): an object in an operation is visible to those who
see that operation's details, and an information block to those who may read what was released
to an operation it was released to.
"""

from __future__ import annotations

from django.db.models import Q

from karna.policy import Funktion, Policy, Regel, Relation
from myndigheter.roles import Roll
from objekt.models import (
    Myndighetsintresse,
    Objekt,
    Objektimport,
    Objektuppgift,
)

UTANFOR_POOLEN = [Objekt.Status.AVFORT, Objekt.Status.AVSLUTAT]
# The roles that keep, propose to and judge the pool.
POOLROLLER = (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)
MYNDIGHETSROLLER = (Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)


class Handling:
    SE = "se"
    FRISLAPPA = "frislappa"
    MARKERA_RELEVANS = "markera_relevans"
    ANDRA = "andra"
    HANTERA = "hantera"
    VALJA = "valja"
    RAKNA = "rakna"


def _i_poolen(aktor) -> Q:
    return ~Q(status__in=UTANFOR_POOLEN)


def _eget_forslag_i_poolen(aktor) -> Q:
    return Q(foreslaget_av_organisation_id=aktor.organisation_id) & _i_poolen(aktor)


H = Handling
OBJEKT_POLICY = Policy(
    Objekt,
    handlingar={
        H.SE: "se objektet (namn, organisationsnummer, adress, status och historik)",
        H.MARKERA_RELEVANS: "markera om objektet är relevant för den egna organisationen",
        H.ANDRA: "ändra objektets uppgifter",
        H.HANTERA: "ändra objektets status och reservmarkering",
        H.VALJA: "välja objektet till en insats",
    },
    relationer=[
        Relation("i_poolen", "objektet finns i poolen (inte avfört eller avslutat)", _i_poolen),
        Relation(
            "eget_forslag_i_poolen",
            "objektet finns i poolen och föreslogs av användarens organisation",
            _eget_forslag_i_poolen,
        ),
    ],
    regler=[
        Regel(
            Roll.SAMORDNARE,
            "i_poolen",
            [H.SE, H.MARKERA_RELEVANS, H.ANDRA, H.HANTERA, H.VALJA],
        ),
        *[Regel(roll, "i_poolen", [H.SE, H.MARKERA_RELEVANS]) for roll in MYNDIGHETSROLLER],
        *[Regel(roll, "eget_forslag_i_poolen", [H.ANDRA]) for roll in MYNDIGHETSROLLER],
    ],
)


def _egen_organisation(aktor) -> Q:
    return Q(organisation_id=aktor.organisation_id)


def _synligt_objekt(aktor) -> Q:
    return Q(objekt__in=OBJEKT_POLICY.filtrera(aktor.user, H.SE).values("pk"))


MYNDIGHETSINTRESSE_POLICY = Policy(
    Myndighetsintresse,
    handlingar={
        H.SE: "se markeringen: vilken organisation, relevans, motivering och lagstöd",
        H.RAKNA: "räkna markeringen i antalet organisationer som funnit objektet relevant",
    },
    relationer=[
        Relation(
            "egen_organisation", "markeringen är användarens organisations", _egen_organisation
        ),
        Relation(
            "synligt_objekt", "markeringen gäller ett objekt som användaren ser", _synligt_objekt
        ),
    ],
    regler=[
        Regel(Roll.SAMORDNARE, "synligt_objekt", [H.SE, H.RAKNA]),
        *[Regel(roll, "egen_organisation", [H.SE]) for roll in MYNDIGHETSROLLER],
        *[Regel(roll, "synligt_objekt", [H.RAKNA]) for roll in MYNDIGHETSROLLER],
    ],
)

OBJEKTIMPORT_POLICY = Policy(
    Objektimport,
    handlingar={H.SE: "se importen, dess förlopp och radrapport"},
    relationer=[
        Relation(
            "egen_organisation",
            "importen gjordes i användarens organisation",
            _egen_organisation,
        )
    ],
    regler=[Regel(roll, "egen_organisation", [H.SE]) for roll in POOLROLLER],
)


def _agare(aktor) -> Q:
    return Q(organisation_id=aktor.organisation_id)


H = Handling
OBJEKTUPPGIFT_POLICY = Policy(
    Objektuppgift,
    handlingar={
        H.SE: "läsa uppgiften",
        H.FRISLAPPA: "frisläppa uppgiften till en insats eller återkalla frisläppningen",
    },
    relationer=[
        Relation("agare", "användarens organisation äger uppgiften", _agare),
    ],
    regler=[
        Regel(Roll.HANDLAGGARE, "agare", [H.SE, H.FRISLAPPA]),
        Regel(Roll.MYNDIGHETSKONTAKT, "agare", [H.SE, H.FRISLAPPA]),
        Regel(Roll.SAMORDNARE, "agare", [H.SE]),
    ],
)

POLICYER = {
    "Objekt": OBJEKT_POLICY,
    "Myndighetsintresse": MYNDIGHETSINTRESSE_POLICY,
    "Objektuppgift": OBJEKTUPPGIFT_POLICY,
    "Objektimport": OBJEKTIMPORT_POLICY,
}


POOLEN = Funktion("objektpoolen", "föreslå objekt till poolen och importera objekt", POOLROLLER)


def ar_poolanvandare(user) -> bool:
    """May propose and import objects: a pool role in an active organisation."""
    return POOLEN.tillater(user)


def ser_objekt(user) -> bool:
    """Has a role that may see some object at all (the list is refused to the others)."""
    return OBJEKT_POLICY.kan_nagon_gang(user, H.SE)


def ser_relevans(user) -> bool:
    """Has a role that sees relevance marks (or their count) at all; the others get no column."""
    return MYNDIGHETSINTRESSE_POLICY.kan_nagon_gang(user, H.RAKNA)


def ser_alla_organisationers_relevans(user) -> bool:
    """Sees every agency's marks on the objects it sees, not only its own organisation's."""
    return MYNDIGHETSINTRESSE_POLICY.kan_nagon_gang(user, H.SE, via="synligt_objekt")


def synliga_objekt(user):
    return OBJEKT_POLICY.filtrera(user, H.SE)


def kan(user, handling: str, objekt: Objekt) -> bool:
    return OBJEKT_POLICY.tillater(user, handling, objekt)


def synliga_objektuppgifter(user):
    return OBJEKTUPPGIFT_POLICY.filtrera(user, H.SE)


def kan_frislappa(user, uppgift: Objektuppgift) -> bool:
    return OBJEKTUPPGIFT_POLICY.tillater(user, H.FRISLAPPA, uppgift)
