"""Who learns of a request for information between two agencies of an operation, and who answers.

A request is read by the people of the asking and of the asked organisation who see the
operation's details (coordinators, officers, focal points of an organisation taking part), and
by the operation's coordinators; it is answered or declined by the asked organisation's officers
and focal points. Nobody else learns of it: not the other participants, not the police.
Who may ask is the operation's rule (``INSATS_POLICY``, ``BEGARA_UPPGIFTER``).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from insatser.access.insats import EJ_AVBOJDA, INSATS_POLICY, Handling
from insatser.models import Deltagande, Insats, Uppgiftsbegaran
from karna.policy import Policy, Regel, Relation
from myndigheter.roles import Roll


def _deltar(organisation_id) -> Q:
    """Requests of an operation ``organisation_id`` takes part in (invited, not declined) or
    coordinates: an organisation that declined learns nothing more of the operation."""
    return Exists(
        Deltagande.objects.filter(
            insats=OuterRef("insats"), organisation_id=organisation_id, svar__in=EJ_AVBOJDA
        )
    ) | Q(insats__samordnande_organisation_id=organisation_id)


def _i_insatsen(begaran: Uppgiftsbegaran) -> Q:
    """Users of an organisation that takes part in (or coordinates) the request's operation."""
    insats = Insats.objects.filter(uppgiftsbegaranden=begaran.pk)
    deltar = Deltagande.objects.filter(insats__in=insats, svar__in=EJ_AVBOJDA)
    return Q(profil__organisation_id__in=deltar.values("organisation_id")) | Q(
        profil__organisation_id__in=insats.values("samordnande_organisation_id")
    )


def _fragande(aktor) -> Q:
    return Q(fragande_organisation_id=aktor.organisation_id) & _deltar(aktor.organisation_id)


def _tillfragad(aktor) -> Q:
    return Q(tillfragad_organisation_id=aktor.organisation_id) & _deltar(aktor.organisation_id)


def _fragande_anvandare(begaran: Uppgiftsbegaran) -> Q:
    organisation = Uppgiftsbegaran.objects.filter(pk=begaran.pk).values("fragande_organisation_id")
    return Q(profil__organisation_id__in=organisation) & _i_insatsen(begaran)


def _tillfragad_anvandare(begaran: Uppgiftsbegaran) -> Q:
    organisation = Uppgiftsbegaran.objects.filter(pk=begaran.pk).values(
        "tillfragad_organisation_id"
    )
    return Q(profil__organisation_id__in=organisation) & _i_insatsen(begaran)


def _samordnande(aktor) -> Q:
    return Q(insats__samordnande_organisation_id=aktor.organisation_id)


def _samordnande_anvandare(begaran: Uppgiftsbegaran) -> Q:
    organisation = Insats.objects.filter(uppgiftsbegaranden=begaran.pk).values(
        "samordnande_organisation_id"
    )
    return Q(profil__organisation_id__in=organisation)


H = Handling
UPPGIFTSBEGARAN_POLICY = Policy(
    Uppgiftsbegaran,
    handlingar={
        H.SE: "se begäran, frågan och svaret",
        H.BESVARA: "besvara eller avböja begäran för sin organisation",
    },
    relationer=[
        Relation(
            "fragande_organisation",
            "användarens organisation ställde frågan och deltar i insatsen",
            _fragande,
            _fragande_anvandare,
        ),
        Relation(
            "tillfragad_organisation",
            "användarens organisation är tillfrågad och deltar i insatsen",
            _tillfragad,
            _tillfragad_anvandare,
        ),
        Relation(
            "samordnande_organisation",
            "användarens organisation samordnar insatsen",
            _samordnande,
            _samordnande_anvandare,
        ),
    ],
    regler=[
        # The roles that see the operation's details through their organisation's participation.
        *[
            Regel(roll, relation, [H.SE])
            for roll in (Roll.SAMORDNARE, Roll.HANDLAGGARE, Roll.MYNDIGHETSKONTAKT)
            for relation in ("fragande_organisation", "tillfragad_organisation")
        ],
        Regel(Roll.SAMORDNARE, "samordnande_organisation", [H.SE]),
        Regel(Roll.HANDLAGGARE, "tillfragad_organisation", [H.BESVARA]),
        Regel(Roll.MYNDIGHETSKONTAKT, "tillfragad_organisation", [H.BESVARA]),
    ],
)


def synliga_uppgiftsbegaranden(user) -> QuerySet[Uppgiftsbegaran]:
    return UPPGIFTSBEGARAN_POLICY.filtrera(user, H.SE)


def kan_besvara_uppgiftsbegaran(user, begaran: Uppgiftsbegaran) -> bool:
    return UPPGIFTSBEGARAN_POLICY.tillater(user, H.BESVARA, begaran)


def kan_begara_uppgifter(user, insats: Insats) -> bool:
    return INSATS_POLICY.tillater(user, H.BEGARA_UPPGIFTER, insats)
