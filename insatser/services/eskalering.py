"""Escalation verbs the system performs: reminders near staffing deadlines.

A staffing request still unanswered when its answer-by date is near is escalated once: the LPO's
police coordinators and the requesting coordinators are reminded. An operation that is
close without confirmed police is flagged once to its coordinators (and to the police that have
yet to answer). Both are timeline entries, so they notify through the timeline like any event.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from insatser.effekter import INSATSEN_ANDRAD
from insatser.models import Bemanningsbegaran, Insats, Insatshandelse
from insatser.selectors import med_svarsfrist
from insatser.services.gemensamt import las_for_tillagg, skriv_tidslinjepost
from insatser.workflow import BemanningStatus, InsatsStatus
from karna.verb import verb

UTAN_BEKRAFTAD_POLIS = [InsatsStatus.PLANERAD, InsatsStatus.BEMANNING_BEGARD]


def eskalera() -> int:
    """Send every reminder that is due; the number sent. Running it again sends none twice."""
    antal = sum(paminn_om_begaran(begaran) for begaran in begaranden_att_paminna_om())
    antal += sum(paminn_om_obekraftad(insats) for insats in insatser_utan_bekraftad_polis())
    return antal


def begaranden_att_paminna_om() -> QuerySet[Bemanningsbegaran]:
    """Unanswered requests of coming operations whose answer-by date is within the warning time
    (or past), not yet reminded of."""
    nu = timezone.now()
    grans = timezone.localtime(nu + timedelta(hours=settings.BEMANNING_ESKALERING_TIMMAR)).date()
    return (
        med_svarsfrist(
            Bemanningsbegaran.objects.filter(
                status=BemanningStatus.SKICKAD,
                paminnelse_skickad__isnull=True,
                insats__status=InsatsStatus.BEMANNING_BEGARD,
                insats__start__gt=nu,
            )
        )
        .filter(frist__lte=grans)
        .order_by("frist", "pk")
    )


@verb(INSATSEN_ANDRAD)
def paminn_om_begaran(begaran: Bemanningsbegaran) -> bool:
    insats = las_for_tillagg(begaran.insats)
    begaran = Bemanningsbegaran.objects.select_for_update().select_related("lpo").get(pk=begaran.pk)
    if begaran.status != BemanningStatus.SKICKAD or begaran.paminnelse_skickad is not None:
        return False
    # Not a version bump: a police coordinator's open answer form stays valid.
    begaran.paminnelse_skickad = timezone.now()
    begaran.save(update_fields=["paminnelse_skickad"])
    skriv_tidslinjepost(
        insats, None, "bemanning_paminnelse", text=str(begaran.lpo), begaran=begaran
    )
    return True


def insatser_utan_bekraftad_polis() -> QuerySet[Insats]:
    """Coming operations within the warning days that police have not confirmed, not yet
    flagged (the timeline entry is the record: once per operation)."""
    nu = timezone.now()
    return (
        Insats.objects.filter(
            status__in=UTAN_BEKRAFTAD_POLIS,
            start__gt=nu,
            start__lte=nu + timedelta(days=settings.INSATS_OBEKRAFTAD_DAGAR),
        )
        .exclude(
            Exists(
                Insatshandelse.objects.filter(insats=OuterRef("pk"), typ="obekraftad_paminnelse")
            )
        )
        .order_by("start", "pk")
    )


@verb(INSATSEN_ANDRAD)
def paminn_om_obekraftad(insats: Insats) -> bool:
    insats = las_for_tillagg(insats)
    if (
        insats.status not in UTAN_BEKRAFTAD_POLIS
        or insats.handelser.filter(typ="obekraftad_paminnelse").exists()
    ):
        return False
    skriv_tidslinjepost(insats, None, "obekraftad_paminnelse")
    return True
