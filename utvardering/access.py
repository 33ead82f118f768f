"""Who may see and do what in evaluations. Every rule is written here once.

The joint evaluation of an operation is seen by those who see the operation's details and closed
by its coordinators. An agency's evaluation is read and filed by its own organisation (for the
police: the operational coordinators of its LPO); the coordinators of the operation read it once
it is submitted, never a draft. Improvement areas are part of the joint evaluation, visible to
those who see the details of the operation that raised them and to the organisation responsible
for them; the coordinators of that operation and the responsible organisation's coordinators
follow them up.
"""

from __future__ import annotations

from django.db.models import Q

from insatser.access import INSATS_POLICY
from insatser.access import Handling as InsatsHandling
from karna.policy import Policy, Regel, Relation
from myndigheter.roles import DELTAGARROLLER, Roll
from utvardering.models import Forbattringsomrade, Gemensamutvardering, Myndighetsutvardering


class Handling:
    SE = "se"
    ATGARDA = "atgarda"
    AVSLUTA = "avsluta"
    FYLLA_I = "fylla_i"


def _fran_synlig_insats(aktor) -> Q:
    return Q(insats__in=INSATS_POLICY.filtrera(aktor, InsatsHandling.SE_DETALJER).values("pk"))


def _samordnade_insatser(aktor):
    return INSATS_POLICY.filtrera(aktor.user, InsatsHandling.SAMORDNA).values("pk")


def _fran_samordnad_insats(aktor) -> Q:
    return Q(insats__in=_samordnade_insatser(aktor))


def _ansvarig_organisation(aktor) -> Q:
    return Q(ansvarig_organisation_id=aktor.organisation_id)


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
        Relation(
            "ansvarig_organisation",
            "användarens organisation är ansvarig för området",
            _ansvarig_organisation,
        ),
    ],
    regler=[
        *[Regel(roll, "fran_synlig_insats", [H.SE]) for roll in DELTAGARROLLER],
        Regel(Roll.SAMORDNARE, "fran_samordnad_insats", [H.ATGARDA]),
        *[
            Regel(roll, "ansvarig_organisation", [H.SE])
            for roll in (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)
        ],
        Regel(Roll.SAMORDNARE, "ansvarig_organisation", [H.ATGARDA]),
    ],
)


def _i_synlig_insats(aktor) -> Q:
    return Q(insats__in=INSATS_POLICY.filtrera(aktor, InsatsHandling.SE_DETALJER).values("pk"))


def _i_samordnad_insats(aktor) -> Q:
    return Q(insats__in=_samordnade_insatser(aktor))


GEMENSAM_UTVARDERING_POLICY = Policy(
    Gemensamutvardering,
    handlingar={
        H.SE: "se utvärderingens status, frist och vilka myndigheter som lämnat in",
        H.AVSLUTA: "avsluta den gemensamma utvärderingen med sammanfattning och styrkor",
    },
    relationer=[
        Relation(
            "i_synlig_insats",
            "utvärderingen gäller en insats vars detaljer användaren ser",
            _i_synlig_insats,
        ),
        Relation(
            "i_samordnad_insats",
            "utvärderingen gäller en insats som användaren samordnar",
            _i_samordnad_insats,
        ),
    ],
    regler=[
        *[Regel(roll, "i_synlig_insats", [H.SE]) for roll in DELTAGARROLLER],
        Regel(Roll.SAMORDNARE, "i_samordnad_insats", [H.AVSLUTA]),
    ],
)


def _egen_organisation(aktor) -> Q:
    return Q(organisation_id=aktor.organisation_id, lpo__isnull=True)


def _eget_lpo(aktor) -> Q:
    return Q(lpo__in=aktor.lpo_ids)


def _inlamnad_i_samordnad_insats(aktor) -> Q:
    return Q(
        status=Myndighetsutvardering.Status.INLAMNAD,
        utvardering__insats__in=_samordnade_insatser(aktor),
    )


MYNDIGHETSUTVARDERING_POLICY = Policy(
    Myndighetsutvardering,
    handlingar={
        H.SE: "läsa myndighetens utvärdering: betyg, timmar, hinder och fritext",
        H.FYLLA_I: "fylla i, lämna in och ändra myndighetens utvärdering",
    },
    relationer=[
        Relation(
            "egen_organisation",
            "utvärderingen är användarens organisations (utom polisens, som lämnas per LPO)",
            _egen_organisation,
        ),
        Relation("eget_lpo", "utvärderingen är polisens för ett av användarens LPO", _eget_lpo),
        Relation(
            "inlamnad_i_samordnad_insats",
            "utvärderingen är inlämnad och gäller en insats som användaren samordnar",
            _inlamnad_i_samordnad_insats,
        ),
    ],
    regler=[
        *[
            Regel(roll, "egen_organisation", [H.SE, H.FYLLA_I])
            for roll in (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)
        ],
        Regel(Roll.OPERATIV_SAMORDNARE, "eget_lpo", [H.SE, H.FYLLA_I]),
        Regel(Roll.SAMORDNARE, "inlamnad_i_samordnad_insats", [H.SE]),
    ],
)

POLICYER = {
    "Förbättringsområde": FORBATTRINGSOMRADE_POLICY,
    "Gemensam utvärdering": GEMENSAM_UTVARDERING_POLICY,
    "Myndighetsutvärdering": MYNDIGHETSUTVARDERING_POLICY,
}


def synliga_forbattringsomraden(user):
    return FORBATTRINGSOMRADE_POLICY.filtrera(user, H.SE)


def kan_atgarda(user, omrade: Forbattringsomrade) -> bool:
    return FORBATTRINGSOMRADE_POLICY.tillater(user, H.ATGARDA, omrade)


def synliga_utvarderingar(user):
    return GEMENSAM_UTVARDERING_POLICY.filtrera(user, H.SE)


def kan_avsluta(user, utvardering: Gemensamutvardering) -> bool:
    return GEMENSAM_UTVARDERING_POLICY.tillater(user, H.AVSLUTA, utvardering)


def lasbara_myndighetsutvarderingar(user):
    return MYNDIGHETSUTVARDERING_POLICY.filtrera(user, H.SE)


def ifyllbara_myndighetsutvarderingar(user):
    return MYNDIGHETSUTVARDERING_POLICY.filtrera(user, H.FYLLA_I)
