"""Reused reads of objects, always through the access policies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, QuerySet
from django.utils import timezone

from karna.policy import Aktor
from myndigheter.models import Omradesbedomning
from objekt.access import (
    MYNDIGHETSINTRESSE_POLICY,
    OBJEKT_POLICY,
    Handling,
    synliga_objekt,
)
from objekt.models import Informationsmall, Myndighetsintresse, Objekt


def objektpool(user) -> QuerySet[Objekt]:
    """Objects the user may pick for an operation: the pool, as the policy allows."""
    return OBJEKT_POLICY.filtrera(user, Handling.VALJA).order_by("namn", "pk")


def med_klass_idag(queryset: QuerySet[Objekt]) -> QuerySet[Objekt]:
    """Annotate ``klass_idag``: the class of the object's vulnerable area in force today."""
    ar = timezone.localdate().year
    return queryset.annotate(
        klass_idag=Omradesbedomning.objects.klass_for_ar(OuterRef("utsatt_omrade"), ar)
    )


def objektlista(user) -> QuerySet[Objekt]:
    """Every object the user may see, with what a list row shows and its field-level flags."""
    return (
        OBJEKT_POLICY.markera(
            med_klass_idag(synliga_objekt(user)),
            user,
            kan_markera_relevans=Handling.MARKERA_RELEVANS,
        )
        .select_related("kommun", "stadsomrade", "lpo", "utsatt_omrade")
        .prefetch_related("problemkategorier")
        .order_by("namn", "pk")
    )


def objekt_for_detalj(user, pk: int) -> Objekt:
    """One visible object with its flags; Objekt.DoesNotExist outside the user's scope."""
    return (
        OBJEKT_POLICY.markera(
            objektlista(user),
            user,
            kan_andra=Handling.ANDRA,
            kan_hantera=Handling.HANTERA,
        )
        .select_related(
            "foreslaget_av_organisation", "foreslaget_av_enhet", "dubblett_kvitterad_av"
        )
        .get(pk=pk)
    )


@dataclass
class Relevansoversikt:
    """What one user may know of the agencies' relevance marks on one object."""

    egen: Myndighetsintresse | None = None
    # The marks the user may read in full (coordinators: every agency's), newest first.
    markeringar: list[Myndighetsintresse] = field(default_factory=list)
    # Other organisations that marked the object relevant, counted as the user may count them.
    antal_andra_relevanta: int = 0

    @property
    def relevanta(self) -> list[Myndighetsintresse]:
        return [m for m in self.markeringar if m.relevans == Myndighetsintresse.Relevans.RELEVANT]


def relevansoversikt(user, objekt_ids: Iterable[int]) -> dict[int, Relevansoversikt]:
    """Which agencies marked these objects relevant, as this user may see it. Two queries.

    Coordinators get every mark with its organisation, reason and legal basis; officers and focal
    points their own organisation's mark and only the number of other organisations that found
    the object relevant, never which ones or why.
    """
    objekt_ids = list(objekt_ids)
    organisation_id = Aktor.for_user(user).organisation_id
    oversikt = {pk: Relevansoversikt() for pk in objekt_ids}
    synliga = (
        MYNDIGHETSINTRESSE_POLICY.filtrera(user, Handling.SE)
        .filter(objekt_id__in=objekt_ids)
        .select_related("organisation", "bedomd_av")
        .order_by("organisation__namn", "pk")
    )
    for markering in synliga:
        post = oversikt[markering.objekt_id]
        post.markeringar.append(markering)
        if markering.organisation_id == organisation_id:
            post.egen = markering
    antal = (
        MYNDIGHETSINTRESSE_POLICY.filtrera(user, Handling.RAKNA)
        .filter(objekt_id__in=objekt_ids, relevans=Myndighetsintresse.Relevans.RELEVANT)
        .exclude(organisation_id=organisation_id)
        .values("objekt_id")
        .annotate(antal=Count("organisation", distinct=True))
        .order_by()
    )
    for rad in antal:
        oversikt[rad["objekt_id"]].antal_andra_relevanta = rad["antal"]
    return oversikt


def aktiva_mallar(organisation_id: int | None) -> dict[str, Informationsmall]:
    """The organisation's templates in use, by object type."""
    return {
        m.objekttyp: m
        for m in Informationsmall.objects.filter(organisation_id=organisation_id, aktiv=True)
    }


def aktiv_mall(organisation_id: int | None, objekttyp: str) -> Informationsmall | None:
    """The organisation's template in use for the object type, if it has one."""
    return Informationsmall.objects.filter(
        organisation_id=organisation_id, objekttyp=objekttyp, aktiv=True
    ).first()
