"""Reused reads of operations, always through the access policy."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from insatser.access import BEMANNING_POLICY, INSATS_POLICY, Handling, synliga_insatser
from insatser.models import Bemanningsbegaran, Insats, Polisbemanning
from insatser.workflow import BESVARADE


def insatslista(user) -> QuerySet[Insats]:
    """Visible operations with what a list row shows, flags computed in the same query."""
    bekraftad = Bemanningsbegaran.objects.filter(insats=OuterRef("pk"), status__in=BESVARADE)
    return (
        INSATS_POLICY.markera(synliga_insatser(user), user, visa_detaljer=Handling.SE_DETALJER)
        .annotate(bemanning_bekraftad=Exists(bekraftad))
        .select_related("samordnande_organisation", "samverkansform", "installd_orsak")
        .prefetch_related("lpoer")
        .order_by("start", "pk")
    )


def insats_for_detalj(user, pk: int) -> Insats:
    """One visible operation with its field-level flags; Insats.DoesNotExist outside scope."""
    return (
        INSATS_POLICY.markera(
            insatslista(user),
            user,
            kan_samordna=Handling.SAMORDNA,
            visa_installningsdetalj=Handling.SE_INSTALLNINGSDETALJ,
        )
        .select_related("samordnande_enhet", "omplanerad_fran")
        .get(pk=pk)
    )


def bemanning_for_insats(user, insats: Insats) -> list[Bemanningsbegaran]:
    """The staffing requests of one operation the user may see, police detail where allowed."""
    return list(
        BEMANNING_POLICY.markera(
            BEMANNING_POLICY.filtrera(user, Handling.SE).filter(insats=insats),
            user,
            visa_polisdetaljer=Handling.SE_POLISDETALJER,
        )
        .select_related("lpo", "begarande_enhet", "aterkallad_orsak")
        .prefetch_related(
            Prefetch("poliser", queryset=Polisbemanning.objects.select_related("anvandare"))
        )
        .order_by("lpo__namn")
    )
