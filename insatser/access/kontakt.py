"""Who may name the contact function and function phone of a participation, and the persons it
sends: the people of the participating organisation who answer its invitations, and for the
coordinating organisation its coordinators. The names stay within the organisation. The police
commander is named per staffing request (``BEMANNING_POLICY``, ``ange_befal``)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from insatser.access.insats import BEMANNING_POLICY, EJ_AVBOJDA, Handling
from insatser.models import Deltagande
from karna.policy import Policy, Regel, Relation
from myndigheter.roles import Roll

INBJUDEN_ORGANISATION = Q(svar__in=EJ_AVBOJDA) & ~Q(roll=Deltagande.Roll.SAMORDNARE)
SAMORDNANDE_ORGANISATION = Q(roll=Deltagande.Roll.SAMORDNARE)


def _egen(aktor, villkor: Q) -> Q:
    return Q(organisation_id=aktor.organisation_id) & villkor


def _egen_anvandare(deltagande: Deltagande, villkor: Q) -> Q:
    organisation = Deltagande.objects.filter(villkor, pk=deltagande.pk).values("organisation_id")
    return Q(profil__organisation_id__in=organisation)


H = Handling
DELTAGANDE_POLICY = Policy(
    Deltagande,
    handlingar={
        H.ANGE_KONTAKTFUNKTION: "ange organisationens kontaktfunktion och funktionstelefon",
        H.NAMNGE_PERSONER: "se och namnge de personer organisationen skickar",
    },
    relationer=[
        Relation(
            "egen_inbjudan",
            "användarens organisation är inbjuden och har inte avböjt",
            lambda aktor: _egen(aktor, INBJUDEN_ORGANISATION),
            lambda deltagande: _egen_anvandare(deltagande, INBJUDEN_ORGANISATION),
        ),
        Relation(
            "egen_samordning",
            "användarens organisation samordnar insatsen",
            lambda aktor: _egen(aktor, SAMORDNANDE_ORGANISATION),
            lambda deltagande: _egen_anvandare(deltagande, SAMORDNANDE_ORGANISATION),
        ),
    ],
    regler=[
        # The roles that answer the invitation (INSATS_POLICY, besvara_inbjudan) name the contact.
        Regel(Roll.SAMORDNARE, "egen_inbjudan", [H.ANGE_KONTAKTFUNKTION, H.NAMNGE_PERSONER]),
        Regel(Roll.HANDLAGGARE, "egen_inbjudan", [H.ANGE_KONTAKTFUNKTION, H.NAMNGE_PERSONER]),
        Regel(Roll.MYNDIGHETSKONTAKT, "egen_inbjudan", [H.ANGE_KONTAKTFUNKTION, H.NAMNGE_PERSONER]),
        Regel(Roll.SAMORDNARE, "egen_samordning", [H.ANGE_KONTAKTFUNKTION, H.NAMNGE_PERSONER]),
    ],
)


def egna_deltaganden(user, insats) -> QuerySet[Deltagande]:
    """The participations of ``insats`` whose contact function ``user`` may name."""
    return DELTAGANDE_POLICY.filtrera(user, H.ANGE_KONTAKTFUNKTION).filter(insats=insats)


def personaldeltaganden(user, insats) -> QuerySet[Deltagande]:
    """The participations of ``insats`` whose persons ``user`` may see and name."""
    return DELTAGANDE_POLICY.filtrera(user, H.NAMNGE_PERSONER).filter(insats=insats)


def befalsbegaranden(user, insats):
    """The active staffing requests of ``insats`` whose police commander ``user`` may name."""
    return BEMANNING_POLICY.filtrera(user, H.ANGE_BEFAL).filter(insats=insats)
