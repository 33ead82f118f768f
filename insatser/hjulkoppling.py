"""The operations on the annual wheel: what the wheel reads of them, and rebuilding it.

The wheel sits below the operations (an operation is planned in one of its windows), so it reads
them through the ``Insatskalla`` registered here (``insatser/apps.py``), always through the
operations' access policy. When an operation changes, each active wheel whose LPOs or window it
lies in is rebuilt (a subscriber of ``INSATSEN_ANDRAD``).
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, Exists, F, Func, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from arshjul.models import Arshjul, Arshjulshandelse, Arshjulsinsats, Handelsetyp
from arshjul.services.ombyggnad import begar_insatsuppdatering
from arshjul.tillagg import (
    BokadInsats,
    Fonsterbehov,
    InsatsPaHjul,
    Insatsrad,
    Polisbehov,
    Resursbehov,
)
from insatser import access, beredskap, personbokning
from insatser.access import AKTIVA_BEMANNINGSSTATUSAR, BEMANNING_POLICY, INSATS_POLICY, Handling
from insatser.models import Bemanningsbegaran, Deltagande, Insats, Insatshandelse, Polisbemanning
from insatser.workflow import BESVARADE, InsatsStatus

# Operations that will not take place are not on the wheel (a rescheduled one's successor is).
INAKTIVA_INSATSER = (InsatsStatus.AVSLAGEN, InsatsStatus.INSTALLD, InsatsStatus.OMPLANERAD)


def _arsgranser(ar: int) -> tuple[datetime, datetime]:
    tz = timezone.get_default_timezone()
    return (
        datetime.combine(date(ar, 1, 1), time(0), tzinfo=tz),
        datetime.combine(date(ar + 1, 1, 1), time(0), tzinfo=tz),
    )


def insatser_pa_hjul(insatser: QuerySet[Insats], arshjul_ids, lpo_ids, ar: int) -> QuerySet:
    """The operations of ``ar`` in the wheels' LPOs or planned in their windows."""
    fran, till = _arsgranser(ar)
    i_lpo = Exists(
        Insats.lpoer.through.objects.filter(
            insats=OuterRef("pk"), lokalpolisomrade__in=list(lpo_ids)
        )
    )
    return (
        insatser.filter(start__gte=fran, start__lt=till)
        .exclude(status__in=INAKTIVA_INSATSER)
        .filter(i_lpo | Q(insatsfonster__arshjul__in=list(arshjul_ids)))
    )


def _lpo_ids():
    return ArraySubquery(
        Insats.lpoer.through.objects.filter(insats=OuterRef("pk"))
        .order_by("lokalpolisomrade_id")
        .values("lokalpolisomrade_id")
    )


def _i_fonstret(fonster, lpo, start, slut) -> Q:
    """Operations that take a place in a window (its key, LPO, start and end, as values or
    outer references): planned in it, or, without naming a window (the form leaves it optional),
    in its LPO and days, which takes the place just the same."""
    i_lpo = Exists(Insats.lpoer.through.objects.filter(insats=OuterRef("pk"), lokalpolisomrade=lpo))
    return Q(insatsfonster=fonster) | Q(
        i_lpo, insatsfonster__isnull=True, start__gte=start, start__lt=slut
    )


def insatser_i_fonster(fonster: Arshjulshandelse) -> QuerySet[Insats]:
    """The operations that will take place in the window."""
    return Insats.objects.filter(
        _i_fonstret(fonster.pk, fonster.lpo_id, fonster.start, fonster.slut)
    ).exclude(status__in=INAKTIVA_INSATSER)


def fonster_for_insats(insats: Insats) -> QuerySet[Arshjulshandelse]:
    """The windows of active wheels the operation takes a place in: its own, or without one
    those of its LPOs whose days it starts in."""
    if insats.insatsfonster_id is not None:
        dess = Q(pk=insats.insatsfonster_id)
    else:
        dess = Q(lpo__in=insats.lpoer.values("pk"), start__lte=insats.start, slut__gt=insats.start)
    return Arshjulshandelse.objects.filter(dess, typ=Handelsetyp.INSATSFONSTER, arshjul__aktiv=True)


def behov_i_fonster(fonster: Arshjulshandelse) -> Fonsterbehov:
    """The ``Insatskalla.behov_i_fonster`` of the project, in two queries."""
    insatser = insatser_i_fonster(fonster).values("pk")
    rader = (
        Deltagande.objects.filter(insats__in=insatser, planerat_antal__gt=0)
        .annotate(dag=TruncDate("insats__start"))
        .values("organisation_id", "organisation__namn", "dag")
        .annotate(antal=Sum("planerat_antal"), insatser=Count("insats", distinct=True))
        .order_by("organisation__namn", "organisation_id", "dag")
    )
    namn: dict[int, str] = {}
    per_dag: dict[int, dict[date, int]] = {}
    antal_insatser: dict[int, int] = {}
    for rad in rader:
        org = rad["organisation_id"]
        namn[org] = rad["organisation__namn"]
        per_dag.setdefault(org, {})[rad["dag"]] = rad["antal"]
        antal_insatser[org] = antal_insatser.get(org, 0) + rad["insatser"]
    polis = (
        Bemanningsbegaran.objects.filter(insats__in=insatser, status__in=AKTIVA_BEMANNINGSSTATUSAR)
        .values("lpo_id", "lpo__namn")
        .annotate(
            begart=Sum("begart_antal"),
            bekraftat=Coalesce(Sum("bekraftat_antal", filter=Q(status__in=BESVARADE)), 0),
        )
        .order_by("lpo__namn")
    )
    return Fonsterbehov(
        [Resursbehov(org, namn[org], per_dag[org], antal_insatser[org]) for org in namn],
        [Polisbehov(p["lpo_id"], p["lpo__namn"], p["begart"], p["bekraftat"]) for p in polis],
    )


class Insatskalla:
    """The ``arshjul.tillagg.Insatskalla`` of the project."""

    def bokade(
        self, arshjul_id: int, lpo_ids: list[int], ar: int, insats_ids=None
    ) -> list[BokadInsats]:
        enheter = Deltagande.objects.filter(insats=OuterRef("pk"), enhet__isnull=False).exclude(
            svar=Deltagande.Svar.AVBOJD
        )
        poliser = Polisbemanning.objects.filter(
            begaran__insats=OuterRef("pk"), begaran__status__in=BESVARADE
        )
        insatser = Insats.objects.all()
        if insats_ids is not None:
            insatser = insatser.filter(pk__in=list(insats_ids))
        rader = (
            insatser_pa_hjul(insatser, [arshjul_id], lpo_ids, ar)
            .annotate(
                lpo_ids=_lpo_ids(),
                enhet_ids=ArraySubquery(enheter.order_by("enhet_id").values("enhet_id").distinct()),
                polis_ids=ArraySubquery(
                    poliser.order_by("anvandare_id").values("anvandare_id").distinct()
                ),
            )
            .order_by("pk")
            .values_list(
                "pk", "start", "slut", "insatsfonster_id", "lpo_ids", "enhet_ids", "polis_ids"
            )
        )
        return [
            BokadInsats(pk, start, slut, fonster, tuple(lpoer), tuple(enheter), tuple(poliser))
            for pk, start, slut, fonster, lpoer, enheter, poliser in rader
        ]

    def fonster_med_insatser(self, fonster_ids) -> set[int]:
        return set(
            Insats.objects.filter(insatsfonster__in=list(fonster_ids)).values_list(
                "insatsfonster_id", flat=True
            )
        )

    def planerade_i_fonster(self, utom: int | None = None):
        i_fonstret = _i_fonstret(
            OuterRef("pk"), OuterRef(OuterRef("lpo")), OuterRef("start"), OuterRef("slut")
        )
        return Coalesce(
            Subquery(
                Insats.objects.filter(i_fonstret)
                .exclude(status__in=INAKTIVA_INSATSER)
                .exclude(pk=utom)
                .order_by()
                .annotate(antal=Func(F("pk"), function="COUNT"))
                .values("antal")
            ),
            0,
        )

    def behov_i_fonster(self, fonster) -> Fonsterbehov:
        return behov_i_fonster(fonster)

    def for_lasare(self, user, hjul_ids, lpo_ids, ar: int) -> list[InsatsPaHjul]:
        insatser = (
            beredskap.annotera(
                insatser_pa_hjul(
                    INSATS_POLICY.markera(
                        access.synliga_insatser(user), user, visa_detaljer=Handling.SE_DETALJER
                    ),
                    hjul_ids,
                    lpo_ids,
                    ar,
                )
            )
            .annotate(
                lpo_ids=_lpo_ids(),
                fonster_hjul=F("insatsfonster__arshjul_id"),
                forsta_bemanningsbegaran=Subquery(
                    Bemanningsbegaran.objects.filter(insats=OuterRef("pk"))
                    .order_by("skapad")
                    .values("skapad")[:1]
                ),
            )
            .order_by("start", "pk")
        )
        # The labels once per reading: a model's get_status_display hashes every choice.
        etiketter = {status: str(etikett) for status, etikett in InsatsStatus.choices}
        idag = timezone.localdate()
        return [
            InsatsPaHjul(
                _rad(insats, etiketter, idag), frozenset(insats.lpo_ids), insats.fonster_hjul
            )
            for insats in insatser
        ]

    def synliga(self, user, ids) -> dict[int, Insats]:
        return {i.pk: i for i in access.synliga_insatser(user).filter(pk__in=list(ids))}

    def med_polisdetaljer(self, user, ids) -> set[int]:
        return set(
            BEMANNING_POLICY.filtrera(user, Handling.SE_POLISDETALJER)
            .filter(insats__in=list(ids))
            .values_list("insats_id", flat=True)
        )

    def kan_planera(self, user) -> bool:
        return access.kan_skapa_insats(user)

    def personkrockar(self, user, handelse) -> list[tuple[str, str]]:
        krockar = personbokning.krockar_for_mote(handelse)
        return [(k.person, k.vad) for k in personbokning.som_lasaren_ser_dem(user, krockar)]

    def lediga_tider(self, handelse) -> list[datetime]:
        return personbokning.lediga_tider(
            handelse.deltagare.values_list("pk", flat=True),
            handelse.start,
            handelse.slut,
            personbokning.MOTE,
            handelse.pk,
        )


def _rad(insats: Insats, etiketter: dict[str, str], idag: date) -> Insatsrad:
    bedomningar = beredskap.bedom(insats, insats.visa_detaljer)
    start = insats.start.astimezone(timezone.get_default_timezone())
    return Insatsrad(
        pk=insats.pk,
        referens=insats.referens,
        titel=insats.titel,
        datum=start.date(),
        tid=f"{start:%H:%M}" if insats.visa_detaljer else "",
        status=etiketter[insats.status],
        bedomningar=bedomningar,
        redo=beredskap.redo(bedomningar),
        fonster_id=insats.insatsfonster_id,
        sen=_sen(insats, idag),
    )


def _sen(insats: Insats, idag: date) -> bool:
    """Whether a lead time has passed with its step not taken: objects fixed, police staffing
    requested, a current briefing (the same steps ``insatser.varningar`` warns about)."""
    begard = insats.forsta_bemanningsbegaran
    return (
        (idag > insats.objekt_deadline and insats.status == InsatsStatus.FORESLAGEN)
        or (
            idag > insats.bemanning_deadline
            and (
                begard is None
                or begard.astimezone(timezone.get_default_timezone()).date()
                > insats.bemanning_deadline
            )
        )
        or (idag > insats.underlag_deadline and not insats.redo_underlag)
    )


def bygg_om_hjulen(handelse: Insatshandelse) -> None:
    """Subscriber of ``INSATSEN_ANDRAD``: each active wheel whose LPOs or window the operation
    lies in takes the change in, and so does each wheel year it was on at the last build (an
    operation moved to another year or LPO leaves it)."""
    insats = handelse.insats
    ar = timezone.localtime(insats.start).year
    i_lpo = Arshjul.objects.filter(aktiv=True, lpoer__insatser=insats)
    i_fonster = Arshjul.objects.filter(aktiv=True, handelser__planerade_insatser=insats)
    hjul = i_lpo.values_list("pk", flat=True).union(i_fonster.values_list("pk", flat=True))
    arsvyer = {(arshjul_id, ar) for arshjul_id in hjul} | set(
        Arshjulsinsats.objects.filter(
            insats_id=insats.pk, arshjulsar__arshjul__aktiv=True
        ).values_list("arshjulsar__arshjul_id", "arshjulsar__ar")
    )
    # Always in the same order, so two transactions never wait for each other's rows.
    for arshjul_id, ar in sorted(arsvyer):
        begar_insatsuppdatering(arshjul_id, ar, insats.pk)
