"""Who may see and plan in a co-planned operation group (insatsgrupp)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from insatser.access.insats import INSATS_POLICY, H
from insatser.models import Insatsgrupp
from karna.policy import Policy, Regel, Relation
from myndigheter.roles import LEDNINGSROLLER, Roll


def _organisation_i_gruppen(aktor) -> Q:
    return Q(organisationer=aktor.organisation_id)


def _leder_gruppen(aktor) -> Q:
    return Q(agare_id=aktor.organisation_id)


def _ser_en_insats_i_gruppen(aktor) -> Q:
    return Exists(INSATS_POLICY.filtrera(aktor, H.SE).filter(insatsgrupp=OuterRef("pk")))


INSATSGRUPP_POLICY = Policy(
    Insatsgrupp,
    handlingar={
        H.SE: "se gruppen och de av dess insatser som användaren får se",
        H.ANSLUTA: "lägga till och ta bort sin organisations insatser i gruppen",
        H.HANTERA: "bjuda in fler samordnande organisationer",
    },
    relationer=[
        Relation(
            "organisation_i_gruppen",
            "användarens organisation samplanerar i gruppen",
            _organisation_i_gruppen,
        ),
        Relation("leder_gruppen", "användarens organisation leder samplaneringen", _leder_gruppen),
        Relation(
            "ser_en_insats_i_gruppen",
            "användaren ser minst en av gruppens insatser",
            _ser_en_insats_i_gruppen,
        ),
    ],
    regler=[
        Regel(Roll.SAMORDNARE, "organisation_i_gruppen", [H.SE, H.ANSLUTA]),
        Regel(Roll.SAMORDNARE, "leder_gruppen", [H.SE, H.HANTERA]),
        *[
            Regel(roll, "ser_en_insats_i_gruppen", [H.SE])
            for roll in Roll
            if roll not in {Roll.API_KLIENT, *LEDNINGSROLLER}
        ],
    ],
)


def synliga_insatsgrupper(user):
    return INSATSGRUPP_POLICY.filtrera(user, H.SE)


def kan_ansluta_till_grupp(user, grupp: Insatsgrupp) -> bool:
    return INSATSGRUPP_POLICY.tillater(user, H.ANSLUTA, grupp)


def kan_hantera_grupp(user, grupp: Insatsgrupp) -> bool:
    return INSATSGRUPP_POLICY.tillater(user, H.HANTERA, grupp)
