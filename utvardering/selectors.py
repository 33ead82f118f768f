"""Reused reads of evaluation results, always through the access policy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from insatser.access import for_alla
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


def underlagets_forbattringar(objekt_ids, lasare) -> dict[int, list[dict]]:
    """The open improvement areas of the objects that every reader of a briefing may see, as
    the briefing's rows (``insatser.tillagg.UNDERLAGETS_FORBATTRINGAR``)."""
    rader = for_alla(lasare, lambda aktor: oppna_forbattringsomraden(aktor, objekt_ids))
    per_objekt = defaultdict(list)
    for omrade in rader.order_by("objekt_id", "-skapad", "pk"):
        per_objekt[omrade.objekt_id].append(
            {
                "text": omrade.text,
                "fran": omrade.insats.referens,
                "datum": date_format(timezone.localtime(omrade.skapad), "j F Y"),
                "ansvarig": omrade.ansvarig_organisation.namn
                if omrade.ansvarig_organisation
                else "",
            }
        )
    return per_objekt


def antal_oppna_forbattringsomraden(user) -> Subquery:
    """How many open improvement areas of the object at ``OuterRef("pk")`` the user may see, as
    a subquery for the picker's ranking (``insatser.tillagg.RANGORDNINGENS_FORBATTRINGAR``)."""
    oppna = (
        Forbattringsomrade.objects.filter(
            pk__in=synliga_forbattringsomraden(user).values("pk"),
            objekt=OuterRef("pk"),
            status=Forbattringsomrade.Status.OPPEN,
        )
        .order_by()
        .values("objekt")
        .annotate(antal=Count("pk"))
        .values("antal")
    )
    return Subquery(oppna, output_field=IntegerField())
