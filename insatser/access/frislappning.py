"""Who a released information block reaches: the circle the owning agency chose for it.

A release is for all participants, the coordinating organisation only, the police only, or named
organisations. It reaches a reader only within that circle, and only in an operation whose
released information the reader may read at all (``Handling.SE_FRISLAPPT``).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from insatser.access.insats import EJ_AVBOJDA, INSATS_POLICY, Handling
from insatser.models import Frislappning, Insats, Mottagarkrets
from karna.policy import Aktor
from myndigheter.models import Myndighet


def i_mottagarkretsen(aktor) -> Q:
    """Releases (rows of ``Frislappning``) whose circle holds the reader's organisation."""
    organisation_id = aktor.organisation_id
    ar_polis = Exists(Myndighet.objects.filter(pk=organisation_id, ar_polis=True))
    return (
        Q(krets=Mottagarkrets.ALLA)
        | Q(krets=Mottagarkrets.SAMORDNARE, insats__samordnande_organisation_id=organisation_id)
        | (Q(krets=Mottagarkrets.POLIS) & ar_polis)
        | Q(
            krets=Mottagarkrets.NAMNGIVNA,
            pk__in=Frislappning.mottagare.through.objects.filter(
                myndighet_id=organisation_id
            ).values("frislappning_id"),
        )
    )


def frislappta_till(user, **filter):
    """The active releases ``user`` may read: to an operation whose released information the
    user reads, and within the circle the owner chose."""
    aktor = Aktor.for_user(user)
    synliga = INSATS_POLICY.filtrera(aktor, Handling.SE_FRISLAPPT).values("pk")
    return Frislappning.objects.filter(
        i_mottagarkretsen(aktor), aterkallad__isnull=True, insats__in=synliga, **filter
    )


def frislappt_till_uppgiften(user) -> Q:
    """Information blocks (``Objektuppgift``) with a release ``user`` may read."""
    return Exists(frislappta_till(user, objektuppgift=OuterRef("pk")))


def mottagare(insats: Insats, krets: str, namngivna=()) -> list[Myndighet]:
    """The organisations a release to ``krets`` in ``insats`` reaches (the owner's included)."""
    if krets == Mottagarkrets.NAMNGIVNA:
        return list(namngivna)
    if krets == Mottagarkrets.SAMORDNARE:
        return [insats.samordnande_organisation]
    if krets == Mottagarkrets.POLIS:
        return list(Myndighet.objects.filter(ar_polis=True, aktiv=True).order_by("namn"))
    return list(deltagande_organisationer(insats))


def deltagande_organisationer(insats: Insats):
    """The organisations taking part in ``insats`` (invited or accepted, not declined)."""
    deltagare = insats.deltaganden.filter(svar__in=EJ_AVBOJDA).values("organisation_id")
    return Myndighet.objects.filter(pk__in=deltagare).order_by("namn")


def lasare_av(frislappning: Frislappning) -> Q:
    """The users (a Q on users) a release reached: those who read the operation's released
    information, of an organisation in its circle, the owner's own people aside."""
    insats = frislappning.insats
    lasare = INSATS_POLICY.anvandare(Handling.SE_FRISLAPPT, insats).values("pk")
    i_kretsen = {
        Mottagarkrets.ALLA: Q(),
        Mottagarkrets.SAMORDNARE: Q(profil__organisation_id=insats.samordnande_organisation_id),
        Mottagarkrets.POLIS: Q(profil__organisation__ar_polis=True),
        Mottagarkrets.NAMNGIVNA: Q(profil__organisation__in=frislappning.mottagare.values("pk")),
    }[frislappning.krets]
    agare = frislappning.objektuppgift.organisation_id
    return Q(pk__in=lasare) & i_kretsen & ~Q(profil__organisation_id=agare)
