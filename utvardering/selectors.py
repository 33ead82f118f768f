"""Reused reads of evaluation results, always through the access policy."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from insatser.access import for_alla
from karna.policy import Aktor
from myndigheter.models import Lokalpolisomrade
from utvardering.access import (
    FORBATTRINGSOMRADE_POLICY,
    MYNDIGHETSUTVARDERING_POLICY,
    Handling,
    synliga_forbattringsomraden,
)
from utvardering.models import (
    Forbattringsomrade,
    Gemensamutvardering,
    Informationshinder,
    Myndighetsutvardering,
)


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


def myndighetsutvarderingar(user, utvardering: Gemensamutvardering) -> QuerySet:
    """The agency evaluations of a joint evaluation, each flagged with what the user may do with
    it: every state is shown to those who see the joint evaluation, the contents only by the
    policy (``kan_lasa``, ``kan_fylla_i``)."""
    return (
        MYNDIGHETSUTVARDERING_POLICY.markera(
            utvardering.myndighetsutvarderingar.all(),
            user,
            kan_lasa=Handling.SE,
            kan_fylla_i=Handling.FYLLA_I,
        )
        .select_related("organisation", "lpo")
        .order_by("organisation__namn", "lpo__namn", "pk")
    )


def visning(falt: str, varde) -> str:
    """A field of an agency evaluation as the pages show it: labels, LPO names, a dash for none."""
    if varde in (None, "", []):
        return "–"
    modellfalt = Myndighetsutvardering._meta.get_field(falt)
    if falt == "lanande_lpoer":
        namn = dict(Lokalpolisomrade.objects.filter(kod__in=varde).values_list("kod", "namn"))
        return ", ".join(namn.get(kod, kod) for kod in varde)
    if falt == "informationshinder":
        return ", ".join(str(Informationshinder(v).label) for v in varde)
    if modellfalt.choices:
        return str(dict(modellfalt.choices).get(varde, varde))
    return str(varde)


def andringar_efter_inlamning(rad: Myndighetsutvardering) -> list[dict]:
    """What changed in a submitted evaluation after it was submitted, from its history: each
    changed field with the value before and after, who saved the change and when."""
    handelser = list(
        Myndighetsutvardering.pgh_event_model.objects.filter(pgh_obj_id=rad.pk).order_by("pgh_id")
    )
    andringar = []
    for forra, nasta in itertools.pairwise(handelser):
        if forra.status != Myndighetsutvardering.Status.INLAMNAD:
            continue
        for falt in Myndighetsutvardering.IFYLLBARA:
            fore, efter = getattr(forra, falt), getattr(nasta, falt)
            if fore != efter:
                andringar.append(
                    {
                        "falt": Myndighetsutvardering._meta.get_field(falt).verbose_name,
                        "fore": visning(falt, fore),
                        "efter": visning(falt, efter),
                        "vem_id": nasta.andrad_av_id,
                        "nar": nasta.andrad,
                    }
                )
    namn = {
        user.pk: user.get_full_name() or user.username
        for user in get_user_model().objects.filter(pk__in={a["vem_id"] for a in andringar})
    }
    for andring in andringar:
        andring["vem"] = namn.get(andring.pop("vem_id"), "–")
    return andringar


def _oppna(user) -> QuerySet[Forbattringsomrade]:
    return synliga_forbattringsomraden(user).filter(
        status__in=[Forbattringsomrade.Status.OPPEN, Forbattringsomrade.Status.PAGAENDE]
    )


def _for_listan(rader: QuerySet, user) -> QuerySet:
    return (
        FORBATTRINGSOMRADE_POLICY.markera(rader, user, kan_atgarda=Handling.ATGARDA)
        .select_related("insats", "objekt", "ansvarig_organisation", "ansvarig_person")
        .order_by(F("slutdatum").asc(nulls_last=True), "-skapad", "pk")
    )


def organisationens_forbattringar(user) -> dict[str, QuerySet]:
    """The improvement plan overview: the open items the user's organisation answers for, and
    the open items of operations it coordinated that others answer for."""
    organisation_id = Aktor.for_user(user).organisation_id
    oppna = _oppna(user)
    return {
        "egna": _for_listan(oppna.filter(ansvarig_organisation_id=organisation_id), user),
        "samordnade": _for_listan(
            oppna.filter(insats__samordnande_organisation_id=organisation_id).exclude(
                ansvarig_organisation_id=organisation_id
            ),
            user,
        ),
    }


def forbattringar_som_beror(user, insats) -> QuerySet[Forbattringsomrade]:
    """Open items of earlier operations that concern this one: its objects, the areas and
    collaboration form it is planned in, or the organisations invited to it."""
    lpoer = insats.lpoer.values("pk")
    organisationer = insats.deltaganden.values("organisation")
    beror = (
        Q(objekt__in=insats.kontroller.values("objekt"))
        | Q(stadsomrade__lpo__in=lpoer)
        | Q(utsatt_omrade__lpo__in=lpoer)
        | Q(myndigheter__in=organisationer)
    )
    if insats.samverkansform_id is not None:
        beror |= Q(samverkansform_id=insats.samverkansform_id)
    traffar = Forbattringsomrade.objects.filter(beror).exclude(insats=insats).values("pk")
    return (
        _oppna(user)
        .filter(pk__in=traffar)
        .select_related("insats", "objekt", "ansvarig_organisation")
        .order_by(F("slutdatum").asc(nulls_last=True), "-skapad", "pk")
    )
