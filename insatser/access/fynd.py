"""Who may read the findings recorded in an operation's controls."""

from __future__ import annotations

from django.db.models import Q

from insatser.access.insats import (
    INSATS_POLICY,
    H,
    begaran_i_lpo,
    samordnande,
    tilldelad,
)
from insatser.models import Fynd, Insats
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


def _hot_i(aktor, insatser: Q) -> Q:
    """Threat findings in the operations ``insatser`` (a relation of the operation policy) whose
    details the user sees."""
    return (
        Q(hot=True)
        & Q(kontroll__insats__in=Insats.objects.filter(insatser).values("pk"))
        & _i_insats_med_detaljer(aktor)
    )


def _hot_i_samordnad_insats(aktor) -> Q:
    return _hot_i(aktor, samordnande(aktor))


def _hot_i_insats_med_egen_polis(aktor) -> Q:
    return _hot_i(aktor, begaran_i_lpo(aktor) | tilldelad(aktor))


# Findings: a shared finding is for everyone who sees the operation's details; an
# unshared one stays within the recording organisation, so a police-owned one within the police
# of that operation (its LPOs' coordinators and its named officers). A finding is the recording
# organisation's: those of it who may register in the operation may correct or remove it.
# A threat or unlawful influence against officials is read, shared or not, by the coordinating
# organisation and the operation's police (its LPOs' coordinators, its named officers): they
# answer for the safety of everyone in it.
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
        Relation(
            "hot_i_samordnad_insats",
            "fyndet gäller hot mot tjänsteman i en insats som användarens organisation samordnar "
            "och användaren ser insatsens detaljer",
            _hot_i_samordnad_insats,
        ),
        Relation(
            "hot_i_insats_med_egen_polis",
            "fyndet gäller hot mot tjänsteman i en insats där användaren är polis (bemanning i "
            "användarens LPO eller namngiven) och användaren ser insatsens detaljer",
            _hot_i_insats_med_egen_polis,
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
    ]
    + [
        Regel(roll, "hot_i_samordnad_insats", [H.SE])
        for roll in (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)
    ]
    + [
        Regel(roll, "hot_i_insats_med_egen_polis", [H.SE])
        for roll in (Roll.OPERATIV_SAMORDNARE, Roll.INSATSPOLIS)
    ],
)


def synliga_fynd(user):
    return FYND_POLICY.filtrera(user, H.SE)


def kan_ratta_fynd(user, fynd: Fynd) -> bool:
    return FYND_POLICY.tillater(user, H.RATTA, fynd)
