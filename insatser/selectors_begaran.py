"""Reads of the requests for information between the agencies of an operation, through
``UPPGIFTSBEGARAN_POLICY``: each list a fixed number of queries, whatever its length."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from insatser.access import (
    UPPGIFTSBEGARAN_POLICY,
    Handling,
    mottagare,
    synliga_uppgiftsbegaranden,
)
from insatser.models import Frislappning, Insats, Mottagarkrets, Uppgiftsbegaran
from insatser.workflow import UppgiftsbegaranStatus
from myndigheter.models import Delningsgrund, Myndighet


def begaranden_i_insats(user, insats: Insats) -> list[Uppgiftsbegaran]:
    """The requests of the operation the user may read, each marked whether the user may answer
    it (``kan_besvara``), newest first."""
    return list(
        UPPGIFTSBEGARAN_POLICY.markera(
            synliga_uppgiftsbegaranden(user).filter(insats=insats),
            user,
            kan_besvara=Handling.BESVARA,
        ).select_related(
            "objekt",
            "fragande_organisation",
            "tillfragad_organisation",
            "fragad_av",
            "besvarad_av",
            "frislappning__objektuppgift__objekt",
        )
    )


def antal_begaranden(user, insats: Insats) -> int:
    return synliga_uppgiftsbegaranden(user).filter(insats=insats).count()


def begaranden_att_besvara(user) -> QuerySet[Uppgiftsbegaran]:
    """Open requests the user may answer for their organisation, oldest first."""
    return (
        UPPGIFTSBEGARAN_POLICY.filtrera(user, Handling.BESVARA)
        .filter(status=UppgiftsbegaranStatus.OPPEN)
        .select_related("insats", "fragande_organisation", "objekt")
        .order_by("skapad", "pk")
    )


def svarande_frislappningar(insats: Insats, organisation_id) -> QuerySet[Frislappning]:
    """The organisation's active releases in the operation, which an answer may point to."""
    return (
        Frislappning.objects.filter(
            insats=insats, objektuppgift__organisation_id=organisation_id, aterkallad__isnull=True
        )
        .select_related("objektuppgift__objekt")
        .order_by("objektuppgift__objekt__namn", "pk")
    )


def fragbara_organisationer(insats: Insats, organisation_id) -> QuerySet[Myndighet]:
    """The participants the user's organisation may ask, with what their profiles say they
    need and under which provisions they share."""
    deltar = [m.pk for m in mottagare(insats, Mottagarkrets.ALLA)]
    return (
        Myndighet.objects.filter(pk__in=deltar)
        .exclude(pk=organisation_id)
        .prefetch_related(
            Prefetch(
                "delningsgrunder",
                queryset=Delningsgrund.objects.filter(aktiv=True),
                to_attr="aktiva_grunder",
            )
        )
        .order_by("namn")
    )
