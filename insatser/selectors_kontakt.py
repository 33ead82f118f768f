"""Reads for the contact functions of the operation's day (the operation page's section).

Shown to those who see the operation's details: the caller has the operation from
``selectors.insats_for_detalj`` and shows the section only when its ``visa_detaljer`` flag is set.
Who may name which contact is the policies' (``DELTAGANDE_POLICY``, ``BEMANNING_POLICY``).
"""

from __future__ import annotations

from dataclasses import dataclass

from insatser.access import AKTIVA_BEMANNINGSSTATUSAR, BEMANNING_POLICY, DELTAGANDE_POLICY, Handling
from insatser.models import Bemanningsbegaran, Deltagande, Insats, Polisbefal
from myndigheter.models import Lokalpolisomrade


@dataclass(frozen=True)
class Befalsrad:
    """The police commander for one LPO with active staffing (``befal`` None: not named yet)."""

    lpo: Lokalpolisomrade
    befal: Polisbefal | None
    kan_anges: bool


def deltagarkontakter(user, insats: Insats) -> list[Deltagande]:
    """The participations that have not declined, coordinator first, each marked ``kan_anges``
    when ``user`` may name its contact function; one query."""
    return list(
        DELTAGANDE_POLICY.markera(
            insats.deltaganden.exclude(svar=Deltagande.Svar.AVBOJD),
            user,
            kan_anges=Handling.ANGE_KONTAKTFUNKTION,
        )
        .select_related("organisation", "enhet")
        .order_by("roll", "organisation__namn", "enhet__namn")
    )


def polisbefal(user, insats: Insats) -> list[Befalsrad]:
    """One row per LPO with an active staffing request: its commander, and whether ``user`` may
    name it; two queries."""
    begaranden = BEMANNING_POLICY.markera(
        Bemanningsbegaran.objects.filter(insats=insats, status__in=AKTIVA_BEMANNINGSSTATUSAR),
        user,
        kan_anges=Handling.ANGE_BEFAL,
    ).select_related("lpo")
    befal = {b.lpo_id: b for b in Polisbefal.objects.filter(insats=insats)}
    rader = {}
    for begaran in begaranden.order_by("lpo__namn"):
        rader[begaran.lpo_id] = Befalsrad(begaran.lpo, befal.get(begaran.lpo_id), begaran.kan_anges)
    return list(rader.values())
