"""Who keeps which calendar feed, and whose view a feed shows. Every rule is written here once.

A personal feed belongs to its user and shows what that user may see of the operations, by the
operations' own rules (``insatser.access.INSATS_POLICY``), personal grants included.

An organisation's feed is kept by the organisation's coordinators and its agency contact
(``MYNDIGHETSKONTAKT``): both answer for the organisation's part in operations. It is meant to be
shared inside the organisation, so it is read by no person: its readers are the organisation's
roles without a person (``Aktor`` with ``user=None``, one per role in ``ORGANISATIONSROLLER``),
and it shows an operation, or its details, only when every one of them may see it. So it never
shows more than any member of the organisation sees, and nothing granted to one person.

Management roles follow operations in sums only and see no single operation, so they have no feed;
nor has an API client, which reads the API.
"""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, Value

from insatser.access import INSATS_POLICY, for_alla
from insatser.access import Handling as InsatsHandling
from insatser.models import Insats
from kalender.models import Kalenderflode
from karna.policy import INGEN, Aktor, Funktion, Policy, Regel, Relation
from myndigheter.roles import DELTAGARROLLER, ORGANISATIONSROLLER, Roll


class Handling:
    HANTERA = "hantera"


def _eget(aktor) -> Q:
    if aktor.user is None:
        return INGEN
    return Q(anvandare_id=aktor.user.pk)


def _eget_anvandare(flode: Kalenderflode) -> Q:
    return Q(kalenderflode=flode.pk)


def _egen_organisation(aktor) -> Q:
    if aktor.organisation_id is None:
        return INGEN
    return Q(organisation_id=aktor.organisation_id)


def _egen_organisation_anvandare(flode: Kalenderflode) -> Q:
    organisation = Kalenderflode.objects.filter(pk=flode.pk).values("organisation_id")
    return Q(profil__organisation_id__in=organisation)


H = Handling
# A feed of one's own: the roles that see single operations (the administrator through grants
# by name). Management sees none, and an API client reads the API.
PERSONLIGA_FLODETS_ROLLER = (*DELTAGARROLLER, Roll.ADMIN)
# Keeping one's organisation's feed: the roles that answer for the organisation in operations.
MYNDIGHETSFLODETS_ROLLER = (Roll.SAMORDNARE, Roll.MYNDIGHETSKONTAKT)

KALENDERFLODE_POLICY = Policy(
    Kalenderflode,
    handlingar={H.HANTERA: "se, byta och återkalla flödets adress"},
    relationer=[
        Relation("eget", "flödet är användarens eget", _eget, _eget_anvandare),
        Relation(
            "egen_organisation",
            "flödet är användarens organisations",
            _egen_organisation,
            _egen_organisation_anvandare,
        ),
    ],
    regler=[
        *[Regel(roll, "eget", [H.HANTERA]) for roll in PERSONLIGA_FLODETS_ROLLER],
        *[Regel(roll, "egen_organisation", [H.HANTERA]) for roll in MYNDIGHETSFLODETS_ROLLER],
    ],
)

POLICYER = {"Kalenderflöde": KALENDERFLODE_POLICY}

PERSONLIGT_FLODE = Funktion(
    "personligt_kalenderflode",
    "skapa ett eget kalenderflöde av de insatser man ser",
    PERSONLIGA_FLODETS_ROLLER,
)
MYNDIGHETENS_FLODE = Funktion(
    "myndighetens_kalenderflode",
    "skapa organisationens kalenderflöde av de insatser alla dess roller ser",
    MYNDIGHETSFLODETS_ROLLER,
)


def hanterbara_floden(user) -> QuerySet[Kalenderflode]:
    return KALENDERFLODE_POLICY.filtrera(user, H.HANTERA)


def lasare(flode: Kalenderflode) -> list[Aktor]:
    """Whose view the feed shows: its user's, or every organisation role's without a person."""
    if flode.ar_personligt:
        return [Aktor.for_user(flode.anvandare)]
    return [
        Aktor(None, flode.organisation_id, frozenset({roll}), ()) for roll in ORGANISATIONSROLLER
    ]


def aktivt(flode: Kalenderflode) -> bool:
    """A feed answers while its user is active with some role, or its organisation is active."""
    if flode.ar_personligt:
        return flode.anvandare.is_active and bool(Aktor.for_user(flode.anvandare).roller)
    return flode.organisation.aktiv


def synliga_insatser(lasare: list[Aktor]) -> QuerySet[Insats]:
    """The operations every reader may see, each with ``visa_detaljer``: whether every reader
    may see its details (exact times among them). One query."""
    synliga = for_alla(lasare, lambda a: INSATS_POLICY.filtrera(a, InsatsHandling.SE))
    if not all(INSATS_POLICY.kan_nagon_gang(a, InsatsHandling.SE_DETALJER) for a in lasare):
        return synliga.annotate(visa_detaljer=Value(False, output_field=BooleanField()))
    detaljer = Q()
    for aktor in lasare:
        detaljer &= INSATS_POLICY.villkor(aktor, InsatsHandling.SE_DETALJER)
    return synliga.annotate(visa_detaljer=ExpressionWrapper(detaljer, output_field=BooleanField()))
