"""Who may see and manage the members of an organisation. Every rule is written here once."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from karna.policy import Funktion, Policy, Regel, Relation
from myndigheter.models import Myndighet
from myndigheter.roles import DELTAGARROLLER, Roll

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


def _aktiv(aktor) -> Q:
    return Q(aktiv=True)


def _egen(aktor) -> Q:
    return Q(pk=aktor.organisation_id, aktiv=True)


# An agency's profile says what it may share with whom and what it needs: everyone who plans or
# takes part in operations reads it where they decide to release or ask; its focal point keeps it.
PROFIL_POLICY = Policy(
    Myndighet,
    handlingar={
        Handling.SE: "läsa organisationens profil: mandat, delningsgrunder, behov, kontaktvägar",
        Handling.HANTERA: "ändra organisationens profil och delningsgrunder",
    },
    relationer=[
        Relation("aktiv", "organisationen är aktiv", _aktiv),
        Relation("egen", "organisationen är användarens egen", _egen),
    ],
    regler=[
        *[Regel(roll, "aktiv", [Handling.SE]) for roll in DELTAGARROLLER],
        Regel(Roll.MYNDIGHETSKONTAKT, "egen", [Handling.HANTERA]),
    ],
)

POLICYER = {"Medlem i organisationen": MEDLEM_POLICY, "Organisationsprofil": PROFIL_POLICY}


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


def ser_profiler(user) -> bool:
    return PROFIL_POLICY.kan_nagon_gang(user, Handling.SE)


def synliga_profiler(user):
    return PROFIL_POLICY.filtrera(user, Handling.SE)


def kan_andra_profil(user, organisation: Myndighet) -> bool:
    return PROFIL_POLICY.tillater(user, Handling.HANTERA, organisation)
