"""Reads of outcomes and feedback, always through the access policy."""

from __future__ import annotations

from django.db.models import QuerySet

from utvardering import access
from utvardering.models import Aterkoppling, Utfall


def utfall_for_insats(user, insats) -> QuerySet[Utfall]:
    """The operation's outcomes the user may read, each marked ``kan_andras``."""
    return (
        access.UTFALL_POLICY.markera(
            access.synliga_utfall(user).filter(insats=insats),
            user,
            kan_andras=access.Handling.ANDRA,
        )
        .select_related("typ", "organisation", "kontroll__objekt")
        .order_by("organisation__namn", "beslutsdatum", "pk")
    )


def aterkopplingar_for_insats(user, insats) -> list[Aterkoppling]:
    """The operation's feedback the user may read, each with ``lamnad_av``: its author where the
    user may see who gave it, else None; then the author is taken off the row as well, so that
    no page can show it by mistake."""
    rader = list(
        access.synliga_aterkopplingar(user)
        .filter(insats=insats)
        .select_related("forfattare")
        .order_by("lamnad", "pk")
    )
    for rad in rader:
        rad.lamnad_av = rad.forfattare if rad.visa_forfattare else None
        if rad.lamnad_av is None:
            rad.forfattare_id = None
    return rader


def objektets_utfall(user, objekt) -> QuerySet[Utfall]:
    """The outcomes of the object's controls that the user may read, across agencies; an
    outcome of a whole operation is not the object's."""
    return (
        access.synliga_utfall(user)
        .filter(kontroll__objekt=objekt)
        .select_related("typ", "organisation", "insats")
        .order_by("-beslutsdatum", "pk")
    )
