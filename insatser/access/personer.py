"""Which persons a user may name to an operation, and whose load (meetings, preparation and
operation hours) a user may see: one's own always; an organisation's focal point and
coordinators their organisation's people; an LPO's operational coordinator the designated
officers of its LPOs."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from insatser.access.poliser import insatspolis_i_anvandarens_lpo
from karna.policy import Policy, Regel, Relation
from myndigheter.roles import DELTAGARROLLER, Roll


class Handling:
    NAMNGE = "namnge_utsand"
    SE_BELASTNING = "se_belastning"


def _samma_organisation(aktor) -> Q:
    return Q(profil__organisation_id=aktor.organisation_id)


def _sig_sjalv(aktor) -> Q:
    return Q(pk=getattr(aktor.user, "pk", None))


H = Handling
PERSON_POLICY = Policy(
    get_user_model(),
    handlingar={
        H.NAMNGE: "namnge personen som utsänd till en insats",
        H.SE_BELASTNING: "se personens bokade timmar (möten, förberedelse, insatser)",
    },
    relationer=[
        Relation("sig_sjalv", "personen är användaren själv", _sig_sjalv),
        Relation(
            "samma_organisation", "personen hör till användarens organisation", _samma_organisation
        ),
        Relation(
            "insatspolis_i_lpo",
            "personen är insatspolis i ett av användarens LPO",
            insatspolis_i_anvandarens_lpo,
        ),
    ],
    regler=[
        *(Regel(roll, "sig_sjalv", [H.SE_BELASTNING]) for roll in DELTAGARROLLER),
        *(
            Regel(roll, "samma_organisation", [H.NAMNGE])
            for roll in (Roll.SAMORDNARE, Roll.MYNDIGHETSKONTAKT, Roll.HANDLAGGARE)
        ),
        Regel(Roll.SAMORDNARE, "samma_organisation", [H.SE_BELASTNING]),
        Regel(Roll.MYNDIGHETSKONTAKT, "samma_organisation", [H.SE_BELASTNING]),
        Regel(Roll.OPERATIV_SAMORDNARE, "insatspolis_i_lpo", [H.SE_BELASTNING]),
    ],
)


def namngivbara_personer(user):
    """The active persons ``user`` may name as sent by their organisation."""
    return PERSON_POLICY.filtrera(user, H.NAMNGE).filter(is_active=True)


def personer_med_synlig_belastning(user):
    return PERSON_POLICY.filtrera(user, H.SE_BELASTNING).filter(is_active=True)
