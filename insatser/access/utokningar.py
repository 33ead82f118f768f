"""The rules of the lower apps' policies that run through operations, which only this app knows.

An object in the pool is visible to those who see the details of an operation that inspects it;
an agency's information block to those who may read what was released to an operation it was
released to; an operation window of the wheel to the agencies taking part in an operation planned
in it. ``insatser/apps.py`` adds them (``Policy.utoka``) when the app is ready, so every list
filter, object check and the generated ``docs/behorigheter.md`` include them.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from arshjul.access import HANDELSE_POLICY, aktiva_insatsfonster
from arshjul.access import Handling as ArshjulHandling
from insatser.access.frislappning import frislappt_till_uppgiften
from insatser.access.insats import INSATS_POLICY, Handling
from insatser.models import Deltagande, Kontroll
from karna.policy import Regel, Relation
from myndigheter.roles import DELTAGARROLLER, Roll
from objekt.access import OBJEKT_POLICY, OBJEKTUPPGIFT_POLICY, POOLROLLER
from objekt.access import Handling as ObjektHandling


def _i_synlig_insats(aktor) -> Q:
    insatser = INSATS_POLICY.filtrera(aktor.user, Handling.SE_DETALJER).values("pk")
    return Exists(Kontroll.objects.filter(objekt=OuterRef("pk"), insats__in=insatser))


def _frislappt(aktor) -> Q:
    return frislappt_till_uppgiften(aktor)


def _fonster_med_deltagande(aktor) -> Q:
    deltar = Deltagande.objects.filter(
        insats__insatsfonster=OuterRef("pk"), organisation_id=aktor.organisation_id
    )
    return aktiva_insatsfonster(aktor) & Exists(deltar)


def utoka_policyer() -> None:
    OBJEKT_POLICY.utoka(
        relationer=[
            Relation(
                "i_synlig_insats",
                "objektet kontrolleras i en insats vars detaljer användaren ser",
                _i_synlig_insats,
            )
        ],
        regler=[
            Regel(roll, "i_synlig_insats", [ObjektHandling.SE])
            for roll in (*POOLROLLER, Roll.OPERATIV_SAMORDNARE, Roll.INSATSPOLIS)
        ],
    )
    OBJEKTUPPGIFT_POLICY.utoka(
        relationer=[
            Relation(
                "frislappt",
                "uppgiften är frisläppt till en insats vars frisläppta uppgifter användaren "
                "får läsa, och användarens organisation hör till kretsen den frisläpptes till "
                "(alla deltagare, samordnande organisation, polisen eller namngivna)",
                _frislappt,
            )
        ],
        regler=[Regel(roll, "frislappt", [ObjektHandling.SE]) for roll in DELTAGARROLLER],
    )
    HANDELSE_POLICY.utoka(
        relationer=[
            Relation(
                "fonster_med_deltagande",
                "användarens organisation deltar i en insats som planerats i fönstret",
                _fonster_med_deltagande,
            )
        ],
        regler=[
            Regel(roll, "fonster_med_deltagande", [ArshjulHandling.SE, ArshjulHandling.SE_AGGREGAT])
            for roll in (Roll.API_KLIENT, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)
        ],
    )
