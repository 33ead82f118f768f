"""Reused reads of the wheel, always through the access policies where a user is concerned."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import dates, timezone

from arshjul import access
from arshjul.access import HANDELSE_POLICY, Handling
from arshjul.innehall import (
    Innehall,
    aggregatposter,
    begransningspost,
    handelsepost,
    helgdagsposter,
    insatsposter,
    med_insatserna,
)
from arshjul.models import (
    Arshjul,
    Arshjulsar,
    Arshjulshandelse,
    Arshjulsversion,
    Atgardspunkt,
    Begransningsperiod,
    Handelsetyp,
    Lagesbildsperiod,
    Prioritering,
    Samverkansorgan,
)
from arshjul.tillagg import INSATSKALLA
from arshjul.workflow import FARDIGA, VersionStatus
from myndigheter.models import Enhet, Lokalpolisomrade


def arsgranser(ar: int) -> tuple[datetime, datetime]:
    """The first moment of ``ar`` and of the next year, in Swedish time."""
    tz = timezone.get_default_timezone()
    return (
        datetime.combine(date(ar, 1, 1), time(0), tzinfo=tz),
        datetime.combine(date(ar + 1, 1, 1), time(0), tzinfo=tz),
    )


def begransningar_for_ar(perioder: QuerySet, ar: int) -> QuerySet:
    """The blackout periods of a year: generated ones by their year, hand-made ones by date."""
    return perioder.filter(
        Q(regel__isnull=False, ar=ar)
        | Q(regel__isnull=True, fran__lte=date(ar, 12, 31), till__gte=date(ar, 1, 1))
    )


def planerade_i_fonster(utom: int | None = None):
    """The number of operations planned in a window that will take place (but ``utom``)."""
    return INSATSKALLA().planerade_i_fonster(utom)


def planerade_per_fonster(rad, fonster_ids=None) -> dict[int, int]:
    """The number of operations taking a place in each window of a wheel's year (those of
    ``fonster_ids`` when given), as the files show it."""
    fonster = Arshjulshandelse.objects.filter(
        arshjul_id=rad.arshjul_id, ar=rad.ar, typ=Handelsetyp.INSATSFONSTER
    )
    if fonster_ids is not None:
        fonster = fonster.filter(pk__in=list(fonster_ids))
    return dict(fonster.annotate(antal=planerade_i_fonster()).values_list("pk", "antal"))


def _handelser_for_visning(handelser: QuerySet) -> QuerySet:
    return (
        handelser.select_related("organ", "ordforande_org", "antecknare_org", "lpo")
        .annotate(planerade=planerade_i_fonster())
        .order_by("start", "pk")
    )


def innehall_for_ar(rad) -> Innehall:
    """Everything on one wheel's year, for the files a build stores (no operations on them)."""
    handelser = _handelser_for_visning(
        Arshjulshandelse.objects.filter(arshjul=rad.arshjul, ar=rad.ar)
    )
    begransningar = Begransningsperiod.objects.filter(
        arshjul=rad.arshjul, ar=rad.ar
    ).select_related("lpo", "polisregion")
    poster = [handelsepost(h, 0, h.planerade) for h in handelser]
    poster += [begransningspost(b, 0) for b in begransningar]
    poster += helgdagsposter(rad.ar)
    return Innehall(rad.ar, [rad.arshjul], poster)


def innehall_for_anvandare(user, hjul_lista: list, ar: int) -> Innehall:
    """What ``user`` may see on the wheels of ``hjul_lista`` in ``ar``, in a constant number of
    queries: events and windows, window totals for those who see aggregates only, blackout
    periods, holidays, and the operations the operations' policy shows, with their readiness."""
    index = {hjul.pk: nummer for nummer, hjul in enumerate(hjul_lista)}
    hjul_ids = list(index)
    synliga = access.synliga_handelser(user).filter(arshjul__in=hjul_ids, ar=ar)
    aggregat = (
        HANDELSE_POLICY.filtrera(user, Handling.SE_AGGREGAT)
        .filter(arshjul__in=hjul_ids, ar=ar, typ=Handelsetyp.INSATSFONSTER, installd=False)
        .exclude(pk__in=synliga.values("pk"))
        .annotate(planerade=planerade_i_fonster())
        .only("pk", "arshjul_id", "start", "kapacitet")
    )
    begransningar = begransningar_for_ar(
        access.synliga_begransningar(user).filter(arshjul__in=hjul_ids), ar
    ).select_related("lpo", "polisregion")
    lpoer: dict[int, set[int]] = {pk: set() for pk in hjul_ids}
    for arshjul_id, lpo_id in Arshjul.lpoer.through.objects.filter(
        arshjul__in=hjul_ids
    ).values_list("arshjul_id", "lokalpolisomrade_id"):
        lpoer[arshjul_id].add(lpo_id)
    insatser = INSATSKALLA().for_lasare(user, hjul_ids, set().union(*lpoer.values()), ar)

    def hjul_for_insats(insats) -> list[int]:
        return [
            index[pk] for pk in hjul_ids if lpoer[pk] & insats.lpo_ids or insats.fonster_hjul == pk
        ]

    i_fonster, utan_fonster = _per_fonster_och_lpo(insatser)

    def i_fonstret(handelse, post) -> list:
        """The operations the reader sees that take a place in the window (as the count does:
        planned in it, or in its LPO and days without naming a window), in date order."""
        if handelse.typ != Handelsetyp.INSATSFONSTER:
            return []
        datum, rader = utan_fonster.get(handelse.lpo_id, ([], []))
        inom = rader[bisect_left(datum, post.fran) : bisect_right(datum, post.till)]
        return [rad for _, rad in sorted(i_fonster.get(handelse.pk, []) + inom)]

    poster = []
    for handelse in _handelser_for_visning(synliga):
        post = handelsepost(handelse, index[handelse.arshjul_id], handelse.planerade)
        if handelse.typ == Handelsetyp.INSATSFONSTER:
            post.fonster = handelse.pk
        elif handelse.typ in access.MOTESTYPER:
            post.mote = handelse.pk
        poster.append(med_insatserna(post, i_fonstret(handelse, post)))
    poster += aggregatposter(aggregat, index, ar)
    poster += [begransningspost(b, index[b.arshjul_id]) for b in begransningar]
    poster += helgdagsposter(ar)
    dagar = insatsposter(insatser, hjul_for_insats)
    return Innehall(ar, hjul_lista, poster + dagar, timezone.localdate(), bool(dagar))


def _per_fonster_och_lpo(insatser) -> tuple[dict, dict]:
    """The operations (numbered in their order, which is by start) by the window they name, and
    those naming none by LPO with their dates, so that a window's operations are found by
    bisection instead of by reading them all once per window."""
    i_fonster: dict[int, list] = defaultdict(list)
    utan: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for nummer, insats in enumerate(insatser):
        if insats.rad.fonster_id is not None:
            i_fonster[insats.rad.fonster_id].append((nummer, insats.rad))
            continue
        for lpo_id in insats.lpo_ids:
            datum, rader = utan[lpo_id]
            datum.append(insats.rad.datum)
            rader.append((nummer, insats.rad))
    return i_fonster, utan


@dataclass
class Byggstatus:
    """Where a wheel's year stands: building, waiting for a build, built, failed."""

    arshjul: Arshjul
    ar: int
    rad: Arshjulsar | None = None
    versioner: list = field(default_factory=list)

    @property
    def pagaende(self):
        return next((v for v in self.versioner if v.status == VersionStatus.BYGGS), None)

    @property
    def senaste(self):
        return next((v for v in self.versioner if v.status in FARDIGA), None)

    @property
    def publicerad(self):
        return next((v for v in self.versioner if v.status == VersionStatus.PUBLICERAD), None)

    @property
    def misslyckad(self):
        forsta = self.versioner[0] if self.versioner else None
        return forsta if forsta is not None and forsta.status == VersionStatus.FEL else None

    @property
    def vantar(self) -> bool:
        return self.pagaende is not None or (self.rad is not None and self.rad.vantar)


def byggstatus(hjul_lista: list, ar: int) -> list[Byggstatus]:
    """The build status of each wheel's year, in two queries."""
    rader = {
        rad.arshjul_id: rad
        for rad in Arshjulsar.objects.filter(arshjul__in=hjul_lista, ar=ar).prefetch_related(
            Prefetch(
                "versioner",
                queryset=Arshjulsversion.objects.exclude(
                    status__in=[VersionStatus.ERSATT, VersionStatus.AVBRUTEN]
                ).order_by("-nummer"),
            )
        )
    }
    return [
        Byggstatus(
            hjul,
            ar,
            rader.get(hjul.pk),
            list(rader[hjul.pk].versioner.all()) if hjul.pk in rader else [],
        )
        for hjul in hjul_lista
    ]


def versioner(arshjul, ar: int) -> QuerySet:
    return (
        Arshjulsversion.objects.filter(arshjulsar__arshjul=arshjul, arshjulsar__ar=ar)
        .select_related("publicerad_av")
        .order_by("-nummer")
    )


def synlig_rapport(user, rapport: dict) -> dict:
    """The build report with every operation, event and police name resolved through the
    policies: a collision or note is shown only when the user may see all it refers to."""
    lista = rapport.get("kollisioner", {}).get("lista", [])
    utanfor = rapport.get("utanfor_fonster", [])
    handelse_ids = {pk for k in lista for slag, pk in k["poster"] if slag == "handelse"}
    handelse_ids |= {rad["handelse_id"] for rad in utanfor}
    insats_ids = {pk for k in lista for slag, pk in k["poster"] if slag == "insats"}
    insats_ids |= {rad["insats_id"] for rad in utanfor}
    handelser = {h.pk: h for h in access.synliga_handelser(user).filter(pk__in=handelse_ids)}
    kalla = INSATSKALLA()
    insatser = kalla.synliga(user, insats_ids)
    polisdetaljer = kalla.med_polisdetaljer(user, insats_ids)
    namn = _resursnamn(lista)
    kollisioner = []
    for kollision in lista:
        poster = [
            handelser.get(pk) if slag == "handelse" else insatser.get(pk)
            for slag, pk in kollision["poster"]
        ]
        polisinsatser = [pk for slag, pk in kollision["poster"] if slag == "insats"]
        if None in poster or (
            kollision["polis"] and not all(pk in polisdetaljer for pk in polisinsatser)
        ):
            continue
        kollisioner.append(
            {
                "typ": kollision["typ"],
                "resurs": namn.get((kollision["typ"], kollision["resurs"]), ""),
                "poster": poster,
                "start": kollision["start"],
            }
        )
    return {
        "minimikrav": rapport.get("minimikrav", []),
        "ordning": [rad for rad in rapport.get("ordning", []) if rad["handelse_id"] in handelser],
        "placering": [
            {
                **rad,
                "manadsnamn": dates.MONTHS.get(rad.get("manad"), ""),
                "fran_datum": date.fromisoformat(rad["fran"]) if rad.get("fran") else None,
            }
            for rad in rapport.get("placering", [])
        ],
        "utanfor_fonster": [
            (insatser[rad["insats_id"]], handelser[rad["handelse_id"]])
            for rad in utanfor
            if rad["insats_id"] in insatser and rad["handelse_id"] in handelser
        ],
        "kollisioner": kollisioner,
    }


def _resursnamn(kollisioner: list[dict]) -> dict[tuple[str, int], str]:
    ids = {
        typ: {k["resurs"] for k in kollisioner if k["typ"] == typ}
        for typ in ("ORGAN", "ENHET", "PERSON")
    }
    namn = {("ORGAN", o.pk): o.namn for o in Samverkansorgan.objects.filter(pk__in=ids["ORGAN"])}
    namn |= {
        ("ENHET", e.pk): str(e)
        for e in Enhet.objects.filter(pk__in=ids["ENHET"]).select_related("organisation")
    }
    namn |= {
        ("PERSON", u.pk): u.get_full_name() or u.get_username()
        for u in get_user_model().objects.filter(pk__in=ids["PERSON"])
    }
    return namn


def _galler_under(perioder: QuerySet, fran: date, till: date, lpo_ids) -> QuerySet:
    regioner = Lokalpolisomrade.objects.filter(pk__in=lpo_ids).values("region_id")
    return (
        perioder.filter(fran__lte=till, till__gte=fran)
        .filter(
            Q(lpo__isnull=True, polisregion__isnull=True)
            | Q(lpo__in=lpo_ids)
            | Q(polisregion__in=regioner)
        )
        .order_by("fran", "arshjul_id", "regel_id", "till", "namn", "pk")
        .distinct("fran", "arshjul_id", "regel_id", "till", "namn")
    )


def begransningar_under(user, fran: date, till: date, lpo_ids) -> QuerySet:
    """The blackout periods the user may see, of active wheels overlapping [fran, till], that
    apply to any of the LPOs (or everywhere); a period carried over the new year once."""
    return _galler_under(access.synliga_begransningar(user), fran, till, lpo_ids)


def begransningar_for_planering(fran: date, till: date, lpo_ids) -> QuerySet:
    """The same periods of every active wheel, for the planning warnings of an operation."""
    return _galler_under(access.begransningar_i_kraft(), fran, till, lpo_ids)


def fonster_med_ledig_kapacitet(user, lpo_ids, efter: date, utom: int | None = None) -> QuerySet:
    """The operation windows of the LPOs starting on the day ``efter`` or later with room for
    another operation; ``ledigt`` is the room, ``planerade`` what is planned in it (the operation
    ``utom`` left out: one saved already that is about to take the place)."""
    return (
        access.synliga_handelser(user)
        .filter(
            typ=Handelsetyp.INSATSFONSTER,
            lpo__in=lpo_ids,
            start__date__gte=efter,
            installd=False,
        )
        .annotate(planerade=planerade_i_fonster(utom))
        .annotate(ledigt=F("kapacitet") - F("planerade"))
        .filter(ledigt__gt=0)
        .select_related("arshjul", "lpo")
        .order_by("start", "pk")
    )


def publicerade_versioner(user, ar_lista) -> QuerySet:
    """The published versions of the given years of every wheel the user may see in full."""
    return (
        Arshjulsversion.objects.filter(
            status=VersionStatus.PUBLICERAD,
            arshjulsar__ar__in=list(ar_lista),
            arshjulsar__arshjul__in=access.hela_arshjul(user),
        )
        .select_related("arshjulsar__arshjul")
        .order_by("arshjulsar__arshjul__namn", "arshjulsar__ar")
    )


def lagesbildsperioder() -> QuerySet:
    """Every period of the situation picture's priorities, newest first, with who set them, its
    priorities and each one's action-plan items, and the items under no priority: four queries
    whatever their number."""
    utan_prioritering = Atgardspunkt.objects.filter(prioritering__isnull=True)
    return (
        Lagesbildsperiod.objects.select_related("samverkansorgan")
        .prefetch_related(
            "organisationer",
            Prefetch(
                "prioriteringar",
                queryset=Prioritering.objects.prefetch_related("atgardspunkter"),
            ),
            Prefetch("atgardspunkter", queryset=utan_prioritering, to_attr="fristaende"),
        )
        .order_by("-fran", "namn")
    )
