"""Who may see and manage the members of an organisation. Every rule is written here once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from karna.policy import Funktion, Policy, Regel, Relation
from myndigheter.roles import Roll

# Roles a focal point may give or take within their own organisation; the others are assigned by
# administrators (or, for e-identification logins, by the identity provider).
ROLLER_SOM_KONTAKT_HANTERAR = (Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)


class Handling:
    SE = "se"
    HANTERA = "hantera"


def _samma_organisation(aktor) -> Q:
    return Q(profil__organisation_id=aktor.organisation_id)


MEDLEM_POLICY = Policy(
    get_user_model(),
    handlingar={
        Handling.SE: "se organisationens medlemmar",
        Handling.HANTERA: "aktivera, inaktivera och ge handläggar- eller kontaktroll",
    },
    relationer=[
        Relation(
            "samma_organisation", "medlemmen tillhör användarens organisation", _samma_organisation
        )
    ],
    regler=[
        Regel(Roll.MYNDIGHETSKONTAKT, "samma_organisation", [Handling.SE, Handling.HANTERA]),
    ],
)

POLICYER = {"Medlem i organisationen": MEDLEM_POLICY}


ADMINISTRATION = Funktion(
    "administration",
    "öppna administrationen: referensdata, användare, loggar och referensdatans historik",
    [Roll.ADMIN],
)
DRIFTSTATUS = Funktion("driftstatus", "se driftstatus och köra hälsokontrollen", [Roll.ADMIN])


def kan_hantera_medlemmar(user) -> bool:
    return MEDLEM_POLICY.kan_nagon_gang(user, Handling.HANTERA)


def medlemmar(user):
    return MEDLEM_POLICY.filtrera(user, Handling.SE)
