"""Which designated operation officers a user may name: in a staffing answer (the operational
coordinator, for the officers of the LPOs it answers for) or as a wish in a request (the
coordinator, among the designated officers)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q

from karna.policy import Policy, Regel, Relation
from myndigheter.models import Anvandarprofil
from myndigheter.roles import Roll


class Handling:
    NAMNGE = "namnge"
    ONSKA = "onska"


def _utsedd_insatspolis(aktor) -> Q:
    return Q(profil__ar_insatspolis=True)


def insatspolis_i_anvandarens_lpo(aktor) -> Q:
    i_lpo = Anvandarprofil.lpo_scope.through.objects.filter(
        anvandarprofil__user=OuterRef("pk"), lokalpolisomrade_id__in=aktor.lpo_ids
    )
    return Q(profil__ar_insatspolis=True, profil__organisation_id=aktor.organisation_id) & Exists(
        i_lpo
    )


H = Handling
INSATSPOLIS_POLICY = Policy(
    get_user_model(),
    handlingar={
        H.NAMNGE: "namnge polisen i ett svar på en bemanningsbegäran",
        H.ONSKA: "önska polisen vid namn i en bemanningsbegäran",
    },
    relationer=[
        Relation(
            "insatspolis_i_lpo",
            "polisen är insatspolis i ett av användarens LPO",
            insatspolis_i_anvandarens_lpo,
        ),
        Relation("utsedd_insatspolis", "polisen är utsedd insatspolis", _utsedd_insatspolis),
    ],
    regler=[
        Regel(Roll.OPERATIV_SAMORDNARE, "insatspolis_i_lpo", [H.NAMNGE]),
        Regel(Roll.SAMORDNARE, "utsedd_insatspolis", [H.ONSKA]),
    ],
)


def namngivbara_poliser(user):
    return INSATSPOLIS_POLICY.filtrera(user, H.NAMNGE).filter(is_active=True)


def onskbara_poliser(user):
    return INSATSPOLIS_POLICY.filtrera(user, H.ONSKA).filter(is_active=True)
