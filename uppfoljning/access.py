"""Who follows up what: the page of figures and the operations each role's figures count.

The figures are aggregates; no role reads a single operation, object or company through them.
Management (the management group, police management) sees nothing else of operations; the
coordinators and focal points see the same figures for the operations their organisation led or
took part in, and open those operations through the operations' own pages.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from insatser.access import INSATS_POLICY
from insatser.models import Deltagande, Insats, Kontroll
from karna.policy import Funktion, Policy, Regel, Relation
from myndigheter.roles import Roll
from uppfoljning.models import Omradesavgransning

UPPFOLJNINGSROLLER = (
    Roll.LEDNINGSGRUPP,
    Roll.POLISLEDNING,
    Roll.SAMORDNARE,
    Roll.MYNDIGHETSKONTAKT,
)

UPPFOLJNING = Funktion(
    "uppfoljning",
    "se uppföljningen: årets insatser i siffror, diagram och exporter, aldrig en enskild insats",
    UPPFOLJNINGSROLLER,
)


class Handling:
    RAKNA = "rakna"


def _avgransning(aktor):
    return Omradesavgransning.objects.filter(anvandare_id=getattr(aktor.user, "pk", None))


def _utan_omrade(aktor) -> Q:
    return Q(~Exists(_avgransning(aktor)))


def _i_omradet(aktor) -> Q:
    avgransning = _avgransning(aktor)
    return Exists(
        Kontroll.objects.filter(insats=OuterRef("pk")).filter(
            Q(objekt__stadsomrade__in=avgransning.values("stadsomrade"))
            | Q(objekt__utsatt_omrade__in=avgransning.values("utsatt_omrade"))
        )
    )


def _accepterat(aktor) -> Q:
    return Exists(
        Deltagande.objects.filter(
            insats=OuterRef("pk"),
            organisation_id=aktor.organisation_id,
            svar=Deltagande.Svar.ACCEPTERAD,
        )
    )


def _samordnande(aktor) -> Q:
    return INSATS_POLICY.relationer["samordnande_organisation"].villkor(aktor)


def _begaran_i_lpo(aktor) -> Q:
    return INSATS_POLICY.relationer["begaran_i_lpo"].villkor(aktor)


UPPFOLJNING_POLICY = Policy(
    Insats,
    handlingar={Handling.RAKNA: "räknas i uppföljningens siffror (aldrig visad en och en)"},
    relationer=[
        Relation(
            "utan_omrade",
            "varje insats, när användaren inte är avgränsad till ett område",
            _utan_omrade,
        ),
        Relation(
            "i_omradet",
            "insatsen kontrollerade ett objekt i det område användaren är avgränsad till",
            _i_omradet,
        ),
        Relation("samordnande_organisation", "användarens organisation samordnade", _samordnande),
        Relation(
            "accepterat_deltagande", "användarens organisation deltog (accepterade)", _accepterat
        ),
        Relation(
            "begaran_i_lpo",
            "en skickad bemanningsbegäran gällde ett av användarens LPO",
            _begaran_i_lpo,
        ),
    ],
    regler=[
        Regel(Roll.LEDNINGSGRUPP, "utan_omrade", [Handling.RAKNA]),
        Regel(Roll.LEDNINGSGRUPP, "i_omradet", [Handling.RAKNA]),
        Regel(Roll.POLISLEDNING, "begaran_i_lpo", [Handling.RAKNA]),
        Regel(Roll.SAMORDNARE, "samordnande_organisation", [Handling.RAKNA]),
        Regel(Roll.SAMORDNARE, "accepterat_deltagande", [Handling.RAKNA]),
        Regel(Roll.MYNDIGHETSKONTAKT, "samordnande_organisation", [Handling.RAKNA]),
        Regel(Roll.MYNDIGHETSKONTAKT, "accepterat_deltagande", [Handling.RAKNA]),
    ],
)


def raknade_insatser(user):
    """The operations the user's follow-up counts."""
    return UPPFOLJNING_POLICY.filtrera(user, Handling.RAKNA)


POLICYER = {"Insats i uppföljningen": UPPFOLJNING_POLICY}
