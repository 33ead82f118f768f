"""Reused reads of evaluation results, always through the access policy."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from utvardering.access import synliga_forbattringsomraden
from utvardering.models import Forbattringsomrade


def oppna_forbattringsomraden(user, objekt_ids: Iterable[int]) -> QuerySet[Forbattringsomrade]:
    """The open improvement areas of these objects that the user may see, newest first."""
    return (
        synliga_forbattringsomraden(user)
        .filter(objekt_id__in=list(objekt_ids), status=Forbattringsomrade.Status.OPPEN)
        .select_related("insats", "objekt", "ansvarig_organisation")
        .order_by("-skapad", "pk")
    )
