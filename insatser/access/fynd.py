"""Who may read the findings recorded in an operation's controls."""

from __future__ import annotations

from django.db.models import Q

from insatser.access.insats import INSATS_POLICY, H
from insatser.models import Fynd
from karna.policy import Policy, Regel, Relation
from myndigheter.roles import DELTAGARROLLER, Roll


def _i_insats_med_detaljer(aktor) -> Q:
    return Q(kontroll__insats__in=INSATS_POLICY.filtrera(aktor, H.SE_DETALJER).values("pk"))


def _delad(aktor) -> Q:
    return Q(delad=True) & _i_insats_med_detaljer(aktor)


def _egen_organisations(aktor) -> Q:
    return Q(organisation_id=aktor.organisation_id) & _i_insats_med_detaljer(aktor)


def _egen_organisations_dar_anvandaren_registrerar(aktor) -> Q:
    return Q(organisation_id=aktor.organisation_id) & Q(
        kontroll__insats__in=INSATS_POLICY.filtrera(aktor, H.REGISTRERA).values("pk")
    )


# Findings: a shared finding is for everyone who sees the operation's details; an
# unshared one stays within the recording organisation, so a police-owned one within the police
# of that operation (its LPOs' coordinators and its named officers). A finding is the recording
# organisation's: those of it who may register in the operation may correct or remove it.
FYND_POLICY = Policy(
    Fynd,
    handlingar={H.SE: "läsa fyndet", H.RATTA: "rätta eller ta bort fyndet"},
    relationer=[
        Relation(
            "delat_i_insats_med_detaljer",
            "fyndet är delat och användaren ser insatsens detaljer",
            _delad,
        ),
        Relation(
            "egen_organisations",
            "användarens organisation registrerade fyndet och användaren ser insatsens detaljer",
            _egen_organisations,
        ),
        Relation(
            "egen_organisations_dar_anvandaren_registrerar",
            "användarens organisation registrerade fyndet och användaren får registrera i insatsen",
            _egen_organisations_dar_anvandaren_registrerar,
        ),
    ],
    regler=[
        Regel(roll, relation, [H.SE])
        for roll in DELTAGARROLLER
        for relation in ("delat_i_insats_med_detaljer", "egen_organisations")
    ]
    + [
        Regel(roll, "egen_organisations_dar_anvandaren_registrerar", [H.RATTA])
        for roll in (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.INSATSPOLIS)
    ],
)


def synliga_fynd(user):
    return FYND_POLICY.filtrera(user, H.SE)


def kan_ratta_fynd(user, fynd: Fynd) -> bool:
    return FYND_POLICY.tillater(user, H.RATTA, fynd)
